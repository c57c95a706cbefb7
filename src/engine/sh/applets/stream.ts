/**
 * Programs that read standard input as it arrives (a pipe whose writer still runs: `tail -f log
 * | grep ERROR`, `while ...; sleep 1; done | tee out`), as coreutils and busybox filters do by
 * reading their input a block at a time.
 */
import type { CommandContext, Proc, Program, StdinPipe, Wait } from "../interface";
import { NOT_YET, PIPE_WAIT } from "../pipe";

/** Marks a program as one that streams its standard input (Program.streamsStdin). */
export function streaming(program: (ctx: CommandContext) => number | Proc): Program {
  return Object.assign(program, { streamsStdin: true as const });
}

/**
 * Runs a streaming program's ordinary path on its whole input: with a pipe still being written,
 * it first waits for the writer to end (`grep -c` needs all of it); at once when it does not
 * read stdin (its operands name only files) or the writer has ended.
 */
export function whole(ctx: CommandContext, run: () => number | Proc, readsStdin = true): number | Proc {
  const pipe = ctx.stdinPipe;
  if (!pipe || pipe.writerClosed || !readsStdin) return run();
  pipe.readsAtEnd = true;
  return (function* (): Proc {
    while (!pipe.writerClosed) yield PIPE_WAIT;
    const r = run();
    return typeof r === "number" ? r : yield* r;
  })();
}

/**
 * Gives each line of the pipe to onLine as it arrives (with its newline; the last may have none)
 * until the end of the input or until onLine returns false.
 */
export function* eachLine(pipe: StdinPipe, onLine: (line: string) => boolean): Generator<Wait, void, void> {
  for (;;) {
    const line = pipe.nextLine();
    if (line === NOT_YET) {
      yield PIPE_WAIT;
      continue;
    }
    if (typeof line !== "string" || !onLine(line)) return;
  }
}

/** Gives what the pipe holds to onChunk as it arrives, until the end of the input. */
export function* eachChunk(pipe: StdinPipe, onChunk: (text: string) => void): Generator<Wait, void, void> {
  for (;;) {
    const text = pipe.take();
    if (text) onChunk(text);
    if (pipe.ended) return;
    yield PIPE_WAIT;
  }
}

/** Whether a program given these file operands reads standard input (none, or `-`). */
export function readsStdin(operands: readonly string[]): boolean {
  return operands.length === 0 || operands.includes("-");
}
