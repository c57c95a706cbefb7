/**
 * The scheduling queue (backend/queue/scheduling_queue.go): activeQ ordered by the QueueSort
 * plugin; backoffQ for pods waiting out their back-off (1 s doubling to 10 s); unschedulablePods
 * for pods that failed, until a cluster event that may help moves them or they have waited 5
 * minutes. Which events help is decided by QueueingHints (beta, on by default in v1.32): for each
 * unschedulable pod, the hint functions of the plugins that rejected it are asked whether the
 * event may make it schedulable (isPodWorthRequeuing). Events that arrive while a pod is being
 * scheduled are kept, and asked about when the pod comes back (in-flight events).
 */
import type { Pod } from "../../api/kinds";
import type { Clock, TimerId } from "../../clock/clock";
import { EventAssignedPodAdd, matchEvent, podSchedulingPropertiesChange } from "../framework/events";
import {
  ActionType,
  type ClusterEvent,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type Plugin,
  type QueuedPodInfo,
  QueueingHint,
  type QueueingHintFn,
} from "../framework/interface";
import { type PodInfo, termMatches } from "../framework/types";
import * as names from "../plugins/names";
import { Heap } from "./heap";

export type { ClusterEvent } from "../framework/interface";

/** Where a pod goes after an event (queueingStrategy). */
export enum QueueingStrategy {
  /** Stays in (or goes to) the unschedulable pool. */
  QueueSkip = 0,
  /** To backoffQ, or activeQ when its back-off is over. */
  QueueAfterBackoff = 1,
  /** To activeQ at once (a Pending plugin said Queue). */
  QueueImmediately = 2,
}

/** One plugin's registered event and hint (QueueingHintFunction). */
export interface RegisteredHint {
  event: ClusterEvent;
  fn: QueueingHintFn | undefined;
}

/** A profile's hints, by plugin name (QueueingHintMap, indexed by plugin for the hot path). */
export type QueueingHintMap = Map<string, RegisteredHint[]>;

const allEvents: ClusterEventWithHint[] = [{ event: { resource: "*", actionType: ActionType.All } }];

/**
 * The hints of a profile's plugins (buildQueueingHintMap). A plugin without EventsToRegister is
 * interested in every event; one that registers Node Add without UpdateNodeTaint also gets
 * UpdateNodeTaint with Queue (the issue 109437 workaround upstream keeps).
 */
export function buildQueueingHintMap(plugins: Iterable<Plugin>): QueueingHintMap {
  const m: QueueingHintMap = new Map();
  for (const pl of plugins) {
    const ext = pl as Partial<EnqueueExtensions>;
    const events = typeof ext.eventsToRegister === "function" ? ext.eventsToRegister() : allEvents;
    if (events.length === 0) continue;
    const regs: RegisteredHint[] = [];
    let nodeAdded = false;
    let nodeTaint = false;
    for (const e of events) {
      if (e.event.resource === "Node") {
        if (e.event.actionType & ActionType.Add) nodeAdded = true;
        if (e.event.actionType & ActionType.UpdateNodeTaint) nodeTaint = true;
      }
      regs.push({ event: e.event, fn: e.queueingHintFn });
    }
    if (nodeAdded && !nodeTaint)
      regs.push({ event: { resource: "Node", actionType: ActionType.UpdateNodeTaint }, fn: undefined });
    m.set(pl.name, regs);
  }
  return m;
}

/** Queue timing settings. */
export interface QueueOptions {
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  /** How long a pod stays unschedulable before it is retried anyway (5 min). */
  podMaxInUnschedulablePodsSeconds: number;
}

interface Entry extends QueuedPodInfo {
  pendingPlugins: Set<string>;
  /** Virtual ms of the last attempt's end. */
  lastAttempt: number;
  timer?: TimerId;
  /** Kept out by a PreEnqueue plugin (scheduling gates). */
  gated: boolean;
  /** While in flight: the index of the first in-flight event it has not seen. */
  eventsFrom: number;
}

/** An event seen while pods were in flight. */
interface InFlightEvent {
  event: ClusterEvent;
  oldObj: unknown;
  newObj: unknown;
}

/**
 * What PreEnqueue says of a pod: true lets it into activeQ; otherwise it is gated, by the named
 * plugin when a string is given.
 */
export type PreEnqueueCheck = (p: PodInfo) => boolean | string;

/** The three-part scheduling queue. */
export class SchedulingQueue {
  private readonly active: Heap<Entry>;
  private readonly backoff = new Map<string, Entry>();
  private readonly unschedulable = new Map<string, Entry>();
  /** Pods popped and being scheduled. */
  private readonly inFlight = new Map<string, Entry>();
  /** Events seen while some pod was in flight; inFlightEvents[0] has index eventsBase. */
  private inFlightEvents: InFlightEvent[] = [];
  private eventsBase = 0;
  private seq = 0;
  /** Every registered event of every profile (isEventOfInterest). */
  private readonly registered: ClusterEvent[] = [];

  constructor(
    private readonly clock: Clock,
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private readonly preEnqueue: PreEnqueueCheck,
    private readonly options: QueueOptions,
    /** Called when a pod becomes active from a timer (so the component wakes up). */
    private readonly wake: () => void = () => {},
    /** The QueueingHintMap of each profile, by scheduler name. */
    private readonly hintMaps: Map<string, QueueingHintMap> = new Map(),
    /** The scheduler name of a pod (its profile). */
    private readonly profileOf: (p: PodInfo) => string = (p) =>
      p.pod.spec?.schedulerName || "default-scheduler",
    /** Labels of a namespace (cross-topology pre-filter of pod events). */
    private readonly namespaceLabels: (ns: string) => Record<string, string> | undefined = () => undefined,
  ) {
    this.active = new Heap<Entry>((e) => e.podInfo.key, less);
    for (const m of hintMaps.values())
      for (const regs of m.values()) for (const r of regs) this.registered.push(r.event);
  }

  /** How many pods are in each part (for tests and the UI). */
  sizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size };
  }

  /** Which part holds a pod (for tests). */
  where(key: string): "active" | "backoff" | "unschedulable" | "inFlight" | undefined {
    if (this.active.has(key)) return "active";
    if (this.backoff.has(key)) return "backoff";
    if (this.unschedulable.has(key)) return "unschedulable";
    if (this.inFlight.has(key)) return "inFlight";
    return undefined;
  }

  /** Whether the queue holds a pod anywhere. */
  has(key: string): boolean {
    return (
      this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key)
    );
  }

  /** Adds a new pending pod (or replaces its info). */
  add(p: PodInfo): void {
    if (this.has(p.key)) {
      this.update(undefined, p);
      return;
    }
    const e: Entry = {
      podInfo: p,
      timestamp: this.clock.now(),
      attempts: 0,
      unschedulablePlugins: new Set(),
      pendingPlugins: new Set(),
      seq: this.seq++,
      lastAttempt: 0,
      gated: false,
      eventsFrom: 0,
    };
    this.toActiveOrGated(e);
  }

  /** To activeQ, or (gated by PreEnqueue) to the unschedulable pool (moveToActiveQ). */
  private toActiveOrGated(e: Entry): boolean {
    this.cancel(e);
    const ok = this.preEnqueue(e.podInfo);
    if (ok !== true) {
      e.gated = true;
      if (typeof ok === "string") e.unschedulablePlugins.add(ok);
      this.unschedulable.set(e.podInfo.key, e);
      return false;
    }
    e.gated = false;
    this.active.push(e);
    return true;
  }

  /**
   * A pending pod changed (Update). In flight, the change is kept as an in-flight event; in
   * activeQ or backoffQ, only its info is refreshed; in the unschedulable pool, the hints of the
   * plugins that rejected it decide whether the change may make it schedulable.
   */
  update(oldPod: Pod | undefined, p: PodInfo): void {
    const k = p.key;
    const inFlight = this.inFlight.get(k);
    if (inFlight) {
      if (oldPod)
        for (const ev of podSchedulingPropertiesChange(p.pod, oldPod)) this.recordInFlight(ev, oldPod, p.pod);
      inFlight.podInfo = p;
      return;
    }
    const a = this.active.get(k);
    if (a) {
      a.podInfo = p;
      this.active.push(a);
      return;
    }
    const b = this.backoff.get(k);
    if (b) {
      b.podInfo = p;
      return;
    }
    const e = this.unschedulable.get(k);
    if (!e) {
      this.add(p);
      return;
    }
    e.podInfo = p;
    if (!oldPod) return;
    for (const ev of podSchedulingPropertiesChange(p.pod, oldPod)) {
      const strategy = this.isPodWorthRequeuing(e, ev, oldPod, p.pod);
      if (strategy === QueueingStrategy.QueueSkip) continue;
      this.unschedulable.delete(k);
      this.requeue(e, strategy);
      break;
    }
  }

  /** Forgets a pod (deleted, bound elsewhere). */
  delete(key: string): void {
    for (const m of [this.backoff, this.unschedulable, this.inFlight]) {
      const e = m.get(key);
      if (e) {
        this.cancel(e);
        m.delete(key);
      }
    }
    this.active.delete(key);
    this.trimInFlightEvents();
  }

  /** The next pod to schedule, or undefined. */
  pop(): QueuedPodInfo | undefined {
    const e = this.active.pop();
    if (!e) return undefined;
    e.attempts++;
    // The set of rejecting plugins is reset for the attempt.
    e.unschedulablePlugins = new Set();
    e.pendingPlugins = new Set();
    e.eventsFrom = this.eventsBase + this.inFlightEvents.length;
    this.inFlight.set(e.podInfo.key, e);
    return e;
  }

  /** The pod was bound (or dropped): it leaves the queue. */
  done(key: string): void {
    this.inFlight.delete(key);
    this.trimInFlightEvents();
  }

  private trimInFlightEvents(): void {
    if (this.inFlight.size > 0 || this.inFlightEvents.length === 0) return;
    this.eventsBase += this.inFlightEvents.length;
    this.inFlightEvents = [];
  }

  private recordInFlight(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (this.inFlight.size > 0) this.inFlightEvents.push({ event, oldObj, newObj });
  }

  /**
   * A failed pod comes back (AddUnschedulableIfNotPresent). The events seen while it was in
   * flight are asked about with its new rejecting plugins: one that may help sends it to backoffQ,
   * otherwise it waits in the unschedulable pool. A pod rejected by no plugin (an error) always
   * goes to backoffQ.
   */
  requeueFailed(
    qp: QueuedPodInfo,
    rejectedBy: Set<string>,
    error: boolean,
    pendingPlugins: Set<string> = new Set(),
  ): void {
    const e = qp as Entry;
    const k = e.podInfo.key;
    if (!this.inFlight.has(k)) return;
    this.inFlight.delete(k);
    e.unschedulablePlugins = error ? new Set() : rejectedBy;
    e.pendingPlugins = error ? new Set() : pendingPlugins;
    e.lastAttempt = this.clock.now();
    const strategy = this.hintForInFlightPod(e);
    this.trimInFlightEvents();
    this.requeue(e, strategy);
  }

  /** What the events seen while the pod was in flight say (determineSchedulingHintForInFlightPod). */
  private hintForInFlightPod(e: Entry): QueueingStrategy {
    if (e.unschedulablePlugins.size === 0 && e.pendingPlugins.size === 0)
      return QueueingStrategy.QueueAfterBackoff;
    let strategy = QueueingStrategy.QueueSkip;
    for (let i = Math.max(0, e.eventsFrom - this.eventsBase); i < this.inFlightEvents.length; i++) {
      const ev = this.inFlightEvents[i] as InFlightEvent;
      const s = this.isPodWorthRequeuing(e, ev.event, ev.oldObj, ev.newObj);
      if (s === QueueingStrategy.QueueImmediately) return s;
      if (s === QueueingStrategy.QueueAfterBackoff) {
        strategy = s;
        if (e.pendingPlugins.size === 0) return s;
      }
    }
    return strategy;
  }

  /**
   * Whether an event may make an unschedulable pod schedulable (isPodWorthRequeuing): asks the
   * hints of the plugins that rejected it and are registered for the event. No rejecting plugin
   * or a wildcard event means retry after back-off; Queue from a Pending plugin means at once.
   */
  isPodWorthRequeuing(
    e: QueuedPodInfo,
    event: ClusterEvent,
    oldObj: unknown,
    newObj: unknown,
  ): QueueingStrategy {
    const pending = e.pendingPlugins ?? emptySet;
    if (e.unschedulablePlugins.size === 0 && pending.size === 0) return QueueingStrategy.QueueAfterBackoff;
    if (event.resource === "*") return QueueingStrategy.QueueAfterBackoff;
    const hintMap = this.hintMaps.get(this.profileOf(e.podInfo));
    if (!hintMap) return QueueingStrategy.QueueAfterBackoff;
    let strategy = QueueingStrategy.QueueSkip;
    const ask = (plugin: string): QueueingStrategy => {
      const regs = hintMap.get(plugin);
      if (!regs) return QueueingStrategy.QueueSkip;
      for (const r of regs) {
        if (!matchEvent(r.event, event)) continue;
        let h = QueueingHint.Queue;
        if (r.fn)
          try {
            h = r.fn(e.podInfo, oldObj, newObj);
          } catch {
            h = QueueingHint.Queue;
          }
        if (h === QueueingHint.QueueSkip) continue;
        return pending.has(plugin) ? QueueingStrategy.QueueImmediately : QueueingStrategy.QueueAfterBackoff;
      }
      return QueueingStrategy.QueueSkip;
    };
    for (const plugin of pending) {
      const s = ask(plugin);
      if (s === QueueingStrategy.QueueImmediately) return s;
    }
    for (const plugin of e.unschedulablePlugins) {
      if (pending.has(plugin)) continue;
      if (ask(plugin) === QueueingStrategy.QueueAfterBackoff) {
        if (pending.size === 0) return QueueingStrategy.QueueAfterBackoff;
        strategy = QueueingStrategy.QueueAfterBackoff;
      }
    }
    return strategy;
  }

  /** Puts a pod where a strategy sends it (requeuePodViaQueueingHint); returns the part. */
  private requeue(e: Entry, strategy: QueueingStrategy): "active" | "backoff" | "unschedulable" {
    if (strategy === QueueingStrategy.QueueSkip) {
      this.toUnschedulable(e);
      return "unschedulable";
    }
    if (
      strategy === QueueingStrategy.QueueAfterBackoff &&
      !e.gated &&
      this.backoffExpiry(e) > this.clock.now()
    ) {
      this.toBackoff(e);
      return "backoff";
    }
    return this.toActiveOrGated(e) ? "active" : "unschedulable";
  }

  /** To the unschedulable pool, retried after podMaxInUnschedulablePodsSeconds anyway. */
  private toUnschedulable(e: Entry): void {
    this.cancel(e);
    const k = e.podInfo.key;
    this.unschedulable.set(k, e);
    e.timer = this.clock.after(
      this.options.podMaxInUnschedulablePodsSeconds,
      () => {
        e.timer = undefined;
        if (this.unschedulable.get(k) === e) {
          // UnschedulableTimeout is a wildcard event: every pod is retried.
          this.unschedulable.delete(k);
          this.requeue(e, QueueingStrategy.QueueAfterBackoff);
          this.wake();
        }
      },
      `scheduler: flush unschedulable ${k}`,
    );
  }

  /** The back-off of a pod after its attempts: initial doubling up to max (calculateBackoffDuration). */
  backoffSeconds(attempts: number): number {
    let d = this.options.podInitialBackoffSeconds;
    for (let i = 1; i < attempts; i++) {
      if (d > this.options.podMaxBackoffSeconds - d) return this.options.podMaxBackoffSeconds;
      d += d;
    }
    return d;
  }

  private backoffExpiry(e: Entry): number {
    return e.lastAttempt + this.backoffSeconds(e.attempts) * 1000;
  }

  private toBackoff(e: Entry): void {
    this.cancel(e);
    const k = e.podInfo.key;
    this.backoff.set(k, e);
    e.timer = this.clock.at(
      this.backoffExpiry(e),
      () => {
        e.timer = undefined;
        if (this.backoff.get(k) === e) {
          this.backoff.delete(k);
          this.toActiveOrGated(e);
          this.wake();
        }
      },
      `scheduler: backoff ${k}`,
    );
  }

  private cancel(e: Entry): void {
    if (e.timer !== undefined) this.clock.cancel(e.timer);
    e.timer = undefined;
  }

  /** Whether some plugin of some profile registered an event matching this one (isEventOfInterest). */
  private isEventOfInterest(event: ClusterEvent): boolean {
    if (event.resource === "*") return true;
    for (const r of this.registered) if (matchEvent(r, event)) return true;
    return false;
  }

  /**
   * A cluster event (MoveAllToActiveOrBackoffQueue): each unschedulable pod, gated ones aside, is
   * moved when the hints of the plugins that rejected it say the event may help.
   */
  moveOnEvent(event: ClusterEvent, oldObj?: unknown, newObj?: unknown): void {
    this.movePods(this.unschedulable.values(), event, oldObj, newObj);
  }

  /**
   * An assigned pod was added (AssignedPodAdded): only pods rejected by PodTopologySpread in its
   * namespace, or with a required affinity term matching it, can be helped by it.
   */
  assignedPodAdded(pod: PodInfo): void {
    this.movePods(this.withCrossTopologyTerm(pod), EventAssignedPodAdd, undefined, pod.pod);
  }

  /**
   * An assigned pod was updated (AssignedPodUpdated): a scale-down may help any pod; other
   * updates only the pods with cross-topology terms.
   */
  assignedPodUpdated(oldPod: Pod, pod: PodInfo, event: ClusterEvent): void {
    if (event.actionType & ActionType.UpdatePodScaleDown) this.moveOnEvent(event, oldPod, pod.pod);
    else this.movePods(this.withCrossTopologyTerm(pod), event, oldPod, pod.pod);
  }

  /** getUnschedulablePodsWithCrossTopologyTerm. */
  private withCrossTopologyTerm(pod: PodInfo): Entry[] {
    const out: Entry[] = [];
    if (this.unschedulable.size === 0) return out;
    const nsLabels = this.namespaceLabels(pod.namespace);
    for (const e of this.unschedulable.values()) {
      if (e.unschedulablePlugins.has(names.PodTopologySpread) && e.podInfo.namespace === pod.namespace) {
        out.push(e);
        continue;
      }
      for (const t of e.podInfo.requiredAffinityTerms)
        if (termMatches(t, pod, nsLabels)) {
          out.push(e);
          break;
        }
    }
    return out;
  }

  /** movePodsToActiveOrBackoffQueue. */
  private movePods(pods: Iterable<Entry>, event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    this.recordInFlight(event, oldObj, newObj);
    if (this.unschedulable.size === 0 || !this.isEventOfInterest(event)) return;
    const moved: [Entry, QueueingStrategy][] = [];
    for (const e of pods) {
      // Gated pods only move on their own update.
      if (e.gated) continue;
      const strategy = this.isPodWorthRequeuing(e, event, oldObj, newObj);
      if (strategy !== QueueingStrategy.QueueSkip) moved.push([e, strategy]);
    }
    for (const [e, strategy] of moved) {
      this.unschedulable.delete(e.podInfo.key);
      this.requeue(e, strategy);
    }
  }

  /** Every pending pod (for the UI and explanations). */
  pending(): PodInfo[] {
    return [
      ...this.active.values(),
      ...this.backoff.values(),
      ...this.unschedulable.values(),
      ...this.inFlight.values(),
    ].map((e) => e.podInfo);
  }
}

const emptySet: ReadonlySet<string> = new Set();
