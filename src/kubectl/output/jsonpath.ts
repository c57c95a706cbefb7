/**
 * client-go's jsonpath (util/jsonpath): the template language of `-o jsonpath=` and
 * custom-columns. Fields, `[n]`, `[start:end:step]`, `[*]`, `..`, unions, filters
 * `[?(@.type=="Ready")]`, `{range}`/`{end}`, quoted literals, `\.` escapes in keys.
 */
import { goFmtV, goFormatFloatG, goJson } from "./gofmt";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

/** A jsonpath parse or execution error; message as client-go's. */
export class JsonPathError extends Error {}

type Node =
  | { t: "list"; nodes: Node[] }
  | { t: "text"; text: string }
  | { t: "field"; name: string }
  | { t: "array"; params: [Param, Param, Param] }
  | { t: "filter"; left: Node; right: Node; op: string }
  | { t: "int"; value: number }
  | { t: "float"; value: number }
  | { t: "bool"; value: boolean }
  | { t: "wildcard" }
  | { t: "recursive" }
  | { t: "union"; nodes: Node[] }
  | { t: "identifier"; name: string };

interface Param {
  known: boolean;
  value: number;
  /** The end of `[n]`: n+1 once n is made non-negative. */
  derived?: boolean;
}

type ListNode = { t: "list"; nodes: Node[] };

const isTerminator = (r: string | undefined) =>
  r === undefined || r === " " || r === "\t" || r === "\r" || r === "\n" || ".,[]$@{}".includes(r);
const isAlphaNumeric = (r: string) => r === "_" || /[\p{L}\p{Nd}]/u.test(r);

class Parser {
  private input = "";
  private pos = 0;
  private start = 0;
  root: ListNode = { t: "list", nodes: [] };

  parse(text: string): ListNode {
    this.input = text;
    this.pos = 0;
    this.start = 0;
    this.root = { t: "list", nodes: [] };
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) as number);
    this.pos += r.length;
    return r;
  }
  private peek(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    return String.fromCodePoint(this.input.codePointAt(this.pos) as number);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consume() });
        this.pos += 1;
        this.consume();
        const list: ListNode = { t: "list", nodes: [] };
        cur.nodes.push(list);
        this.parseInsideAction(list);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === "recursive") throw new JsonPathError("invalid multiple recursive descent");
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: "recursive" });
        const r = this.peek();
        if (r !== undefined && isAlphaNumeric(r)) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === "\r" || r === "\n") throw new JsonPathError("unclosed action");
      if (r === " " || r === "@" || r === "$") {
        this.consume();
      } else if (r === "[") {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === ".") {
        this.parseField(cur);
      } else if (r === "+" || r === "-" || /\p{Nd}/u.test(r)) {
        this.pos -= r.length;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos -= r.length;
        this.parseIdentifier(cur);
      } else {
        const cp = (r.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0");
        throw new JsonPathError(`unrecognized character in action: U+${cp} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        if (r !== undefined) this.pos -= r.length;
        break;
      }
    }
    const value = this.consume();
    if (value === "true" || value === "false") cur.nodes.push({ t: "bool", value: value === "true" });
    else cur.nodes.push({ t: "identifier", name: value });
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === "+" || r === "-") this.next();
    for (;;) {
      const c = this.next();
      if (c !== "." && !(c !== undefined && /\p{Nd}/u.test(c))) {
        if (c !== undefined) this.pos -= c.length;
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: "int", value: Number.parseInt(value, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value))
      cur.nodes.push({ t: "float", value: Number.parseFloat(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === "*") text = ":";
    const strs = text.split(",");
    if (strs.length > 1) {
      const union: Node[] = [];
      for (const s of strs) union.push(parseAction(`[${s.trim()}]`));
      cur.nodes.push({ t: "union", nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      const action = parseAction(`.${dict[1]}`);
      for (const n of action.nodes) cur.nodes.push(n);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: [Param, Param, Param] = [
      { known: false, value: 0 },
      { known: false, value: 0 },
      { known: false, value: 0 },
    ];
    for (let i = 0; i < 3; i++) {
      let v = value[i] as string;
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params[i] = { known: false, value: 0 };
        else {
          const n = Number.parseInt(v, 10);
          if (Number.isNaN(n)) throw new JsonPathError(`array index ${v} is not a number`);
          params[i] = { known: true, value: n };
        }
      } else if (i === 1) {
        params[1] = { known: true, value: params[0].value + 1, derived: true };
      } else {
        params[i] = { known: false, value: 0 };
      }
    }
    cur.nodes.push({ t: "array", params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.next() !== "]") throw new JsonPathError("unclosed array expect ]");
    let text = this.consume();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m)
      cur.nodes.push({ t: "filter", left: parseAction(text), right: { t: "list", nodes: [] }, op: "exists" });
    else
      cur.nodes.push({
        t: "filter",
        left: parseAction(m[1] as string),
        right: parseAction(m[3] as string),
        op: m[2] as string,
      });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated quoted string");
      if (r === quote && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consume();
    cur.nodes.push({ t: "text", text: unquoteExtend(value) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === "\\") {
        this.next();
        continue;
      }
      if (isTerminator(r)) {
        if (r !== undefined) this.pos -= r.length;
        break;
      }
    }
    const value = this.consume();
    if (value === "*") cur.nodes.push({ t: "wildcard" });
    else cur.nodes.push({ t: "field", name: value.replaceAll("\\", "") });
  }
}

/** parseAction: the nodes of `{text}`. */
function parseAction(text: string): ListNode {
  const p = new Parser();
  const root = p.parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

/** strconv.Unquote, also for single-quoted strings. */
function unquoteExtend(s: string): string {
  const quote = s[0];
  if (s.length < 2 || quote !== s[s.length - 1] || (quote !== '"' && quote !== "'"))
    throw new JsonPathError(`unquote string ${s} error invalid syntax`);
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = {
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
      "\\": "\\",
      "'": "'",
      '"': '"',
    };
    if (n !== undefined && simple[n] !== undefined) out += simple[n];
    else if (n === "x") {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === "u") {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === "U") {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (n !== undefined && /[0-7]/.test(n)) {
      out += String.fromCharCode(Number.parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new JsonPathError(`unquote string ${s} error invalid syntax`);
  }
  return out;
}

/** A value found by a template: a JSON value (undefined is never a result). */
type Value = Json;

const isMap = (v: Value) => v !== null && typeof v === "object" && !Array.isArray(v);

function typeName(v: Value): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (isMap(v)) return "map[string]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (typeof v === "boolean") return "bool";
  return "<nil>";
}

/** A parsed jsonpath template. */
export class JsonPath {
  private readonly root: ListNode;
  private allowMissingKeys = false;

  /** Parses a template; throws JsonPathError for a syntax error. */
  constructor(template: string, options: { allowMissingKeys?: boolean } = {}) {
    this.root = new Parser().parse(template);
    this.allowMissingKeys = Boolean(options.allowMissingKeys);
  }

  /** FindResults: one list of values per top-level node (range bodies expanded). */
  findResults(data: Value): Value[][] {
    return this.find(this.root.nodes, data, false).results;
  }

  /** Execute: the printed text (values of a group space separated; maps and lists as JSON). */
  execute(data: Value): string {
    return this.findResults(data).map(printResults).join("");
  }

  /** Execute with EnableJSONOutput (`-o jsonpath-as-json`): each result group as an indented JSON array. */
  executeAsJson(data: Value): string {
    return this.findResults(data)
      .map((group) => `${goJson(group, "    ")}\n`)
      .join("");
  }

  private find(nodes: Node[], data: Value, inRange: boolean): { results: Value[][]; consumed: number } {
    const full: Value[][] = [];
    const cur = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Node;
      const kw = keyword(node);
      if (kw === "end") {
        if (!inRange) throw new JsonPathError("not in range, nothing to end");
        return { results: full, consumed: i + 1 };
      }
      if (kw === "range") {
        const items = this.walk(cur, node);
        const body = nodes.slice(i + 1);
        let consumed = -1;
        if (items.length === 0) {
          consumed = this.find(body, null, true).consumed;
        } else {
          for (const item of items) {
            const r = this.find(body, item, true);
            consumed = r.consumed;
            full.push(...r.results);
          }
        }
        if (consumed < 0) throw new JsonPathError("not in range, nothing to end");
        i += consumed;
        continue;
      }
      full.push(this.walk(cur, node));
    }
    return { results: full, consumed: -1 };
  }

  private walk(value: Value[], node: Node): Value[] {
    switch (node.t) {
      case "list": {
        let v = value;
        for (const n of node.nodes) v = this.walk(v, n);
        return v;
      }
      case "text":
        return [node.text];
      case "field":
        return this.evalField(value, node.name);
      case "array":
        return this.evalArray(value, node.params);
      case "filter":
        return this.evalFilter(value, node);
      case "int":
      case "float":
      case "bool":
        return value.map(() => node.value);
      case "wildcard":
        return value.flatMap(children);
      case "recursive":
        return this.evalRecursive(value);
      case "union":
        return node.nodes.flatMap((n) => this.walk(value, n));
      case "identifier":
        if (node.name === "range") return value;
        if (node.name === "end") throw new JsonPathError("not in range, nothing to end");
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (name === "") {
        results.push(v);
        continue;
      }
      if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], p: [Param, Param, Param]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${typeName(v)} is not array or slice`);
      const len = v.length;
      let start = p[0].known ? p[0].value : 0;
      let end = p[1].known ? p[1].value : len;
      if (start < 0) start += len;
      if (p[1].derived) end = start + 1;
      else if (end < 0) end += len;
      const step = p[2].known ? p[2].value : 1;
      if (end !== start) {
        if (start >= len || start < 0)
          throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
        if (end > len) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
        if (start > end)
          throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      } else continue;
      if (step <= 0) throw new JsonPathError("step must be > 0");
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (typeof v === "string") {
        // a string's children are bytes, which have no children of their own
        if (v.length > 0) result.push(v);
        continue;
      }
      const kids = children(v);
      if (kids.length > 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: Node; right: Node; op: string }): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v))
        throw new JsonPathError(`${goFmtV(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === "exists") continue;
          throw e;
        }
        if (node.op === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length !== 1) throw new JsonPathError("can only compare one element at a time");
        const rights = this.walk([item], node.right);
        if (rights.length !== 1) throw new JsonPathError("can only compare one element at a time");
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

function keyword(node: Node): string | undefined {
  if (node.t !== "list") return undefined;
  const first = node.nodes[0];
  return first?.t === "identifier" && (first.name === "range" || first.name === "end")
    ? first.name
    : undefined;
}

function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).map((k) => v[k]);
  return [];
}

/** template.Equal/Less/...: values of the same basic kind only. */
function compare(a: Value, b: Value, op: string): boolean {
  if (!["<", ">", "==", "!=", "<=", ">="].includes(op))
    throw new JsonPathError(`unrecognized filter operator ${op}`);
  const kind = (x: Value) =>
    typeof x === "number"
      ? "number"
      : typeof x === "string"
        ? "string"
        : typeof x === "boolean"
          ? "bool"
          : "other";
  const ka = kind(a);
  const kb = kind(b);
  if (op === "==" || op === "!=") {
    if (ka !== kb || ka === "other") throw new JsonPathError("incompatible types for comparison");
    return op === "==" ? a === b : a !== b;
  }
  if (ka !== kb || ka === "other" || ka === "bool") throw new JsonPathError("invalid type for comparison");
  switch (op) {
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

/** PrintResults: maps and slices as compact JSON, other values as fmt.Fprint, space separated. */
function printResults(results: Value[]): string {
  return results
    .map((r) => {
      if (r !== null && typeof r === "object") return goJson(r);
      if (typeof r === "number") return Number.isInteger(r) ? String(r) : goFormatFloatG(r);
      if (r === null || r === undefined) return "<nil>";
      return String(r);
    })
    .join(" ");
}
