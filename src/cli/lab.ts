/**
 * `kubeglass lab list` and `kubeglass lab check LAB --script FILE`: the graded labs, headless.
 * check runs the lab's setup, then the script (`answer TASK TEXT` lines answer questions), then
 * prints each task's verdict; it exits 0 only when every task passes.
 */
import fs from "node:fs";
import { runLabScript } from "../labs/run";
import { loadLabDir } from "./labs";

/** How `kubeglass lab` is used. */
export const LAB_USAGE = `Usage:
  kubeglass lab list                          the labs, their topics and tasks
  kubeglass lab check LAB --script FILE [-v]  run LAB's setup, then FILE; print each task's verdict
In FILE, a line "answer TASK TEXT" answers the question TASK; -v prints what each command printed.
Exit status: 0 when every task passes, 1 when one does not, 2 for a usage or lab file error.
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** Runs `kubeglass lab ARGS`; returns the exit status. */
export function labCommand(args: string[], out: Out, dir?: string): number {
  const { labs, errors } = loadLabDir(dir);
  for (const e of errors) out.stderr(`kubeglass: ${e}\n`);
  const [verb, ...rest] = args;
  if (verb === "list") {
    const rows = labs.map((l) => [
      l.id,
      l.topic,
      `${l.tasks.length} tasks${l.exam ? `, ${l.exam.minutes} min exam` : ""}`,
      l.title,
    ]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), 5));
    const line = (r: string[]) =>
      `${r.map((c, i) => (i < 3 ? c.padEnd((widths[i] as number) + 3) : c)).join("")}\n`;
    out.stdout(line(["LAB", "TOPIC", "TASKS", "TITLE"]));
    for (const r of rows) out.stdout(line(r));
    return errors.length ? 2 : 0;
  }
  if (verb === "check") {
    let script: string | undefined;
    let id: string | undefined;
    let verbose = false;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i] as string;
      if (a === "--script") script = rest[++i];
      else if (a.startsWith("--script=")) script = a.slice(9);
      else if (a === "-v" || a === "--verbose") verbose = true;
      else if (a.startsWith("-")) return usage(out, `unknown flag ${a}`);
      else if (id === undefined) id = a;
      else return usage(out, `unexpected argument ${a}`);
    }
    if (!id) return usage(out, "lab check needs a lab id");
    if (script === undefined) return usage(out, "lab check needs --script FILE");
    const lab = labs.find((l) => l.id === id);
    if (!lab) return usage(out, `no lab "${id}" (kubeglass lab list shows them)`);
    let text: string;
    try {
      text = fs.readFileSync(script, "utf8");
    } catch (e) {
      return usage(
        out,
        `cannot read ${script}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const run = runLabScript(lab, text);
    for (const e of run.setupErrors) out.stderr(`kubeglass: lab ${lab.id}: setup failed: ${e}\n`);
    if (verbose)
      for (const c of run.transcript) {
        out.stdout(`$ ${c.command}\n${c.stdout}`);
        if (c.stderr) out.stderr(c.stderr);
      }
    const passed = run.verdicts.filter((v) => v.state === "done").length;
    for (const v of run.verdicts)
      out.stdout(
        `${v.state === "done" ? "PASS" : "FAIL"}  ${v.id}${v.reasons.length ? `: ${v.reasons.join("; ")}` : ""}\n`,
      );
    out.stdout(`${lab.id}: ${passed}/${run.verdicts.length} tasks passed\n`);
    return run.setupErrors.length ? 2 : run.passed ? 0 : 1;
  }
  return usage(out, verb ? `unknown lab command ${verb}` : "lab needs a command");
}

function usage(out: Out, message: string): number {
  out.stderr(`kubeglass: ${message}\n${LAB_USAGE}`);
  return 2;
}
