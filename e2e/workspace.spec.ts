/**
 * The workspace as a person lives in it: panes resized and kept across a reload, the terminal
 * maximized, a crash-looping pod inspected in the drawer (exit code, restarts, its log), Esc to
 * close, a node inspected, and a page that fits at 1280×720 and 900×700.
 */
import { expect, type Page, test } from "@playwright/test";
import { nodeCard, openApp, podChips, screenshot, typeInTerminal } from "./helpers";

async function height(page: Page, testId: string): Promise<number> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} not visible`);
  return box.height;
}

/** Nothing sticks out of the window, and the header's controls keep their place. */
async function expectNoOverflow(page: Page): Promise<void> {
  const size = page.viewportSize();
  if (!size) throw new Error("no viewport");
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    pageY: document.documentElement.scrollHeight - window.innerHeight,
    header: (() => {
      const h = document.querySelector(".app-header");
      return h ? h.scrollWidth - h.clientWidth : 0;
    })(),
  }));
  expect(overflow).toEqual({ page: 0, pageY: 0, header: 0 });
  for (const el of [
    page.getByTestId("clock"),
    page.getByRole("button", { name: "+5 min" }),
    page.getByTestId("add-node"),
  ]) {
    const box = await el.boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  }
  const title = await page.locator(".brand-name").boundingBox();
  const select = await page.getByRole("combobox", { name: "Scenario" }).boundingBox();
  if (title && select) expect(select.x).toBeGreaterThanOrEqual(title.x + title.width);
}

test("panes resize and keep their size across a reload; the terminal maximizes", async ({ page }) => {
  await openApp(page);
  const before = await height(page, "terminal-pane");
  const sep = await page.locator("#separator-terminal").boundingBox();
  if (!sep) throw new Error("no separator");
  await page.mouse.move(sep.x + sep.width / 2, sep.y + sep.height / 2);
  await page.mouse.down();
  await page.mouse.move(sep.x + sep.width / 2, sep.y - 60, { steps: 4 });
  await page.mouse.move(sep.x + sep.width / 2, sep.y - 150, { steps: 6 });
  await page.mouse.up();
  const resized = await height(page, "terminal-pane");
  expect(resized).toBeGreaterThan(before + 120);
  await page.waitForTimeout(300);
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  expect(Math.abs((await height(page, "terminal-pane")) - resized)).toBeLessThanOrEqual(2);

  await page.getByTestId("maximize-terminal").click();
  const max = await page.locator("section.terminal").boundingBox();
  expect(max?.width).toBe(1600);
  expect(max?.height).toBeGreaterThan(940 - 60);
  await typeInTerminal(page, "kubectl get pods -A -o wide");
  await screenshot(page, "terminal-maximized");
  await page.getByTestId("maximize-terminal").click();
  expect((await page.locator("section.terminal").boundingBox())?.width).toBeLessThan(1200);

  // A wider editor stays as wide while the inspector opens beside it and after it closes.
  const editorWidth = async () => (await page.getByTestId("editor-pane").boundingBox())?.width ?? 0;
  const edge = await page.locator("#separator-editor").boundingBox();
  if (!edge) throw new Error("no separator");
  await page.mouse.move(edge.x + edge.width / 2, edge.y + 300);
  await page.mouse.down();
  await page.mouse.move(edge.x - 100, edge.y + 300, { steps: 8 });
  await page.mouse.up();
  const wide = await editorWidth();
  await podChips(nodeCard(page, "node01"), "kube-proxy-").first().click();
  await expect(page.getByTestId("inspector")).toBeVisible();
  expect(Math.abs((await editorWidth()) - wide)).toBeLessThanOrEqual(2);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("inspector")).toHaveCount(0);
  expect(Math.abs((await editorWidth()) - wide)).toBeLessThanOrEqual(2);

  // The editor collapses to a strip and comes back.
  await page.getByRole("button", { name: "Hide YAML editor" }).click();
  await expect(page.getByTestId("expand-editor")).toBeVisible();
  await page.getByTestId("expand-editor").click();
  await expect(page.getByTestId("apply")).toBeVisible();
});

test("a crash-looping pod in the drawer: exit code, restarts, its log; Esc closes", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl run crash --image=busybox -- sh -c 'echo boom; exit 1'");
  const chip = podChips(page.getByTestId("canvas"), "crash").first();
  await expect(chip).toBeVisible({ timeout: 30_000 });
  await expect(chip).toHaveAttribute("data-status", /CrashLoopBackOff|Error/, { timeout: 30_000 });
  await chip.click();
  const drawer = page.getByTestId("inspector");
  await expect(drawer).toHaveAttribute("data-kind", "pod");
  await expect(drawer).toHaveAttribute("data-name", "crash");
  const container = drawer.locator('[data-testid="container"][data-container="crash"]');
  await expect(container).toHaveAttribute("data-exit-code", "1", { timeout: 30_000 });
  await expect
    .poll(async () => Number(await container.getAttribute("data-restarts")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(container).toContainText("Exit code");
  await expect(drawer.getByTestId("pod-logs")).toContainText("boom", { timeout: 10_000 });
  await drawer.getByTestId("logs-previous").check();
  await expect(drawer.getByTestId("pod-logs")).toContainText("boom");
  await expect(drawer.getByRole("region", { name: "Events" })).toContainText("BackOff");

  // The drawer sits beside the canvas: the chip stays in view, uncovered.
  await page.waitForTimeout(500);
  const chipBox = await chip.boundingBox();
  const canvasBox = await page.getByTestId("canvas").boundingBox();
  const drawerBox = await drawer.boundingBox();
  if (!chipBox || !canvasBox || !drawerBox) throw new Error("not visible");
  expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
  expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(drawerBox.x);
  await screenshot(page, "inspector-crashloop");
  await page.screenshot({ path: test.info().outputPath("drawer-1600.png") });

  await drawer.locator("header").click();
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
});

test("a node in the drawer: labels, conditions; cards list labels and no <none> role", async ({ page }) => {
  await openApp(page);
  const card = nodeCard(page, "node01");
  await expect(card.locator(".roles")).toHaveCount(0);
  await expect(card).not.toContainText("<none>");
  await typeInTerminal(page, "kubectl label node node01 disktype=ssd");
  await expect(card.getByTestId("node-card-labels")).toContainText("disktype=ssd");
  await card.getByTestId("label-toggle").click();
  await expect(card.getByTestId("node-card-labels")).toContainText("kubernetes.io/hostname=node01");
  await card.getByRole("button", { name: "node01", exact: true }).click();
  const drawer = page.getByTestId("inspector");
  await expect(drawer).toHaveAttribute("data-kind", "node");
  await expect(drawer).toHaveAttribute("data-name", "node01");
  await expect(drawer.getByTestId("node-labels")).toContainText("disktype=ssd");
  await expect(drawer.getByRole("region", { name: "Conditions" })).toContainText("Ready");
  await expect(drawer.getByRole("region", { name: "Pods" })).toContainText("kube-proxy-");
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
});

for (const [width, h] of [
  [1600, 1000],
  [1280, 720],
  [1024, 768],
  [900, 700],
] as const) {
  test(`at ${width}×${h} nothing overflows, with and without the drawer`, async ({ page }) => {
    await page.setViewportSize({ width, height: h });
    await page.goto("/");
    await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await expectNoOverflow(page);
    await page.screenshot({ path: test.info().outputPath(`workspace-${width}.png`) });
    const chip = podChips(page.getByTestId("canvas"), "kube-proxy-").first();
    await chip.click();
    await expect(page.getByTestId("inspector")).toBeVisible();
    await page.waitForTimeout(800);
    await expectNoOverflow(page);
    const chipBox = await chip.boundingBox();
    const drawerBox = await page.getByTestId("inspector").boundingBox();
    if (!chipBox || !drawerBox) throw new Error("not visible");
    expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(drawerBox.x);
    expect(drawerBox.x + drawerBox.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`workspace-${width}-drawer.png`) });
  });
}
