/**
 * sed's input: the lines of its files (or standard input, `-`) one after another, read as they
 * are needed, so a pipe whose writer still runs (`tail -f log | sed ...`) is read as it arrives.
 * GNU sed looks one line ahead only when it must know whether a line is the last (`$`, n, N:
 * test_eof); busybox always reads one line ahead (process_files' "prime the pump").
 */
import type { StdinPipe, Wait } from "../../interface";
import { NOT_YET, PIPE_WAIT } from "../../pipe";

/** A line as read: its text and whether it ended with the delimiter (GNU's line.chomped). */
export interface InputLine {
  text: string;
  chomped: boolean;
  /** The file it came from (`-` for standard input). */
  file: string;
}

/** Where lines come from: a whole text, or a pipe still being written. */
export type LineSource = { name: string; text: string } | { name: string; pipe: StdinPipe };

/** A source to open when sed reaches it; undefined after a complaint (a missing file). */
export type Opener = () => LineSource | undefined;

/** sed's input over several files, with one line of lookahead. */
export class SedInput {
  private current?: { name: string; lines?: string[]; at: number; lastChomped?: boolean; pipe?: StdinPipe };
  private peeked?: InputLine;
  private next = 0;
  /** The name of the file the last line came from (`-` for standard input), for F. */
  fileName = "-";
  /** The line number of the last line read. */
  lineNumber = 0;

  constructor(
    private readonly openers: Opener[],
    private readonly delimiter: string,
  ) {}

  /** Reads the next line; undefined at the end of the input. */
  *read(): Generator<Wait, InputLine | undefined, void> {
    const line = this.peeked ?? (yield* this.fetch());
    this.peeked = undefined;
    if (line) {
      this.lineNumber++;
      this.fileName = line.file;
    }
    return line;
  }

  /** Whether no line is left (waits for the next line, or the end, of a pipe). */
  *atEnd(): Generator<Wait, boolean, void> {
    if (!this.peeked) this.peeked = yield* this.fetch();
    return this.peeked === undefined;
  }

  private *fetch(): Generator<Wait, InputLine | undefined, void> {
    for (;;) {
      const cur = this.current;
      if (cur?.pipe) {
        const got = cur.pipe.nextLine();
        if (got === NOT_YET) {
          yield PIPE_WAIT;
          continue;
        }
        if (typeof got === "string")
          return got.endsWith("\n")
            ? { text: got.slice(0, -1), chomped: true, file: cur.name }
            : { text: got, chomped: false, file: cur.name };
      } else if (cur?.lines && cur.at < cur.lines.length) {
        const text = cur.lines[cur.at++] as string;
        return { text, chomped: cur.at < cur.lines.length || cur.lastChomped === true, file: cur.name };
      }
      if (this.next >= this.openers.length) return undefined;
      const source = (this.openers[this.next++] as Opener)();
      if (!source) continue;
      let text: string;
      if ("pipe" in source) {
        if (this.delimiter === "\n") {
          this.current = { name: source.name, pipe: source.pipe, at: 0 };
          continue;
        }
        // -z: NUL-ended records come from the whole input.
        text = "";
        for (;;) {
          text += source.pipe.take();
          if (source.pipe.ended) break;
          yield PIPE_WAIT;
        }
      } else text = source.text;
      const lines = text.split(this.delimiter);
      const lastChomped = text.endsWith(this.delimiter);
      if (lastChomped || text === "") lines.pop();
      this.current = { name: source.name, lines, at: 0, lastChomped };
    }
  }
}
