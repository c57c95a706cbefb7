/**
 * Undo, reset with undo, and viewing an earlier instant: the page's side of the worker's history.
 * What undo did is written to the transcript (and so echoed in the terminal).
 */
import type { CommandResult } from "../../worker/protocol";
import { logEntry, request, resetCluster, send } from "../bridge/bridge";
import { useStore } from "../store";

/** The transcript line of an undo (a shell comment: there is no undo command to type). */
export const UNDO_COMMAND = "# undo (Ctrl+Z)";

/** Restores the cluster to before the last action, and says what was undone. */
export async function undoLast(): Promise<CommandResult> {
  const s = useStore.getState();
  if (s.viewingAt !== undefined) {
    s.showToast({ title: "Read-only", body: "Go back to now to undo.", tone: "info" });
    return { stdout: "", stderr: "read-only\n", exit: 1 };
  }
  const result = await request({ type: "undo" });
  logEntry(UNDO_COMMAND, result);
  useStore.getState().showToast({
    title: result.exit === 0 ? "Undone" : "Nothing undone",
    body: (result.exit === 0 ? result.stdout : result.stderr).trim(),
    tone: result.exit === 0 ? "ok" : "info",
  });
  return result;
}

/** Starts the scenario again (another one when given), with a toast that offers to undo it. */
export async function resetWithUndo(scenario?: string): Promise<void> {
  await resetCluster(scenario);
  useStore.getState().showToast({
    title: "Cluster reset",
    body: "The cluster is the scenario's again. Undo (Ctrl+Z) brings yours back.",
    tone: "info",
    action: { label: "Undo", run: () => void undoLast() },
  });
}

let viewSeq = 0;
/** Whether an earlier instant was asked for since the last back-to-now (its answer may be on its way). */
let pastAsked = false;

/** Shows the cluster at simulated ms `at` (read-only); at or past now, the live cluster. */
export async function viewAt(at: number): Promise<void> {
  const seq = ++viewSeq;
  const live = useStore.getState().clock.now;
  if (at >= live) {
    backToNow();
    return;
  }
  pastAsked = true;
  const r = await request({ type: "view-at", at });
  if (seq !== viewSeq) return;
  if (r.exit !== 0)
    useStore.getState().showToast({ title: "Timeline", body: r.stderr.trim(), tone: "failed" });
}

/** Back to the live cluster. */
export function backToNow(): void {
  ++viewSeq;
  if (useStore.getState().viewingAt === undefined && !pastAsked) return;
  pastAsked = false;
  send({ type: "view-now" });
}
