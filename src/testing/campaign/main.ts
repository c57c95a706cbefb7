/**
 * The campaign at length: `npm run campaign -- --runs 500 --seed N [--commands 40]
 * [--max-sleep 600] [--out DIR] [--no-shrink] [--fresh]`. --fresh boots each cluster instead of
 * restoring the booted one's snapshot (slower; as `kubeglass run` does). --replay FILE runs (and
 * shrinks) a script the campaign wrote instead. Runs scripts for seeds N, N+1, ...; prints each
 * failing seed with its violation and its shrunk script (also written to DIR when given); exits 1
 * when any script failed.
 */
import fs from "node:fs";
import path from "node:path";
import { splitScript } from "../../shell";
import type { Setting } from "./generate";
import { DEFAULT_LIMITS, formatScript, runCampaignScript, type Script, scriptForSeed, shrink } from "./run";

interface Args {
  runs: number;
  seed: number;
  commands: number;
  maxSleep: number;
  out?: string;
  shrink: boolean;
  fresh: boolean;
  replay?: string;
}

const USAGE =
  "usage: npm run campaign -- [--runs N] [--seed N] [--commands N] [--max-sleep S] [--out DIR] [--no-shrink] [--fresh] [--replay FILE]";

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 100, seed: 1, commands: 40, maxSleep: 3600, shrink: true, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.includes("=") ? (a.split("=", 2) as [string, string]) : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} takes a whole number\n${USAGE}`);
      return n;
    };
    if (flag === "--runs") args.runs = int();
    else if (flag === "--seed") args.seed = int();
    else if (flag === "--commands") args.commands = int();
    else if (flag === "--max-sleep") args.maxSleep = int();
    else if (flag === "--out") args.out = value();
    else if (flag === "--no-shrink") args.shrink = false;
    else if (flag === "--fresh") args.fresh = true;
    else if (flag === "--replay") args.replay = value();
    else if (flag === "-h" || flag === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown flag ${a}\n${USAGE}`);
  }
  return args;
}

/** A script formatScript wrote: its header names the seed and the setting. */
function readScript(file: string): Script {
  const text = fs.readFileSync(file, "utf8");
  const header = /^# seed (\d+).*--scenario (cka|empty)/.exec(text);
  if (!header) throw new Error(`${file}: not a campaign script (no "# seed N ... --scenario S" header)`);
  const body = text.slice(text.indexOf("\n") + 1);
  return { seed: Number(header[1]), setting: header[2] as Setting, commands: splitScript(body) };
}

function main(): number {
  let args: Args;
  let replayed: Script | undefined;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.replay) replayed = readScript(args.replay);
  } catch (e) {
    process.stderr.write(`campaign: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.out) fs.mkdirSync(args.out, { recursive: true });
  let failed = 0;
  let steps = 0;
  let commands = 0;
  const started = performance.now();
  const runs = args.replay ? 1 : args.runs;
  for (let i = 0; i < runs; i++) {
    const seed = args.seed + i;
    const script = replayed ?? scriptForSeed(seed, { commands: args.commands, maxSleep: args.maxSleep });
    const outcome = runCampaignScript(script, DEFAULT_LIMITS, args.fresh);
    steps += outcome.steps;
    commands += script.commands.length;
    if (!outcome.violation) continue;
    failed++;
    const v = outcome.violation;
    process.stdout.write(`seed ${script.seed}: ${v.invariant} at command ${v.index + 1}: ${v.detail}\n`);
    const shown: Script = args.shrink ? shrink(script, v, DEFAULT_LIMITS, 200, args.fresh) : script;
    const text = formatScript(shown);
    process.stdout.write(`${text.replace(/^/gm, "  ")}\n`);
    if (args.out) fs.writeFileSync(path.join(args.out, `seed-${script.seed}.sh`), text);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${runs} scripts (seeds ${args.replay ? "from a file" : `${args.seed}..${args.seed + runs - 1}`}), ${commands} commands, ${steps} engine steps, ${seconds} s: ${failed} failed\n`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
