/**
 * A small POSIX-shell tokenizer: words with quotes and escapes, the operators `|`, `&&`, `||`,
 * `;`, redirections (`>`, `>>`, `<`, `2>`, `2>&1`) and heredocs whose bodies follow the line.
 */
import { heredocsOf } from "./script";

/** A redirection of one simple command. */
export interface Redirect {
  fd: 1 | 2 | 0;
  op: ">" | ">>" | "<" | ">&1" | "<<";
  /** File name, or the heredoc body for "<<". */
  target: string;
}

/** One simple command: its words and redirections. */
export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
}

/** Simple commands joined by pipes. */
export type Pipeline = SimpleCommand[];

/** Pipelines joined by `;`, `&&` or `||` (the operator before each, "" for the first). */
export type CommandList = { op: "" | ";" | "&&" | "||"; pipeline: Pipeline }[];

/** Stands for `$?` in parsed words until the command runs (see Shell.runSimple). */
export const LAST_EXIT = "\u0000?";

/** Thrown for a line the shell cannot parse (`bash: syntax error ...`). */
export class ShellSyntaxError extends Error {}

/** Parses one command text (first line plus any heredoc bodies) into a command list. */
export function parseCommand(text: string, env: Record<string, string> = {}): CommandList {
  const [first, ...rest] = text.split("\n");
  const bodies = collectHeredocBodies(first ?? "", rest, env);
  let bodyIndex = 0;
  const line = first ?? "";
  const list: CommandList = [];
  let pipeline: Pipeline = [];
  let cmd: SimpleCommand = { argv: [], redirects: [] };
  let nextOp: CommandList[number]["op"] = "";
  let i = 0;

  const endCommand = () => {
    if (cmd.argv.length === 0 && cmd.redirects.length === 0)
      throw new ShellSyntaxError("syntax error near unexpected token");
    pipeline.push(cmd);
    cmd = { argv: [], redirects: [] };
  };
  const endPipeline = (op: CommandList[number]["op"]) => {
    endCommand();
    list.push({ op: nextOp, pipeline });
    pipeline = [];
    nextOp = op;
  };

  while (i < line.length) {
    const c = line[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break;
    if (line.startsWith("&&", i)) {
      endPipeline("&&");
      i += 2;
      continue;
    }
    if (line.startsWith("||", i)) {
      endPipeline("||");
      i += 2;
      continue;
    }
    if (c === ";") {
      endPipeline(";");
      i++;
      continue;
    }
    if (c === "|") {
      endCommand();
      i++;
      continue;
    }
    const redirect = /^(\d?)(>>|>&1|>|<<-?|<)/.exec(line.slice(i));
    if (redirect && (redirect[1] === "" || /^\d/.test(c))) {
      i += redirect[0].length;
      const fd = (redirect[1] ? Number(redirect[1]) : redirect[2]?.startsWith("<") ? 0 : 1) as 0 | 1 | 2;
      const op = redirect[2] as string;
      if (op === ">&1") {
        cmd.redirects.push({ fd, op: ">&1", target: "" });
        continue;
      }
      const { word, end } = readWord(line, skipSpaces(line, i), env);
      i = end;
      if (op.startsWith("<<")) {
        cmd.redirects.push({ fd: 0, op: "<<", target: bodies[bodyIndex++] ?? "" });
      } else {
        if (!word) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
        cmd.redirects.push({ fd, op: op as ">" | ">>" | "<", target: word });
      }
      continue;
    }
    const { word, end } = readWord(line, i, env);
    i = end;
    cmd.argv.push(word);
  }
  if (cmd.argv.length || cmd.redirects.length || pipeline.length) endPipeline("");
  return list;
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === " " || line[i] === "\t") i++;
  return i;
}

/** Reads one word starting at i: quotes, escapes and $VAR expansion (double quotes and bare). */
function readWord(line: string, start: number, env: Record<string, string>): { word: string; end: number } {
  let i = start;
  let word = "";
  while (i < line.length) {
    const c = line[i] as string;
    if (c === " " || c === "\t" || c === "|" || c === ";" || c === "&" || c === ">" || c === "<") break;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
          word += line[i + 1];
          i += 2;
        } else if (line[i] === "$") {
          const v = readVar(line, i, env);
          word += v.value;
          i = v.end;
        } else word += line[i++];
      }
      if (line[i] !== '"') throw new ShellSyntaxError("unexpected EOF while looking for matching `\"'");
      i++;
    } else if (c === "\\") {
      if (i + 1 < line.length) word += line[i + 1];
      i += 2;
    } else if (c === "$") {
      const v = readVar(line, i, env);
      word += v.value;
      i = v.end;
    } else {
      word += c;
      i++;
    }
  }
  return { word, end: i };
}

function readVar(line: string, i: number, env: Record<string, string>): { value: string; end: number } {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(line.slice(i));
  if (braced) return { value: env[braced[1] as string] ?? "", end: i + braced[0].length };
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(line.slice(i));
  // `$?` is the status of the command run just before the one it appears in, known only then.
  if (bare?.[1] === "?") return { value: LAST_EXIT, end: i + 2 };
  if (bare) return { value: env[bare[1] as string] ?? "", end: i + bare[0].length };
  return { value: "$", end: i + 1 };
}

function collectHeredocBodies(first: string, rest: string[], env: Record<string, string>): string[] {
  const bodies: string[] = [];
  let i = 0;
  for (const doc of heredocsOf(first)) {
    const lines: string[] = [];
    while (i < rest.length) {
      const raw = rest[i++] as string;
      const body = doc.stripTabs ? raw.replace(/^\t+/, "") : raw;
      if (body === doc.delimiter || body.trim() === doc.delimiter) break;
      lines.push(body);
    }
    const body = lines.length ? `${lines.join("\n")}\n` : "";
    bodies.push(doc.quoted ? body : expandHeredoc(body, env));
  }
  return bodies;
}

/**
 * An unquoted heredoc body as bash expands it: `\$`, `` \` `` and `\\` lose their backslash, a
 * backslash-newline joins lines, `$VAR` and `${VAR}` expand; other backslashes stay. Command
 * substitution `$(...)` is left as typed (there is no command to run it on).
 */
function expandHeredoc(body: string, env: Record<string, string>): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === "\\" && i + 1 < body.length && "$`\\\n".includes(body[i + 1] as string)) {
      if (body[i + 1] !== "\n") out += body[i + 1];
      i += 2;
    } else if (c === "$" && /^\$(\{[A-Za-z_]|[A-Za-z_?])/.test(body.slice(i))) {
      const v = readVar(body, i, env);
      out += v.value;
      i = v.end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
