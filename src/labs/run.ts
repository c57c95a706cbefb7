/**
 * Running a lab headless: boot its scenario, run its setup, then a learner's script, grading
 * after every command as the app does after every cluster change. `answer TASK TEXT` lines in
 * the script answer questions at that point (they are not shell commands).
 */
import { bootScenario, homeNodeOf } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { Shell, splitScript } from "../shell";
import { answerTask, isQuestion, newProgress, refresh, score } from "./progress";
import type { Lab, LabProgress, TaskState } from "./types";

/** A cluster with a lab's scenario and its setup run, and the node a learner's shell starts on. */
export interface LabCluster {
  cluster: Cluster;
  home?: string;
  /** Setup commands that failed (exit status not 0): an authoring error. */
  setupErrors: string[];
}

/** A script line that answers a question: `answer TASK TEXT`. */
const ANSWER_LINE = /^answer\s+([a-z0-9-]+)\s+(.*)$/s;

/** Runs a lab's setup on a cluster already holding its scenario. */
export function runSetup(cluster: Cluster, lab: Lab, home: string | undefined): string[] {
  const shell = new Shell(cluster, { home });
  const errors: string[] = [];
  for (const command of splitScript(lab.setup ?? "")) {
    const r = shell.run(command);
    if (r.exit !== 0) errors.push(`${command.split("\n")[0]}: exit ${r.exit}: ${r.stderr.trim()}`);
  }
  return errors;
}

/** Boots a lab's scenario (as `bootScenario` does) and runs the setup. */
export function bootLab(lab: Lab, options: { seed?: number } = {}): LabCluster {
  const cluster = bootScenario(lab.scenario, options);
  if (!cluster) throw new Error(`lab ${lab.id}: unknown scenario ${lab.scenario}`);
  const home = homeNodeOf(cluster);
  const setupErrors = runSetup(cluster, lab, home);
  return { cluster, home, setupErrors };
}

/** One task's verdict after a script. */
export interface TaskVerdict {
  id: string;
  state: TaskState;
  reasons: string[];
}

/** What running a script against a lab gave. */
export interface LabRun {
  cluster: Cluster;
  progress: LabProgress;
  verdicts: TaskVerdict[];
  setupErrors: string[];
  /** What each command printed, in order. */
  transcript: { command: string; stdout: string; stderr: string; exit: number }[];
  passed: boolean;
}

/** Runs the setup, then script, grading after each command; every task's verdict at the end. */
export function runLabScript(lab: Lab, script: string, options: { seed?: number } = {}): LabRun {
  const { cluster, home, setupErrors } = bootLab(lab, options);
  const shell = new Shell(cluster, { home });
  let progress = refresh(cluster, lab, newProgress(lab));
  const transcript: LabRun["transcript"] = [];
  for (const command of splitScript(script)) {
    const answer = ANSWER_LINE.exec(command.trim());
    if (answer) {
      const out = answerTask(cluster, lab, progress, answer[1] as string, (answer[2] as string).trim());
      progress = out.progress;
      const ok = out.reasons.length === 0;
      transcript.push({
        command,
        stdout: ok ? "right\n" : "",
        stderr: ok ? "" : `${out.reasons[0]}\n`,
        exit: ok ? 0 : 1,
      });
      continue;
    }
    const r = shell.run(command);
    transcript.push({ command, ...r });
    progress = refresh(cluster, lab, progress);
  }
  const s = score(cluster, lab, progress);
  const verdicts = lab.tasks.map((task): TaskVerdict => {
    const state = progress.tasks[task.id]?.state ?? "todo";
    const reasons = state === "done" ? [] : (s.tasks.find((t) => t.id === task.id)?.reasons ?? []);
    // A question answered wrongly shows what was answered, not the expected answer.
    const shown = isQuestion(task) ? reasons.filter((r) => !r.startsWith("expected ")) : reasons;
    return { id: task.id, state: state === "done" ? "done" : "failed", reasons: shown };
  });
  return {
    cluster,
    progress,
    verdicts,
    setupErrors,
    transcript,
    passed: verdicts.every((v) => v.state === "done"),
  };
}
