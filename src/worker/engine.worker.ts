/**
 * The engine worker: owns the cluster, plays virtual time, routes UI commands to the script shell
 * and kubectl, streams the API store's watch events to the UI in batches, and autosaves the
 * cluster to IndexedDB. No engine logic lives here: only routing, timers, batching and storage.
 */
/// <reference lib="webworker" />
import type { KubeObject } from "../engine/api/types";
import { fromClusterExport } from "../engine/import-cluster";
import { type Cluster, createCluster } from "../engine/index";
import { SCENARIOS } from "../engine/scenarios/cka";
import { explainPod } from "../engine/scheduler/explain";
import {
  describeSkipped,
  exportSnapshot,
  fromDocument,
  type ReadScenario,
  readScenarioFile,
  restoreSnapshot,
  type SkippedObject,
  serializeSnapshot,
} from "../engine/snapshot";
import { slimSnapshot } from "../engine/snapshot-slim";
import { finishEdit } from "../kubectl/cmd/edit";
import { kubectl } from "../kubectl/index";
import type { EditSession } from "../kubectl/interface";
import { bootLab } from "../labs/run";
import { Shell } from "../shell/index";
import * as autosave from "./autosave";
import { record, startHistory } from "./commandlog";
import { DeltaBuffer } from "./deltas";
import { Checkpoints, pastObjects, REBUILD_MAX_OBJECTS, sameHostState, UndoStack } from "./history";
import { classifyImport, type ImportForm } from "./importfile";
import * as labs from "./labhost";
import type {
  ClockState,
  ClusterOrigin,
  CommandResult,
  HistoryState,
  ScenarioInfo,
  UiCommand,
  WorkerMessage,
} from "./protocol";
import { bootScenario } from "./replay";
import { type LiveHistory, makeShareLink, openShareLink } from "./share";

declare const self: DedicatedWorkerGlobalScope;

/** Real milliseconds between two deltas at most (one animation frame). */
const FRAME_MS = 16;
/** Deltas in one message at most: the page decodes each message in one task, so big ones freeze it. */
const DELTA_CHUNK = 1000;
/**
 * Real milliseconds a long synchronous run (a big apply settling) goes without posting what
 * changed: past this the deltas go at once, so the canvas fills while the engine still works.
 */
const MID_RUN_POST_MS = 200;
/** Real milliseconds between two progress messages of one command at most. */
const PROGRESS_EVERY_MS = 100;
/** Real milliseconds between two clock ticks while playing. */
const TICK_MS = 100;
/** Real milliseconds between two autosaves at most. */
const SAVE_EVERY_MS = 2000;
/** A save may take this share of the worker's time at most: big clusters save less often. */
const SAVE_BUDGET = 0.05;
/** Real milliseconds from a first change to its save, so that a burst of changes saves once. */
const SAVE_DELAY_MS = 150;
/**
 * Real milliseconds a saved cluster may take to restore; a slower one is not restored again by
 * itself (the large-1000 scenario restores in a few seconds).
 */
const RESTORE_BUDGET_MS = 30_000;
/** Skipped objects named in a message at most (the rest are counted). */
const SKIPPED_SHOWN = 10;

/** Names of the scenarios as the UI offers them. */
const TITLES: Record<string, string> = { cka: "CKA practice cluster", empty: "Empty cluster" };
const scenarios: ScenarioInfo[] = Object.keys(SCENARIOS).map((id) => ({ id, title: TITLES[id] ?? id }));
const DEFAULT_SCENARIO = "cka";
/** The title of a cluster imported from a file with no name. */
const IMPORTED_TITLE = "Imported scenario";
/** The title of a cluster opened from a share link. */
const LINK_TITLE = "Shared cluster";

function titleOf(id: string): string {
  return TITLES[id] ?? (id === "import" ? IMPORTED_TITLE : id === "link" ? LINK_TITLE : id);
}

let cluster: Cluster | undefined;
let shell: Shell;
/** The shell canvas actions and the editor's commands run in. */
let actionShell: Shell;
let unwatch: () => void = () => {};
let scenarioId = DEFAULT_SCENARIO;
/** The live scenario's title, as the UI shows it. */
let scenarioTitle = titleOf(DEFAULT_SCENARIO);
let seed = 1;
let startMs = 0;
let playing = true;
let speed = 1;
const pending = new DeltaBuffer();
/** performance.now() when the oldest waiting delta came. */
let pendingSince = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastTick = performance.now();
let hasPrevious = false;
/** The live cluster's origin and the commands applied since (share links replay it); none when it cannot be replayed. */
let liveHistory: LiveHistory | undefined;

/** Notes a command that may change the cluster in the live history, at the current instant. */
function remember(entry: Parameters<typeof record>[1]): void {
  if (liveHistory && cluster) record(liveHistory.history, entry, cluster.clock.now(), liveHistory.start);
}

// ---- History: checkpoints for the timeline, snapshots before user actions for undo.

/** What undo needs besides the snapshot to bring a cluster back as it was. */
interface UndoMeta {
  scenario: string;
  title: string;
  seed: number;
  start: number;
  /** The action replaced the cluster (reset, import): the history since is another cluster's. */
  replaced: boolean;
  /** The cluster's command log as it was (share links replay it). */
  commands?: LiveHistory;
}

/** A copy of the live command log as it is now, for an undo to put back. */
function commandsNow(): LiveHistory | undefined {
  return (
    liveHistory && {
      history: { ...liveHistory.history, entries: [...liveHistory.history.entries] },
      start: liveHistory.start,
    }
  );
}

const checkpoints = new Checkpoints();
const undoStack = new UndoStack<UndoMeta>();
/** Watch events seen on the live cluster: a command that moved it changed something. */
let writes = 0;
/** The last earlier instant rebuilt, advanced further when the timeline moves on from it. */
let pastCache: { from: ReturnType<Checkpoints["atOrBefore"]>; cluster: Cluster } | undefined;
let lastHistory = "";

/** Sends what can be undone and how far back the timeline goes, when that changed. */
function postHistory(): void {
  const history: HistoryState = {
    undo: undoStack.peek(),
    undoCount: undoStack.size(),
    earliest: checkpoints.earliest(),
  };
  const text = JSON.stringify(history);
  if (text === lastHistory) return;
  lastHistory = text;
  post({ type: "history", history });
}

/** Checkpoints the live cluster now (after an action), or when the periodic one is due. */
function checkpoint(force = false): void {
  if (!cluster) return;
  const now = cluster.clock.now();
  if (!force && !checkpoints.due(now)) return;
  checkpoints.add(now, exportSnapshot(cluster, seed));
  postHistory();
}

/**
 * Runs a user action with undo: the cluster is captured before it and, when the action changed
 * something (or always, for one that replaces the cluster), pushed on the undo stack under label;
 * a checkpoint follows, so the timeline never replays across an action.
 */
async function undoable<T>(label: string, run: () => T | Promise<T>, always = false): Promise<T> {
  const c = cluster;
  if (!c) return run();
  const before = {
    label,
    at: c.clock.now(),
    snapshot: exportSnapshot(c, seed),
    meta: {
      scenario: scenarioId,
      title: scenarioTitle,
      seed,
      start: startMs,
      replaced: always,
      commands: commandsNow(),
    },
  };
  const seen = writes;
  const out = await run();
  const changed =
    always || writes !== seen || cluster !== c || !sameHostState(before.snapshot, exportSnapshot(c, seed));
  if (changed) {
    undoStack.push(before);
    checkpoint(true);
  }
  postHistory();
  return out;
}

/** Brings the cluster back to before the last action; what was undone, or why not. */
function undo(): CommandResult {
  const entry = undoStack.pop();
  if (!entry) return fail("nothing to undo");
  let c: Cluster;
  try {
    c = restoreSnapshot(entry.snapshot);
  } catch (e) {
    postHistory();
    return fail(`undo failed: ${(e as Error).message}`);
  }
  // An active lab goes on: undo takes back a step of the cluster, not the lab.
  const lab = labs.activeProgress();
  seed = entry.meta.seed;
  if (entry.meta.replaced) checkpoints.clear();
  adopt(c, entry.meta.scenario, "undo", entry.meta.start, entry.meta.title);
  // The command log as it was before the action: the undone command is no longer in it.
  liveHistory = entry.meta.commands;
  if (lab) {
    labs.setActive(lab);
    postLab();
  }
  postHistory();
  const when = new Date(entry.at).toISOString().slice(11, 19);
  const stdout = `undone: ${entry.label}\nthe cluster is back as it was at ${when}\n`;
  return { stdout, stderr: "", exit: 0 };
}

/**
 * The cluster as it was at simulated ms t: the nearest checkpoint at or before it, restored and
 * advanced to t (the one rebuilt last is advanced on when t is later on the same stretch). A big
 * cluster (restoring takes seconds) shows the checkpoint itself: the instant shown is then the
 * checkpoint's, at most CHECKPOINT_EVERY_SECONDS before t, and `at` says so.
 */
function pastView(t: number): { at: number; objects: KubeObject[] } {
  const from = checkpoints.atOrBefore(t);
  if (!from) {
    const earliest = checkpoints.earliest();
    const since = earliest === undefined ? "" : `: it starts at ${new Date(earliest).toISOString()}`;
    throw new Error(`the timeline does not reach back to ${new Date(t).toISOString()}${since}`);
  }
  if (from.snapshot.objects.length > REBUILD_MAX_OBJECTS)
    return { at: from.at, objects: from.snapshot.objects };
  let c: Cluster;
  if (pastCache?.from === from && pastCache.cluster.clock.now() <= t) c = pastCache.cluster;
  else {
    c = restoreSnapshot(from.snapshot);
    pastCache = { from, cluster: c };
  }
  c.advance((t - c.clock.now()) / 1000);
  return { at: c.clock.now(), objects: pastObjects(from, allObjects(c)) };
}

function post(message: WorkerMessage): void {
  self.postMessage(message);
}

function live(): Cluster {
  if (!cluster) throw new Error("the engine has not started");
  return cluster;
}

function clockState(): ClockState {
  return { now: cluster?.clock.now() ?? 0, start: startMs, playing, speed };
}

/** Sends the active lab's view (after progress changed or a lab started or ended). */
function postLab(): void {
  post({ type: "lab", view: labs.currentView(cluster) });
}

function flush(): void {
  flushTimer = undefined;
  // Checks re-run on cluster changes, at most once a frame: only tasks not yet done, reads only.
  if (pending.size > 0 && cluster && labs.recheck(cluster)) {
    postLab();
    markDirty(true);
  }
  if (pending.size === 0) {
    post({ type: "clock", clock: clockState() });
    return;
  }
  postDeltas();
}

/** Posts every waiting delta, DELTA_CHUNK to a message. */
function postDeltas(): void {
  const clock = clockState();
  while (pending.size > 0) post({ type: "delta", deltas: pending.take(DELTA_CHUNK), clock });
}

/** Records a watch event; in a long synchronous run, posts what waits every MID_RUN_POST_MS. */
function onWatchEvent(type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject): void {
  const now = performance.now();
  if (pending.size === 0) pendingSince = now;
  pending.push(type, object);
  if (now - pendingSince > MID_RUN_POST_MS) postDeltas();
  scheduleFlush();
  markDirty();
}

/** A kubectl progress callback for command id: posts "progress" at most every PROGRESS_EVERY_MS. */
function progressOf(id: number): (done: number, total: number) => void {
  let last = performance.now();
  return (done, total) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    post({ type: "progress", id, done, total });
  };
}

/** Sends what changed at the next frame boundary (the clock too when nothing changed). */
function scheduleFlush(): void {
  if (flushTimer === undefined) flushTimer = setTimeout(flush, FRAME_MS);
}

function allObjects(c: Cluster): KubeObject[] {
  return c.api.kinds().flatMap((kind) => c.api.list(kind));
}

// ---- Autosave: what the user does is saved SAVE_DELAY_MS later, time passing once per
// saveEvery at most, and everything at once when the page hides.

let dirty = false;
let lastSave = -Infinity;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** performance.now() when saveTimer fires. */
let saveDue = Number.POSITIVE_INFINITY;
let saving: Promise<void> | undefined;
let saveFailed = false;
/** Real milliseconds between two saves: SAVE_EVERY_MS, or more when saves are slow. */
let saveEvery = SAVE_EVERY_MS;

/**
 * Notes that the cluster changed and schedules a save: SAVE_DELAY_MS from now for a change the
 * user made (a command, play/pause, speed), no sooner than saveEvery after the last save for time
 * passing. A sooner save replaces a later one already scheduled.
 */
function markDirty(byUser = false): void {
  dirty = true;
  const now = performance.now();
  const wait = byUser ? SAVE_DELAY_MS : Math.max(SAVE_DELAY_MS, lastSave + saveEvery - now);
  if (saveTimer !== undefined) {
    if (saveDue <= now + wait) return;
    clearTimeout(saveTimer);
  }
  saveDue = now + wait;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    saveDue = Number.POSITIVE_INFINITY;
    void saveNow();
  }, wait);
}

function current(): autosave.SavedCluster {
  const c = live();
  return {
    savedAt: Date.now(),
    scenario: scenarioId,
    title: scenarioTitle,
    clock: { now: c.clock.now(), start: startMs, playing, speed },
    snapshot: exportSnapshot(c, seed),
    lab: labs.activeProgress(),
    history: liveHistory,
  };
}

/** Writes the autosave if anything changed since the last one. */
async function saveNow(): Promise<void> {
  if (saving) await saving;
  if (!dirty || !cluster) return;
  dirty = false;
  const started = performance.now();
  lastSave = started;
  const record = current();
  saving = autosave
    .save("current", record)
    .then(() => {
      saveEvery = Math.max(SAVE_EVERY_MS, (performance.now() - started) / SAVE_BUDGET);
      saveFailed = false;
      post({
        type: "saved",
        savedAt: record.savedAt,
        clockNow: record.clock?.now ?? 0,
        playing: record.clock?.playing ?? true,
      });
    })
    .catch((e: unknown) => {
      if (!saveFailed) post({ type: "error", message: `autosave failed: ${(e as Error).message}` });
      saveFailed = true;
    })
    .finally(() => {
      saving = undefined;
    });
  await saving;
}

/** Keeps the live cluster as the "previous" autosave, before something replaces it. */
async function stashLive(): Promise<void> {
  if (!cluster) return;
  try {
    await autosave.save("previous", current());
    hasPrevious = true;
  } catch {
    // Storage unavailable: the replacement still happens.
  }
}

// ---- Starting a cluster.

/**
 * Makes a restored autosave the live cluster as it was saved: its seed, its scenario and title,
 * and time playing, or not, at the speed the user left it.
 */
function adoptSaved(c: Cluster, saved: autosave.SavedCluster, origin: ClusterOrigin): void {
  seed = saved.snapshot.seed;
  playing = saved.clock?.playing ?? playing;
  speed = saved.clock?.speed ?? speed;
  lastTick = performance.now();
  adopt(c, saved.scenario, origin, saved.clock?.start ?? c.clock.now(), saved.title);
  liveHistory = saved.history;
  // A lab's progress is saved with its cluster: a reload finds it where it was.
  labs.setActive(saved.lab);
  if (saved.lab) postLab();
}

/** Makes c the live cluster: a new shell, the watch, and a snapshot to the UI. */
function adopt(c: Cluster, id: string, origin: ClusterOrigin, start: number, title = titleOf(id)): void {
  unwatch();
  if (labs.activeProgress()) {
    labs.setActive(undefined);
    post({ type: "lab", view: undefined });
  }
  cluster = c;
  liveHistory = undefined;
  scenarioId = id;
  scenarioTitle = title;
  startMs = start;
  // `kubectl edit` typed in the terminal opens the app's YAML editor.
  shell = new Shell(c, { appEditor: true, follow: true });
  actionShell = new Shell(c, { appEditor: true });
  pending.clear();
  pastCache = undefined;
  // Another cluster has another past; an undo keeps the past up to the instant it went back to.
  if (origin === "undo") checkpoints.forgetAfter(c.clock.now());
  else checkpoints.clear();
  unwatch = c.api.watch("*", (event) => {
    writes++;
    onWatchEvent(event.type, event.object);
  });
  post({
    type: "snapshot",
    objects: allObjects(c),
    clock: clockState(),
    scenarios,
    scenario: scenarioId,
    title: scenarioTitle,
    origin,
    hasPrevious,
    prompt: shell.prompt(),
  });
  checkpoint(true);
  markDirty(true);
}

function loadScenario(id: string, newSeed = 1): void {
  const known = id in SCENARIOS ? id : DEFAULT_SCENARIO;
  seed = newSeed;
  let booted: ReturnType<typeof bootScenario> | undefined;
  try {
    booted = bootScenario(known, newSeed);
  } catch (e) {
    post({ type: "error", message: `scenario ${known}: ${(e as Error).message}` });
  }
  const c = booted?.cluster ?? createCluster({ seed: newSeed });
  adopt(c, known, "scenario", booted?.start ?? c.clock.now());
  // A scenario booted whole is an origin a share link can replay from.
  if (booted) liveHistory = { history: startHistory(known, newSeed), start: booted.start };
}

/** A cluster from a validated scenario; throws with a readable message when it cannot be restored. */
function restore(read: ReadScenario): Cluster {
  try {
    return restoreSnapshot(read.snapshot);
  } catch (e) {
    throw new Error(`the scenario could not be restored: ${(e as Error).message}`);
  }
}

/** "2 objects were left out: Pod default/x: ...; ..." for objects an import skipped, or "". */
function skippedText(what: string, skipped: SkippedObject[]): string {
  if (skipped.length === 0) return "";
  const shown = skipped.slice(0, SKIPPED_SHOWN).map(describeSkipped);
  const more = skipped.length > SKIPPED_SHOWN ? `\n...and ${skipped.length - SKIPPED_SHOWN} more` : "";
  const n = skipped.length === 1 ? "1 object" : `${skipped.length} objects`;
  const verb = skipped.length === 1 ? "was" : "were";
  return `${n} of ${what} did not pass validation and ${verb} left out:\n${shown.join("\n")}${more}`;
}

/**
 * Restores a saved cluster under a marker (autosave.RestoreMarker): if it throws, hangs or takes
 * more than RESTORE_BUDGET_MS, the next start-up does not try it again by itself.
 */
async function restoreSaved(saved: autosave.SavedCluster, slot: autosave.Slot): Promise<Cluster> {
  await autosave.markRestoring(slot);
  const started = performance.now();
  let c: Cluster;
  try {
    const read = fromDocument(saved.snapshot);
    c = restore(read);
    const text = skippedText("the saved cluster", read.skipped);
    if (text) post({ type: "error", message: text });
  } catch (e) {
    await autosave.clearRestoring();
    throw e;
  }
  if (performance.now() - started <= RESTORE_BUDGET_MS) await autosave.clearRestoring();
  return c;
}

/** The autosave that did not finish restoring last time is kept as "previous" and not tried again. */
async function setAsideUnfinished(marker: autosave.RestoreMarker): Promise<void> {
  await autosave.clearRestoring();
  if (marker.slot === "current") {
    const current = await autosave.load("current");
    if (current) {
      try {
        await autosave.save("previous", current);
        await autosave.discard("current");
        hasPrevious = true;
      } catch {
        /* storage failing: nothing more to keep */
      }
    }
  }
  post({
    type: "error",
    message:
      "The saved cluster did not finish restoring last time (it failed, hung or took too long), so it was not restored again. It is kept as the previous cluster: Scenario → Restore previous tries it again, or discard it.",
    offerDiscard: hasPrevious,
  });
}

async function boot(share: string | undefined): Promise<void> {
  post({ type: "labs", ...labs.labCatalog() });
  hasPrevious = (await autosave.load("previous")) !== undefined;
  const unfinished = await autosave.unfinishedRestore();
  if (unfinished) await setAsideUnfinished(unfinished);
  if (share) {
    try {
      const opened = openShareLink(share);
      if (opened.kind === "replay") {
        if (await autosave.stashCurrent()) hasPrevious = true;
        seed = opened.seed;
        adopt(opened.cluster, "link", "link", opened.start);
        liveHistory = { history: opened.history, start: opened.start };
        if (opened.differs)
          post({
            type: "error",
            message:
              "The shared cluster was replayed from its history, but it did not come out exactly as it was shared (the link may come from another version of Kubeglass).",
          });
        return;
      }
      const read = opened.read;
      const c = restore(read);
      if (await autosave.stashCurrent()) hasPrevious = true;
      seed = read.snapshot.seed;
      adopt(c, "link", "link", c.clock.now());
      const text = skippedText("the shared cluster", read.skipped);
      if (text) post({ type: "error", message: text });
      return;
    } catch (e) {
      post({ type: "error", message: `shared link not loaded: ${(e as Error).message}` });
    }
  }
  const saved = unfinished ? undefined : await autosave.load("current");
  if (saved) {
    try {
      adoptSaved(await restoreSaved(saved, "current"), saved, "autosave");
      return;
    } catch (e) {
      // Kept as "previous" (not restored again by itself), and offered for discarding.
      try {
        await autosave.save("previous", saved);
        hasPrevious = true;
      } catch {
        /* storage failing */
      }
      post({
        type: "error",
        message: `autosave not restored, starting fresh: ${(e as Error).message}. It is kept as the previous cluster.`,
        offerDiscard: hasPrevious,
      });
    }
  }
  loadScenario(DEFAULT_SCENARIO);
}

// ---- Commands.

function runKubectl(
  argv: string[],
  stdin: string,
  onProgress?: (done: number, total: number) => void,
): CommandResult {
  const c = live();
  const result = kubectl({ cluster: c, namespace: "default", onProgress }, argv, stdin);
  c.settle();
  return result;
}

function safely(fn: () => CommandResult): CommandResult {
  try {
    return fn();
  } catch (e) {
    return { stdout: "", stderr: `internal error: ${(e as Error).message}\n`, exit: 1 };
  }
}

const OK: CommandResult = { stdout: "", stderr: "", exit: 0 };

function fail(message: string): CommandResult {
  return { stdout: "", stderr: `${message}\n`, exit: 1 };
}

async function handle(cmd: UiCommand): Promise<void> {
  switch (cmd.type) {
    case "boot":
      await boot(cmd.share);
      return;
    case "shell": {
      // Canvas actions and the editor do not run inside the terminal's ssh or container session.
      const sh = cmd.terminal ? shell : actionShell;
      const result = await undoable(cmd.line, () => {
        remember({ op: cmd.terminal ? "terminal" : "action", line: cmd.line });
        return safely(() => sh.run(cmd.line));
      });
      if (cmd.terminal && shell.following()) result.following = true;
      post({ type: "result", id: cmd.id, result, prompt: shell.prompt() });
      break;
    }
    case "interrupt":
      if (shell.following()) remember({ op: "interrupt" });
      shell.interrupt();
      post({ type: "stream", text: "", ended: true });
      break;
    case "edited":
      post({
        type: "result",
        id: cmd.id,
        result: await undoable("kubectl edit", () =>
          safely(() => {
            remember({ op: "edited", session: cmd.session as EditSession, text: cmd.text });
            const c = live();
            const r = finishEdit({ cluster: c, namespace: "default" }, cmd.session as EditSession, cmd.text);
            c.settle();
            return r;
          }),
        ),
      });
      break;
    case "apply":
      post({
        type: "result",
        id: cmd.id,
        result: await undoable("kubectl apply -f -", () => {
          remember({ op: "apply", yaml: cmd.yaml });
          return safely(() => runKubectl(["apply", "-f", "-"], cmd.yaml, progressOf(cmd.id)));
        }),
      });
      break;
    case "logs": {
      const argv = ["logs", cmd.name, "-n", cmd.namespace, "-c", cmd.container, `--tail=${cmd.tail}`];
      if (cmd.previous) argv.push("--previous");
      // Reading a log changes nothing: no settle, no save.
      post({
        type: "result",
        id: cmd.id,
        result: safely(() => kubectl({ cluster: live(), namespace: "default" }, argv, "")),
      });
      return;
    }
    case "explain":
      post({ type: "explanation", id: cmd.id, record: explainPod(live(), cmd.namespace, cmd.name) });
      return;
    case "play":
      playing = true;
      lastTick = performance.now();
      break;
    case "pause":
      playing = false;
      break;
    case "speed":
      speed = cmd.speed;
      break;
    case "advance":
      post({ type: "result", id: cmd.id, result: await advanceInterruptibly(cmd.seconds) });
      break;
    case "stop":
      break;
    case "reset":
      await undoable(
        "Reset",
        async () => {
          await stashLive();
          loadScenario(cmd.scenario ?? (scenarioId in SCENARIOS ? scenarioId : DEFAULT_SCENARIO), cmd.seed);
        },
        true,
      );
      post({ type: "result", id: cmd.id, result: OK });
      return;
    case "undo":
      post({ type: "result", id: cmd.id, result: undo() });
      break;
    case "view-at": {
      // Read-only: nothing here changes the live cluster, so no flush and no save.
      try {
        const view = pastView(Math.min(cmd.at, live().clock.now()));
        post({ type: "past", ...view });
      } catch (e) {
        post({ type: "result", id: cmd.id, result: fail((e as Error).message) });
        return;
      }
      post({ type: "result", id: cmd.id, result: OK });
      return;
    }
    case "view-now":
      // The live objects include what was pending: the page takes them whole.
      pending.clear();
      pastCache = undefined;
      post({ type: "past", objects: allObjects(live()) });
      return;
    case "export":
      post({
        type: "result",
        id: cmd.id,
        result: safely(() => ({
          stdout: serializeSnapshot(
            cmd.full ? exportSnapshot(live(), seed) : slimSnapshot(exportSnapshot(live(), seed)),
          ),
          stderr: "",
          exit: 0,
        })),
      });
      return;
    case "share":
      post({
        type: "result",
        id: cmd.id,
        result: safely(() => {
          const link = makeShareLink(live(), seed, liveHistory);
          const origin = liveHistory?.history.origin;
          const what =
            link.commands === undefined || !origin
              ? `a compressed snapshot: ${link.why}`
              : `replays ${link.commands} command${link.commands === 1 ? "" : "s"} from ${titleOf(origin.scenario)} (seed ${origin.seed})`;
          return { stdout: link.payload, stderr: what, exit: 0 };
        }),
      });
      return;
    case "import": {
      // Decode, validate and restore before touching the live cluster: a bad file changes nothing.
      let c: Cluster;
      let read: ReadScenario;
      let warnings: string[] = [];
      let form: ImportForm;
      try {
        form = classifyImport(cmd.text);
        if (form.form === "manifests") {
          // Applied to the live cluster, as `kubectl apply -f FILE` (and kept in its history).
          const result = await undoable(`kubectl apply -f ${cmd.name || "-"}`, () => {
            remember({ op: "apply", yaml: cmd.text });
            return safely(() => runKubectl(["apply", "-f", "-"], cmd.text));
          });
          post({ type: "result", id: cmd.id, result: { ...result, imported: "manifests" } });
          break;
        }
        if (form.form === "cluster") {
          const imported = fromClusterExport(form.list);
          warnings = imported.warnings;
          read = fromDocument(imported.snapshot);
        } else read = readScenarioFile(cmd.text);
        c = restore(read);
      } catch (e) {
        post({ type: "result", id: cmd.id, result: fail((e as Error).message) });
        return;
      }
      await undoable(
        `Import ${cmd.name || IMPORTED_TITLE}`,
        async () => {
          await stashLive();
          seed = read.snapshot.seed;
          adopt(c, "import", "import", c.clock.now(), cmd.name || IMPORTED_TITLE);
        },
        true,
      );
      const skipped = skippedText("the file", read.skipped);
      const warning = [...warnings, ...(skipped ? [skipped] : [])].join("\n");
      post({
        type: "result",
        id: cmd.id,
        result: { stdout: "", stderr: warning ? `${warning}\n` : "", exit: 0, imported: form.form },
      });
      return;
    }
    case "restore-previous": {
      const previous = await autosave.load("previous");
      if (!previous) {
        post({ type: "result", id: cmd.id, result: fail("there is no previous cluster to restore") });
        return;
      }
      let c: Cluster;
      try {
        c = await restoreSaved(previous, "previous");
      } catch (e) {
        post({ type: "result", id: cmd.id, result: fail((e as Error).message) });
        return;
      }
      await stashLive();
      adoptSaved(c, previous, "previous");
      post({ type: "result", id: cmd.id, result: OK });
      return;
    }
    case "discard-previous":
      try {
        await autosave.discard("previous");
        hasPrevious = false;
        post({ type: "result", id: cmd.id, result: OK });
      } catch (e) {
        post({ type: "result", id: cmd.id, result: fail(`could not discard: ${(e as Error).message}`) });
      }
      return;
    case "persist":
      await saveNow();
      return;
    case "lab-start":
      await startLab(cmd.id, cmd.lab);
      return;
    case "lab-check": {
      const reasons = labs.check(live(), cmd.task);
      postLab();
      post({ type: "result", id: cmd.id, result: reasons.length ? fail(reasons.join("\n")) : OK });
      break;
    }
    case "lab-answer": {
      const reasons = labs.answer(live(), cmd.task, cmd.answer);
      postLab();
      post({ type: "result", id: cmd.id, result: reasons.length ? fail(reasons.join("\n")) : OK });
      break;
    }
    case "lab-hint":
      labs.hint(cmd.task);
      postLab();
      break;
    case "lab-step": {
      let result: CommandResult = OK;
      const ran = labs.step(live(), (command) => {
        result = safely(() => shell.run(command));
      });
      if (ran) post({ type: "lab-ran", command: ran, result, prompt: shell.prompt() });
      postLab();
      post({
        type: "result",
        id: cmd.id,
        result: ran ? { ...result, stdout: ran } : fail("no step left to run"),
      });
      break;
    }
    case "lab-finish":
      labs.finish();
      postLab();
      break;
    case "lab-quit":
      labs.setActive(undefined);
      postLab();
      break;
  }
  scheduleFlush();
  markDirty(true);
}

/** Starts (or restarts) a lab: its scenario, its setup, fresh progress; the replaced cluster is kept. */
async function startLab(id: number, name: string): Promise<void> {
  const lab = labs.findLab(name);
  if (!lab) {
    post({ type: "result", id, result: fail(`no lab ${name}`) });
    return;
  }
  let booted: ReturnType<typeof bootLab>;
  try {
    booted = bootLab(lab);
  } catch (e) {
    post({ type: "result", id, result: fail(`lab ${name}: ${(e as Error).message}`) });
    return;
  }
  await stashLive();
  seed = 1;
  playing = true;
  lastTick = performance.now();
  const c = booted.cluster;
  adopt(c, `lab:${lab.id}`, "scenario", c.clock.now(), `Lab: ${lab.title}`);
  labs.startProgress(lab);
  labs.recheck(c);
  postLab();
  const setup = booted.setupErrors.map((e) => `setup: ${e}`).join("\n");
  post({ type: "result", id, result: { stdout: "", stderr: setup ? `${setup}\n` : "", exit: 0 } });
}

function tick(): void {
  if (labs.expireExam()) {
    postLab();
    markDirty(true);
  }
  const now = performance.now();
  const elapsed = now - lastTick;
  lastTick = now;
  if (!playing || !cluster) return;
  try {
    cluster.advance((elapsed / 1000) * speed);
    checkpoint();
    if (shell.following()) {
      const { text, ended } = shell.readFollow();
      if (text || ended) post({ type: "stream", text, ended });
    }
  } catch (e) {
    playing = false;
    post({ type: "error", message: `time stopped: ${(e as Error).message}` });
  }
  scheduleFlush();
  markDirty();
}

// The worker's own failures reach the page instead of dying silently.
self.addEventListener("error", (e: ErrorEvent) => {
  post({ type: "error", message: `engine worker: ${e.message || "uncaught error"}` });
});
self.addEventListener("unhandledrejection", (e: PromiseRejectionEvent) => {
  const reason = e.reason instanceof Error ? e.reason.message : String(e.reason);
  post({ type: "error", message: `engine worker: ${reason}` });
});

/** Set by a "stop" message; an advance in progress polls it between its slices. */
let stopRequested = false;
/** Wall milliseconds an advance works before it lets messages ("stop") in. */
const ADVANCE_SLICE_MS = 50;

/** Advances in slices of wall time, letting a "stop" message in between them. */
async function advanceInterruptibly(seconds: number): Promise<CommandResult> {
  stopRequested = false;
  try {
    const c = live();
    const target = c.clock.now() + Math.max(0, Math.round(seconds * 1000) || 0);
    for (;;) {
      const sliceEnd = performance.now() + ADVANCE_SLICE_MS;
      const done = c.advance((target - c.clock.now()) / 1000, {
        shouldStop: () => stopRequested || performance.now() > sliceEnd,
      });
      checkpoint();
      if (done) return OK;
      if (stopRequested) return { stdout: "", stderr: "interrupted\n", exit: 130 };
      scheduleFlush();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (e) {
    return { stdout: "", stderr: `internal error: ${(e as Error).message}\n`, exit: 1 };
  }
}

/** Commands run one at a time, in order, each after the previous one (boot included) finished. */
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<UiCommand>) => {
  const cmd = e.data;
  if (cmd.type === "stop") {
    stopRequested = true;
    return;
  }
  queue = queue.then(() =>
    handle(cmd).catch((err: unknown) => post({ type: "error", message: (err as Error).message })),
  );
};
setInterval(tick, TICK_MS);
