/**
 * The shell's file descriptors: an input is a text with a read position (so successive `read`s
 * consume lines), an output is an Output. Pipes and command substitutions capture into bounded
 * buffers; files are written when their redirection closes.
 */
import type { FileSystem, Output } from "./interface";

/** The most a pipe, a command substitution or a redirected file holds (16 MiB). */
export const CAPTURE_LIMIT = 16 * 1024 * 1024;

/**
 * Text on a file descriptor, read from `pos` on. The text may come from a lazy source (a
 * program's stdin getter), taken only when something reads it: `sleep` in a `while read` loop
 * leaves the loop's input alone.
 */
export class Input {
  private value: string | undefined;
  private at: number;
  constructor(
    private readonly source: string | (() => string),
    pos = 0,
  ) {
    if (typeof source === "string") this.value = source;
    this.at = pos;
  }

  /** Where the next read starts in text (a pipe's input keeps it at 0: read text is dropped). */
  get pos(): number {
    return this.at;
  }

  set pos(n: number) {
    this.at = n;
  }

  /** The whole text (reading a lazy source now). */
  get text(): string {
    if (this.value === undefined)
      this.value = typeof this.source === "function" ? this.source() : this.source;
    return this.value;
  }

  /** What is not read yet, when known without reading a lazy source; undefined otherwise. */
  peekRest(): string | undefined {
    if (this.value === undefined) return undefined;
    return this.pos === 0 ? this.value : this.value.slice(this.pos);
  }

  /** Everything not read yet; reading it all consumes it, as a program reading to EOF does. */
  takeAll(): string {
    const rest = this.pos === 0 ? this.text : this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  /** The next line without its newline, and whether a newline ended it; undefined at EOF. */
  readLine(): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf("\n", this.pos);
    if (nl < 0) {
      const line = this.text.slice(this.pos);
      this.pos = this.text.length;
      return { line, complete: false };
    }
    const line = this.text.slice(this.pos, nl);
    this.pos = nl + 1;
    return { line, complete: true };
  }
}

/**
 * Thrown into a writer whose pipe or command substitution is full: the writer ends, as `yes`
 * ends with SIGPIPE when `head` has read enough.
 */
export class OutputOverflow extends Error {
  constructor() {
    super("output exceeds 16 MiB");
  }
}

/**
 * An output collecting text up to a limit (a pipe, `$(...)`). Past the limit, the text is cut
 * (`overflow` says so) and, when `stopWriter`, the write throws OutputOverflow.
 */
export class BufferOutput implements Output {
  readonly bulk = true;
  private chunks: string[] = [];
  size = 0;
  overflow = false;
  constructor(
    private readonly limit = CAPTURE_LIMIT,
    private readonly stopWriter = false,
  ) {}

  write(text: string): void {
    if (this.size + text.length > this.limit) {
      text = text.slice(0, Math.max(0, this.limit - this.size));
      this.overflow = true;
      if (text) this.chunks.push(text);
      this.size += text.length;
      if (this.stopWriter) throw new OutputOverflow();
      return;
    }
    if (!text) return;
    this.chunks.push(text);
    this.size += text.length;
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join("")];
    return this.chunks[0] ?? "";
  }
}

/** `/dev/null`. */
export const NULL_OUTPUT: Output = { write() {}, bulk: true };

/** The most a file written through a redirection grows to (64 MiB); beyond it writes are dropped. */
export const FILE_LIMIT = 64 * 1024 * 1024;

/**
 * A file opened for writing (`>`, `>>`, `exec >log`). Each write appends to the file in the
 * FileSystem at once (as O_APPEND does), so another process reading it (`cat`, `kubectl exec`)
 * sees what was written so far; string concatenation keeps this cheap.
 */
export class FileOutput implements Output {
  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
  ) {}

  write(text: string): void {
    if (!text) return;
    let current = "";
    try {
      current = this.fs.isFile(this.path) ? this.fs.read(this.path) : "";
    } catch {
      current = "";
    }
    if (current.length + text.length > FILE_LIMIT)
      text = text.slice(0, Math.max(0, FILE_LIMIT - current.length));
    if (!text) return;
    try {
      this.fs.write(this.path, current + text);
    } catch {
      // The file was writable when it was opened; a later failure (removed directory) loses the text, as a write to an unlinked file does.
    }
  }

  /** Nothing to do: writes are already in the file system. */
  close(): void {}
}

/** One file descriptor: an input, an output, or both (`<>`). */
export interface Fd {
  input?: Input;
  output?: Output;
}

/** A table of file descriptors; copied on write by redirections. */
export type Fds = Map<number, Fd>;
