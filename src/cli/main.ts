/**
 * The headless CLI: `kubeglass run [--scenario NAME] [--report-dir DIR] SCRIPT...` runs scripts
 * against fresh clusters (the conformance contract); `kubeglass lab list|check` runs graded labs
 * (src/cli/lab.ts); `kubeglass [--scenario NAME]` opens an interactive shell on a simulated cluster.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Cluster } from "../engine/cluster";
import { parseDuration, Shell } from "../shell";
import { isIncomplete } from "../shell/script";
import { realEditor } from "./editor";
import { LAB_USAGE, labCommand } from "./lab";
import { ReportWriter, streamScript } from "./report";
import { bootCluster, SCENARIO_NAMES } from "./scenario";

const USAGE = `Usage:
  kubeglass                                  interactive shell on the default (cka) scenario
  kubeglass --scenario NAME|FILE             interactive shell on another scenario
  kubeglass run [--scenario NAME] [--report-dir DIR] SCRIPT...
                                             run scripts, each on a fresh cluster
  kubeglass lab list | lab check LAB --script FILE
                                             graded labs (kubeglass lab --help)
Scenarios: ${SCENARIO_NAMES.join(", ")}, or a scenario file exported from the app.
`;

function fail(message: string): never {
  process.stderr.write(`kubeglass: ${message}\n`);
  process.exit(2);
}

function parse(argv: string[]): { command: string; scenario?: string; reportDir?: string; files: string[] } {
  const out: { command: string; scenario?: string; reportDir?: string; files: string[] } = {
    command: "shell",
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "run" && out.command === "shell" && out.files.length === 0) out.command = "run";
    else if (a === "--scenario") out.scenario = argv[++i] ?? fail("--scenario needs a value");
    else if (a.startsWith("--scenario=")) out.scenario = a.slice(11);
    else if (a === "--report-dir") out.reportDir = argv[++i] ?? fail("--report-dir needs a value");
    else if (a.startsWith("--report-dir=")) out.reportDir = a.slice(13);
    else if (a === "-h" || a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (a.startsWith("-")) fail(`unknown flag ${a}\n${USAGE}`);
    else out.files.push(a);
  }
  return out;
}

function runBatch(files: string[], scenario: string | undefined, reportDir: string | undefined): number {
  if (files.length === 0) fail(`run needs at least one script file\n${USAGE}`);
  if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
  let worst = 0;
  for (const file of files) {
    const script = fs.readFileSync(file, "utf8");
    const { cluster, home } = bootCluster(scenario ?? "empty");
    const name = path.basename(file).replace(/\.[^.]*$/, "");
    const report = reportDir ? new ReportWriter(path.join(reportDir, `${name}.json`)) : undefined;
    streamScript(cluster, script, home, (c) => {
      if (c.exit === 70) worst = 1;
      if (report) report.write(c);
      else {
        process.stdout.write(`$ ${c.command}\n${c.stdout}`);
        process.stderr.write(c.stderr);
      }
    });
    report?.close();
  }
  return reportDir ? 0 : worst;
}

/** Wall milliseconds an interactive `sleep` works before it looks for Ctrl+C. */
const SLEEP_SLICE_MS = 50;

/** Wall (and simulated) milliseconds between two reads of a followed log. */
const FOLLOW_TICK_MS = 250;

/**
 * `sleep N` typed at the prompt: advances in slices of wall time, yielding to the event loop in
 * between so that Ctrl+C (interrupted()) stops it where it got to, as bash's sleep stops.
 */
async function interruptibleSleep(
  cluster: Cluster,
  seconds: number,
  interrupted: () => boolean,
): Promise<boolean> {
  const target = cluster.clock.now() + Math.round(seconds * 1000);
  for (;;) {
    const sliceEnd = performance.now() + SLEEP_SLICE_MS;
    const done = cluster.advance((target - cluster.clock.now()) / 1000, {
      shouldStop: () => performance.now() > sliceEnd,
    });
    if (done) return true;
    await new Promise((resolve) => setImmediate(resolve));
    if (interrupted()) return false;
  }
}

function interactive(scenario: string | undefined): void {
  const { cluster, home } = bootCluster(scenario ?? "cka");
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  // On a terminal, vi/vim/nano (and so kubectl edit) open the real editor on a copy of the file.
  const editor = process.stdin.isTTY
    ? realEditor(
        () => {
          rl.pause();
          process.stdin.setRawMode(false);
        },
        () => {
          process.stdin.setRawMode(true);
          rl.resume();
        },
      )
    : undefined;
  // On a terminal, `kubectl logs -f` streams until Ctrl+C.
  const shell = new Shell(cluster, { home, editor, follow: process.stdin.isTTY === true });
  let pending: string[] = [];
  let heredoc: string | undefined;
  /** Lines typed so far do not make a command yet. */
  let reading = false;
  let sleeping = false;
  let interrupted = false;
  const onInterrupt = () => {
    if (sleeping) interrupted = true;
    else {
      // As bash at its prompt: drop the line, show a new prompt.
      pending = [];
      heredoc = undefined;
      reading = false;
      process.stdout.write("^C\n");
      ask();
      rl.prompt();
    }
  };
  rl.on("SIGINT", onInterrupt);
  process.on("SIGINT", onInterrupt);
  process.stdout.write(
    `Kubeglass ${cluster.now()} — a simulated Kubernetes v1.32 cluster. 'sleep N' advances time; 'exit' leaves.\n`,
  );
  const ask = () => rl.setPrompt(reading ? "> " : shell.prompt());
  const run = async (text: string): Promise<void> => {
    const seconds = /^\s*sleep\s+(\S+)\s*$/.exec(text)
      ? parseDuration(text.trim().split(/\s+/)[1])
      : undefined;
    if (seconds !== undefined) {
      sleeping = true;
      interrupted = false;
      const done = await interruptibleSleep(cluster, seconds, () => interrupted);
      sleeping = false;
      if (!done) process.stdout.write("^C\n");
      return;
    }
    const r = shell.run(text);
    // Interleaved output goes out as the terminal would show it.
    if (r.combined !== undefined) process.stdout.write(r.combined);
    else {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
    }
    if (shell.following()) {
      // `kubectl logs -f`: simulated time runs at wall-clock pace, new lines print, until Ctrl+C.
      sleeping = true;
      interrupted = false;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_TICK_MS));
        if (interrupted) {
          shell.interrupt();
          process.stdout.write("^C\n");
          break;
        }
        cluster.advance(FOLLOW_TICK_MS / 1000);
        const { text: more, ended } = shell.readFollow();
        process.stdout.write(more);
        if (ended) break;
      }
      sleeping = false;
    }
  };
  // Lines typed while a sleep runs wait for it, in order.
  let chain: Promise<void> = Promise.resolve();
  ask();
  rl.prompt();
  rl.on("line", (line) => {
    pending.push(line);
    if (heredoc === undefined) {
      const m = /(?<!<)<<(?!<)-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
      if (m) heredoc = m[1];
    } else if (line.trim() === heredoc) heredoc = undefined;
    // bash reads on (PS2) inside a heredoc and until a compound command or a quote is closed.
    reading = heredoc !== undefined || isIncomplete(pending.join("\n"));
    if (reading) {
      ask();
      rl.prompt();
      return;
    }
    const text = pending.join("\n");
    pending = [];
    chain = chain.then(async () => {
      if (text.trim() === "exit" && !shell.inSession()) {
        rl.close();
        return;
      }
      if (text.trim()) await run(text);
      ask();
      rl.prompt();
    });
  });
  rl.on("close", () => {
    chain.then(() => process.exit(0));
  });
}

const argv = process.argv.slice(2);
if (argv[0] === "lab") {
  if (argv[1] === "-h" || argv[1] === "--help") {
    process.stdout.write(LAB_USAGE);
    process.exit(0);
  }
  process.exit(
    labCommand(argv.slice(1), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
    }),
  );
}
const args = parse(argv);
if (args.command === "run") process.exit(runBatch(args.files, args.scenario, args.reportDir));
else interactive(args.scenario);
