/**
 * What the lab panel shows, computed where the lab runs (the worker) and sent as plain data: the
 * tasks with their state, the hints revealed so far (none in an exam), the next solution step,
 * and an exam's timer and, once it is over, its score. Solutions and unrevealed hints stay out.
 */
import type { Cluster } from "../engine/cluster";
import { examOver, isQuestion, nextStep, type Score, score, solutionSteps } from "./progress";
import type { AnswerType, Lab, LabProgress, TaskState } from "./types";

/** A lab as the picker lists it. */
export interface LabSummary {
  id: string;
  title: string;
  topic: string;
  tasks: number;
  /** Minutes, for a mock exam. */
  exam?: number;
}

/** One task as the panel shows it. */
export interface TaskView {
  id: string;
  kind: "question" | "action";
  text: string;
  answerType?: AnswerType;
  state: TaskState;
  /** Why the last check or answer failed (an expected answer only once an exam is over). */
  reasons: string[];
  answer?: string;
  hints: string[];
  hintCount: number;
  steps: number;
  stepsRun: number;
  /** The solution's commands ("show solution"); empty while an exam runs. */
  solution: string[];
}

/** The active lab as the panel shows it. */
export interface LabView {
  id: string;
  title: string;
  description?: string;
  tasks: TaskView[];
  /** The next solution step's command ("answer" for a question's last step); none when all are run. */
  nextStep?: { task: string; command?: string };
  exam?: { endsAt: number; over: boolean; score?: Score };
  done: number;
}

/** The picker's line for a lab. */
export function labSummary(lab: Lab): LabSummary {
  return { id: lab.id, title: lab.title, topic: lab.topic, tasks: lab.tasks.length, exam: lab.exam?.minutes };
}

/** The panel's view of a lab's progress; now is the wall clock (for an exam's timer). */
export function labView(cluster: Cluster, lab: Lab, progress: LabProgress, now: number): LabView {
  const over = examOver(progress, now);
  const tasks = lab.tasks.map((task): TaskView => {
    const p = progress.tasks[task.id] ?? { state: "todo", hintsShown: 0, stepsRun: 0 };
    const reasons = (p.reasons ?? []).filter((r) => over || !r.startsWith("expected "));
    return {
      id: task.id,
      kind: isQuestion(task) ? "question" : "action",
      text: isQuestion(task) ? task.question : task.action,
      answerType: isQuestion(task) ? task.answer.type : undefined,
      state: p.state,
      reasons,
      answer: p.answer,
      hints: lab.exam ? [] : (task.hints ?? []).slice(0, p.hintsShown),
      hintCount: lab.exam ? 0 : (task.hints?.length ?? 0),
      steps: solutionSteps(task).length,
      stepsRun: p.stepsRun,
      solution:
        lab.exam && !over ? [] : solutionSteps(task).map((st) => ("command" in st ? st.command : "(answer)")),
    };
  });
  const next = lab.exam && !over ? undefined : nextStep(lab, progress);
  return {
    id: lab.id,
    title: lab.title,
    description: lab.description,
    tasks,
    nextStep: next && { task: next.task, command: "command" in next.step ? next.step.command : undefined },
    exam: progress.exam && {
      endsAt: progress.exam.endsAt,
      over,
      score: over ? score(cluster, lab, progress) : undefined,
    },
    done: tasks.filter((t) => t.state === "done").length,
  };
}
