/**
 * describe.go's PrefixWriter over a tabwriter (padding 2): LEVEL_n indents by n*2 spaces;
 * flush() ends the current alignment block as the Go writer's Flush does. What is written goes
 * through printers.WriteEscaped, so object content cannot drive the terminal.
 */
import { DESCRIBE_TABWRITER, tabwrite } from "../printers/tabwriter";
import { escapeTerminal } from "../printers/terminal";

/** The indent levels of describe.go. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/**
 * Collects describe output; string() aligns it. With aligned false it is describe.go's
 * NewPrefixWriter over a plain buffer (polymorphichelpers/history.go printTemplate): tabs stay.
 */
export class PrefixWriter {
  private done: string[] = [];
  private pending = "";

  constructor(private readonly aligned = true) {}

  /** Writes text prefixed by level*2 spaces. */
  write(level: number, text: string): void {
    this.pending += escapeTerminal("  ".repeat(level) + text);
  }

  /** fmt.Fprintln: the values joined by spaces and a newline. */
  writeLine(...values: string[]): void {
    this.pending += escapeTerminal(`${values.join(" ")}\n`);
  }

  /** Formats what was written so far as one block. */
  flush(): void {
    if (this.pending)
      this.done.push(this.aligned ? tabwrite(this.pending, DESCRIBE_TABWRITER) : this.pending);
    this.pending = "";
  }

  /** The aligned output. */
  string(): string {
    this.flush();
    return this.done.join("");
  }
}
