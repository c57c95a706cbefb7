/**
 * The composition root's core: the API store, the virtual clock, the seeded random generator, the
 * event recorder, node hosts, and the components (scheduler, controllers, kubelets) that react to
 * watches. Work at one instant settles before time moves on.
 */
import { MemoryStore } from "./api/store";
import type { KubeObject } from "./api/types";
import { Clock } from "./clock/clock";
import { Rng } from "./clock/random";
import { EventRecorder } from "./events/recorder";
import type { NodeHost } from "./node/interface";
import type { ProcessHook } from "./processes";

/**
 * A control-plane or node component. Its watch handlers only enqueue keys; process() drains its
 * queue against the store and says whether it did anything, so the cluster can settle.
 */
export interface Component {
  readonly name: string;
  /** Handles queued work at the current instant. Returns true when it did any work. */
  process(): boolean;
  /**
   * Forgets what it kept in memory, as a restarted process would (its control-plane process
   * started again): only components with such state implement it.
   */
  reset?(): void;
}

/** How a cluster starts. */
export interface ClusterOptions {
  /** Seed of the random generator (uids, generated names, scheduler tie-breaks). */
  seed?: number;
  /** Start of simulated time, RFC 3339. */
  start?: string;
}

/** Options of Cluster.advance. */
export interface AdvanceOptions {
  /** Polled between instants; true interrupts the advance (the caller's Ctrl+C, a wall-time slice). */
  shouldStop?: () => boolean;
}

/**
 * Steps one simulated instant may take: rounds of every component's process() in which some did
 * work. Real instants take a few dozen (a Deployment's pods, scheduled and started, take ~10);
 * only a feedback loop that nothing paces runs out.
 */
export const STEP_BUDGET = 1000;
/** How far time moves on when an instant runs out of steps; the remaining work runs then. */
export const STEP_BUDGET_DELAY_SECONDS = 0.1;
/** The reason of the Warning event an instant that ran out of steps records (Kubeglass's own). */
export const StepBudgetExceededReason = "StepBudgetExceeded";
/** The event source of the simulator's own events. */
export const SimulatorComponent = "kubeglass";

/** The message of a StepBudgetExceeded event. */
export function stepBudgetExceededMessage(budget: number, components: string, delaySeconds: number): string {
  return `Work at one instant did not settle within ${budget} steps (busiest: ${components}); the rest continues ${delaySeconds * 1000}ms later`;
}

/** The default start of simulated time, as the conformance contract fixes it. */
export const DEFAULT_START = "2026-01-01T00:00:00Z";

/** A simulated cluster: state plus the components that act on it. */
export class Cluster {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly api: MemoryStore;
  readonly events: EventRecorder;
  /** Node hosts by node name, registered by the kubelet module. */
  readonly hosts = new Map<string, NodeHost>();
  /** Called by the container runtime when a container's process starts and stops. */
  readonly processHooks: ProcessHook[] = [];
  private readonly components: Component[] = [];
  /** The control-plane process each component belongs to (components added inside withProcess). */
  private readonly processOf = new Map<Component, string>();
  /** Control-plane processes not running now: their components do not run. */
  private readonly paused = new Set<string>();
  private installing?: string;
  private settling = false;

  constructor(options: ClusterOptions = {}) {
    this.clock = new Clock(Date.parse(options.start ?? DEFAULT_START));
    this.rng = new Rng(options.seed ?? 1);
    this.api = new MemoryStore(this.clock, this.rng);
    this.events = new EventRecorder(this.api, this.clock);
    this.api.watch("*", (e) => {
      if (this.budgetWrites) this.countWrite(e.object);
    });
  }

  /** Adds a component; settle() will call its process(). */
  addComponent(component: Component): void {
    this.components.push(component);
    if (this.installing) this.processOf.set(component, this.installing);
  }

  /** Removes a component (a scheduler whose pod stopped, say). */
  removeComponent(component: Component): void {
    const i = this.components.indexOf(component);
    if (i >= 0) this.components.splice(i, 1);
    this.processOf.delete(component);
  }

  /**
   * Runs install with every component it adds belonging to the named control-plane process
   * (kube-controller-manager, kube-scheduler): setProcessRunning(process, false) pauses them.
   */
  withProcess(process: string, install: () => void): void {
    const outer = this.installing;
    this.installing = process;
    try {
      install();
    } finally {
      this.installing = outer;
    }
  }

  /** Runs or pauses the components of a control-plane process (their watches keep queueing work). */
  setProcessRunning(process: string, running: boolean): void {
    if (running) this.paused.delete(process);
    else this.paused.add(process);
  }

  /** A control-plane process started again: its components forget their in-memory state. */
  restartProcess(process: string): void {
    for (const c of [...this.components]) if (this.processOf.get(c) === process) c.reset?.();
  }

  /** Whether the components of a control-plane process run. */
  isProcessRunning(process: string): boolean {
    return !this.paused.has(process);
  }

  /** The components, in the order they run. */
  listComponents(): readonly Component[] {
    return this.components;
  }

  /**
   * Runs every component until none has work at this instant. An instant has a budget of
   * STEP_BUDGET steps (rounds in which some component did work): a feedback loop the rate limiters
   * do not pace runs out of it, and then stepBudgetExceeded() records a Warning event and moves
   * time on; the rest of the work continues STEP_BUDGET_DELAY_SECONDS later.
   */
  settle(): void {
    if (this.settling) return;
    const now = this.clock.now();
    if (this.exhaustedAt === now) return;
    this.settling = true;
    if (this.stepsAt !== now) {
      this.stepsAt = now;
      this.steps = 0;
      this.stepsBy.clear();
    }
    try {
      for (;;) {
        if (this.steps >= STEP_BUDGET) {
          this.stepBudgetExceeded();
          return;
        }
        // Past half the budget, note who works and what they write (stepBudgetExceeded names them).
        const diagnosing = this.steps >= STEP_BUDGET / 2;
        if (diagnosing) this.budgetWrites ??= new Map();
        let progress = false;
        for (const c of this.components) {
          const owner = this.paused.size > 0 ? this.processOf.get(c) : undefined;
          if (owner !== undefined && this.paused.has(owner)) continue;
          if (!c.process()) continue;
          progress = true;
          if (diagnosing) this.stepsBy.set(c.name, (this.stepsBy.get(c.name) ?? 0) + 1);
        }
        if (!progress) return;
        this.steps++;
      }
    } finally {
      this.settling = false;
      this.budgetWrites = undefined;
    }
  }

  private steps = 0;
  private stepsAt = Number.NaN;
  private readonly stepsBy = new Map<string, number>();
  private exhaustedAt = Number.NaN;
  /** Writes per object while an instant is close to its budget (undefined otherwise: no cost). */
  private budgetWrites?: Map<string, { ref: KubeObject; count: number }>;

  private countWrite(obj: KubeObject): void {
    const m = obj.metadata;
    const key = `${obj.kind}/${m.namespace ?? ""}/${m.name}`;
    const seen = this.budgetWrites?.get(key);
    if (seen) seen.count++;
    else
      this.budgetWrites?.set(key, {
        ref: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          metadata: { name: m.name, namespace: m.namespace, uid: m.uid },
        },
        count: 1,
      });
  }

  /**
   * The safety net: the instant ran out of steps. Records a StepBudgetExceeded Warning about the
   * object written most often meanwhile (the one the loop churns: a DaemonSet whose pods keep
   * being deleted, say), naming the busiest components, and moves time on: no more work at this
   * instant, the rest STEP_BUDGET_DELAY_SECONDS later.
   */
  private stepBudgetExceeded(): void {
    let top: { ref: KubeObject; count: number } | undefined;
    for (const w of this.budgetWrites?.values() ?? []) if (!top || w.count > top.count) top = w;
    const busiest = [...this.stepsBy]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([name, n]) => `${name} (${n})`)
      .join(", ");
    const ref: KubeObject = top?.ref ?? {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kube-system" },
    };
    this.exhaustedAt = this.clock.now();
    this.events.record(
      ref,
      "Warning",
      StepBudgetExceededReason,
      stepBudgetExceededMessage(STEP_BUDGET, busiest, STEP_BUDGET_DELAY_SECONDS),
      { component: SimulatorComponent },
    );
    this.clock.after(STEP_BUDGET_DELAY_SECONDS, () => {}, "step budget: the rest of the work");
  }

  /** Settles the current instant (alias kept for readability in tests). */
  runUntilIdle(): void {
    this.settle();
  }

  /**
   * Moves simulated time forward by seconds, firing timers in order and settling after each
   * instant. shouldStop, polled between instants, interrupts it (Ctrl+C during `sleep`): time
   * then stays at the last instant worked on. Returns whether it got all the way.
   */
  advance(seconds: number, options: AdvanceOptions = {}): boolean {
    const target = this.clock.now() + Math.max(0, Math.round(seconds * 1000) || 0);
    this.settle();
    while (this.clock.nextDue() !== undefined && (this.clock.nextDue() as number) <= target) {
      if (options.shouldStop?.()) return false;
      this.clock.fireNext(target);
      this.settle();
    }
    this.clock.moveTo(target);
    this.settle();
    return true;
  }

  /** Current simulated time, RFC 3339. */
  now(): string {
    return this.clock.timestamp();
  }
}
