/**
 * Runs campaign scripts on fresh headless clusters, command by command, checking the invariants
 * after each: no command crashes, no instant exceeds its step budget and no command takes more
 * than a bounded number of engine steps, nothing of the wrong type is stored, a failing
 * single-object write changes nothing, and the settled cluster is consistent. A failing script
 * shrinks to a shorter one that fails the same way.
 */
import { bootScenario, homeNodeOf } from "../../engine/boot";
import { Rng } from "../../engine/clock/random";
import { type Cluster, type Component, STEP_BUDGET, StepBudgetExceededReason } from "../../engine/cluster";
import { exportSnapshot, restoreSnapshot, type Snapshot } from "../../engine/snapshot";
import type { CommandResult } from "../../kubectl/interface";
import { Shell } from "../../shell";
import { type GenerateOptions, generateScript, preamble, type Setting } from "./generate";
import { consistencyProblem, outputProblem, storeProblem } from "./invariants";

/** How much work a command may do, counted in engine steps (a component's process() that did work). */
export interface Limits {
  /** Steps one component may take at one simulated instant (the engine's step budget). */
  stepsPerInstant: number;
  /** Steps one command may take in all, besides those it may take for the time it lets pass. */
  stepsPerCommand: number;
  /**
   * Steps a command may take for each simulated second it lets pass: a cluster that keeps busy
   * (a pod evicted and recreated as fast as the clients' rate limits allow) works in proportion
   * to time, and that is bounded; work that does not let time pass is not.
   */
  stepsPerSimulatedSecond: number;
  /** Instants (settles) one command may run through. */
  instantsPerCommand: number;
}

/**
 * Limits for the campaign: generous for a person's command (`sleep 100000` on the idle cka lab
 * takes some 60,000 steps; a NoExecute eviction loop paced by the clients' rate limits some 340
 * steps per simulated second), finite for a runaway loop.
 */
export const DEFAULT_LIMITS: Limits = {
  stepsPerInstant: STEP_BUDGET,
  stepsPerCommand: 100_000,
  stepsPerSimulatedSecond: 1000,
  instantsPerCommand: 100_000,
};

/** What went wrong, at which command. */
export interface Violation {
  /** Index of the command in the script (preamble included). */
  index: number;
  command: string;
  /** The invariant: crash, output, budget, unbounded, store, unchanged, consistency. */
  invariant: string;
  detail: string;
}

/** A campaign script: where it runs and what is typed. */
export interface Script {
  seed: number;
  setting: Setting;
  commands: string[];
}

/** The outcome of one script. */
export interface ScriptOutcome {
  violation?: Violation;
  /** Engine steps the whole script took. */
  steps: number;
  /** The most steps one component took at one instant. */
  maxStepsPerInstant: number;
}

/** The script a seed names: its setting and commands (preamble first). */
export function scriptForSeed(seed: number, options: GenerateOptions): Script {
  const rng = new Rng(seed);
  const setting: Setting = rng.int(3) === 0 ? "empty" : "cka";
  return { seed, setting, commands: [...preamble(setting), ...generateScript(rng, setting, options)] };
}

/** The script as a file `kubeglass run --scenario SETTING FILE` replays. */
export function formatScript(script: Script): string {
  return `# seed ${script.seed} on ${script.setting}; replay: npm run kubeglass -- run --scenario ${script.setting} FILE\n${script.commands.join("\n")}\n`;
}

/** Thrown inside the engine to stop a command that went past its limits. */
class LimitReached extends Error {}

/** Counts engine steps and instants, and stops a command that goes past its limits. */
class Meter {
  steps = 0;
  maxPerInstant = 0;
  commandSteps = 0;
  commandInstants = 0;
  private commandStart = 0;
  tripped?: string;
  budgetWarnings: string[] = [];
  /** When each deleted node went (simulated milliseconds). */
  readonly nodeDeletedAt = new Map<string, number>();
  private instantAt = Number.NaN;
  private readonly perInstant = new Map<string, number>();

  constructor(
    private readonly cluster: Cluster,
    private readonly limits: Limits,
  ) {
    for (const c of cluster.listComponents()) this.wrap(c);
    const add = cluster.addComponent.bind(cluster);
    cluster.addComponent = (c: Component) => {
      this.wrap(c);
      add(c);
    };
    const settle = cluster.settle.bind(cluster) as (...args: unknown[]) => void;
    cluster.settle = ((...args: unknown[]) => {
      this.check();
      if (++this.commandInstants > this.limits.instantsPerCommand)
        this.trip(`more than ${this.limits.instantsPerCommand} instants in one command`);
      settle(...args);
    }) as Cluster["settle"];
    cluster.api.watch("Event", (e) => {
      if (e.type === "ADDED" && e.object.reason === StepBudgetExceededReason)
        this.budgetWarnings.push(String(e.object.message));
    });
    cluster.api.watch("Node", (e) => {
      const name = e.object.metadata.name as string;
      if (e.type === "DELETED") this.nodeDeletedAt.set(name, cluster.clock.now());
    });
  }

  /** Starts counting a new command. */
  startCommand(): void {
    this.commandSteps = 0;
    this.commandInstants = 0;
    this.commandStart = this.cluster.clock.now();
    this.tripped = undefined;
    this.budgetWarnings = [];
  }

  private wrap(c: Component): void {
    const process = c.process.bind(c);
    (c as { process: () => boolean }).process = () => {
      this.check();
      const did = process();
      if (did) this.step(c.name);
      return did;
    };
  }

  private check(): void {
    if (this.tripped) throw new LimitReached(this.tripped);
  }

  private step(component: string): void {
    this.steps++;
    const now = this.cluster.clock.now();
    if (now !== this.instantAt) {
      this.instantAt = now;
      this.perInstant.clear();
    }
    const n = (this.perInstant.get(component) ?? 0) + 1;
    this.perInstant.set(component, n);
    if (n > this.maxPerInstant) this.maxPerInstant = n;
    if (n > this.limits.stepsPerInstant)
      this.trip(`${component} took more than ${this.limits.stepsPerInstant} steps at ${this.cluster.now()}`);
    const elapsed = (now - this.commandStart) / 1000;
    const allowed = this.limits.stepsPerCommand + this.limits.stepsPerSimulatedSecond * elapsed;
    if (++this.commandSteps > allowed)
      this.trip(
        `more than ${Math.floor(allowed)} engine steps in one command (${elapsed} simulated seconds)`,
      );
  }

  private trip(why: string): never {
    this.tripped = why;
    throw new LimitReached(why);
  }
}

/** Commands that write one object or none and advance no time: when they fail, nothing changed. */
const SINGLE_WRITE =
  /^kubectl (run |create (deployment|job|cronjob|configmap|secret generic) |(apply|create|replace) -f - <<|expose |scale [a-z]+\/|set image )/;

/** Whether a failing command must leave the store as it was. */
export function mustNotWriteOnFailure(command: string): boolean {
  if (!SINGLE_WRITE.test(command)) return false;
  // A manifest of one document: kubectl stops at the first error, writing nothing.
  const body = command.split("\n").slice(1, -1).join("\n");
  return !/^---/m.test(body);
}

const booted = new Map<Setting, Snapshot>();

/**
 * A cluster of the setting: booted once, then restored from its snapshot (a tenth of the time;
 * the restore path is part of what the campaign exercises). fresh boots it every time, as
 * `kubeglass run --scenario SETTING` does.
 */
export function bootSetting(setting: Setting, fresh = false): Cluster {
  let snapshot = booted.get(setting);
  if (fresh || !snapshot) {
    const cluster = bootScenario(setting);
    if (!cluster) throw new Error(`no scenario ${setting}`);
    if (fresh) return cluster;
    snapshot = exportSnapshot(cluster);
    booted.set(setting, snapshot);
  }
  return restoreSnapshot(structuredClone(snapshot));
}

/** Runs a script on a new cluster; stops at the first violation. */
export function runCampaignScript(
  script: Script,
  limits: Limits = DEFAULT_LIMITS,
  fresh = false,
): ScriptOutcome {
  const cluster = bootSetting(script.setting, fresh);
  const meter = new Meter(cluster, limits);
  const shell = new Shell(cluster, { home: homeNodeOf(cluster) });
  const seen = new Map<string, string>();
  const outcome = (violation?: Violation): ScriptOutcome => ({
    violation,
    steps: meter.steps,
    maxStepsPerInstant: meter.maxPerInstant,
  });
  const commands = [...script.commands, SETTLE];
  for (let index = 0; index < commands.length; index++) {
    const command = commands[index] as string;
    const fail = (invariant: string, detail: string) => outcome({ index, command, invariant, detail });
    const before = cluster.api.resourceVersion();
    meter.startCommand();
    let result: CommandResult;
    try {
      result = command === SETTLE ? settleLong(cluster) : shell.run(command);
    } catch (e) {
      if (meter.tripped) return fail("unbounded", meter.tripped);
      return fail("crash", e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    if (meter.tripped) return fail("unbounded", meter.tripped);
    if (meter.budgetWarnings.length > 0) return fail("budget", meter.budgetWarnings[0] as string);
    const shown = outputProblem(result);
    if (shown) return fail("output", shown);
    if (result.exit !== 0 && mustNotWriteOnFailure(command) && cluster.api.resourceVersion() !== before)
      return fail(
        "unchanged",
        `exit ${result.exit} but the store moved from ${before} to ${cluster.api.resourceVersion()}`,
      );
    const stored = storeProblem(cluster, seen);
    if (stored) return fail("store", stored);
    if (command === SETTLE) {
      const inconsistent = consistencyProblem(cluster, meter.nodeDeletedAt);
      if (inconsistent) return fail("consistency", inconsistent);
    }
  }
  return outcome();
}

/** The last step of every script: time passes so the controllers settle, then consistency is checked. */
const SETTLE = "# (campaign) let five minutes pass, then check consistency";

function settleLong(cluster: Cluster): CommandResult {
  cluster.advance(300);
  return { stdout: "", stderr: "", exit: 0 };
}

/**
 * Shrinks a failing script: drops chunks of commands (halves, then quarters, down to single
 * commands) while it still fails the same invariant. The preamble is kept. At most maxRuns runs.
 */
export function shrink(
  script: Script,
  violation: Violation,
  limits = DEFAULT_LIMITS,
  maxRuns = 200,
  fresh = false,
): Script {
  const keep = preamble(script.setting).length;
  const invariant = violation.invariant;
  // What follows the failing command cannot matter (the final settle is part of every run).
  let commands = script.commands.slice(0, violation.index + 1);
  let runs = 0;
  const fails = (candidate: string[]) => {
    runs++;
    return (
      runCampaignScript({ ...script, commands: candidate }, limits, fresh).violation?.invariant === invariant
    );
  };
  for (let chunk = Math.ceil((commands.length - keep) / 2); chunk >= 1 && runs < maxRuns; ) {
    let removed = false;
    for (let at = keep; at < commands.length && runs < maxRuns; ) {
      const candidate = [...commands.slice(0, at), ...commands.slice(at + chunk)];
      if (candidate.length < commands.length && fails(candidate)) {
        commands = candidate;
        removed = true;
      } else at += chunk;
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return { ...script, commands };
}
