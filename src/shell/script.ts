/**
 * Splits a script into top-level commands, the unit a report entry stands for: one line each,
 * with a heredoc's body (`<<EOF` ... `EOF`) and `\` continuations belonging to their command,
 * and the lines of a compound command bash reads on (`for ...; do` up to `done`, an open quote).
 */
import { parseScript, ShSyntaxError } from "../engine/sh/parse";

/**
 * Whether bash would read on before running this text (its PS2 `> ` prompt): a compound command
 * not closed yet (`for i in 1 2; do`, `if ...; then`, `{`), an open quote or `$(`.
 */
export function isIncomplete(text: string): boolean {
  try {
    parseScript(text, "bash");
    return false;
  } catch (e) {
    return e instanceof ShSyntaxError && /unexpected end of file|unexpected EOF/.test(e.message);
  }
}

const HEREDOC = /(?<!<)<<(?!<)(-?)\s*(\\|['"]?)([A-Za-z_][A-Za-z0-9_]*)(['"]?)/g;

/** The heredoc delimiters a line opens, in order, and whether leading tabs are stripped. */
export function heredocsOf(line: string): { delimiter: string; stripTabs: boolean; quoted: boolean }[] {
  const out: { delimiter: string; stripTabs: boolean; quoted: boolean }[] = [];
  for (const m of line.matchAll(HEREDOC)) {
    // Ignore `<<` inside quotes: count quotes before the match.
    const before = line.slice(0, m.index);
    if ((before.split("'").length - 1) % 2 === 1 || (before.split('"').length - 1) % 2 === 1) continue;
    out.push({ delimiter: m[3] as string, stripTabs: m[1] === "-", quoted: m[2] !== "" });
  }
  return out;
}

/** Splits script text into commands; blank lines and `#` comment lines are dropped. */
export function splitScript(text: string): string[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const commands: string[] = [];
  let i = 0;
  /** The next line with its `\` continuations and heredoc bodies. */
  const next = (): string => {
    let line = lines[i++] as string;
    while (line.endsWith("\\") && i < lines.length) line = `${line.slice(0, -1)}${lines[i++]}`;
    const parts = [line];
    for (const doc of heredocsOf(line)) {
      while (i < lines.length) {
        const body = lines[i++] as string;
        parts.push(body);
        const candidate = doc.stripTabs ? body.replace(/^\t+/, "") : body;
        if (candidate === doc.delimiter || candidate.trim() === doc.delimiter) break;
      }
    }
    return parts.join("\n");
  };
  while (i < lines.length) {
    let command = next();
    if (!command.trim() || command.trim().startsWith("#")) continue;
    while (i < lines.length && isIncomplete(command)) command += `\n${next()}`;
    commands.push(command);
  }
  return commands;
}
