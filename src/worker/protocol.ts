/**
 * The typed messages between the UI thread and the engine worker. The UI sends commands; the
 * worker answers each command that carries an id with a CommandResult, and streams the API
 * store's watch events as batched deltas (a full snapshot first, then at most one delta a frame).
 */
import type { KubeObject } from "../engine/api/types";
import type { SchedulingRecord } from "../engine/scheduler/explain";
import type { LabSummary, LabView } from "../labs/view";

export type { LabSummary, LabView, SchedulingRecord };

/** What one command printed and its exit code (the kubectl interpreter's CommandResult). */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exit: number;
  /** Both streams interleaved as written, when that differs from stdout then stderr. */
  combined?: string;
  /**
   * `kubectl edit`: open buffer in the YAML editor; on save, send an "edited" command with the
   * session (opaque here) and the saved text.
   */
  edit?: { buffer: string; session: unknown };
  /** The command goes on streaming (`kubectl logs -f`): "stream" messages follow until it ends. */
  following?: boolean;
  /**
   * An "import": what the file was. A scenario or a cluster's List replaced the cluster; manifests
   * were applied to it (stdout is what `kubectl apply` printed).
   */
  imported?: "scenario" | "cluster" | "manifests";
}

/** What a terminal shows of a result: both streams in the order they were written. */
export function terminalText(r: CommandResult): string {
  return r.combined ?? `${r.stdout}${r.stderr}`;
}

/** The state of simulated time, sent with every snapshot and delta. */
export interface ClockState {
  /** Simulated milliseconds since the epoch. */
  now: number;
  /** Simulated milliseconds at the start of the scenario. */
  start: number;
  playing: boolean;
  /** Simulated seconds per real second while playing. */
  speed: number;
}

/** A scenario the worker can load, as offered to the UI. */
export interface ScenarioInfo {
  id: string;
  title: string;
}

/** Commands from the UI. Those with an id get a "result" reply with the same id. */
export type UiCommand =
  /** One line (with heredoc bodies) for the script shell: kubectl, ssh, sleep... */
  /** A line to run; from the terminal, in its session (ssh, a container); otherwise in a shell of its own. */
  | { type: "shell"; id: number; line: string; terminal?: boolean }
  /** Ctrl+C at the terminal while a command streams. */
  | { type: "interrupt" }
  /** `kubectl apply -f -` with this YAML on stdin. */
  | { type: "apply"; id: number; yaml: string }
  /** What the YAML editor saved for a `kubectl edit` (the session from result.edit). */
  | { type: "edited"; id: number; session: unknown; text: string }
  | { type: "play" }
  | { type: "pause" }
  | { type: "speed"; speed: number }
  /** Advances simulated time by seconds now, playing or not. */
  | { type: "advance"; id: number; seconds: number }
  /** Interrupts a running "advance" (time stays where it got to); handled at once, not queued. */
  | { type: "stop" }
  /**
   * A container's log as `kubectl logs` prints it (the last `tail` lines; the previous
   * instance's with previous), in result.stdout; an error such as a container still waiting, in
   * result.stderr. Read-only: not written to the transcript.
   */
  | {
      type: "logs";
      id: number;
      namespace: string;
      name: string;
      container: string;
      previous: boolean;
      tail: number;
    }
  /** The scheduler's record of its latest attempt for a pod (answered with "explanation"). */
  | { type: "explain"; id: number; namespace: string; name: string }
  /**
   * A fresh cluster with the named scenario (the default one when omitted). The cluster it
   * replaces is kept as the "previous" autosave.
   */
  | { type: "reset"; id: number; scenario?: string; seed?: number }
  /**
   * The UI's first message: start from a share link (`r=...` or `s=...`, from the page's hash)
   * when given, else from the autosave, else from the default scenario.
   */
  | { type: "boot"; share?: string }
  /**
   * The cluster as a scenario file (YAML), in result.stdout: without what the cluster regenerates
   * (snapshot-slim.ts) unless full.
   */
  | { type: "export"; id: number; full?: boolean }
  /**
   * The cluster's share-link payload in result.stdout: `r=...`, its history to replay, or `s=...`,
   * a deflated snapshot (worker/share.ts); what the link carries, in words, in result.stderr.
   */
  | { type: "share"; id: number }
  /**
   * Imports a file (worker/importfile.ts): a scenario file or a real cluster's `kubectl get -A -o
   * yaml` List replaces the cluster (the file's name, when given, is its title); manifests are
   * applied to it. A bad file fails (stderr) and changes nothing.
   */
  | { type: "import"; id: number; text: string; name?: string }
  /** Swaps the cluster with the one the last Reset, import or shared link replaced. */
  | { type: "restore-previous"; id: number }
  /** Deletes the "previous" autosave (a cluster that would not restore, say). */
  | { type: "discard-previous"; id: number }
  /** Saves the cluster now (the page is being hidden or closed). */
  | { type: "persist" }
  /**
   * Starts a lab: a fresh cluster of its scenario with its setup run, and fresh progress (an
   * exam's timer starts). Reset of a lab is the same command. The replaced cluster is kept as
   * "previous".
   */
  | { type: "lab-start"; id: number; lab: string }
  /** Checks one task of the active lab, or every task when task is omitted. */
  | { type: "lab-check"; id: number; task?: string }
  /** Answers a question of the active lab. */
  | { type: "lab-answer"; id: number; task: string; answer: string }
  /** Reveals the next hint of a task. */
  | { type: "lab-hint"; task: string }
  /** Runs the next solution step in the shell (answered with what it printed; stdout empty when none is left). */
  | { type: "lab-step"; id: number }
  /** Ends the active exam now and scores it. */
  | { type: "lab-finish" }
  /** Leaves the active lab (the cluster stays). */
  | { type: "lab-quit" }
  /**
   * Restores the cluster to before the last user action (a canvas action, a command that changed
   * something, an apply, a reset or import); result.stdout says what was undone.
   */
  | { type: "undo"; id: number }
  /**
   * Shows the cluster as it was at simulated ms `at` (answered with "past"); the live cluster
   * runs on untouched. A time before the earliest checkpoint fails.
   */
  | { type: "view-at"; id: number; at: number }
  /** Back to the live cluster (answered with "past" without at, holding the live objects). */
  | { type: "view-now" };

/** Where the cluster in a snapshot message came from. */
export type ClusterOrigin = "scenario" | "autosave" | "import" | "link" | "previous" | "undo";

/** One watch event, as the UI replica needs it. */
export interface Delta {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
}

/** Messages from the worker. */
export type WorkerMessage =
  /** The whole store: replaces the UI's replica (first message, and after a reset). */
  | {
      type: "snapshot";
      objects: KubeObject[];
      clock: ClockState;
      scenarios: ScenarioInfo[];
      scenario: string;
      /** The live scenario's title: a built-in one's, an imported file's name, "Shared cluster". */
      title: string;
      origin: ClusterOrigin;
      /** Whether a "previous" cluster can be restored. */
      hasPrevious: boolean;
      /** The new shell's prompt. */
      prompt: string;
    }
  /** The autosave was written (wall-clock ms), holding the cluster at simulated time clockNow. */
  | { type: "saved"; savedAt: number; clockNow: number; playing: boolean }
  /**
   * Watch events since the last message, one per object (its latest state; see worker/deltas.ts),
   * oldest change first and Events last; a big batch comes as several messages.
   */
  | { type: "delta"; deltas: Delta[]; clock: ClockState }
  /** The clock moved or its settings changed with no object change. */
  | { type: "clock"; clock: ClockState }
  /** What the terminal's streaming command wrote (`kubectl logs -f`); ended: the prompt is back. */
  | { type: "stream"; text: string; ended: boolean }
  /**
   * The engine failed in a way the UI should show (a scenario that does not load, objects left
   * out of an import, the worker's own uncaught errors). offerDiscard: the saved cluster that
   * failed to restore was kept as "previous"; the UI offers to discard it.
   */
  | { type: "error"; message: string; offerDiscard?: boolean }
  /** The answer to an "explain" command; no record when the pod was never attempted. */
  | { type: "explanation"; id: number; record?: SchedulingRecord }
  /** The answer to the command with this id. */
  | { type: "result"; id: number; result: CommandResult; prompt?: string }
  /** How far the command with this id got: done of total objects applied (a big apply reports as it goes). */
  | { type: "progress"; id: number; done: number; total: number }
  /** The labs there are (sent at start-up); errors name lab files that did not load, with their line. */
  | { type: "labs"; labs: LabSummary[]; errors: string[] }
  /** The active lab changed (progress, a check, the exam's timer); none when no lab is active. */
  | { type: "lab"; view?: LabView }
  /** What a lab step ran in the shell, for the transcript. */
  | { type: "lab-ran"; command: string; result: CommandResult; prompt: string }
  /** What can be undone and how far back the timeline reaches (sent when either changes). */
  | { type: "history"; history: HistoryState }
  /**
   * The objects to show instead of the replica's: the cluster at simulated ms `at`, read-only;
   * without at, the live cluster again (its deltas follow as usual).
   */
  | { type: "past"; at?: number; objects: KubeObject[] };

/** The worker's history as the page shows it. */
export interface HistoryState {
  /** The label of the action Undo would take back, if any. */
  undo?: string;
  /** How many actions can be undone. */
  undoCount: number;
  /** The earliest simulated ms the timeline can show, if any. */
  earliest?: number;
}
