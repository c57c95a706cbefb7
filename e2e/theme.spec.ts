/**
 * The colour theme: it follows the system's preference until a person chooses, the toggle cycles
 * system → light → dark, the choice survives a reload, and everything takes it: the page's
 * surfaces, node cards, Monaco and xterm.
 */
import { expect, type Page, test } from "@playwright/test";
import { nodeCard } from "./helpers";

/** The computed background colour of the first element matching selector. */
function background(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
}

test("the theme follows the system, the toggle overrides it, and the choice is kept", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  const html = page.locator("html");
  const toggle = page.getByTestId("theme-toggle");

  // Nothing chosen: the system's dark preference, and its change, are followed live.
  await expect(toggle).toHaveAttribute("data-preference", "system");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAccessibleName("Theme: system (switch to light)");
  const darkCard = await background(page, '[data-testid="node-card"]');
  await expect(page.locator(".monaco-editor").first()).toHaveClass(/vs-dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await background(page, '[data-testid="node-card"]')).not.toBe(darkCard);
  await expect(page.locator(".monaco-editor").first()).not.toHaveClass(/vs-dark/);

  // The toggle: light, then dark whatever the system says; Monaco and xterm follow.
  const termLight = await background(page, ".xterm-host .xterm");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-preference", "light");
  await expect(html).toHaveAttribute("data-theme", "light");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-preference", "dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.locator(".monaco-editor").first()).toHaveClass(/vs-dark/);
  expect(await background(page, '[data-testid="node-card"]')).toBe(darkCard);
  await expect.poll(() => background(page, ".xterm-host .xterm")).not.toBe(termLight);
  // The editor's background is the page's surface, not Monaco's own grey.
  expect(await background(page, ".monaco-editor .monaco-editor-background")).toBe(
    await background(page, ".editor-panel"),
  );

  // Kept across a reload, against the system's light preference.
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("data-preference", "dark");
  expect(await page.evaluate(() => localStorage.getItem("kubeglass.theme"))).toBe("dark");
  await page.screenshot({ path: "/tmp/theme-dark-1440.png" });

  // Back to the system's choice.
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-preference", "system");
  await expect(html).toHaveAttribute("data-theme", "light");
});

test("the theme toggle works from the keyboard", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("add-node").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("theme-toggle")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

/** The relative brightness (0–1) of an "rgb(r, g, b)" colour, roughly as the eye sees it. */
function brightness(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
}

test("a large cluster's overview and zoomed-out cards are dark in the dark theme", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Scenario").selectOption("large-200");
  await expect(page.locator(".brand-sub")).toContainText("200 nodes", { timeout: 60_000 });
  const overview = page.getByTestId("cluster-overview");
  await expect(overview).toBeVisible({ timeout: 20_000 });
  // The first cell's fill, a few pixels inside its corner.
  const cell = await overview.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")?.getImageData(12, 12, 1, 1).data;
    return d ? `rgb(${d[0]}, ${d[1]}, ${d[2]})` : "";
  });
  expect(brightness(cell)).toBeLessThan(0.35);
  await page.screenshot({ path: "/tmp/theme-overview-dark.png" });

  // Zoomed in a little: the compact cards, on a dark heat background.
  const box = await page.getByTestId("canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.move(box.x + 120, box.y + 120);
  for (let i = 0; i < 20 && (await page.locator(".node-card.compact").count()) === 0; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(60);
  }
  const compact = page.locator(".node-card.compact").first();
  await expect(compact).toBeVisible();
  expect(brightness(await compact.evaluate((el) => getComputedStyle(el).backgroundColor))).toBeLessThan(0.35);
  await page.screenshot({ path: "/tmp/theme-compact-dark.png" });
});
