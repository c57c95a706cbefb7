/**
 * The theme's colour pairs meet WCAG AA in both themes: every text colour on every surface it is
 * drawn on (4.5:1), and the canvas's edge lines on the canvas (3:1, non-text). Reads tokens.css.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AA_LARGE, AA_TEXT, contrast, deltaE, mix } from "./contrast";

const css = readFileSync(new URL("./tokens.css", import.meta.url), "utf8");

/** The custom properties declared in the block that starts at selector. */
function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(start, css.indexOf("\n}", start));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars[m[1] as string] = (m[2] as string).trim();
  return vars;
}

const light = block(":root");
const themes = { light, dark: { ...light, ...block('html[data-theme="dark"]') } };

const SURFACES = ["--bg", "--surface", "--surface-2"];
const TEXT_ON_SURFACES = [
  "--text",
  "--muted",
  "--faint",
  "--accent",
  "--accent-strong",
  "--ok",
  "--failed",
  "--waiting",
  "--done",
  "--progress",
];
const TONES = ["ok", "progress", "waiting", "failed", "done", "noschedule", "prefer", "noexecute"];
const TERMINAL_TEXT = [
  "--term-fg",
  "--term-bright",
  "--term-muted",
  "--term-output",
  "--term-prompt",
  "--term-failed",
  "--term-green",
  "--term-yellow",
];

/** [foreground, background, minimum ratio] pairs the components draw. */
const PAIRS: [string, string, number][] = [
  ...TEXT_ON_SURFACES.flatMap((fg) => SURFACES.map((bg): [string, string, number] => [fg, bg, AA_TEXT])),
  ...TONES.map((t): [string, string, number] => [`--${t}`, `--${t}-soft`, AA_TEXT]),
  ["--waiting", "--waiting-soft-2", AA_TEXT],
  ["--failed", "--failed-surface", AA_TEXT],
  ["--accent-strong", "--accent-soft", AA_TEXT],
  ["--text", "--accent-soft", AA_TEXT],
  ["--on-accent", "--accent-fill", AA_TEXT],
  ["--on-accent", "--accent-fill-hover", AA_TEXT],
  ["--on-accent", "--ok-fill", AA_TEXT],
  ["--on-accent", "--failed-fill", AA_TEXT],
  ["--surface", "--text", AA_TEXT],
  ["--focus-ring", "--surface", AA_LARGE],
  ...TERMINAL_TEXT.map((fg): [string, string, number] => [fg, "--term-bg", AA_TEXT]),
  ["--term-tag", "--term-tag-bg", AA_TEXT],
  ["--term-code", "--term-code-bg", AA_TEXT],
  ...["--edge-node-affinity", "--edge-pod-affinity", "--edge-pod-anti-affinity", "--edge-toleration"].flatMap(
    (e): [string, string, number][] => [
      [e, "--bg", AA_LARGE],
      [e, "--surface", AA_TEXT],
    ],
  ),
];

describe.each(Object.entries(themes))("%s theme", (_name, vars) => {
  it.each(PAIRS)("%s on %s meets %d:1", (fg, bg, min) => {
    const a = vars[fg];
    const b = vars[bg];
    expect(a, fg).toBeDefined();
    expect(b, bg).toBeDefined();
    expect(contrast(a as string, b as string)).toBeGreaterThanOrEqual(min);
  });

  it("keeps the terminal's dimmed text (xterm draws SGR 2 as the foreground at half opacity) readable", () => {
    const bg = vars["--term-bg"] as string;
    expect(contrast(mix(vars["--term-fg"] as string, bg, 0.5), bg)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("keeps the pod tones apart: every two tones' colours, and their backgrounds, clearly differ (ΔE > 20)", () => {
    const tones = ["ok", "progress", "waiting", "failed", "done"];
    for (const [i, a] of tones.entries())
      for (const b of tones.slice(i + 1)) {
        expect(deltaE(vars[`--${a}`] as string, vars[`--${b}`] as string), `${a} vs ${b}`).toBeGreaterThan(
          20,
        );
      }
    // A chip's soft background stands apart from the card it sits on.
    for (const t of tones)
      expect(deltaE(vars[`--${t}-soft`] as string, vars["--surface"] as string), t).toBeGreaterThan(3);
  });
});

describe("contrast", () => {
  it("matches WCAG's extremes and a known pair", () => {
    expect(contrast("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrast("#fff", "#fff")).toBe(1);
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it("measures colour distance: none for a colour and itself, 100 from black to white", () => {
    expect(deltaE("#4f6bed", "#4f6bed")).toBe(0);
    expect(deltaE("#000000", "#ffffff")).toBeCloseTo(100, 3);
  });

  it("mixes two colours", () => {
    expect(mix("#000000", "#ffffff", 0.5)).toBe("#808080");
    expect(mix("#102030", "#102030", 0.3)).toBe("#102030");
  });
});
