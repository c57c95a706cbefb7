/**
 * The progress model: pure functions from (cluster, lab, progress) to new progress. Action tasks
 * turn done the moment their check holds (refresh() runs after every cluster change and only
 * evaluates tasks not yet done); questions are done when answered right. A done task stays done:
 * a lab walks through states (drain, then uncordon) that cannot all hold at the end.
 */
import type { Cluster } from "../engine/cluster";
import { splitScript } from "../shell";
import { checkAnswer, computeAnswer } from "./answers";
import { evaluate } from "./predicates";
import type { Lab, LabProgress, Task, TaskProgress } from "./types";

/** A task is a question (an answer is compared) rather than an action (a check holds). */
export function isQuestion(task: Task): task is Extract<Task, { question: string }> {
  return "question" in task;
}

/** Fresh progress: every task to do; an exam's timer from now (wall-clock ms, the caller's). */
export function newProgress(lab: Lab, now?: number): LabProgress {
  const tasks: Record<string, TaskProgress> = {};
  for (const t of lab.tasks) tasks[t.id] = { state: "todo", hintsShown: 0, stepsRun: 0 };
  const progress: LabProgress = { lab: lab.id, tasks };
  if (lab.exam && now !== undefined)
    progress.exam = { startedAt: now, endsAt: now + lab.exam.minutes * 60_000 };
  return progress;
}

function taskOf(lab: Lab, id: string): Task | undefined {
  return lab.tasks.find((t) => t.id === id);
}

function progressOf(progress: LabProgress, id: string): TaskProgress {
  return progress.tasks[id] ?? { state: "todo", hintsShown: 0, stepsRun: 0 };
}

function withTask(progress: LabProgress, id: string, patch: Partial<TaskProgress>): LabProgress {
  return { ...progress, tasks: { ...progress.tasks, [id]: { ...progressOf(progress, id), ...patch } } };
}

/** Whether the tasks a task comes after are done. */
function ready(task: Task, progress: LabProgress): boolean {
  return (task.after ?? []).every((id) => progress.tasks[id]?.state === "done");
}

/** Whether the exam is over (finished, or its time ran out at wall-clock now). */
export function examOver(progress: LabProgress, now: number): boolean {
  return !!progress.exam && (progress.exam.finished === true || now >= progress.exam.endsAt);
}

/**
 * Re-runs the checks of action tasks not yet done (cheap: reads only); those that hold turn done.
 * Returns the same object when nothing changed, so callers can skip a save.
 */
export function refresh(cluster: Cluster, lab: Lab, progress: LabProgress, now?: number): LabProgress {
  if (now !== undefined && examOver(progress, now)) return progress;
  let next = progress;
  for (const task of lab.tasks) {
    if (isQuestion(task) || progressOf(next, task.id).state === "done" || !ready(task, next)) continue;
    if (evaluate(cluster, task.check).ok)
      next = withTask(next, task.id, { state: "done", reasons: undefined });
  }
  return next;
}

/** The outcome of an explicit Check: the new progress and why the task is not done, if it is not. */
export interface CheckOutcome {
  progress: LabProgress;
  reasons: string[];
}

/** Checks an action task now (the Check button): done, or failed with the reasons. */
export function checkTask(cluster: Cluster, lab: Lab, progress: LabProgress, id: string): CheckOutcome {
  const task = taskOf(lab, id);
  if (!task) return { progress, reasons: [`no task ${id} in lab ${lab.id}`] };
  if (progressOf(progress, id).state === "done") return { progress, reasons: [] };
  if (isQuestion(task)) {
    const answer = progressOf(progress, id).answer;
    return answer === undefined
      ? {
          progress: withTask(progress, id, { state: "failed", reasons: ["not answered yet"] }),
          reasons: ["not answered yet"],
        }
      : answerTask(cluster, lab, progress, id, answer);
  }
  const blocked = (task.after ?? []).filter((d) => progress.tasks[d]?.state !== "done");
  if (blocked.length) {
    const reasons = [`do ${blocked.join(", ")} first`];
    return { progress: withTask(progress, id, { state: "failed", reasons }), reasons };
  }
  const v = evaluate(cluster, task.check);
  return {
    progress: withTask(
      progress,
      id,
      v.ok ? { state: "done", reasons: undefined } : { state: "failed", reasons: v.reasons },
    ),
    reasons: v.reasons,
  };
}

/** Checks every task not done (Check all). */
export function checkAll(cluster: Cluster, lab: Lab, progress: LabProgress): LabProgress {
  let next = progress;
  for (const task of lab.tasks) {
    const p = progressOf(next, task.id);
    if (p.state === "done" || (isQuestion(task) && p.answer === undefined)) continue;
    next = checkTask(cluster, lab, next, task.id).progress;
  }
  return next;
}

/** Answers a question: done when right, failed with a reason when not (the answer is kept). */
export function answerTask(
  cluster: Cluster,
  lab: Lab,
  progress: LabProgress,
  id: string,
  answer: string,
): CheckOutcome {
  const task = taskOf(lab, id);
  if (!task || !isQuestion(task)) return { progress, reasons: [`no question ${id} in lab ${lab.id}`] };
  const blocked = (task.after ?? []).filter((d) => progress.tasks[d]?.state !== "done");
  if (blocked.length) {
    const reasons = [`do ${blocked.join(", ")} first`];
    return { progress: withTask(progress, id, { state: "failed", answer, reasons }), reasons };
  }
  const v = checkAnswer(cluster, task.answer, answer);
  if (v.ok)
    return { progress: withTask(progress, id, { state: "done", answer, reasons: undefined }), reasons: [] };
  // The expected answer is kept for the exam's summary; the panel shows it only then.
  const reasons = v.expected === undefined ? [v.reason] : [v.reason, `expected ${v.expected}`];
  return { progress: withTask(progress, id, { state: "failed", answer, reasons }), reasons };
}

/** Reveals the next hint of a task (none in an exam). */
export function revealHint(lab: Lab, progress: LabProgress, id: string): LabProgress {
  const task = taskOf(lab, id);
  if (!task || lab.exam) return progress;
  const shown = Math.min(progressOf(progress, id).hintsShown + 1, task.hints?.length ?? 0);
  return withTask(progress, id, { hintsShown: shown });
}

/** One step of a task's solution: a shell command, or (a question's last step) giving the answer. */
export type SolutionStep = { command: string } | { answer: true };

/** A task's solution as steps: its commands, then for a question the answer itself. */
export function solutionSteps(task: Task): SolutionStep[] {
  const steps: SolutionStep[] = splitScript(task.solution ?? "").map((command) => ({ command }));
  if (isQuestion(task)) steps.push({ answer: true });
  return steps;
}

/** The next solution step to run: in the first task not done, the step after those already run. */
export function nextStep(
  lab: Lab,
  progress: LabProgress,
): { task: string; step: SolutionStep; index: number } | undefined {
  for (const task of lab.tasks) {
    const p = progressOf(progress, task.id);
    if (p.state === "done") continue;
    const steps = solutionSteps(task);
    const step = steps[p.stepsRun];
    if (step) return { task: task.id, step, index: p.stepsRun };
  }
  return undefined;
}

/**
 * Runs the next solution step through run (the learner's shell) and records it; a question's
 * last step answers with the answer computed from the cluster.
 */
export function runNextStep(
  cluster: Cluster,
  lab: Lab,
  progress: LabProgress,
  run: (command: string) => void,
): { progress: LabProgress; ran?: string } {
  const next = nextStep(lab, progress);
  if (!next) return { progress };
  let p = withTask(progress, next.task, { stepsRun: next.index + 1 });
  if ("command" in next.step) {
    run(next.step.command);
    return { progress: refresh(cluster, lab, p), ran: next.step.command };
  }
  const task = taskOf(lab, next.task);
  if (task && isQuestion(task)) {
    const computed = computeAnswer(cluster, task.answer);
    if (computed.ok) {
      p = answerTask(cluster, lab, p, task.id, computed.value.replaceAll(",", ", ")).progress;
      return { progress: p, ran: `answer: ${computed.value.replaceAll(",", ", ")}` };
    }
  }
  return { progress: p };
}

/** A task's line in a score: its points and, when missed, why. */
export interface ScoredTask {
  id: string;
  points: number;
  earned: number;
  reasons: string[];
}

/** An exam's (or any lab's) score: points earned of the total, and what was missed and why. */
export interface Score {
  earned: number;
  total: number;
  tasks: ScoredTask[];
}

/** Scores the progress: done tasks earn their points; the others say why they are not done. */
export function score(cluster: Cluster, lab: Lab, progress: LabProgress): Score {
  const tasks = lab.tasks.map((task): ScoredTask => {
    const points = task.points ?? 1;
    const p = progressOf(progress, task.id);
    if (p.state === "done") return { id: task.id, points, earned: points, reasons: [] };
    let reasons = p.reasons ?? [];
    if (isQuestion(task) && p.answer === undefined) reasons = ["not answered"];
    else if (!isQuestion(task)) reasons = evaluate(cluster, task.check).reasons;
    return { id: task.id, points, earned: 0, reasons };
  });
  return {
    earned: tasks.reduce((n, t) => n + t.earned, 0),
    total: tasks.reduce((n, t) => n + t.points, 0),
    tasks,
  };
}

/** Ends an exam now. */
export function finishExam(progress: LabProgress): LabProgress {
  return progress.exam ? { ...progress, exam: { ...progress.exam, finished: true } } : progress;
}
