/**
 * Time you can see, and undo: countdown badges after "Stop kubelet", the events panel (filter,
 * click to inspect), the timeline (drag back, read-only past, back to now), Ctrl+Z and Reset's
 * Undo. Driven as a person does: menus, drags, keys.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { drag, nodeCard, openApp, podChips, typeInTerminal } from "./helpers";

/** Where the screenshots this spec takes go (looked at by whoever changes this paragraph). */
const SHOTS = process.env.KUBEGLASS_TIME_SHOTS ?? "/tmp/time";

async function stopKubelet(page: Page, node: string): Promise<void> {
  await nodeCard(page, node)
    .getByRole("button", { name: `Actions for ${node}` })
    .click();
  await page.getByRole("menuitem", { name: "Stop kubelet" }).click();
  await expect(page.getByTestId("action-log")).toContainText(`ssh ${node} systemctl stop kubelet`);
}

/**
 * Runs a pod on the node, as a person would from the terminal, so that the node holds a pod the
 * unreachable taint evicts whatever the scenario's own pods landed on.
 */
async function runPodOn(page: Page, node: string): Promise<void> {
  await typeInTerminal(
    page,
    `kubectl run evictable --image=nginx --overrides='{"spec":{"nodeName":"${node}"}}'`,
  );
  await expect(podChips(nodeCard(page, node), "evictable")).toHaveCount(1, { timeout: 20_000 });
}

async function speed(page: Page, x: number): Promise<void> {
  await page.getByRole("button", { name: `${x}x` }).click();
}

function countdown(card: Locator, kind: string): Locator {
  return card.locator(`[data-testid="node-countdown"][data-kind="${kind}"]`);
}

/** Seconds a badge's text says are left ("NotReady in 4 m 10 s" → 250). */
function secondsIn(text: string): number {
  const m = /(?:(\d+) m)?\s*(?:(\d+) s)?$/.exec(text.trim());
  return Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
}

async function openEvents(page: Page): Promise<Locator> {
  const panel = page.getByTestId("events-panel");
  const toggle = panel.getByTestId("events-toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  return panel;
}

test("after Stop kubelet the node counts down to NotReady, then to eviction", async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const card = nodeCard(page, "node01");
  await runPodOn(page, "node01");
  await expect(card.getByTestId("node-countdown")).toHaveCount(0);
  await stopKubelet(page, "node01");
  // A lease renewal is missed after ~10 s: the NotReady countdown appears, still Ready.
  const notReady = countdown(card, "notready");
  await expect(notReady).toBeVisible({ timeout: 20_000 });
  await expect(card).toHaveAttribute("data-ready", "true");
  const first = secondsIn((await notReady.textContent()) ?? "");
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(55);
  await page.screenshot({ path: `${SHOTS}/notready-countdown-1600.png` });
  // It counts down with simulated time.
  await expect
    .poll(async () => secondsIn((await notReady.textContent()) ?? ""), { timeout: 10_000 })
    .toBeLessThan(first);
  await speed(page, 10);
  await expect(card).toHaveAttribute("data-ready", "false", { timeout: 30_000 });
  // The unreachable NoExecute taint holds the pods for their tolerationSeconds (300 s by default).
  const eviction = countdown(card, "eviction");
  await expect(eviction).toBeVisible({ timeout: 30_000 });
  await speed(page, 1);
  const left = secondsIn((await eviction.textContent()) ?? "");
  expect(left).toBeGreaterThan(200);
  expect(left).toBeLessThanOrEqual(300);
  await expect(eviction).toHaveAttribute(
    "title",
    /tolerate node\.kubernetes\.io\/unreachable:NoExecute for 300 s/,
  );
  await page.screenshot({ path: `${SHOTS}/eviction-countdown-1600.png` });
});

test("the events panel filters by type, reason and object; a row selects what it is about", async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await stopKubelet(page, "node01");
  await page.getByRole("button", { name: "+1 min" }).click();
  await expect(nodeCard(page, "node01")).toHaveAttribute("data-ready", "false", { timeout: 20_000 });
  const panel = await openEvents(page);
  const rows = panel.getByTestId("event-row");
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThan(5);
  await panel.getByTestId("events-type").selectOption("Warning");
  await expect.poll(() => rows.count()).toBeLessThan(total);
  for (const type of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-type"))))
    expect(type).toBe("Warning");
  await panel.getByTestId("events-type").selectOption("");
  await panel.getByTestId("events-reason").selectOption("NodeNotReady");
  await expect(rows.first()).toHaveAttribute("data-reason", "NodeNotReady");
  for (const reason of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-reason"))))
    expect(reason).toBe("NodeNotReady");
  await panel.getByTestId("events-object").fill("Node/node01");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-object", "Node/node01");
  await page.screenshot({ path: `${SHOTS}/events-filtered-1600.png` });
  await rows.first().click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-kind", "node");
  await expect(inspector).toHaveAttribute("data-name", "node01");
  // A pod's NodeNotReady warning selects the pod.
  await panel.getByTestId("events-object").fill("Pod/");
  await expect(rows.first()).toHaveAttribute("data-object", /^Pod\//);
  const object = (await rows.first().getAttribute("data-object")) ?? "";
  const name = object.split("/")[2];
  await rows.first().click();
  await expect(inspector).toHaveAttribute("data-kind", "pod");
  await expect(inspector).toHaveAttribute("data-name", name ?? "");
  await page.screenshot({ path: `${SHOTS}/events-select-pod-1600.png` });
});

test("drag the timeline back: the earlier cluster, read-only; back to now", async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const card = nodeCard(page, "node01");
  await page.waitForTimeout(3000);
  await stopKubelet(page, "node01");
  await page.getByRole("button", { name: "+1 min" }).click();
  await expect(card).toHaveAttribute("data-ready", "false", { timeout: 20_000 });
  const timeline = page.getByTestId("timeline");
  const max = Number(await timeline.getAttribute("max"));
  const min = Number(await timeline.getAttribute("min"));
  expect(max - min).toBeGreaterThan(60_000);
  // Drag the thumb from now to the left end: before the kubelet stopped.
  const box = await timeline.boundingBox();
  if (!box) throw new Error("no timeline");
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.move(box.x + 2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  const banner = page.getByTestId("past-banner");
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText("read-only");
  await expect(card).toHaveAttribute("data-ready", "true");
  expect(Number(await timeline.inputValue())).toBeLessThan(max);
  await page.screenshot({ path: `${SHOTS}/timeline-past-1600.png` });
  // Actions are refused while the past is shown, saying why.
  await page.getByTestId("undo").isDisabled();
  await expect(page.getByTestId("undo")).toBeDisabled();
  const palette = page.locator('[data-testid="palette-taint"]').first();
  await expect(palette).toHaveCSS("pointer-events", "none");
  await page.getByTestId("back-to-now").click();
  await expect(banner).toHaveCount(0);
  await expect(card).toHaveAttribute("data-ready", "false");
  // The live cluster ran on meanwhile: the timeline's max is now, later than before.
  expect(Number(await timeline.getAttribute("max"))).toBeGreaterThan(max);
});

test("Ctrl+Z takes a taint back; Reset offers Undo", async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const card = nodeCard(page, "node01");
  const taint = "dedicated=gpu:NoSchedule";
  await drag(page, page.locator(`[data-testid="palette-taint"][data-taint="${taint}"]`), card);
  const chip = card.locator(`[data-testid="taint-chip"][data-taint="${taint}"]`);
  await expect(chip).toBeVisible();
  await expect(page.getByTestId("undo")).toBeEnabled();
  await page.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await page.keyboard.press("Control+z");
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId("action-log")).toContainText(`undone: kubectl taint nodes node01 ${taint}`);
  await expect(page.getByTestId("toast")).toContainText("Undone");
  // Ctrl+Z in the terminal is the terminal's: nothing is undone.
  await drag(page, page.locator(`[data-testid="palette-taint"][data-taint="${taint}"]`), card);
  await expect(chip).toBeVisible();
  await page.getByTestId("terminal").click();
  await page.keyboard.press("Control+z");
  await page.waitForTimeout(500);
  await expect(chip).toBeVisible();
  // Reset: the scenario's cluster, and a toast whose Undo brings this one back.
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(chip).toHaveCount(0);
  const toast = page.getByTestId("toast");
  await expect(toast).toContainText("Cluster reset");
  await page.screenshot({ path: `${SHOTS}/reset-toast-1600.png` });
  await toast.getByTestId("toast-action").click();
  await expect(chip).toBeVisible();
  await expect(page.getByTestId("action-log")).toContainText("undone: Reset");
});

test("screenshots at three sizes: countdown, events, past", async ({ page }) => {
  await openApp(page);
  await runPodOn(page, "node01");
  await stopKubelet(page, "node01");
  await page.getByRole("button", { name: "+1 min" }).click();
  await expect(countdown(nodeCard(page, "node01"), "eviction")).toBeVisible({ timeout: 30_000 });
  await openEvents(page);
  for (const [w, h] of [
    [1600, 1000],
    [1280, 720],
    [900, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/live-${w}x${h}.png` });
    // No horizontal overflow of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  const timeline = page.getByTestId("timeline");
  await timeline.focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("past-banner")).toBeVisible({ timeout: 10_000 });
  for (const [w, h] of [
    [1600, 1000],
    [1280, 720],
    [900, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/past-${w}x${h}.png` });
  }
});
