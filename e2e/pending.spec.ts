/**
 * Why Pending, answered: pending pods grouped by their Deployment with the decisive reason first;
 * opened, the group says node by node what keeps the pod off (a label, the cordon, a taint) and
 * offers the fix as a button that runs the kubectl command, echoed in the terminal.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { nodeCard, openApp, pasteIntoEditor, podChips, terminalText } from "./helpers";

/** Where the screenshots of this spec go (looked at by hand). */
const SHOTS = process.env.KUBEGLASS_PENDING_SHOTS ?? "/tmp/pending";

function deployment(name: string, replicas: number, podSpec: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${podSpec}
      containers:
      - name: ${name}
        image: nginx
`;
}

async function applyInEditor(page: Page, yaml: string, expected: string): Promise<void> {
  await pasteIntoEditor(page, yaml);
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText(expected);
}

function group(page: Page, owner: string) {
  return page.locator(`[data-testid="pending-group"][data-owner="${owner}"]`);
}

function whyNode(page: Page, owner: string, node: string) {
  return group(page, owner).locator(`[data-testid="why-node"][data-node="${node}"]`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}-${name}.png` });
}

test("160 replicas needing disktype=ssd: one group, the missing label per node, and the label fix", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await applyInEditor(
    page,
    deployment("web", 160, "      nodeSelector:\n        disktype: ssd"),
    "deployment.apps/web created",
  );
  const web = group(page, "Deployment/web");
  await expect(web).toHaveAttribute("data-count", "160", { timeout: 30_000 });
  await expect(page.getByTestId("pending-group")).toHaveCount(1);
  // The decisive part first: the reasons, before "0/3 nodes are available".
  await expect(web.locator(".decisive")).toContainText("node(s) didn't match Pod's node affinity/selector");
  await expect(web.getByRole("button", { name: /web\s*×160/ })).toBeVisible();
  await shot(page, "1600-group");

  await web.getByRole("button", { name: /web\s*×160/ }).click();
  for (const node of ["node01", "node02", "controlplane"])
    await expect(whyNode(page, "Deployment/web", node)).toContainText("missing label disktype=ssd");
  await expect(whyNode(page, "Deployment/web", "controlplane")).toContainText(
    "untolerated taint node-role.kubernetes.io/control-plane:NoSchedule",
  );
  // The lane stays bounded: the node cards are still on screen under it.
  await expect(nodeCard(page, "node01")).toBeInViewport();
  await shot(page, "1600-open");
  // The open group passes axe-core: no serious or critical violations. (Pod chips keep the
  // canvas's status palette, checked with the theme.)
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="pending-lane"]')
    .exclude('[data-testid="pod-chip"]')
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  const fix = whyNode(page, "Deployment/web", "node01").locator(
    '[data-testid="fix-action"][data-command="kubectl label node node01 disktype=ssd"]',
  );
  await expect(fix).toBeVisible();
  await fix.click();
  await expect.poll(() => terminalText(page)).toContain("kubectl label node node01 disktype=ssd");
  await expect.poll(() => terminalText(page)).toContain("node/node01 labeled");
  await expect(podChips(nodeCard(page, "node01"), "web-").first()).toBeVisible({ timeout: 30_000 });
  // node01 takes what its pod limit allows; the rest still wait, fewer of them.
  await expect
    .poll(async () => Number(await web.getAttribute("data-count")), { timeout: 30_000 })
    .toBeLessThan(160);
  await expect(whyNode(page, "Deployment/web", "node01")).toContainText(/full: \d+ of \d+ pods/, {
    timeout: 30_000,
  });
  await shot(page, "1600-fixed");

  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(whyNode(page, "Deployment/web", "node02")).toBeVisible();
  await shot(page, "1280");
  await page.setViewportSize({ width: 900, height: 700 });
  await expect(web).toBeVisible();
  await shot(page, "900");
});

test("a cordoned node: the group says so and the uncordon fix schedules the pods", async ({ page }) => {
  await openApp(page);
  for (const node of ["node01", "node02"]) {
    await nodeCard(page, node)
      .getByRole("button", { name: `Actions for ${node}` })
      .click();
    await page.getByRole("menuitem", { name: "Cordon" }).click();
    await expect(nodeCard(page, node)).toHaveAttribute("data-unschedulable", "true");
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await applyInEditor(page, deployment("api", 3, ""), "deployment.apps/api created");
  const api = group(page, "Deployment/api");
  await expect(api).toHaveAttribute("data-count", "3", { timeout: 30_000 });
  await api.getByRole("button", { name: /api\s*×3/ }).click();
  await expect(whyNode(page, "Deployment/api", "node01")).toContainText("unschedulable (cordoned)");
  await shot(page, "cordoned");
  // The pod's drawer says the same, node by node, with the same fixes.
  await api.locator('[data-testid="pod-chip"]').first().click();
  const scheduling = page.getByRole("region", { name: "Scheduling" });
  await expect(scheduling).toContainText("unschedulable (cordoned)");
  await expect(
    scheduling.locator('[data-testid="fix-action"][data-command="kubectl uncordon node02"]'),
  ).toBeVisible();
  await scheduling.scrollIntoViewIfNeeded();
  await shot(page, "cordoned-drawer");
  await page.keyboard.press("Escape");
  await whyNode(page, "Deployment/api", "node01")
    .locator('[data-testid="fix-action"][data-command="kubectl uncordon node01"]')
    .click();
  await expect.poll(() => terminalText(page)).toContain("node/node01 uncordoned");
  await expect(podChips(nodeCard(page, "node01"), "api-")).toHaveCount(3, { timeout: 30_000 });
  await expect(api).toHaveCount(0);
});

test("a taint: remove it, or tolerate it in the Deployment's YAML from the editor", async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  for (const node of ["node01", "node02"]) {
    await terminalText(page);
    await page.getByTestId("terminal").click();
    await page.keyboard.type(`kubectl taint node ${node} gpu=true:NoSchedule`);
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page)).toContain(`node/${node} tainted`);
  }
  await applyInEditor(page, deployment("ml", 2, ""), "deployment.apps/ml created");
  const ml = group(page, "Deployment/ml");
  await expect(ml).toHaveAttribute("data-count", "2", { timeout: 30_000 });
  await ml.getByRole("button", { name: /ml\s*×2/ }).click();
  const node02 = whyNode(page, "Deployment/ml", "node02");
  await expect(node02).toContainText("untolerated taint gpu=true:NoSchedule");
  await expect(
    node02.locator(
      '[data-testid="fix-action"][data-command="kubectl taint node node02 gpu=true:NoSchedule-"]',
    ),
  ).toBeVisible();
  await shot(page, "taint");

  // Tolerating opens the Deployment in the editor with the toleration added; saving rolls it out.
  await node02.locator('[data-testid="fix-action"][data-command="kubectl edit deployment/ml"]').click();
  const editorText = () =>
    page.evaluate(() =>
      (window as unknown as { __kubeglass: { getEditorText(): string } }).__kubeglass.getEditorText(),
    );
  await expect
    .poll(editorText)
    .toContain(
      'tolerations:\n      - key: gpu\n        operator: Equal\n        value: "true"\n        effect: NoSchedule',
    );
  await expect.poll(() => terminalText(page)).toContain("kubectl edit deployment/ml");
  await shot(page, "toleration-edit");
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("deployment.apps/ml edited");
  await expect(ml).toHaveCount(0, { timeout: 30_000 });
  const placed = page.locator('[data-testid="node-card"] [data-testid="pod-chip"][data-pod*="/ml-"]');
  await expect(placed).toHaveCount(2, { timeout: 30_000 });
});

test("too much CPU requested: the free amount per node, and lowering the request schedules it", async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await applyInEditor(
    page,
    deployment("big", 1, "").replace(
      "        image: nginx\n",
      '        image: nginx\n        resources:\n          requests:\n            cpu: "5"\n',
    ),
    "deployment.apps/big created",
  );
  const big = group(page, "Deployment/big");
  await expect(big).toHaveAttribute("data-count", "1", { timeout: 30_000 });
  await big.getByRole("button", { name: /big\s*×1/ }).click();
  const node01 = whyNode(page, "Deployment/big", "node01");
  await expect(node01).toContainText(/\d+m CPU free, pod requests 5/);
  const free = /(\d+m) CPU free/.exec(
    (await node01.getByTestId("why-obstacle").first().textContent()) ?? "",
  )?.[1];
  const fix = node01.locator(
    `[data-testid="fix-action"][data-command="kubectl set resources deployment/big -c=big --requests=cpu=${free}"]`,
  );
  await expect(fix).toBeVisible();
  await shot(page, "resources");
  await fix.click();
  await expect.poll(() => terminalText(page)).toContain("deployment.apps/big resource requirements updated");
  await expect(big).toHaveCount(0, { timeout: 30_000 });
  // node01 and node02 have the same room: the scheduler picks one.
  await expect(
    page.locator('[data-testid="node-card"] [data-testid="pod-chip"][data-pod*="/big-"]'),
  ).toHaveCount(1, {
    timeout: 30_000,
  });
});

test("the node drawer says which DaemonSets run there and why the others do not", async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page
    .getByRole("combobox", { name: "Template" })
    .selectOption({ label: "DaemonSet with nodeSelector" });
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("created");
  await nodeCard(page, "node02").getByRole("button", { name: "node02", exact: true }).click();
  const drawer = page.locator('[data-testid="inspector"][data-kind="node"][data-name="node02"]');
  await expect(drawer).toBeVisible();
  const daemonSets = drawer.getByTestId("node-daemonsets");
  await expect(daemonSets.locator('[data-daemonset="kube-system/kube-proxy"]')).toHaveAttribute(
    "data-should-run",
    "true",
  );
  await expect(daemonSets.locator('[data-daemonset="kube-system/kube-proxy"]')).toContainText(
    "runs here: kube-proxy-",
  );
  const ssd = daemonSets.locator('[data-testid="daemonset-verdict"][data-should-run="false"]');
  await expect(ssd).toHaveCount(1);
  await expect(ssd).toContainText("does not run here: missing label disk=ssd");
  await drawer.getByRole("region", { name: "DaemonSets" }).scrollIntoViewIfNeeded();
  await shot(page, "node-daemonsets");
});
