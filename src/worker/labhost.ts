/**
 * The worker's side of graded labs: the lab files bundled with the app, the active lab and its
 * progress, and the commands the panel sends. Grading is the labs engine's (src/labs); this only
 * routes, re-checks after cluster changes and keeps the progress for the autosave.
 */
import type { Cluster } from "../engine/cluster";
import { formatLabError, parseLab } from "../labs/load";
import {
  answerTask,
  checkAll,
  checkTask,
  examOver,
  finishExam,
  newProgress,
  refresh,
  revealHint,
  runNextStep,
} from "../labs/progress";
import type { Lab, LabProgress } from "../labs/types";
import { type LabSummary, type LabView, labSummary, labView } from "../labs/view";

const FILES = import.meta.glob("../../labs/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** The bundled labs, by id, in file order; and the files that did not load. */
function loadCatalog(): { labs: Map<string, Lab>; errors: string[] } {
  const labs = new Map<string, Lab>();
  const errors: string[] = [];
  for (const [path, text] of Object.entries(FILES).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const r = parseLab(text, path.replace(/^.*\/labs\//, "labs/"));
    if (r.ok) labs.set(r.lab.id, r.lab);
    else errors.push(...r.errors.map(formatLabError));
  }
  return { labs, errors };
}

const catalog = loadCatalog();

/** The labs as the picker lists them, and lab files that did not load. */
export function labCatalog(): { labs: LabSummary[]; errors: string[] } {
  return { labs: [...catalog.labs.values()].map(labSummary), errors: catalog.errors };
}

/** A bundled lab by id. */
export function findLab(id: string): Lab | undefined {
  return catalog.labs.get(id);
}

let active: { lab: Lab; progress: LabProgress } | undefined;

/** The active lab's progress (saved with the cluster). */
export function activeProgress(): LabProgress | undefined {
  return active?.progress;
}

/** Makes progress the active lab's (a new lab, or one restored with its cluster); undefined leaves labs. */
export function setActive(progress: LabProgress | undefined): void {
  const lab = progress && findLab(progress.lab);
  active = lab && progress ? { lab, progress } : undefined;
}

/** Starts a lab's progress afresh (its cluster is already set up). */
export function startProgress(lab: Lab): void {
  active = { lab, progress: newProgress(lab, Date.now()) };
}

/** The panel's view of the active lab. */
export function currentView(cluster: Cluster | undefined): LabView | undefined {
  return active && cluster ? labView(cluster, active.lab, active.progress, Date.now()) : undefined;
}

function update(next: LabProgress): boolean {
  if (!active || next === active.progress) return false;
  active = { ...active, progress: next };
  return true;
}

/** Re-runs the checks of tasks not done after a cluster change; true when progress changed. */
export function recheck(cluster: Cluster): boolean {
  return active ? update(refresh(cluster, active.lab, active.progress, Date.now())) : false;
}

/** Whether the active exam's time ran out and it is not yet marked finished (it is marked now). */
export function expireExam(): boolean {
  if (!active?.progress.exam || active.progress.exam.finished || !examOver(active.progress, Date.now()))
    return false;
  return update(finishExam(active.progress));
}

/** Check (one task, or all). Returns the reasons a single task failed. */
export function check(cluster: Cluster, task: string | undefined): string[] {
  if (!active || examOver(active.progress, Date.now())) return [];
  if (task === undefined) {
    update(checkAll(cluster, active.lab, active.progress));
    return [];
  }
  const out = checkTask(cluster, active.lab, active.progress, task);
  update(out.progress);
  return out.reasons;
}

/** Answers a question; the reasons it is not right. */
export function answer(cluster: Cluster, task: string, text: string): string[] {
  if (!active || examOver(active.progress, Date.now())) return ["the exam is over"];
  const out = answerTask(cluster, active.lab, active.progress, task, text);
  update(out.progress);
  // The expected answer is not shown while practising.
  return out.reasons.filter((r) => !r.startsWith("expected "));
}

/** Reveals a task's next hint. */
export function hint(task: string): void {
  if (active) update(revealHint(active.lab, active.progress, task));
}

/** Runs the next solution step through run; what it ran, if anything. */
export function step(cluster: Cluster, run: (command: string) => void): string | undefined {
  if (!active || (active.lab.exam && !examOver(active.progress, Date.now()))) return undefined;
  const out = runNextStep(cluster, active.lab, active.progress, run);
  update(out.progress);
  return out.ran;
}

/** Ends the active exam now. */
export function finish(): void {
  if (active) update(finishExam(active.progress));
}
