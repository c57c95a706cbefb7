/** The canvas at scale: 200 nodes / 3000 pods load, zooming out swaps chips for summaries, the DOM stays small. */
import { expect, type Page, test } from "@playwright/test";
import { nodeCard, openApp, screenshot } from "./helpers";

/** Elements React Flow renders for nodes, and elements in the whole canvas. */
function domCounts(page: Page): Promise<{ flowNodes: number; canvasElements: number }> {
  return page.evaluate(() => ({
    flowNodes: document.querySelectorAll(".react-flow__node").length,
    canvasElements: document.querySelectorAll('[data-testid="canvas"] *').length,
  }));
}

/** Zooms in with the mouse wheel, a notch at a time, until `until` shows (at most 40 notches). */
async function zoomInUntil(page: Page, until: string): Promise<void> {
  const box = await page.getByTestId("canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40 && (await page.locator(until).count()) === 0; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
}

test("large-200 loads; zooming out shows summaries, then the overview; the DOM stays bounded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByLabel("Scenario").selectOption("large-200");
  await expect(page.locator(".brand-sub")).toContainText("200 nodes · 3000 pods", { timeout: 60_000 });

  // Fitted to 200 nodes, the cluster is one overview picture.
  await expect(page.getByTestId("cluster-overview")).toBeVisible({ timeout: 20_000 });
  expect((await domCounts(page)).flowNodes).toBe(1);
  await screenshot(page, "canvas-scale-overview");

  // Zoom in: cards with pod-count summaries, only the visible ones rendered.
  await zoomInUntil(page, ".pod-summary");
  await expect(page.locator(".pod-summary").first()).toBeVisible();
  await expect(page.locator('[data-testid="pod-chip"]')).toHaveCount(0);
  const mid = await domCounts(page);
  expect(mid.flowNodes).toBeGreaterThan(1);
  expect(mid.flowNodes).toBeLessThan(120);
  await screenshot(page, "canvas-scale-summary");

  // Zoom further in: chips on the few cards in view.
  await zoomInUntil(page, '[data-testid="pod-chip"]');
  await expect(page.locator('[data-testid="pod-chip"]').first()).toBeVisible();
  const near = await domCounts(page);
  expect(near.flowNodes).toBeLessThan(30);
  // About twenty cards in view with their chips: a few thousand elements, where rendering every
  // card and chip of 3000 pods would take tens of thousands. (How many chips the cards in view
  // hold depends on where the scheduler put the pods.)
  expect(near.canvasElements).toBeLessThan(4000);

  // Pan across the grid: cards come and go, still bounded.
  const box = await page.getByTestId("canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 50, box.y + 50, { steps: 10 });
  await page.mouse.up();
  expect((await domCounts(page)).flowNodes).toBeLessThan(30);
  await expect(nodeCard(page, "node-0001")).toHaveCount(0);
});
