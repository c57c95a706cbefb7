/**
 * Start fast: the engine worker starts before the app bundle has run, the first node card shows,
 * Monaco and xterm load after it (lazily), and nothing is logged as an error. The tight cold-load
 * figure is in bench/browser.bench.ts.
 */
import { expect, test } from "@playwright/test";
import { nodeCard } from "./helpers";

/** A generous bound for a loaded machine; the bench measures the real figure. */
const FIRST_CARD_WITHIN_MS = 20_000;

test("cold load: first node card, then Monaco and xterm, no console errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 1600, height: 940 });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="node-card"]')) {
        performance.mark("test:first-card");
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: FIRST_CARD_WITHIN_MS });

  // The editor and the terminal come after the cards.
  await expect(page.locator(".monaco-editor").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid="terminal"] .xterm')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "/tmp/big-startup.png" });

  const t = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const chunk = (part: string) =>
      performance.getEntriesByType("resource").find((r) => r.name.includes(part) && r.name.endsWith(".js"))
        ?.startTime ?? Number.NaN;
    return {
      entry: mark("kubeglass:entry"),
      app: mark("kubeglass:app"),
      snapshot: mark("kubeglass:snapshot"),
      firstCard: mark("test:first-card"),
      worker: chunk("engine.worker"),
      monaco: chunk("MonacoEditor"),
      terminal: chunk("Terminal"),
    };
  });
  console.log(`startup (ms): ${JSON.stringify(t)}`);
  // The worker was asked for before the app module ran.
  expect(t.entry).toBeLessThan(t.app);
  expect(t.worker).toBeLessThan(t.app);
  // Monaco's and xterm's chunks were fetched only once the first cluster had arrived.
  expect(t.monaco).toBeGreaterThan(t.snapshot);
  expect(t.terminal).toBeGreaterThan(t.snapshot);
  expect(t.firstCard).toBeLessThan(FIRST_CARD_WITHIN_MS);
  expect(errors).toEqual([]);
});
