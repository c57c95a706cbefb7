/**
 * The engine worker, started by the page's first few kilobytes of script: it downloads, compiles
 * and boots its cluster while the UI bundle is still loading, and what it says meanwhile waits
 * here until the bridge takes over (startEngine).
 */
import type { UiCommand, WorkerMessage } from "../../worker/protocol";
import { shareFromLocation } from "../persistence/lifecycle";

/** A worker started early, with what it said before anyone listened. */
export interface EarlyWorker {
  worker: Worker;
  messages: WorkerMessage[];
  /** Its load or uncaught errors meanwhile (their messages). */
  errors: string[];
}

let early: EarlyWorker | undefined;

/** A new engine worker (not booted). */
export function createEngineWorker(): Worker {
  return new Worker(new URL("../../worker/engine.worker.ts", import.meta.url), { type: "module" });
}

/**
 * Starts the engine worker and boots it: from the address's share link when there is one (the
 * link then leaves the address, so that a link that breaks the page is not loaded again on
 * reload), else from the autosave or the default scenario.
 */
export function startWorkerEarly(): void {
  if (early) return;
  const worker = createEngineWorker();
  const started: EarlyWorker = { worker, messages: [], errors: [] };
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => started.messages.push(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    started.errors.push(e.message);
  };
  const share = shareFromLocation();
  if (share !== undefined) history.replaceState(null, "", location.pathname + location.search);
  worker.postMessage({ type: "boot", share } satisfies UiCommand);
  early = started;
}

/** The early worker, once: the bridge attaches its own handlers and replays what was said. */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
