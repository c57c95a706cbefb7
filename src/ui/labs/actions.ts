/** What the lab panel's buttons send to the worker; grading runs there (src/worker/labhost.ts). */
import { request, send } from "../bridge/bridge";
import { useStore } from "../store";

/** The first line of a failed result, or undefined when it succeeded. */
function failure(r: { exit: number; stderr: string }): string | undefined {
  return r.exit === 0 ? undefined : r.stderr.trim();
}

export const labActions = {
  /** Starts (or restarts) a lab on a fresh cluster; clears the transcript as a Reset does. */
  async start(lab: string) {
    const r = await request({ type: "lab-start", lab });
    useStore.getState().clearLog();
    if (r.stderr) useStore.getState().setEngineError(r.stderr.trim());
  },
  /** Checks one task (or all when task is omitted); the reason shows under the task. */
  async check(task?: string) {
    const r = await request({ type: "lab-check", task });
    if (task) useStore.getState().setLabMessage(task, failure(r));
  },
  async answer(task: string, answer: string) {
    const r = await request({ type: "lab-answer", task, answer });
    useStore.getState().setLabMessage(task, failure(r));
  },
  hint(task: string) {
    send({ type: "lab-hint", task });
  },
  /** Runs the solution's next command in the shell (it shows in the terminal). */
  runStep() {
    return request({ type: "lab-step" });
  },
  finish() {
    send({ type: "lab-finish" });
  },
  quit() {
    send({ type: "lab-quit" });
  },
};
