/**
 * The workspace with the keyboard only: Ctrl+K search, tainting from the palette, node cards and
 * their menus, leaving the editor with Tab, the global shortcuts and their help. No mouse in these
 * tests: every step is a key press, as a person who does not use a pointer works.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { nodeCard, openApp, terminalText } from "./helpers";

/** Where the screenshots go (looked at by hand; not committed). */
const SHOTS = process.env.KUBEGLASS_SHOTS ?? "/tmp";

/** The keys of the replica's pods on a node, in order. */
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

/** What has the focus: a short description for assertions. */
function focused(
  page: Page,
): Promise<{ tag: string; id?: string; label?: string; testid?: string; inEditor: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.dataset.id,
      label: el?.getAttribute("aria-label") ?? undefined,
      testid: el?.dataset.testid,
      inEditor: !!el?.closest(".monaco-editor"),
    };
  });
}

/** Presses Tab until the focused element matches, at most `max` times. */
async function tabTo(page: Page, matches: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), matches)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${matches}`);
}

/** Whether the element's box lies inside the canvas's box. */
async function insideCanvas(page: Page, selector: string): Promise<boolean> {
  const canvas = await page.getByTestId("canvas").boundingBox();
  const box = await page.locator(selector).boundingBox();
  if (!canvas || !box) return false;
  return (
    box.x >= canvas.x &&
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height
  );
}

test.describe("keyboard only", () => {
  test("Ctrl+K finds a pod by name; Enter selects it and shows it on the canvas", async ({ page }) => {
    await openApp(page);
    const [pod] = (await podsOn(page, "node02")).filter((k) => !k.startsWith("kube-system/"));
    const key = pod ?? (await podsOn(page, "node02"))[0];
    if (!key) throw new Error("no pod on node02");
    const name = key.slice(key.indexOf("/") + 1);

    await page.keyboard.press("ControlOrMeta+k");
    const search = page.getByTestId("search");
    await expect(search).toBeFocused();
    await page.keyboard.type(name.slice(0, Math.max(4, name.length - 3)));
    const first = page.getByTestId("search-result").first();
    await expect(first).toHaveAttribute("data-key", key);
    await expect(first).toHaveAttribute("aria-selected", "true");
    await page.screenshot({ path: `${SHOTS}/find-search-1600.png` });

    await page.keyboard.press("Enter");
    await expect(search).toHaveCount(0);
    const chip = `[data-testid="pod-chip"][data-pod="${key}"]`;
    await expect(page.locator(chip)).toHaveClass(/selected/);
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-name", name);
    await expect.poll(() => insideCanvas(page, chip)).toBe(true);
    // The keyboard carries on from the result: the chip has the focus.
    await expect(page.locator(chip)).toBeFocused();

    // Esc closes the inspector; a second search that Esc closes changes nothing.
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("inspector")).toHaveCount(0);
    await page.keyboard.press("ControlOrMeta+k");
    await page.keyboard.type("node0");
    await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-kind", "Node");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search")).toHaveCount(0);

    // A workload: its pods are found through their owner; Enter shows its first pod.
    await page.keyboard.press("/");
    await page.keyboard.type("deploy/coredns");
    await expect(page.getByTestId("search-result").first()).toHaveAttribute("data-kind", "Deployment");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-name", /^coredns-/);
  });

  test("a palette taint goes onto a node with Enter, arrows and Enter; the terminal shows it", async ({
    page,
  }) => {
    await openApp(page);
    const taint = "dedicated=gpu:NoSchedule";
    await tabTo(page, `[data-testid="palette-taint"][data-taint="${taint}"] .taint-pick`);
    await page.keyboard.press("Enter");
    const picker = page.getByTestId("node-picker");
    await expect(picker).toBeVisible();
    await expect(picker.getByRole("combobox")).toBeFocused();
    // The arrows choose among all nodes; the command the choice runs is shown.
    await page.keyboard.press("ArrowDown");
    await expect(picker.locator('[role="option"][aria-selected="true"]')).toHaveAttribute(
      "data-node",
      "node01",
    );
    await expect(picker.locator("code")).toHaveText(`kubectl taint nodes node01 ${taint}`);
    await page.screenshot({ path: `${SHOTS}/find-node-picker-1600.png` });
    await page.keyboard.press("Enter");
    await expect(picker).toHaveCount(0);
    // The focus is back on the chip, and the taint is on node01's card.
    expect((await focused(page)).label).toBe(`Taint a node with ${taint}`);
    await expect(
      nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${taint}"]`),
    ).toBeVisible();

    // Filtering: typing narrows the list; Esc closes without running anything.
    await page.keyboard.press("Enter");
    await page.keyboard.type("02");
    await expect(picker.locator('[role="option"]')).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(picker).toHaveCount(0);
    await expect(nodeCard(page, "node02").locator('[data-testid="taint-chip"]')).toHaveCount(0);

    // The terminal (` goes there) shows the command the picker ran and describe's Taints line.
    await page.keyboard.press("`");
    await page.keyboard.type("kubectl describe node node01 | grep Taints");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page)).toContain(`kubectl taint nodes node01 ${taint}`);
    await expect.poll(() => terminalText(page)).toMatch(new RegExp(`Taints:\\s+${taint}`));
  });

  test("node cards: arrows move between them, Enter opens the menu, arrows choose, Enter cordons", async ({
    page,
  }) => {
    await openApp(page);
    await tabTo(page, ".react-flow__node-cluster-node");
    expect((await focused(page)).id).toBe("controlplane");
    // Three cards in rows of two: controlplane node01 / node02.
    await page.keyboard.press("ArrowRight");
    expect((await focused(page)).id).toBe("node01");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).id).toBe("node02");
    await page.keyboard.press("Home");
    expect((await focused(page)).id).toBe("controlplane");
    await page.keyboard.press("End");
    expect((await focused(page)).id).toBe("node02");

    // Enter opens the menu on its first item; the arrows move and wrap.
    await page.keyboard.press("Enter");
    const menu = page.getByTestId("node-menu");
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Cordon" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Drain" })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(menu.getByRole("menuitem", { name: "Delete node" })).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/find-node-menu-1600.png` });
    // Esc closes it and gives the focus back to the card.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    expect((await focused(page)).id).toBe("node02");

    // The ContextMenu key opens it too; Enter on Cordon runs kubectl cordon.
    await page.keyboard.press("ContextMenu");
    await expect(menu.getByRole("menuitem", { name: "Cordon" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(nodeCard(page, "node02")).toHaveAttribute("data-unschedulable", "true");
    expect((await focused(page)).id).toBe("node02");
    await expect.poll(() => terminalText(page)).toContain("node/node02 cordoned");

    // i inspects the card's node; Esc closes the inspector.
    await page.keyboard.press("i");
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-name", "node02");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("inspector")).toHaveCount(0);
  });

  test("Tab indents in the editor until Ctrl+M; then Tab leaves it, and the header shows which", async ({
    page,
  }) => {
    await openApp(page);
    const toggle = page.getByTestId("tab-focus-toggle");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator(".monaco-editor").first()).toBeVisible({ timeout: 20_000 });
    await page.keyboard.press("e");
    await expect.poll(async () => (await focused(page)).inEditor).toBe(true);
    const text = () =>
      page.evaluate(() =>
        (window as unknown as { __kubeglass: { getEditorText(): string } }).__kubeglass.getEditorText(),
      );
    const before = await text();
    await page.keyboard.press("Tab");
    await expect.poll(text).not.toBe(before);
    expect((await focused(page)).inEditor).toBe(true);
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(text).toBe(before);

    await page.keyboard.press("Control+m");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(toggle).toContainText("Tab: leave");
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await focused(page)).inEditor).toBe(false);
    expect(await text()).toBe(before);
    await page.screenshot({ path: `${SHOTS}/find-tab-toggle-1600.png` });

    // Shift+Tab goes back into it, and Ctrl+M there makes Tab indent again.
    await page.keyboard.press("Shift+Tab");
    await expect.poll(async () => (await focused(page)).inEditor).toBe(true);
    await page.keyboard.press("Control+m");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
  });

  test("shortcuts: ? lists them; p, ., t act; none fires while typing in the terminal", async ({ page }) => {
    await openApp(page);
    await page.keyboard.press("?");
    const help = page.getByTestId("shortcut-help");
    await expect(help).toBeVisible();
    await expect(help).toContainText("Search pods, nodes and workloads");
    await expect(help).toContainText("Maximize or restore the terminal");
    await page.screenshot({ path: `${SHOTS}/find-help-1600.png` });
    await page.keyboard.press("Escape");
    await expect(help).toHaveCount(0);

    const play = page.getByTestId("play-pause");
    const playing = await play.getAttribute("aria-pressed");
    await page.keyboard.press("p");
    await expect(play).toHaveAttribute("aria-pressed", playing === "true" ? "false" : "true");
    if (playing !== "true") await page.keyboard.press("p");
    await expect(play).toHaveAttribute("aria-pressed", "false");

    const clock = () => page.getByTestId("clock").getAttribute("title");
    const t0 = Date.parse((await clock()) ?? "");
    await page.keyboard.press(".");
    await expect.poll(async () => Date.parse((await clock()) ?? "") - t0).toBe(1000);

    const max = page.getByTestId("maximize-terminal");
    await page.keyboard.press("t");
    await expect(max).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("t");
    await expect(max).toHaveAttribute("aria-pressed", "false");

    // In the terminal the same keys are text (once xterm, loaded after the first cluster, is up).
    await terminalText(page);
    await page.keyboard.press("`");
    await page.keyboard.type("echo tp.?");
    await expect(max).toHaveAttribute("aria-pressed", "false");
    await expect(help).toHaveCount(0);
    await expect(play).toHaveAttribute("aria-pressed", "false");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page)).toContain("\ntp.?");
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`axe finds no serious or critical violation in the search, the node picker, the help (${scheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page);
      const check = async (what: string) => {
        const result = await new AxeBuilder({ page }).include(what).analyze();
        const bad = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map(
            (v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
        expect(bad).toEqual([]);
      };
      await page.keyboard.press("ControlOrMeta+k");
      await page.keyboard.type("kube");
      await expect(page.getByTestId("search-result").first()).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/find-search-${scheme}.png` });
      await check(".search-dialog");
      await page.keyboard.press("Escape");

      await page.keyboard.press("?");
      await check('[data-testid="shortcut-help"]');
      await page.keyboard.press("Escape");

      await tabTo(page, '[data-testid="palette-taint"] .taint-pick');
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("node-picker")).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/find-node-picker-${scheme}.png` });
      await check('[data-testid="node-picker"]');
    });
  }
});
