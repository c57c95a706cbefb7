/**
 * `npm run bench [-- --json] [--repeat N] [FILTER]`: runs every benchmark in bench/*.bench.ts
 * whose name contains FILTER (N times each, reporting the median) and prints a table, or one
 * JSON object per line with --json.
 *
 * Each bench file is compiled as the app's build compiles the engine (scripts/bundle.mjs) and the
 * compiled module is measured, not the sources as tsx runs them: tsx compiles with keepNames,
 * which makes the interpreter's hot paths two to three times slower than the shipped code.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundled } from "../scripts/bundle.mjs";
import type { Benchmark } from "./harness";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes("--json");
// --repeat N runs each benchmark N times and reports the median (the machine's speed varies).
const repeatAt = args.indexOf("--repeat");
const repeat = repeatAt >= 0 ? Math.max(1, Number(args[repeatAt + 1]) || 1) : 1;
const filter = args.find((a, i) => !a.startsWith("--") && (repeatAt < 0 || i !== repeatAt + 1)) ?? "";

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
const all: Benchmark[] = [];
for (const f of files) {
  const compiled = await bundled(path.join("bench", f), `bench-${f.replace(/\.bench\.ts$/, "")}`);
  const mod = (await import(pathToFileURL(compiled).href)) as { benchmarks?: Benchmark[] };
  all.push(...(mod.benchmarks ?? []));
}
const chosen = all.filter((b) => b.name.includes(filter));
if (chosen.length === 0) {
  console.error(`bench: no benchmark matches "${filter}" (have: ${all.map((b) => b.name).join(", ")})`);
  process.exit(1);
}
const rows: [string, string, string][] = [];
for (const b of chosen) {
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await b.run());
  runs.sort((x, y) => x - y);
  const value = Math.round((runs[Math.floor((runs.length - 1) / 2)] as number) * 100) / 100;
  if (json) console.log(JSON.stringify({ name: b.name, value, unit: b.unit }));
  else {
    rows.push([b.name, value.toLocaleString("en-US"), b.unit]);
    process.stderr.write(`  ${b.name}: ${value} ${b.unit}\n`);
  }
}
if (!json) {
  const head: [string, string, string] = ["BENCHMARK", "VALUE", "UNIT"];
  const widths = [0, 1, 2].map((i) => Math.max(...[head, ...rows].map((r) => r[i]?.length ?? 0)));
  const line = (r: [string, string, string]) =>
    `${r[0].padEnd(widths[0] as number)}   ${r[1].padStart(widths[1] as number)}   ${r[2]}`;
  console.log([head, ...rows].map(line).join("\n"));
}
