/**
 * Accessibility: axe-core over the default views (the start page, the inspector on a pod and on a
 * node, the add-node dialog, the node menu, the labs panel, the scenario menu), in the light and
 * the dark theme. No serious or critical violation may remain; a failure prints each violation's
 * id, impact, help and targets.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { nodeCard, openApp, screenshot } from "./helpers";

type Scheme = "light" | "dark";

/**
 * Runs axe over the whole page (Monaco's and xterm's insides included: their colours come from
 * the theme, see editor/monacoTheme.ts and the terminal's minimumContrastRatio) and returns its
 * serious and critical violations, one line each.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} @ ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1] ?? ""}`,
      ),
    );
}

/** Checks the view and keeps a screenshot of it in /tmp, to look at. */
async function expectClean(page: Page, view: string): Promise<void> {
  const scheme = await page.locator("html").getAttribute("data-theme");
  await page.screenshot({ path: `/tmp/theme-a11y-${view.replace(/\W+/g, "-")}-${scheme}.png` });
  const found = await seriousViolations(page);
  expect(found, `${view}:\n${found.join("\n")}`).toEqual([]);
}

/** Sets the colour scheme as a person would: the system preference, then the toggle's choice. */
async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const toggle = page.getByTestId("theme-toggle");
  for (let i = 0; i < 3 && (await toggle.getAttribute("data-preference")) !== scheme; i++)
    await toggle.click();
  await expect(toggle).toHaveAttribute("data-preference", scheme);
  await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation in the default views (${scheme})`, async ({ page }) => {
    test.setTimeout(240_000);
    await openApp(page);
    await useScheme(page, scheme);
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
    await expectClean(page, "start page");

    // The inspector on a pod.
    await page.locator('[data-testid="pod-chip"][data-pod^="kube-system/coredns"]').first().click();
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "pod");
    await expectClean(page, "inspector (pod)");

    // The inspector on a node.
    await nodeCard(page, "node01").locator(".node-name").click();
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "node");
    await expectClean(page, "inspector (node)");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("inspector")).toHaveCount(0);

    // The node menu.
    await nodeCard(page, "node01").getByRole("button", { name: "Actions for node01" }).click();
    await expect(page.getByRole("menu", { name: "node01 actions" })).toBeVisible();
    await expectClean(page, "node menu");
    await page.keyboard.press("Escape");

    // The add-node dialog.
    await page.getByTestId("add-node").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectClean(page, "add-node dialog");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // The scenario menu.
    await page.getByTestId("scenario-menu").click();
    await expect(page.getByRole("menu", { name: "Scenario" })).toBeVisible();
    await expectClean(page, "scenario menu");
    await page.keyboard.press("Escape");

    // A toast: the message for a file that cannot be imported.
    await page.getByTestId("import-file").setInputFiles({
      name: "broken.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from("kind: [unclosed\n"),
    });
    await expect(page.getByTestId("toast")).toBeVisible();
    await expectClean(page, "toast");
    // It goes by itself after 8 s; axe may have taken longer than that.
    const dismiss = page.getByTestId("toast").getByRole("button", { name: "Dismiss" });
    if (await dismiss.isVisible()) await dismiss.click();
    await expect(page.getByTestId("toast")).toHaveCount(0);

    // The labs panel with a lab open.
    await page.locator('[data-testid="lab-item"][data-lab="taints-tolerations"]').click();
    await expect(page.getByTestId("lab-title")).toHaveText("Taints and tolerations");
    await expectClean(page, "labs panel");
  });
}

/** Pods in every tone: Pending (no node has disktype=ssd), failing, completed, running; a NoExecute taint. */
const BUSY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fast
spec:
  replicas: 3
  selector:
    matchLabels:
      app: fast
  template:
    metadata:
      labels:
        app: fast
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "echo boom; exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "echo done"]
---
apiVersion: v1
kind: Pod
metadata:
  name: near
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: fast
        topologyKey: kubernetes.io/hostname
  containers:
  - name: nginx
    image: nginx:1.27
`;

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on a busy cluster (${scheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await openApp(page);
    await useScheme(page, scheme);
    const r = await page.evaluate(
      (y) =>
        (
          window as unknown as { __kubeglass: { apply(y: string): Promise<{ exit: number }> } }
        ).__kubeglass.apply(y),
      BUSY,
    );
    expect(r.exit).toBe(0);
    await page.getByRole("button", { name: "+1 min" }).click();
    await expect(page.getByTestId("pending-lane")).toContainText("fast");
    await expect(
      page.locator('[data-testid="pod-chip"][data-pod="default/crasher"].tone-failed'),
    ).toBeVisible();
    await expect(page.locator('[data-testid="pod-chip"][data-pod="default/once"].tone-done')).toBeVisible();
    // The why-Pending explanation, with its fix buttons.
    const group = page.locator('[data-testid="pending-group"]', { hasText: "fast" });
    await group.locator(".group-toggle").click();
    await expect(group.getByTestId("fix-action").first()).toBeVisible();
    await expectClean(page, "busy cluster, why pending");
    await group.locator(".group-toggle").click();
    await page.locator('[data-testid="pod-chip"][data-pod="default/crasher"]').click();
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-name", "crasher");
    await expectClean(page, "busy cluster, failing pod inspected");
    if (scheme === "dark") await screenshot(page, "dark-theme");
  });
}

test("asked for reduced motion, the page does not animate", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openApp(page);
  // The chips' entrance and the cards' transitions are cut to nothing.
  const durations = await page
    .locator('[data-testid="pod-chip"], .tone-progress .pod-dot, .node-card')
    .evaluateAll((els) =>
      els.flatMap((el) => {
        const s = getComputedStyle(el);
        return [...s.animationDuration.split(","), ...s.transitionDuration.split(",")].map((d) =>
          Number.parseFloat(d),
        );
      }),
    );
  expect(durations.length).toBeGreaterThan(0);
  expect(Math.max(...durations)).toBeLessThan(0.001);
});
