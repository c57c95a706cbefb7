/**
 * The terminal's line discipline, as readline does it for bash: a prompt, an editable line
 * (cursor keys, Home/End, Ctrl+A/E/U/K/W, Backspace/Delete), history on Up/Down, Tab completion,
 * Ctrl+C, Ctrl+L, commands typed over several lines (heredocs, trailing backslash), and pasted
 * text run line by line. It knows nothing of xterm: it reads the terminal's input data and writes
 * ANSI text to a Screen, and hands whole commands to run().
 */
import { isIncomplete } from "../../shell/script";
import { type Completion, commonPrefix } from "./completion";
import { PendingCommand } from "./continuation";

/** Where the editor draws. */
export interface Screen {
  write(data: string): void;
  /** Columns of the terminal, for lines that wrap. */
  cols(): number;
  /** Clears the screen and the scrollback. */
  clear(): void;
}

/** What the editor needs from the page. */
export interface LineEditorHost {
  screen: Screen;
  /** The shell's prompt now (it changes after `ssh NODE`). */
  prompt(): string;
  /** Runs a whole command; resolves with what to print. */
  run(text: string): Promise<string>;
  complete(before: string): Completion;
  /** Called when the history changes, to keep it. */
  saveHistory?(history: string[]): void;
  /** Ctrl+C while a command runs: stops a streaming one (`kubectl logs -f`). */
  interrupt?(): void;
}

const CONTINUATION_PROMPT = "> ";
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

/** Key sequences the editor understands (what xterm sends for them). */
const KEYS: Record<string, string> = {
  "\x1b[A": "up",
  "\x1bOA": "up",
  "\x1b[B": "down",
  "\x1bOB": "down",
  "\x1b[C": "right",
  "\x1bOC": "right",
  "\x1b[D": "left",
  "\x1bOD": "left",
  "\x1b[H": "home",
  "\x1bOH": "home",
  "\x1b[1~": "home",
  "\x1b[F": "end",
  "\x1bOF": "end",
  "\x1b[4~": "end",
  "\x1b[3~": "delete",
  "\x1b[1;5D": "word-left",
  "\x1b[1;5C": "word-right",
  "\x1bb": "word-left",
  "\x1bf": "word-right",
  "\x01": "home",
  "\x05": "end",
  "\x02": "left",
  "\x06": "right",
  "\x03": "interrupt",
  "\x04": "eof",
  "\x08": "backspace",
  "\x7f": "backspace",
  "\x09": "tab",
  "\x0b": "kill-end",
  "\x0c": "clear",
  "\x0d": "enter",
  "\x0a": "enter",
  "\x10": "up",
  "\x0e": "down",
  "\x15": "kill-start",
  "\x17": "kill-word",
};

/** A printed string's width in cells, without its ANSI escapes. */
export function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").length;
}

/** Text for the terminal: newlines as CR LF. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** The line editor of one terminal. */
export class LineEditor {
  private buffer = "";
  private cursor = 0;
  /** Rows between the prompt's first row and the cursor's, as last drawn. */
  private cursorRow = 0;
  private readonly history: string[];
  /** Position in history while browsing it (history.length: the line being typed). */
  private historyIndex: number;
  private draft = "";
  private readonly pending = new PendingCommand(isIncomplete);
  /** Input not handled yet: what arrives while a command runs, or the rest of a paste. */
  private input = "";
  private busy = false;
  /** Echoes of other sources' commands that arrived while a command ran. */
  private echoes: string[] = [];

  constructor(
    private readonly host: LineEditorHost,
    history: string[] = [],
  ) {
    this.history = [...history];
    this.historyIndex = this.history.length;
  }

  /** Shows the prompt (once, at start). */
  start(banner?: string): void {
    if (banner) this.host.screen.write(toTerminal(banner));
    this.render();
  }

  /** The history, oldest first. */
  getHistory(): readonly string[] {
    return this.history;
  }

  /** Data from the terminal (keys typed, or pasted text). */
  feed(data: string): void {
    // Ctrl+C while a command streams (`kubectl logs -f`) stops it; what was typed before goes too.
    const ctrlC = data.indexOf("\x03");
    if (this.busy && ctrlC >= 0 && this.host.interrupt) {
      this.input = "";
      this.host.interrupt();
      data = data.slice(ctrlC + 1);
    }
    this.input += data;
    this.drain();
  }

  /**
   * Prints a command that another part of the page ran (a canvas action, the editor's Apply),
   * dimmed, above the line being typed.
   */
  echo(text: string): void {
    if (this.busy) {
      this.echoes.push(text);
      return;
    }
    this.erase();
    this.host.screen.write(`${DIM}${toTerminal(text.replace(/\n$/, ""))}${RESET}\r\n`);
    this.render();
  }

  /** Draws the prompt again (it changed: the shell started, or `ssh` moved it) unless a command runs. */
  refreshPrompt(): void {
    if (!this.busy) this.render();
  }

  /** Clears the screen and draws the prompt and the line again (Ctrl+L). */
  clearScreen(): void {
    this.host.screen.clear();
    this.cursorRow = 0;
    this.render();
  }

  private promptText(): string {
    return this.pending.open ? CONTINUATION_PROMPT : colorPrompt(this.host.prompt());
  }

  private drain(): void {
    while (this.input && !this.busy) {
      const data = this.input;
      let used = 1;
      if (data[0] === "\x1b") {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|[A-Za-z])?/.exec(data);
        used = m?.[0].length ?? 1;
        this.key(KEYS[data.slice(0, used)]);
      } else if (data.charCodeAt(0) < 0x20 || data[0] === "\x7f") {
        if (data.startsWith("\r\n")) used = 2;
        this.key(KEYS[data[0] as string]);
      } else {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: a run of printable text
        const m = /^[^\x00-\x1f\x7f]+/.exec(data);
        used = m?.[0].length ?? 1;
        this.insert(data.slice(0, used));
      }
      this.input = this.input.slice(used);
    }
  }

  private insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    this.render();
  }

  private key(name: string | undefined): void {
    const b = this.buffer;
    switch (name) {
      case "enter":
        this.enter();
        return;
      case "backspace":
        if (this.cursor === 0) return;
        this.buffer = b.slice(0, this.cursor - 1) + b.slice(this.cursor);
        this.cursor--;
        break;
      case "delete":
        if (this.cursor >= b.length) return;
        this.buffer = b.slice(0, this.cursor) + b.slice(this.cursor + 1);
        break;
      case "left":
        this.cursor = Math.max(0, this.cursor - 1);
        break;
      case "right":
        this.cursor = Math.min(b.length, this.cursor + 1);
        break;
      case "home":
        this.cursor = 0;
        break;
      case "end":
        this.cursor = b.length;
        break;
      case "word-left":
        this.cursor = wordStart(b, this.cursor);
        break;
      case "word-right": {
        const m = /^\s*\S*/.exec(b.slice(this.cursor));
        this.cursor += m?.[0].length ?? 0;
        break;
      }
      case "kill-start":
        this.buffer = b.slice(this.cursor);
        this.cursor = 0;
        break;
      case "kill-end":
        this.buffer = b.slice(0, this.cursor);
        break;
      case "kill-word": {
        const start = wordStart(b, this.cursor);
        this.buffer = b.slice(0, start) + b.slice(this.cursor);
        this.cursor = start;
        break;
      }
      case "up":
        if (this.historyIndex === 0) return;
        if (this.historyIndex === this.history.length) this.draft = b;
        this.historyIndex--;
        this.buffer = this.history[this.historyIndex] ?? "";
        this.cursor = this.buffer.length;
        break;
      case "down":
        if (this.historyIndex >= this.history.length) return;
        this.historyIndex++;
        this.buffer =
          this.historyIndex === this.history.length ? this.draft : (this.history[this.historyIndex] ?? "");
        this.cursor = this.buffer.length;
        break;
      case "interrupt":
        this.moveToEnd();
        this.host.screen.write("^C\r\n");
        this.pending.cancel();
        this.reset();
        this.input = "";
        break;
      case "clear":
        this.clearScreen();
        return;
      case "tab":
        this.tab();
        return;
      default:
        // eof on an empty line, and keys the editor does not use: nothing.
        return;
    }
    this.render();
  }

  private tab(): void {
    const before = this.buffer.slice(0, this.cursor);
    const { word, candidates } = this.host.complete(before);
    if (candidates.length === 0) return;
    if (candidates.length === 1) {
      const only = candidates[0] as string;
      this.insert(`${only.slice(word.length)}${only.endsWith("/") || only.endsWith("=") ? "" : " "}`);
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.insert(prefix.slice(word.length));
      return;
    }
    // No progress: list the candidates (bash does on the second Tab; one is enough here).
    this.moveToEnd();
    this.host.screen.write(`\r\n${toTerminal(columns(candidates, this.host.screen.cols()))}\r\n`);
    this.cursorRow = 0;
    this.render();
  }

  private enter(): void {
    this.moveToEnd();
    this.host.screen.write("\r\n");
    const line = this.buffer;
    this.reset();
    const text = this.pending.add(line);
    if (text === undefined) {
      this.render();
      return;
    }
    const first = text.split("\n")[0] ?? "";
    if (first.trim() && first !== this.history[this.history.length - 1]) {
      this.history.push(first);
      this.host.saveHistory?.(this.history);
    }
    this.historyIndex = this.history.length;
    if (!text.trim()) {
      this.render();
      return;
    }
    if (text.trim() === "clear") {
      this.clearScreen();
      return;
    }
    this.busy = true;
    this.host
      .run(text)
      .catch((e: unknown) => `${(e as Error).message}\n`)
      .then((out) => {
        if (out) this.host.screen.write(toTerminal(out.endsWith("\n") ? out : `${out}\n`));
        this.busy = false;
        for (const e of this.echoes.splice(0))
          this.host.screen.write(`${DIM}${toTerminal(e.replace(/\n$/, ""))}${RESET}\r\n`);
        this.render();
        this.drain();
      });
  }

  private reset(): void {
    this.buffer = "";
    this.cursor = 0;
    this.cursorRow = 0;
    this.draft = "";
    this.historyIndex = this.history.length;
  }

  /** Puts the cursor after the line (before writing below it). */
  private moveToEnd(): void {
    this.cursor = this.buffer.length;
    this.render();
  }

  /** Removes the prompt and the line from the screen; the cursor is left where the prompt began. */
  private erase(): void {
    let out = "";
    if (this.cursorRow > 0) out += `\x1b[${this.cursorRow}A`;
    this.host.screen.write(`${out}\r\x1b[J`);
    this.cursorRow = 0;
  }

  /** Draws the prompt and the line, and puts the cursor where it belongs (lines may wrap). */
  private render(): void {
    const cols = Math.max(1, this.host.screen.cols());
    const prompt = this.promptText();
    const promptLen = visibleLength(prompt);
    let out = "";
    if (this.cursorRow > 0) out += `\x1b[${this.cursorRow}A`;
    out += `\r\x1b[J${prompt}${this.buffer}`;
    const length = promptLen + this.buffer.length;
    const endRow = length > 0 && length % cols === 0 ? length / cols - 1 : Math.floor(length / cols);
    const offset = promptLen + this.cursor;
    if (offset === length) {
      this.cursorRow = endRow;
    } else {
      const row = Math.floor(offset / cols);
      const col = offset % cols;
      out += "\r";
      if (endRow > row) out += `\x1b[${endRow - row}A`;
      if (col > 0) out += `\x1b[${col}C`;
      this.cursorRow = row;
    }
    this.host.screen.write(out);
  }
}

function wordStart(text: string, from: number): number {
  const m = /\S*\s*$/.exec(text.slice(0, from));
  return from - (m?.[0].length ?? 0);
}

/** `root@controlplane:~# ` with bash's colours: bold green user@host, bold blue directory. */
export function colorPrompt(prompt: string): string {
  const m = /^([^:]+):(.*)([#$] )$/.exec(prompt);
  if (!m) return prompt;
  return `\x1b[1;32m${m[1]}\x1b[0m:\x1b[1;34m${m[2]}\x1b[0m${m[3]}`;
}

/** Candidates laid out in columns, as bash lists them. */
function columns(items: string[], cols: number): string {
  const width = Math.max(...items.map((i) => i.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += perRow)
    rows.push(
      items
        .slice(i, i + perRow)
        .map((x) => x.padEnd(width))
        .join("")
        .trimEnd(),
    );
  return rows.join("\n");
}
