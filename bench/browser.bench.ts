/**
 * The canvas in a real browser: frame times while panning and zooming with the mouse on the
 * large-200 (200 nodes / 3000 pods) and large-1000 (1000 nodes / 10k pods) scenarios, the time
 * from clicking Apply on a 100-replica Deployment until its 100 pods are drawn, the same for a
 * one-line List of 300 nodes and 3000 pods (and the longest the page went without a frame
 * meanwhile), and a cold load's time to the first node card. Builds the app
 * when dist/ is missing, serves it with `vite preview` on 127.0.0.1:4174 (KUBEGLASS_BENCH_PORT), drives Debian's Chromium
 * (KUBEGLASS_CHROMIUM overrides), and stops both when each measurement ends.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { bigListJson, deploymentYaml } from "../e2e/manifests";
import type { Benchmark } from "./harness";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The preview port; KUBEGLASS_BENCH_PORT overrides it (helpers share a machine). */
const PORT = Number(process.env.KUBEGLASS_BENCH_PORT ?? 4174);
const URL = `http://127.0.0.1:${PORT}/`;
const CHROMIUM = process.env.KUBEGLASS_CHROMIUM ?? "/usr/bin/chromium";

function ensureBuild(): void {
  if (fs.existsSync(path.join(root, "dist", "index.html"))) return;
  const r = spawnSync("npx", ["vite", "build"], { cwd: root, stdio: "ignore" });
  if (r.status !== 0) throw new Error("browser bench: vite build failed");
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    "npx",
    ["vite", "preview", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"],
    {
      cwd: root,
      stdio: "ignore",
      detached: true,
    },
  );
  const stop = () => stopServer(server);
  process.once("exit", stop);
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(URL)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`browser bench: vite preview did not start on ${URL}`);
}

function stopServer(server: ChildProcess): void {
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM"); // its process group: npx and vite under it
    } catch {
      // already gone
    }
  }
}

/** Runs fn with a fresh server, browser and page at a desktop size, and always stops them. */
async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  ensureBuild();
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const page = await browser.newPage({ viewport: { width: 1600, height: 940 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); page.evaluate bodies need it too.
    await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await page.goto(URL);
    await page.locator('[data-testid="node-card"][data-node="controlplane"]').waitFor({ timeout: 30_000 });
    return await fn(page);
  } finally {
    await browser?.close();
    stopServer(server);
  }
}

async function loadScenario(page: Page, id: string, nodes: number, pods: number): Promise<void> {
  await page.getByLabel("Scenario").selectOption(id);
  await page
    .locator(".brand-sub", { hasText: `${nodes} nodes · ${pods} pods` })
    .waitFor({ timeout: 300_000 });
  await page.waitForTimeout(1500); // let the fit-view animation and first paint settle
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Frame intervals (ms) while the mouse zooms in, pans across and zooms out. */
async function panZoomFrames(page: Page): Promise<number[]> {
  const box = await page.getByTestId("canvas").boundingBox();
  if (!box) throw new Error("browser bench: no canvas");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__frames = [];
    w.__sampling = true;
    let last = 0;
    const tick = (t: number) => {
      if (last) w.__frames.push(t - last);
      last = t;
      if (w.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 14; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(50);
  }
  for (const [dx, dy] of [
    [-400, -150],
    [300, -200],
    [350, 300],
    [-250, 50],
  ] as const) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps: 30 });
    await page.mouse.up();
  }
  for (let i = 0; i < 14; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(50);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames;
  });
}

const panZoomCache = new Map<string, Promise<{ p50: number; p95: number }>>();

function panZoom(id: string, nodes: number, pods: number): Promise<{ p50: number; p95: number }> {
  let m = panZoomCache.get(id);
  if (!m) {
    m = withPage(async (page) => {
      await loadScenario(page, id, nodes, pods);
      const frames = (await panZoomFrames(page)).sort((a, b) => a - b);
      return { p50: percentile(frames, 50), p95: percentile(frames, 95) };
    });
    panZoomCache.set(id, m);
  }
  return m;
}

/** ms from the Apply click until the node cards' pod counts have grown by 100. */
function applyToDrawn(): Promise<number> {
  return withPage(async (page) => {
    await page.locator(".monaco-editor").first().waitFor({ timeout: 30_000 });
    await page.evaluate(
      (text) =>
        (window as unknown as { __kubeglass: { setEditorText(t: string): void } }).__kubeglass.setEditorText(
          text,
        ),
      deploymentYaml("bench", 100),
    );
    await page.evaluate(() => {
      const w = window as unknown as { __drawn: Promise<number>; __armDrawn: () => void };
      const sum = () =>
        [...document.querySelectorAll('[data-testid="node-card"] .pods-title .count')].reduce(
          (n, el) => n + Number(el.textContent ?? 0),
          0,
        );
      const base = sum();
      w.__drawn = new Promise((resolve) => {
        const button = document.querySelector('[data-testid="apply"]');
        button?.addEventListener(
          "click",
          () => {
            const start = performance.now();
            const check = () =>
              sum() >= base + 100 ? resolve(performance.now() - start) : requestAnimationFrame(check);
            requestAnimationFrame(check);
          },
          { capture: true, once: true },
        );
      });
    });
    await page.getByTestId("apply").click();
    return page.evaluate(() => (window as unknown as { __drawn: Promise<number> }).__drawn);
  });
}

/** ms from opening the page in a fresh browser context (no cache, no autosave) to its first node card. */
function coldFirstCard(): Promise<number> {
  return withPage(async (page) => {
    const browser = page.context().browser();
    if (!browser) throw new Error("browser bench: no browser");
    const context = await browser.newContext({ viewport: { width: 1600, height: 940 } });
    try {
      const cold = await context.newPage();
      await cold.addInitScript({
        content: `new MutationObserver((_, o) => {
          if (document.querySelector('[data-testid="node-card"]')) { performance.mark("bench:first-card"); o.disconnect(); }
        }).observe(document, { childList: true, subtree: true });`,
      });
      await cold.goto(URL);
      await cold.locator('[data-testid="node-card"]').first().waitFor({ timeout: 60_000 });
      return await cold.evaluate(
        () => performance.getEntriesByName("bench:first-card")[0]?.startTime ?? Number.NaN,
      );
    } finally {
      await context.close();
    }
  });
}

/**
 * Applying a one-line List of 300 nodes and 3000 pods from the editor: ms from the Apply click
 * until the header counts them all and no pod is pending, and the longest gap between two frames
 * meanwhile (how long the page did not answer).
 */
const bigApplyCache = new Map<string, Promise<{ drawn: number; longestFrame: number }>>();
function bigApply(): Promise<{ drawn: number; longestFrame: number }> {
  let m = bigApplyCache.get("300-3000");
  if (!m) {
    m = withPage(async (page) => {
      await page.locator(".monaco-editor").first().waitFor({ timeout: 60_000 });
      await page.evaluate(
        (text) =>
          (
            window as unknown as { __kubeglass: { setEditorText(t: string): void } }
          ).__kubeglass.setEditorText(text),
        bigListJson(300, 3000),
      );
      await page.evaluate(() => {
        type Hook = { __kubeglass: { store: { getState(): Record<string, unknown> } } };
        const w = window as unknown as Hook & { __bigDone: Promise<{ drawn: number; longestFrame: number }> };
        const counts = () => {
          const m = /(\d+) nodes · (\d+) pods/.exec(document.querySelector(".brand-sub")?.textContent ?? "");
          return { nodes: Number(m?.[1] ?? 0), pods: Number(m?.[2] ?? 0) };
        };
        const pending = () =>
          document.querySelector('[data-testid="pending-lane"] .count')?.textContent ?? "";
        const base = counts();
        w.__bigDone = new Promise((resolve) => {
          document.querySelector('[data-testid="apply"]')?.addEventListener(
            "click",
            () => {
              const start = performance.now();
              let last = start;
              let longest = 0;
              const check = () => {
                const now = performance.now();
                longest = Math.max(longest, now - last);
                last = now;
                const c = counts();
                if (c.nodes >= base.nodes + 300 && c.pods >= base.pods + 3000 && pending() === "0")
                  resolve({ drawn: now - start, longestFrame: longest });
                else requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            },
            { capture: true, once: true },
          );
        });
      });
      await page.getByTestId("apply").click();
      return page.evaluate(
        () =>
          (window as unknown as { __bigDone: Promise<{ drawn: number; longestFrame: number }> }).__bigDone,
      );
    });
    bigApplyCache.set("300-3000", m);
  }
  return m;
}

export const benchmarks: Benchmark[] = [
  ...(
    [
      ["large-200", 200, 3000, "200Nodes-3000Pods"],
      ["large-1000", 1000, 10000, "1000Nodes-10000Pods"],
    ] as const
  ).flatMap(([id, nodes, pods, label]) =>
    (["p50", "p95"] as const).map((p) => ({
      name: `browser/pan-zoom/${label}/${p}`,
      unit: "ms",
      run: async () => (await panZoom(id, nodes, pods))[p],
    })),
  ),
  { name: "browser/apply-to-drawn/deployment-100", unit: "ms", run: applyToDrawn },
  {
    name: "browser/apply-to-drawn/list-300nodes-3000pods",
    unit: "ms",
    run: async () => {
      bigApplyCache.clear();
      return (await bigApply()).drawn;
    },
  },
  {
    name: "browser/apply-to-drawn/list-300nodes-3000pods/longest-frame",
    unit: "ms",
    run: async () => (await bigApply()).longestFrame,
  },
  { name: "browser/cold-load/first-node-card", unit: "ms", run: coldFirstCard },
];
