/**
 * The layout from a wide desktop down to 900×700: the document and the header never scroll
 * sideways, the header's controls stay on screen without covering one another, and the panes
 * keep a usable size, in the light and the dark theme (screenshots in /tmp, to look at).
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { nodeCard } from "./helpers";

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 900, height: 700 },
];

type Box = { x: number; y: number; width: number; height: number };

async function box(el: Locator, what: string): Promise<Box> {
  await expect(el, what).toBeVisible();
  const b = await el.boundingBox();
  if (!b) throw new Error(`${what}: no box`);
  return b;
}

/** The document and the header do not scroll sideways (scrollWidth ≤ clientWidth). */
async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const over = (el: Element | null) => (el ? el.scrollWidth - el.clientWidth : -1);
    return {
      document: over(document.documentElement),
      body: over(document.body),
      app: over(document.querySelector(".app")),
      header: over(document.querySelector(".app-header")),
    };
  });
  expect(overflow.document, `${where}: document overflows`).toBeLessThanOrEqual(0);
  expect(overflow.body, `${where}: body overflows`).toBeLessThanOrEqual(0);
  expect(overflow.app, `${where}: the app overflows`).toBeLessThanOrEqual(0);
  expect(overflow.header, `${where}: header overflows`).toBeLessThanOrEqual(0);
  expect(overflow.header, `${where}: no header`).toBeGreaterThanOrEqual(0);
}

/** The header's controls: each on screen, inside the header, and none covering another. */
async function expectHeaderControls(page: Page, where: string): Promise<void> {
  const size = page.viewportSize();
  if (!size) throw new Error("no viewport");
  const header = await box(page.locator(".app-header"), "header");
  const controls: [string, Locator][] = [
    ["title", page.locator(".brand-name")],
    ["scenario select", page.getByRole("combobox", { name: "Scenario" })],
    ["reset", page.getByRole("button", { name: "Reset" })],
    ["scenario menu", page.getByTestId("scenario-menu")],
    ["play", page.getByTestId("play-pause")],
    ["step", page.getByRole("button", { name: "Step" })],
    ["+5 min", page.getByRole("button", { name: "+5 min" })],
    ["clock", page.getByTestId("clock")],
    ["add node", page.getByTestId("add-node")],
    ["theme", page.getByTestId("theme-toggle")],
  ];
  const boxes: [string, Box][] = [];
  for (const [name, el] of controls) {
    const b = await box(el, `${where}: ${name}`);
    expect(b.x, `${where}: ${name} starts off-screen`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${where}: ${name} ends off-screen`).toBeLessThanOrEqual(size.width);
    expect(b.y, `${where}: ${name} above the header`).toBeGreaterThanOrEqual(header.y);
    expect(b.y + b.height, `${where}: ${name} below the header`).toBeLessThanOrEqual(
      header.y + header.height,
    );
    boxes.push([name, b]);
  }
  // In header order, each control starts where the one before it ends (nothing covers the title).
  for (let i = 1; i < boxes.length; i++) {
    const [prevName, prev] = boxes[i - 1] as [string, Box];
    const [name, b] = boxes[i] as [string, Box];
    expect(b.x, `${where}: ${name} overlaps ${prevName}`).toBeGreaterThanOrEqual(prev.x + prev.width - 0.5);
  }
}

/** The canvas, the terminal and the editor each keep a usable share of the window. */
async function expectPanes(page: Page, where: string): Promise<void> {
  const size = page.viewportSize();
  if (!size) throw new Error("no viewport");
  for (const [name, el, minW, minH] of [
    ["canvas", page.getByTestId("canvas"), 300, 120],
    ["terminal", page.getByTestId("terminal"), 300, 60],
    ["editor", page.getByRole("region", { name: "YAML editor" }), 250, 200],
    ["apply", page.getByTestId("apply"), 40, 20],
  ] as const) {
    const b = await box(el, `${where}: ${name}`);
    expect(b.width, `${where}: ${name} too narrow`).toBeGreaterThanOrEqual(minW);
    expect(b.height, `${where}: ${name} too short`).toBeGreaterThanOrEqual(minH);
    expect(b.x + b.width, `${where}: ${name} off-screen`).toBeLessThanOrEqual(size.width + 0.5);
    expect(b.y + b.height, `${where}: ${name} below the window`).toBeLessThanOrEqual(size.height + 0.5);
  }
}

async function chooseTheme(page: Page, scheme: "light" | "dark"): Promise<void> {
  const toggle = page.getByTestId("theme-toggle");
  for (let i = 0; i < 3 && (await toggle.getAttribute("data-preference")) !== scheme; i++)
    await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
}

for (const size of SIZES) {
  const name = `${size.width}x${size.height}`;
  test(`at ${name} nothing overflows and the controls stay on screen, light and dark`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });

    for (const scheme of ["light", "dark"] as const) {
      await chooseTheme(page, scheme);
      const where = `${name} ${scheme}`;
      await expectNoHorizontalOverflow(page, where);
      await expectHeaderControls(page, where);
      await expectPanes(page, where);
      await page.screenshot({ path: `/tmp/theme-responsive-${name}-${scheme}.png` });

      // With the inspector open on a node, still nothing overflows and the editor keeps Apply.
      await nodeCard(page, "node01").locator(".node-name").click();
      await expect(page.getByTestId("inspector")).toBeVisible();
      await expectNoHorizontalOverflow(page, `${where}, inspector open`);
      await expectHeaderControls(page, `${where}, inspector open`);
      const inspector = await box(page.getByTestId("inspector"), `${where}: inspector`);
      expect(inspector.x + inspector.width).toBeLessThanOrEqual(size.width);
      await expect(page.getByTestId("apply")).toBeInViewport();
      await page.screenshot({ path: `/tmp/theme-responsive-${name}-${scheme}-inspector.png` });
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("inspector")).toHaveCount(0);
    }
  });
}
