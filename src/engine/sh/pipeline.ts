/**
 * A pipeline's stages run at once, each a subshell of the same shell process, joined by pipes
 * (pipe.ts): the frame starts them left to right, then steps every stage that can go on until
 * none can (a reader waits for data, a writer sleeps), and waits as its earliest stage does. It
 * ends when every stage has ended, with the last stage's status (or, with pipefail, the last
 * failing one's), as the shell waits for the whole pipeline. A stage that ends closes its ends:
 * the next stage reads end of file, the one before gets SIGPIPE at its next write (141).
 */
import type { Command } from "./ast";
import { THROTTLE_MS, type Wait } from "./interface";
import type { Gen, Run, Runner } from "./interp";
import { OutputOverflow } from "./io";
import { BrokenPipe, EXIT_SIGPIPE, PIPE_WAIT, Pipe, PipeInput } from "./pipe";

/** One stage: its shell, where it is, and what it waits for. */
interface Stage {
  sh: Runner;
  /** Its rest while it runs; undefined once it ended. */
  gen?: Gen<number>;
  status: number;
  /** When its sleep or throttle ends (virtual ms); -Infinity: it can go on now. */
  due: number;
  /** It waits for a pipe or a signal: stepped whenever the frame is resumed or a pipe changed. */
  blocked: boolean;
  /** The pipes' version after its last step (a blocked stage is stepped again once it moves). */
  seen: number;
  /** The pipe it reads (none for the first stage) and the one it writes (none for the last). */
  input?: Pipe;
  output?: Pipe;
}

/** Runs a pipeline of two or more commands; its status at once when no stage waits. */
export function runPipeline(sh: Runner, cmds: Command[]): Run {
  const frame = new PipelineFrame(sh, cmds);
  return frame.done ? frame.status : frame;
}

/** The running stages of one pipeline as one resumable generator. */
class PipelineFrame implements Gen<number> {
  private readonly stages: Stage[] = [];
  private readonly pipes: Pipe[] = [];
  /** Every stage has ended. */
  done = false;
  /** The pipeline's status once done. */
  status = 0;

  constructor(
    private readonly sh: Runner,
    cmds: Command[],
  ) {
    for (let i = 0; i < cmds.length - 1; i++) this.pipes.push(new Pipe());
    for (let i = 0; i < cmds.length; i++) {
      const sub = sh.fork();
      const input = i > 0 ? this.pipes[i - 1] : undefined;
      const output = this.pipes[i];
      if (input) sub.fds.set(0, { input: new PipeInput(input) });
      else if (!sh.fds.has(0)) sub.fds.delete(0);
      if (output) sub.fds.set(1, { output });
      const stage: Stage = {
        sh: sub,
        status: 0,
        due: Number.NEGATIVE_INFINITY,
        blocked: false,
        seen: -1,
        input,
        output,
      };
      this.stages.push(stage);
      this.start(stage, cmds[i] as Command);
    }
    this.run();
  }

  /** Starts a stage: it runs until it ends or first waits. */
  private start(stage: Stage, cmd: Command): void {
    const sub = stage.sh;
    let r: Run;
    try {
      r = sub.runSubshell(() => sub.runCommand(cmd));
    } catch (e) {
      r = this.fault(e);
    }
    if (typeof r === "number") this.end(stage, r);
    else stage.gen = r;
  }

  /**
   * Steps the stages that can go on (due, or blocked and a pipe moved since they last ran; all
   * blocked ones once per resume) until a round steps none; notes when all have ended.
   */
  private run(): void {
    const now = this.sh.sys.now();
    let first = true;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let stepped = false;
      for (const stage of this.stages) {
        if (stage.gen === undefined) continue;
        if (stage.blocked ? !first && stage.seen === this.version() : stage.due > now) continue;
        stepped = true;
        this.step(stage, now);
        stage.seen = this.version();
      }
      first = false;
      if (!stepped) break;
    }
    if (this.stages.every((s) => s.gen === undefined)) {
      this.done = true;
      this.status = this.result();
    }
  }

  /** Resumes one stage until it waits or ends. */
  private step(stage: Stage, now: number): void {
    let r: IteratorResult<Wait, number>;
    try {
      r = (stage.gen as Gen<number>).next();
    } catch (e) {
      this.end(stage, this.fault(e));
      return;
    }
    if (r.done) {
      this.end(stage, r.value);
      return;
    }
    const w = r.value;
    stage.blocked = w.kind === "forever";
    stage.due =
      w.kind === "sleep" ? now + Math.max(0, w.ms) : w.kind === "throttle" ? now + THROTTLE_MS : now;
  }

  /** A stage ended: its pipes' ends close. */
  private end(stage: Stage, status: number): void {
    stage.gen = undefined;
    stage.status = status;
    stage.output?.closeWriter();
    stage.input?.closeReader();
  }

  /** What a stage's exception means: SIGPIPE ends it; anything else ends the pipeline. */
  private fault(e: unknown): number {
    if (e instanceof BrokenPipe || e instanceof OutputOverflow) return EXIT_SIGPIPE;
    this.stop();
    throw e;
  }

  /** The sum of the pipes' versions: it moves when anything was written, read or closed. */
  private version(): number {
    let v = 0;
    for (const p of this.pipes) v += p.version;
    return v;
  }

  /** The last stage's status, or with pipefail the last non-zero one. */
  private result(): number {
    const last = (this.stages[this.stages.length - 1] as Stage).status;
    if (!this.sh.opts.pipefail) return last;
    for (let i = this.stages.length - 1; i >= 0; i--) {
      const st = (this.stages[i] as Stage).status;
      if (st !== 0) return st;
    }
    return 0;
  }

  /** How long the frame waits: until its earliest sleeper is due, or until something changes. */
  private wait(): Wait {
    let due = Number.POSITIVE_INFINITY;
    for (const s of this.stages) if (s.gen !== undefined && !s.blocked && s.due < due) due = s.due;
    if (due === Number.POSITIVE_INFINITY) return PIPE_WAIT;
    return { kind: "sleep", ms: Math.max(0, due - this.sh.sys.now()) };
  }

  next(): IteratorResult<Wait, number> {
    if (!this.done) this.run();
    if (this.done) return { done: true, value: this.status };
    return { done: false, value: this.wait() };
  }

  return(value: number): IteratorResult<Wait, number> {
    this.stop();
    this.done = true;
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Wait, number> {
    this.stop();
    this.done = true;
    throw e;
  }

  /** Ends every stage still running (a signal killed the pipeline, or one stage failed). */
  private stop(): void {
    for (const s of this.stages) {
      const gen = s.gen;
      s.gen = undefined;
      try {
        gen?.return(0);
      } catch {
        // A stage's cleanup that fails changes nothing: it is gone.
      }
    }
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/**
 * The most rounds of stepping at one resume: stages that keep waking each other at one instant
 * (each `sleep 0`) are left for the next resume, which comes at once (a zero sleep).
 */
const MAX_ROUNDS = 10_000;
