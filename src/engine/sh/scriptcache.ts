/**
 * Parsed scripts shared by every shell that runs the same text: a thousand containers looping
 * the same `sh -c` script walk one syntax tree (parsed once, and hot in the CPU's cache) instead
 * of a thousand copies. The parser depends only on the text, the dialect and the first line's
 * number, and the interpreter never changes a tree. Lines are parsed as the first shell reaches
 * them, so a syntax error still surfaces only after the lines before it ran.
 */
import type { List } from "./ast";
import { type Dialect, LineParser, ShSyntaxError } from "./parse";

/** A script's lines parsed so far, and how parsing ended (at the end, or a syntax error). */
interface Parsed {
  lines: List[];
  parser?: LineParser;
  error?: ShSyntaxError;
  /** Parsing failed for a reason other than the text (a stack overflow): each shell parses alone. */
  broken?: boolean;
}

/** Texts longer than this are parsed per shell (a large script is rarely run many times). */
const MAX_TEXT = 64 * 1024;
/** Scripts kept; past this the cache starts over. */
const MAX_SCRIPTS = 2048;

const cache = new Map<string, Map<string, Parsed>>();
let size = 0;

/** The lines of a script, read one by one: next() gives a line's commands, undefined at the end. */
export interface ScriptLines {
  /** The next line's commands, undefined at the end; throws ShSyntaxError. */
  next(): List | undefined;
}

/** The lines of text in a dialect, its first line numbered startLine, from the shared cache. */
export function scriptLines(text: string, dialect: Dialect, startLine: number): ScriptLines {
  if (text.length > MAX_TEXT) return new LineParser(text, dialect, startLine);
  const key = `${dialect}:${startLine}`;
  let byText = cache.get(key);
  if (!byText) {
    byText = new Map();
    cache.set(key, byText);
  }
  let parsed = byText.get(text);
  if (!parsed) {
    if (size >= MAX_SCRIPTS) {
      cache.clear();
      size = 0;
      byText = new Map();
      cache.set(key, byText);
    }
    parsed = { lines: [], parser: new LineParser(text, dialect, startLine) };
    byText.set(text, parsed);
    size++;
  }
  const entry = parsed;
  const table = byText;
  let i = 0;
  let own: LineParser | undefined;
  return {
    next() {
      if (own) return own.next();
      while (i >= entry.lines.length) {
        if (entry.error) throw entry.error;
        if (entry.broken) {
          // Go on alone from here: parse again, past the lines already run.
          own = new LineParser(text, dialect, startLine);
          for (let k = 0; k < i; k++) own.next();
          return own.next();
        }
        const parser = entry.parser;
        if (!parser) return undefined;
        let line: List | undefined;
        try {
          line = parser.next();
        } catch (e) {
          if (e instanceof ShSyntaxError) {
            entry.error = e;
            entry.parser = undefined;
          } else {
            // Not an outcome of the text (a stack overflow): not kept.
            entry.parser = undefined;
            entry.broken = true;
            table.delete(text);
          }
          throw e;
        }
        if (!line) {
          entry.parser = undefined;
          return undefined;
        }
        entry.lines.push(line);
      }
      return entry.lines[i++];
    },
  };
}
