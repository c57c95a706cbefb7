/**
 * When a typed line is not a whole command yet: a heredoc (`<<EOF`) waits for its delimiter line,
 * a line ending in a backslash continues on the next one, and (with the shell's parser) a
 * compound command reads on until it is closed. The shell then gets the whole text.
 */

const HEREDOC = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

/** The heredoc delimiters a command line opens, in order (`<<-` ones strip leading tabs). */
export function heredocDelimiters(line: string): { word: string; stripTabs: boolean }[] {
  const found: { word: string; stripTabs: boolean }[] = [];
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "<" && line[i + 1] === "<" && line[i + 2] === "<") i += 2;
    else if (c === "<" && line[i + 1] === "<") {
      const m = HEREDOC.exec(line.slice(i));
      if (m) {
        found.push({ word: m[3] as string, stripTabs: m[1] === "-" });
        i += m[0].length - 1;
      }
    }
  }
  return found;
}

/** A command being typed over several lines. */
export class PendingCommand {
  private readonly lines: string[] = [];
  private readonly delimiters: { word: string; stripTabs: boolean }[] = [];
  private continued = false;

  /** incomplete: whether the shell reads on after this text (an open `for ... do`, a quote). */
  constructor(private readonly incomplete?: (text: string) => boolean) {}

  /** Adds a typed line; returns the whole command when it is complete. */
  add(line: string): string | undefined {
    if (this.delimiters.length) {
      this.lines.push(line);
      const d = this.delimiters[0] as { word: string; stripTabs: boolean };
      if ((d.stripTabs ? line.replace(/^\t+/, "") : line) === d.word) this.delimiters.shift();
    } else if (this.continued) {
      this.lines[this.lines.length - 1] += line;
      this.delimiters.push(...heredocDelimiters(line));
    } else {
      this.lines.push(line);
      this.delimiters.push(...heredocDelimiters(line));
    }
    this.continued = this.delimiters.length === 0 && /(^|[^\\])\\$/.test(line);
    if (this.continued) {
      this.lines[this.lines.length - 1] = (this.lines[this.lines.length - 1] as string).slice(0, -1);
      return undefined;
    }
    if (this.delimiters.length) return undefined;
    const text = this.lines.join("\n");
    if (this.incomplete?.(text)) return undefined;
    this.lines.length = 0;
    return text;
  }

  /** Whether lines were typed that do not make a command yet (the prompt is then `> `). */
  get open(): boolean {
    return this.lines.length > 0;
  }

  /** Forgets the lines typed so far (Ctrl+C). */
  cancel(): void {
    this.lines.length = 0;
    this.delimiters.length = 0;
    this.continued = false;
  }
}
