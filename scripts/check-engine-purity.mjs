#!/usr/bin/env node
// Lint step: the engine (src/engine) must stay pure — no wall clock, no Math.random, no timers,
// no DOM and no React — so that a scenario replays identically in the worker, the CLI and tests.
import fs from "node:fs";
import path from "node:path";

const FORBIDDEN = [
  [/\bDate\.now\s*\(/, "Date.now(): use the virtual clock (cluster.clock.now())"],
  [/\bnew Date\(\s*\)/, "new Date(): use the virtual clock"],
  [/\bMath\.random\s*\(/, "Math.random(): use the seeded cluster.rng"],
  [/\b(setTimeout|setInterval|setImmediate|requestAnimationFrame)\s*\(/, "timers: use cluster.clock.after()"],
  [/\bperformance\.now\s*\(/, "performance.now(): use the virtual clock"],
  [/\b(document|window|localStorage|navigator)\./, "DOM access"],
  [/from\s+["'](react|react-dom|@xyflow\/react|zustand)["']/, "UI libraries"],
];

const problems = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      const lines = fs.readFileSync(p, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [re, why] of FORBIDDEN) if (re.test(line)) problems.push(`${p}:${i + 1}: ${why}`);
      });
    }
  }
};
walk("src/engine");
if (problems.length) {
  console.error(`engine purity: ${problems.length} problem(s)\n${problems.join("\n")}`);
  process.exit(1);
}
