/**
 * The UI's side of the worker protocol: starts the engine worker, feeds its snapshot and deltas
 * into the store, and sends commands. Every command that changes the cluster goes through here
 * and is written to the transcript, so each canvas action shows the kubectl command it ran.
 */
import type { CommandResult, SchedulingRecord, UiCommand, WorkerMessage } from "../../worker/protocol";
import { onClusterLoaded, onSaved, shareFromLocation } from "../persistence/lifecycle";
import { usePersistence } from "../persistence/state";
import { useStore } from "../store";
import type { CommandSource } from "../store/log";
import { dropQueuedDeltas, queueDeltas } from "./deltaQueue";
import { createEngineWorker, takeEarlyWorker } from "./early";

type WithoutId<T> = T extends { id: number } ? Omit<T, "id"> : never;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (result: CommandResult) => void>();
const explaining = new Map<number, (record: SchedulingRecord | undefined) => void>();
/** The performance mark of the first snapshot (start-up timing, see e2e/startup.spec.ts). */
const SNAPSHOT_MARK = "kubeglass:snapshot";
/** Progress listeners of commands waiting for their result, by id. */
const progressing = new Map<number, (done: number, total: number) => void>();

let streamListener: ((text: string, ended: boolean) => void) | undefined;

/** Receives what the terminal's streaming command writes (`kubectl logs -f`), until it ends. */
export function onStream(listener: ((text: string, ended: boolean) => void) | undefined): void {
  streamListener = listener;
}

/** Ctrl+C at the terminal: the streaming command stops. */
export function interruptStream(): void {
  worker?.postMessage({ type: "interrupt" } satisfies UiCommand);
}

function onMessage(msg: WorkerMessage): void {
  const s = useStore.getState();
  switch (msg.type) {
    case "snapshot":
      if (performance.getEntriesByName(SNAPSHOT_MARK).length === 0) performance.mark(SNAPSHOT_MARK);
      s.setViewingAt(undefined);
      dropQueuedDeltas();
      s.loadSnapshot(msg.objects);
      s.setClock(msg.clock);
      s.setScenarios(msg.scenarios, msg.scenario, msg.title);
      s.setPrompt(msg.prompt);
      onClusterLoaded(msg.origin, msg.hasPrevious);
      break;
    case "saved":
      onSaved(msg.savedAt, msg.clockNow, msg.playing);
      break;
    case "delta":
      // While an earlier instant is shown, the live cluster's changes wait for back-to-now.
      if (s.viewingAt === undefined) queueDeltas(msg.deltas, msg.clock);
      else s.setClock(msg.clock);
      break;
    case "progress":
      progressing.get(msg.id)?.(msg.done, msg.total);
      break;
    case "history":
      s.setHistory(msg.history);
      break;
    case "past":
      dropQueuedDeltas();
      s.loadSnapshot(msg.objects);
      s.setViewingAt(msg.at);
      break;
    case "clock":
      s.setClock(msg.clock);
      break;
    case "error":
      s.setEngineError(msg.message, msg.offerDiscard);
      break;
    case "explanation":
      explaining.get(msg.id)?.(msg.record);
      explaining.delete(msg.id);
      break;
    case "labs":
      s.setLabs(msg.labs, msg.errors);
      if (msg.errors.length) s.setEngineError(`lab files not loaded:\n${msg.errors.join("\n")}`);
      break;
    case "lab":
      s.setLabView(msg.view);
      break;
    case "lab-ran": {
      // A solution step ran in the shell: it shows in the transcript and the terminal, as canvas actions do.
      const id = nextId++;
      s.addLogEntry({ id, source: "lab", command: msg.command, result: msg.result });
      s.setPrompt(msg.prompt);
      break;
    }
    case "stream":
      streamListener?.(msg.text, msg.ended);
      break;
    case "result": {
      if (msg.prompt) s.setPrompt(msg.prompt);
      const resolve = waiting.get(msg.id);
      waiting.delete(msg.id);
      progressing.delete(msg.id);
      resolve?.(msg.result);
      break;
    }
  }
}

function workerFailed(message: string): void {
  useStore.getState().setEngineError(`the engine worker failed: ${message || "it could not start"}`);
}

/** Starts the engine worker (once), or takes over the one the entry started early (bridge/early.ts). */
export function startEngine(): void {
  if (worker) return;
  const early = takeEarlyWorker();
  worker = early?.worker ?? createEngineWorker();
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => onMessage(e.data);
  // A worker that fails to load or throws outside a command: say so rather than hang silently.
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    workerFailed(e.message);
  };
  worker.onmessageerror = () =>
    useStore.getState().setEngineError("a message from the engine could not be read");
  if (early) {
    for (const message of early.messages) onMessage(message);
    for (const error of early.errors) workerFailed(error);
  } else {
    // The link's hash goes before the link is loaded: a link that breaks the page is not loaded again on reload.
    const share = shareFromLocation();
    if (share !== undefined) history.replaceState(null, "", location.pathname + location.search);
    worker.postMessage({ type: "boot", share } satisfies UiCommand);
  }
  // Save at once when the page is hidden or closed (the worker otherwise saves every 2 s at most).
  const persist = () => worker?.postMessage({ type: "persist" } satisfies UiCommand);
  addEventListener("pagehide", persist);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") persist();
  });
}

/** Deletes the saved cluster that failed to restore (kept as "previous"). */
export async function discardPrevious(): Promise<void> {
  const r = await request({ type: "discard-previous" });
  if (r.exit === 0) usePersistence.setState({ hasPrevious: false });
  useStore.getState().setEngineError(r.exit === 0 ? undefined : r.stderr.trim());
}

/** A fresh cluster on a scenario (the current one when omitted); clears the transcript. The replaced cluster stays restorable. */
export async function resetCluster(scenario?: string): Promise<void> {
  await request({ type: "reset", scenario });
  useStore.getState().clearLog();
}

/** The scheduler's latest record for a pod: each node's filter verdicts and scores. */
export function explain(namespace: string, name: string): Promise<SchedulingRecord | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    explaining.set(id, resolve);
    worker?.postMessage({ type: "explain", id, namespace, name } satisfies UiCommand);
  });
}

/** A container's log as `kubectl logs` prints it, read through the engine (not written to the transcript). */
export function podLogs(
  namespace: string,
  name: string,
  container: string,
  previous: boolean,
  tail: number,
): Promise<CommandResult> {
  return request({ type: "logs", namespace, name, container, previous, tail });
}

/** Sends a command with no reply. */
export function send(cmd: Exclude<UiCommand, { id: number }>): void {
  worker?.postMessage(cmd);
}

/** Commands that only read: they run while an earlier instant is shown. */
const READS = new Set<UiCommand["type"]>(["logs", "export", "share", "view-at"]);

/** Sends a command and resolves with the worker's CommandResult; onProgress hears how far it got. */
export function request(
  cmd: WithoutId<Exclude<Extract<UiCommand, { id: number }>, { type: "explain" }>>,
  onProgress?: (done: number, total: number) => void,
): Promise<CommandResult> {
  // The past is read-only: what would change the cluster is refused, saying why.
  const viewing = useStore.getState().viewingAt;
  if (viewing !== undefined && !READS.has(cmd.type)) {
    const when = new Date(viewing).toISOString().slice(11, 19);
    return Promise.resolve({
      stdout: "",
      stderr: `read-only: this is the cluster as it was at ${when}; go back to now to change it\n`,
      exit: 1,
    });
  }
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    if (onProgress) progressing.set(id, onProgress);
    worker?.postMessage({ ...cmd, id } as UiCommand);
  });
}

/** Runs a shell line (kubectl ...) and records it in the transcript. */
export async function runCommand(line: string, source: CommandSource = "action"): Promise<CommandResult> {
  const id = nextId++;
  const s = useStore.getState();
  s.addLogEntry({ id, source, command: line });
  const result = await request({ type: "shell", line, terminal: source === "terminal" });
  useStore.getState().setLogResult(id, result);
  // `kubectl edit`: the YAML editor is the editor.
  if (result.edit) useStore.getState().loadIntoEditor(result.edit.buffer, result.edit.session);
  return result;
}

/** Sends what the editor saved back to the `kubectl edit` it came from, recorded in the transcript. */
export async function saveEdit(session: unknown, text: string): Promise<CommandResult> {
  const id = nextId++;
  useStore.getState().addLogEntry({ id, source: "editor", command: "kubectl edit (saved in the editor)" });
  const result = await request({ type: "edited", session, text });
  useStore.getState().setLogResult(id, result);
  if (result.edit) useStore.getState().loadIntoEditor(result.edit.buffer, result.edit.session);
  return result;
}

/** `kubectl apply -f -` with this YAML, recorded in the transcript; onProgress hears objects done of total. */
export async function applyYaml(
  yaml: string,
  label = "kubectl apply -f -",
  source: CommandSource = "editor",
  onProgress?: (done: number, total: number) => void,
): Promise<CommandResult> {
  const id = nextId++;
  useStore.getState().addLogEntry({ id, source, command: label });
  const result = await request({ type: "apply", yaml }, onProgress);
  useStore.getState().setLogResult(id, result);
  return result;
}

/** Writes something the page did by other means (an undo) and its result to the transcript. */
export function logEntry(command: string, result: CommandResult, source: CommandSource = "action"): void {
  useStore.getState().addLogEntry({ id: nextId++, source, command, result });
}
