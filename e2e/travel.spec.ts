/**
 * Travel (issue 12): a share link replays what a person did on the scenario it started from;
 * exports leave out what the cluster regenerates; import takes manifests and a real cluster's
 * `kubectl get -A -o yaml` as well as scenario files.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { autosaved, drag, nodeCard, openApp, podChips, typeInTerminal } from "./helpers";

const TAINT = "dedicated=gpu:NoSchedule";
const SHOTS = "/tmp/travel";
const CLUSTER_EXPORT = readFileSync(
  new URL("../src/testing/fixtures/kubeadm-3node-export.yaml", import.meta.url),
  "utf8",
);

/** The pods on the canvas (namespace/name), sorted. */
function podNames(page: Page, prefix = ""): Promise<string[]> {
  return page
    .locator(`[data-testid="pod-chip"][data-pod*="/${prefix}"]`)
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-pod")}`).sort());
}

/** Which node each pod is on, as the canvas draws it. */
function placement(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="node-card"]')
    .evaluateAll((cards) =>
      cards
        .flatMap((card) =>
          [...card.querySelectorAll('[data-testid="pod-chip"]')].map(
            (chip) => `${chip.getAttribute("data-pod")} on ${card.getAttribute("data-node")}`,
          ),
        )
        .sort(),
    );
}

/** The export with one more item, of a kind from a CRD (as a cluster with Prometheus has). */
function withServiceMonitor(list: string): string {
  const item = [
    "- apiVersion: monitoring.coreos.com/v1",
    "  kind: ServiceMonitor",
    "  metadata:",
    "    name: web",
    "    namespace: default",
    "    uid: 0d6f4f47-3b0e-4a57-9b1e-5a3c2f7e9d10",
    "  spec:",
    "    endpoints:",
    "    - port: http",
    "    selector:",
    "      matchLabels:",
    "        app: web",
    "",
  ].join("\n");
  return list.replace(/^kind: List$/m, `${item}kind: List`);
}

async function openShare(page: Page): Promise<string> {
  await page.getByTestId("scenario-menu").click();
  await page.getByTestId("share-link").click();
  const input = page.getByTestId("share-url");
  await expect(input).toBeVisible();
  return input.inputValue();
}

test("a share link replays ten actions and opens the same cluster", async ({ page, browser }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  // Ten things a person does: a drag, menu actions, the terminal, the add-node form, time.
  await drag(
    page,
    page.locator(`[data-testid="palette-taint"][data-taint="${TAINT}"]`),
    nodeCard(page, "node01"),
  );
  await expect(
    nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible();
  await typeInTerminal(page, "kubectl create deployment web --image=nginx --replicas=4");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/web-"][data-phase="Running"]'),
  ).toHaveCount(4, {
    timeout: 20_000,
  });
  const node02 = nodeCard(page, "node02");
  await node02.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Cordon" }).click();
  await expect(node02).toHaveAttribute("data-unschedulable", "true");
  await typeInTerminal(page, "kubectl scale deployment web --replicas=6");
  await typeInTerminal(page, "kubectl label nodes node01 disktype=ssd");
  await page.getByTestId("add-node").click();
  const dialog = page.getByRole("form", { name: "Add node" });
  await dialog.getByLabel("Name").fill("node03");
  await dialog.getByRole("button", { name: "Add node" }).click();
  await expect(nodeCard(page, "node03")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await page.getByRole("button", { name: "+1 min" }).click();
  await typeInTerminal(page, "kubectl run probe --image=busybox -- sleep 3600");
  await node02.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Uncordon" }).click();
  await expect(node02).toHaveAttribute("data-unschedulable", "false");
  await typeInTerminal(page, "kubectl delete deployment web");
  await expect(page.locator('[data-testid="pod-chip"][data-pod^="default/web-"]')).toHaveCount(0, {
    timeout: 30_000,
  });
  await typeInTerminal(page, "kubectl create deployment api --image=nginx --replicas=3");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/api-"][data-phase="Running"]'),
  ).toHaveCount(3, {
    timeout: 20_000,
  });
  // Time stops so that the two pages compare the same instant.
  await page.getByTestId("play-pause").click();
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");

  const link = await openShare(page);
  expect(link).toMatch(/#r=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(2048);
  await expect(page.getByTestId("share-carries")).toContainText(
    "replays 10 commands from CKA practice cluster",
  );
  console.log(`share link after ten actions: ${link.length} characters`);
  await page.screenshot({ path: `${SHOTS}/share-1600.png` });
  // The share panel passes axe: no serious or critical violations.
  const axe = await new AxeBuilder({ page }).include('[data-testid="share-panel"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  const before = await placement(page);
  const clock = await page.getByTestId("clock").getAttribute("title");
  await page.setViewportSize({ width: 900, height: 700 });
  await expect(page.getByTestId("share-url")).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/share-900.png` });

  // Another browser profile (its own, empty, IndexedDB), at a small window.
  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.setViewportSize({ width: 900, height: 700 });
  await visitor.goto(link);
  await expect(nodeCard(visitor, "node03")).toBeVisible({ timeout: 30_000 });
  await expect(visitor.getByTestId("toast")).toContainText("Opened a shared cluster");
  await visitor.getByTestId("play-pause").click();
  await expect(
    nodeCard(visitor, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeAttached();
  // The same pods, by name, on the same nodes (time paused a moment after the link opened).
  await expect.poll(() => placement(visitor)).toEqual(before);
  expect(
    new Date((await visitor.getByTestId("clock").getAttribute("title")) ?? "").getTime(),
  ).toBeGreaterThanOrEqual(new Date(clock ?? "").getTime());
  await visitor.screenshot({ path: `${SHOTS}/shared-900.png` });
  await other.close();
});

test("after a reload the share link still replays the history, the commands since included", async ({
  page,
}) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl create deployment web --image=nginx --replicas=2");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/web-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  await autosaved(page);
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await typeInTerminal(page, "kubectl scale deployment web --replicas=3");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/web-"][data-phase="Running"]'),
  ).toHaveCount(3, {
    timeout: 20_000,
  });
  const link = await openShare(page);
  expect(link).toMatch(/#r=/);
  await expect(page.getByTestId("share-carries")).toContainText("replays 2 commands");
  const pods = await podNames(page, "web-");
  const visitor = await (await page.context().browser()?.newContext())?.newPage();
  if (!visitor) throw new Error("no browser");
  await visitor.setViewportSize({ width: 1600, height: 1000 });
  await visitor.goto(link);
  await expect(visitor.locator('[data-testid="pod-chip"][data-pod^="default/web-"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  expect(await podNames(visitor, "web-")).toEqual(pods);
  await visitor.context().close();
});

test("an undone action leaves the share link's history", async ({ page, browser }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl create deployment web --image=nginx --replicas=2");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/web-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  const card = nodeCard(page, "node01");
  await drag(page, page.locator(`[data-testid="palette-taint"][data-taint="${TAINT}"]`), card);
  const chip = card.locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`);
  await expect(chip).toBeVisible();
  await page.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await page.keyboard.press("Control+z");
  await expect(chip).toHaveCount(0);
  const link = await openShare(page);
  expect(link).toMatch(/#r=/);
  await expect(page.getByTestId("share-carries")).toContainText("replays 1 command from");
  const pods = await podNames(page, "web-");
  const visitor = await (await browser.newContext()).newPage();
  await visitor.setViewportSize({ width: 1600, height: 1000 });
  await visitor.goto(link);
  await expect(visitor.locator('[data-testid="pod-chip"][data-pod^="default/web-"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  expect(await podNames(visitor, "web-")).toEqual(pods);
  await expect(
    nodeCard(visitor, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toHaveCount(0);
  await visitor.context().close();
});

test("import a manifest file: it is applied to the cluster", async ({ page }) => {
  await openApp(page);
  const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: cart}
  template:
    metadata:
      labels: {app: cart}
    spec:
      containers:
      - name: cart
        image: nginx
`;
  await page.getByTestId("import-file").setInputFiles({
    name: "shop.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(manifest),
  });
  await expect(page.getByTestId("toast")).toContainText("Applied shop.yaml");
  await expect(page.getByTestId("toast")).toContainText("deployment.apps/cart created");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="shop/cart-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  // The cluster was added to, not replaced.
  await expect(nodeCard(page, "controlplane")).toBeVisible();
  await expect(page.getByTestId("action-log")).toContainText("kubectl apply -f shop.yaml");
});

test("import a real cluster's kubectl get -A -o yaml: its nodes, taints and pods, steady", async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByTestId("import-file").setInputFiles({
    name: "prod.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(withServiceMonitor(CLUSTER_EXPORT)),
  });
  await expect(page.getByTestId("toast")).toContainText("Imported prod.yaml");
  // A kind the simulator does not have is named, not dropped silently.
  await expect(page.getByTestId("toast")).toContainText(
    "kind ServiceMonitor is not simulated: 1 skipped (default/web)",
  );
  for (const n of ["kg-cp", "kg-w1", "kg-w2"])
    await expect(nodeCard(page, n)).toBeVisible({ timeout: 20_000 });
  await expect(nodeCard(page, "controlplane")).toHaveCount(0);
  await expect(
    nodeCard(page, "kg-w2").locator(
      '[data-testid="taint-chip"][data-taint="dedicated=batch:PreferNoSchedule"]',
    ),
  ).toBeVisible();
  await expect(podChips(nodeCard(page, "kg-w1"), "web-7c5ddbdf54-")).toHaveCount(2);
  await expect(podChips(nodeCard(page, "kg-w2"), "web-7c5ddbdf54-")).toHaveCount(1);
  const before = await placement(page);
  expect(before).toHaveLength(12);
  // Five minutes on, nothing moved: no rescheduling, no duplicate pods.
  await page.getByRole("button", { name: "+5 min" }).click();
  await page.waitForTimeout(1500);
  expect(await placement(page)).toEqual(before);
  await expect(page.locator('[data-testid="pod-chip"]:not([data-phase="Running"])')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/imported-1600.png` });
  await page.setViewportSize({ width: 900, height: 700 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/imported-900.png` });
  // The dark theme: the imported cluster's share link (a snapshot: it was not built from a scenario).
  await page.emulateMedia({ colorScheme: "dark" });
  await openShare(page);
  await expect(page.getByTestId("share-carries")).toContainText("a compressed snapshot");
  const axe = await new AxeBuilder({ page }).include('[data-testid="share-panel"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/imported-share-dark-900.png` });
});

test("the default export leaves out what the cluster regenerates; full snapshot is a tick away", async ({
  page,
}) => {
  await openApp(page);
  const download = async (full: boolean) => {
    await page.getByTestId("scenario-menu").click();
    const box = page.getByTestId("export-full");
    if (!full) await page.screenshot({ path: `${SHOTS}/scenario-menu.png` });
    if ((await box.isChecked()) !== full) await box.click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    const path = await file.path();
    return readFileSync(path, "utf8");
  };
  await page.getByTestId("play-pause").click();
  const slim = await download(false);
  const full = await download(true);
  console.log(`export of the default cluster: default ${slim.length} bytes, full ${full.length} bytes`);
  expect(slim.length).toBeLessThan(full.length / 2);
  expect(slim).not.toContain("kind: Event\n");
  expect(full).toContain("kind: Event\n");
  // The default export imports back to the same nodes and pods.
  const names = await podNames(page, "");
  await page.getByTestId("import-file").setInputFiles({
    name: "slim.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(slim),
  });
  await expect(page.getByTestId("toast")).toContainText("Imported slim.yaml");
  await expect.poll(() => podNames(page, "")).toEqual(names);
});
