/**
 * A pipe between two stages of a pipeline (pipe(7)): the writer's output, the reader's input.
 * Both stages run at once as coroutines of one shell process (PipelineFrame in pipeline.ts), so
 * `tail -f log | grep ERROR` prints each match as the file grows and `tail -f log | head -n 2`
 * ends once head has its lines. A reader waiting for data yields `forever` and is stepped again
 * when the pipe changes; the writer of a pipe whose reader has gone gets SIGPIPE (BrokenPipe,
 * status 141) at its next write, as on Linux.
 */
import type { Output, Wait } from "./interface";
import { CAPTURE_LIMIT, Input, OutputOverflow } from "./io";

/** The capacity of a Linux pipe (pipe(7)): past this much unread data, a writer that can wait does. */
export const PIPE_CAPACITY = 64 * 1024;

/** Status of a process killed by SIGPIPE (128 + 13). */
export const EXIT_SIGPIPE = 141;

/** What a stage blocked on a pipe yields: its pipeline steps it again when a pipe changes. */
export const PIPE_WAIT: Wait = Object.freeze({ kind: "forever" });

/** Thrown into a writer whose pipe has no reader any more (EPIPE with SIGPIPE's default action). */
export class BrokenPipe extends Error {
  constructor() {
    super("Broken pipe");
  }
}

/** One pipe: text written and not yet read, and whether each end is still open. */
export class Pipe implements Output {
  readonly bulk = true;
  /** The text not yet read starts at `start` (read text is dropped now and then). */
  private buf = "";
  private start = 0;
  /** The writer closed its end (it ended): once buf is read, the reader sees end of file. */
  writerClosed = false;
  /** The reader closed its end (it ended): the next write is a broken pipe. */
  readerClosed = false;
  /**
   * The reader takes its whole input once the writer has ended (a program that does not stream,
   * `seq 1 1000000 | sort`): the pipe holds all of it, so the writer never waits on it.
   */
  readsAtEnd = false;
  /** Changes with every write, read and close: a pipeline steps its stages until it stops changing. */
  version = 0;

  write(text: string): void {
    if (this.readerClosed) throw new BrokenPipe();
    if (!text) return;
    if (this.unread + text.length > CAPTURE_LIMIT) throw new OutputOverflow();
    this.buf += text;
    this.version++;
  }

  /** Characters written and not yet read. */
  get unread(): number {
    return this.buf.length - this.start;
  }

  /** Whether a writer that can wait should (the pipe holds its capacity unread). */
  full(): boolean {
    // A reader that takes its input at the end lets the pipe hold all of it, up to what a
    // program may hold at all (past that the writer waits for ever, as `yes | sort` never ends).
    return this.unread >= (this.readsAtEnd ? CAPTURE_LIMIT - PIPE_CAPACITY : PIPE_CAPACITY);
  }

  /** The unread text, without consuming it. */
  peek(): string {
    return this.start === 0 ? this.buf : this.buf.slice(this.start);
  }

  /** Consumes n characters of the unread text. */
  consume(n: number): void {
    if (n <= 0) return;
    this.start += n;
    this.version++;
    // Keep the string short: drop what was read once it outweighs what was not.
    if (this.start >= this.buf.length) {
      this.buf = "";
      this.start = 0;
    } else if (this.start > PIPE_CAPACITY && this.start * 2 > this.buf.length) {
      this.buf = this.buf.slice(this.start);
      this.start = 0;
    }
  }

  /** Everything unread, consumed. */
  take(): string {
    const text = this.peek();
    this.consume(text.length);
    return text;
  }

  /** Whether the reader has seen everything there will be. */
  get ended(): boolean {
    return this.writerClosed && this.unread === 0;
  }

  closeWriter(): void {
    if (this.writerClosed) return;
    this.writerClosed = true;
    this.version++;
  }

  closeReader(): void {
    if (this.readerClosed) return;
    this.readerClosed = true;
    this.buf = "";
    this.start = 0;
    this.version++;
  }

  /** The next line with its newline once a whole one is there, or the rest at end of file. */
  nextLine(): string | undefined | typeof NOT_YET {
    const text = this.peek();
    const nl = text.indexOf("\n");
    if (nl >= 0) {
      this.consume(nl + 1);
      return text.slice(0, nl + 1);
    }
    if (!this.writerClosed) return NOT_YET;
    if (text === "") return undefined;
    this.consume(text.length);
    return text;
  }
}

/** A read from a pipe that has nothing for it yet: the reader waits (PIPE_WAIT) and tries again. */
export const NOT_YET: unique symbol = Symbol("not yet");

/**
 * The reading end of a pipe as a shell file descriptor: `read` and programs see the text written
 * so far; `live` says the writer may still add to it.
 */
export class PipeInput extends Input {
  constructor(readonly pipe: Pipe) {
    super("");
  }

  /** The writer may still write: what is here now is not all there will be. */
  get live(): boolean {
    return !this.pipe.writerClosed;
  }

  override get text(): string {
    // Input's readers index text from pos; here pos is always 0 at the unread text.
    return this.pipe.peek();
  }

  override get pos(): number {
    return 0;
  }

  override set pos(n: number) {
    this.pipe.consume(n);
  }

  override peekRest(): string | undefined {
    return this.pipe.peek();
  }

  /** Whether a read up to delim (or of n characters) can be answered now. */
  ready(delim: string, n?: number): boolean {
    if (this.pipe.writerClosed) return true;
    const text = this.pipe.peek();
    if (n !== undefined && text.length >= n) return true;
    return text.includes(delim);
  }
}

/** The pipe behind a file descriptor's input when its writer may still write; else undefined. */
export function livePipe(input: Input | undefined): PipeInput | undefined {
  return input instanceof PipeInput && input.live ? input : undefined;
}
