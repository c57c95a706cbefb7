/** Shared steps for the e2e specs: open the app, find cards and chips, type into Monaco. */
import { expect, type Locator, type Page } from "@playwright/test";

export const SCREENSHOTS = "docs/screenshots";

/**
 * Saves the page as docs/screenshots/NAME.png, only when KUBEGLASS_SCREENSHOTS=1: plain test runs
 * leave the tree clean. Regenerate with `KUBEGLASS_SCREENSHOTS=1 npx playwright test`.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.KUBEGLASS_SCREENSHOTS !== "1") return;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** The terminal: its xterm, where a person clicks and types. */
export function terminal(page: Page): Locator {
  return page.getByTestId("terminal");
}

/** Clicks into the terminal and types a line (Enter included unless enter is false), key by key. */
export async function typeInTerminal(page: Page, line: string, enter = true): Promise<void> {
  await terminalReady(page);
  await terminal(page).click();
  await page.keyboard.type(line);
  if (enter) await page.keyboard.press("Enter");
}

/** Waits until xterm, loaded lazily after the first cluster, is up and takes keys. */
export async function terminalReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { __kubeglass?: { terminalText?: unknown } }).__kubeglass?.terminalText ===
      "function",
  );
}

/** Everything the terminal shows, scrollback included, as text (once xterm is up). */
export async function terminalText(page: Page): Promise<string> {
  await terminalReady(page);
  return page.evaluate(() =>
    (window as unknown as { __kubeglass: { terminalText(): string } }).__kubeglass.terminalText(),
  );
}

/**
 * Opens the app at a desktop size and waits for the engine's first snapshot and for the
 * terminal (xterm loads after the first cluster), as a person waits for the page to be ready.
 */
export async function openApp(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 940 });
  await page.goto("/");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await terminalReady(page);
}

export function nodeCard(page: Page, name: string): Locator {
  return page.locator(`[data-testid="node-card"][data-node="${name}"]`);
}

export function podChips(scope: Locator, prefix: string): Locator {
  return scope.locator(`[data-testid="pod-chip"][data-pod*="/${prefix}"]`);
}

/** Drags from one element's centre to another's with real mouse moves, as a person does. */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("drag: element not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 10, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Replaces the editor's text by pasting it (typing into Monaco re-indents YAML; see stack.md). */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const editor = page.locator(".monaco-editor").first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.press("ControlOrMeta+V");
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { __kubeglass: { getEditorText(): string } }).__kubeglass.getEditorText(),
      ),
    )
    .toBe(text);
}

/** The markers in the editor's model (owner, line, message). */
export async function editorMarkers(page: Page): Promise<{ owner: string; line: number; message: string }[]> {
  return page.evaluate(() => {
    const m = (
      window as unknown as {
        __kubeglassMonaco?: {
          monaco: {
            editor: {
              getModelMarkers(f: object): { owner: string; startLineNumber: number; message: string }[];
            };
          };
        };
      }
    ).__kubeglassMonaco;
    return (m?.monaco.editor.getModelMarkers({}) ?? []).map((x) => ({
      owner: x.owner,
      line: x.startLineNumber,
      message: x.message,
    }));
  });
}

/** Waits until the worker has autosaved everything done so far. */
export async function autosaved(page: Page): Promise<void> {
  const after = await page.evaluate(() => Date.now());
  await expect
    .poll(async () => Number(await page.getByTestId("save-status").getAttribute("data-saved-at")), {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(after);
}
