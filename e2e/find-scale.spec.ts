/**
 * Find and scale: at 200 and 1000 nodes the search finds a pod on the last node and centres it;
 * the overview names its colour scale in a legend and a click on a node zooms to it; a minimap
 * shows where the view is. Screenshots at three sizes, looked at by hand.
 */
import { expect, type Page, test } from "@playwright/test";
import { openApp } from "./helpers";

const SHOTS = process.env.KUBEGLASS_SHOTS ?? "/tmp";

/** The replica's pod keys on a node. */
function podsOn(page: Page, node: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      (
        window as unknown as {
          __kubeglass: { store: { getState(): { podsByNode: Record<string, string[]> } } };
        }
      ).__kubeglass.store.getState().podsByNode[n] ?? [],
    node,
  );
}

/** The last node in the canvas's order. */
function lastNode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const order = (
      window as unknown as { __kubeglass: { store: { getState(): { nodeOrder: string[] } } } }
    ).__kubeglass.store.getState().nodeOrder;
    return order[order.length - 1] ?? "";
  });
}

/** How far (pixels) the element's centre is from the canvas's, and whether it lies inside it. */
async function placement(page: Page, selector: string): Promise<{ inside: boolean; offCentre: number }> {
  const canvas = await page.getByTestId("canvas").boundingBox();
  const box = await page.locator(selector).boundingBox();
  if (!canvas || !box) return { inside: false, offCentre: Number.POSITIVE_INFINITY };
  return {
    inside:
      box.x >= canvas.x &&
      box.y >= canvas.y &&
      box.x + box.width <= canvas.x + canvas.width &&
      box.y + box.height <= canvas.y + canvas.height,
    offCentre: Math.hypot(
      box.x + box.width / 2 - (canvas.x + canvas.width / 2),
      box.y + box.height / 2 - (canvas.y + canvas.height / 2),
    ),
  };
}

async function loadScenario(page: Page, id: string, nodes: number): Promise<void> {
  await page.getByLabel("Scenario").selectOption(id);
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (
              window as unknown as { __kubeglass: { store: { getState(): { nodeOrder: string[] } } } }
            ).__kubeglass.store.getState().nodeOrder.length,
        ),
      { timeout: 300_000 },
    )
    .toBe(nodes);
  await expect(page.getByTestId("cluster-overview")).toBeVisible({ timeout: 30_000 });
}

/** Searches for the pod by name with the keyboard and checks it is selected and shown. */
async function findPod(page: Page, key: string, shot?: string, timeout = 10_000): Promise<void> {
  const name = key.slice(key.indexOf("/") + 1);
  await page.keyboard.press("ControlOrMeta+k");
  await expect(page.getByTestId("search")).toBeFocused();
  await page.keyboard.type(name);
  await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-key", key);
  if (shot) await page.screenshot({ path: shot });
  await page.keyboard.press("Enter");
  const chip = `[data-testid="pod-chip"][data-pod="${key}"]`;
  await expect(page.locator(chip)).toHaveClass(/selected/, { timeout });
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-name", name, { timeout });
  // Centred in the canvas as it is once the inspector has opened beside it.
  await expect
    .poll(async () => placement(page, chip), { timeout: 20_000 })
    .toMatchObject({ inside: true, offCentre: expect.any(Number) });
  await expect
    .poll(async () => (await placement(page, chip)).offCentre, { timeout: 20_000 })
    .toBeLessThan(40);
}

test("200 nodes: the legend names the scale; the search finds a pod on the last node and centres it", async ({
  page,
}) => {
  test.setTimeout(360_000);
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await loadScenario(page, "large-200", 200);

  const legend = page.getByTestId("overview-legend");
  await expect(legend).toBeVisible();
  await expect(legend.getByRole("combobox", { name: "Overview colour scale" })).toHaveValue("cpu");
  await expect(legend).toContainText("CPU requested / allocatable");
  await expect(page.locator(".react-flow__minimap")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/find-overview-legend-1600.png` });

  const last = await lastNode(page);
  expect(last).toBe("node-0200");
  const key = (await podsOn(page, last)).find((k) => !k.startsWith("kube-system/"));
  if (!key) throw new Error(`no workload pod on ${last}`);
  await findPod(page, key, `${SHOTS}/find-search-large-1600.png`);

  // From the overview to the card: the cards are drawn again, and a minimap shows where the view is.
  await expect(page.getByTestId("cluster-overview")).toHaveCount(0);
  await expect(page.locator(".react-flow__minimap")).toBeVisible();
  await expect(page.locator(`.react-flow__node[data-id="${last}"]`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/find-found-large-1600.png` });

  // Closing the inspector widens the canvas; the pod stays in view.
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("inspector")).toHaveCount(0);
  const chip = `[data-testid="pod-chip"][data-pod="${key}"]`;
  await expect.poll(async () => (await placement(page, chip)).inside).toBe(true);
});

test("1000 nodes: a click on the overview zooms to that node; the search finds a pod on the last node", async ({
  page,
}) => {
  test.setTimeout(480_000);
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadScenario(page, "large-1000", 1000);
  // Paused (with its shortcut): at 1000 nodes a running clock floods the inspector's events
  // (see the report); this test is about finding things.
  if ((await page.getByTestId("play-pause").getAttribute("aria-pressed")) === "true")
    await page.keyboard.press("p");
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");
  await page.screenshot({ path: `${SHOTS}/find-overview-1280.png` });

  // The legend's scale can change; the overview keeps showing.
  const scale = page.getByRole("combobox", { name: "Overview colour scale" });
  await scale.selectOption("pods");
  await expect(page.getByTestId("overview-legend")).toContainText("Pods / allocatable pods");
  await scale.selectOption("cpu");

  // Fitted again (the viewport changed), a click on the first cell (top-left of the picture)
  // selects that node and zooms to its card.
  await page.locator(".react-flow__controls-fitview").click();
  await page.waitForTimeout(500);
  const overview = page.getByTestId("cluster-overview");
  const box = await overview.boundingBox();
  if (!box) throw new Error("no overview");
  await page.mouse.click(box.x + 3, box.y + 3);
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "node", { timeout: 10_000 });
  const first = await page.getByTestId("inspector").getAttribute("data-name");
  expect(first).toBeTruthy();
  await expect(page.locator(`[data-testid="node-card"][data-node="${first}"]`)).toBeVisible();

  const last = await lastNode(page);
  // A Deployment's pod when the last node has one, else its DaemonSet pod (node-agent-xxxxx).
  const onLast = await podsOn(page, last);
  const key = onLast.find((k) => !k.startsWith("kube-system/")) ?? onLast[0];
  if (!key) throw new Error(`no pod on ${last}`);
  // At 1000 nodes on this shared 2-core machine the page is slow: more time, same checks.
  await findPod(page, key, undefined, 45_000);
  await page.screenshot({ path: `${SHOTS}/find-found-1000-1280.png` });
});

for (const [width, height] of [
  [1280, 720],
  [900, 700],
] as const) {
  test(`the search, the node picker and the help fit at ${width}×${height}`, async ({ page }) => {
    await openApp(page);
    await page.setViewportSize({ width, height });
    await page.keyboard.press("ControlOrMeta+k");
    await page.keyboard.type("kube");
    await expect(page.getByTestId("search-result").first()).toBeVisible();
    const dialog = await page.getByRole("dialog", { name: "Search" }).boundingBox();
    expect(dialog && dialog.x >= 0 && dialog.x + dialog.width <= width).toBe(true);
    await page.screenshot({ path: `${SHOTS}/find-search-${width}.png` });
    await page.keyboard.press("Escape");

    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcut-help")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/find-help-${width}.png` });
    await page.keyboard.press("Escape");

    // The palette may be collapsed at narrow sizes: the picker is reached by Tab when it shows.
    const pick = page.locator('[data-testid="palette-taint"] .taint-pick').first();
    if (await pick.isVisible()) {
      await pick.focus();
      await page.keyboard.press("Enter");
      const picker = page.getByTestId("node-picker");
      await expect(picker).toBeVisible();
      const b = await picker.boundingBox();
      expect(b && b.x >= 0 && b.x + b.width <= width && b.y + b.height <= height).toBe(true);
      await page.screenshot({ path: `${SHOTS}/find-node-picker-${width}.png` });
      await page.keyboard.press("Escape");
    }
  });
}
