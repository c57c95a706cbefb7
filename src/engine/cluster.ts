/**
 * The composition root's core: the API store, the virtual clock, the seeded random generator, the
 * event recorder, node hosts, and the components (scheduler, controllers, kubelets) that react to
 * watches. Work at one instant settles before time moves on.
 */
import { MemoryStore } from "./api/store";
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
   * Runs every component until none has work at this instant. Throws if work never settles
   * (a component that always reports progress is a bug).
   */
  settle(maxRounds = 1_000_000): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (let round = 0; round < maxRounds; round++) {
        let progress = false;
        for (const c of this.components) {
          const owner = this.paused.size > 0 ? this.processOf.get(c) : undefined;
          if (owner !== undefined && this.paused.has(owner)) continue;
          if (c.process()) progress = true;
        }
        if (!progress) return;
      }
      throw new Error(`cluster did not settle after ${maxRounds} rounds`);
    } finally {
      this.settling = false;
    }
  }

  /** Settles the current instant (alias kept for readability in tests). */
  runUntilIdle(): void {
    this.settle();
  }

  /** Moves simulated time forward, firing timers in order and settling after each instant. */
  advance(seconds: number): void {
    const target = this.clock.now() + Math.round(seconds * 1000);
    this.settle();
    while (this.clock.fireNext(target)) this.settle();
    this.clock.moveTo(target);
    this.settle();
  }

  /** Current simulated time, RFC 3339. */
  now(): string {
    return this.clock.timestamp();
  }
}
