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
  QueueingHint,
  type QueueingHintFn,
  type QueuedPodInfo,
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
  /** Virtual ms of the last attempt's end. */
  lastAttempt: number;
  /** The scheduling cycle in which the pod was popped. */
  cycle: number;
  timer?: TimerId;
  /** Kept out by a PreEnqueue plugin (scheduling gates). */
  gated: boolean;
}

/** The three-part scheduling queue. */
export class SchedulingQueue {
  private readonly active: Heap<Entry>;
  private readonly backoff = new Map<string, Entry>();
  private readonly unschedulable = new Map<string, Entry>();
  /** Pods popped and being scheduled. */
  private readonly inFlight = new Map<string, Entry>();
  private seq = 0;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;

  constructor(
    private readonly clock: Clock,
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private readonly preEnqueue: (p: PodInfo) => boolean,
    private readonly options: QueueOptions,
    /** Called when a pod becomes active from a timer (so the component wakes up). */
    private readonly wake: () => void = () => {},
  ) {
    this.active = new Heap<Entry>((e) => e.podInfo.key, less);
  }

  /** How many pods are in each part (for tests and the UI). */
  sizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size };
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
      this.update(p, true);
      return;
    }
    const e: Entry = {
      podInfo: p,
      timestamp: this.clock.now(),
      attempts: 0,
      unschedulablePlugins: new Set(),
      seq: this.seq++,
      lastAttempt: 0,
      cycle: 0,
      gated: false,
    };
    this.toActiveOrGated(e);
  }

  private toActiveOrGated(e: Entry): void {
    this.cancel(e);
    if (!this.preEnqueue(e.podInfo)) {
      e.gated = true;
      this.unschedulable.set(e.podInfo.key, e);
      return;
    }
    e.gated = false;
    this.active.push(e);
  }

  /**
   * A pending pod changed. A real change (spec, labels) retries it now; otherwise only its info
   * is refreshed where it waits.
   */
  update(p: PodInfo, changed: boolean): void {
    const k = p.key;
    const inFlight = this.inFlight.get(k);
    if (inFlight) {
      inFlight.podInfo = p;
      return;
    }
    const a = this.active.get(k);
    if (a) {
      a.podInfo = p;
      this.active.push(a);
      return;
    }
    const e = this.backoff.get(k) ?? this.unschedulable.get(k);
    if (!e) {
      this.add(p);
      return;
    }
    e.podInfo = p;
    if (!changed) return;
    this.backoff.delete(k);
    this.unschedulable.delete(k);
    this.toActiveOrGated(e);
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
  }

  /** The next pod to schedule, or undefined. */
  pop(): QueuedPodInfo | undefined {
    const e = this.active.pop();
    if (!e) return undefined;
    this.schedulingCycle++;
    e.cycle = this.schedulingCycle;
    e.attempts++;
    this.inFlight.set(e.podInfo.key, e);
    return e;
  }

  /** The pod was bound (or dropped): it leaves the queue. */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /**
   * A failed pod comes back (AddUnschedulableIfNotPresent): to unschedulablePods when a plugin
   * rejected it, to backoffQ on an error or when an event that may help arrived meanwhile.
   */
  requeueFailed(qp: QueuedPodInfo, rejectedBy: Set<string>, error: boolean): void {
    const e = qp as Entry;
    const k = e.podInfo.key;
    if (!this.inFlight.has(k)) return;
    this.inFlight.delete(k);
    e.unschedulablePlugins = rejectedBy;
    e.lastAttempt = this.clock.now();
    if (error || this.moveRequestCycle >= e.cycle) this.toBackoff(e);
    else {
      this.unschedulable.set(k, e);
      e.timer = this.clock.after(
        this.options.podMaxInUnschedulablePodsSeconds,
        () => {
          e.timer = undefined;
          if (this.unschedulable.get(k) === e) {
            this.unschedulable.delete(k);
            this.toBackoffOrActive(e);
            this.wake();
          }
        },
        `scheduler: flush unschedulable ${k}`,
      );
    }
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

  private toBackoffOrActive(e: Entry): void {
    if (this.backoffExpiry(e) > this.clock.now()) this.toBackoff(e);
    else this.toActiveOrGated(e);
  }

  private cancel(e: Entry): void {
    if (e.timer !== undefined) this.clock.cancel(e.timer);
    e.timer = undefined;
  }

  /** A cluster event: moves the unschedulable pods it may help (MoveAllToActiveOrBackoffQueue). */
  moveOnEvent(event: ClusterEvent): void {
    this.moveRequestCycle = this.schedulingCycle;
    const helped = pluginsHelpedBy(event);
    if (helped !== "all" && helped.size === 0) return;
    for (const [k, e] of this.unschedulable) {
      if (e.gated) continue;
      let move = helped === "all" || e.unschedulablePlugins.size === 0;
      if (!move && helped !== "all") for (const p of e.unschedulablePlugins) if (helped.has(p)) move = true;
      if (!move) continue;
      this.unschedulable.delete(k);
      this.toBackoffOrActive(e);
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
