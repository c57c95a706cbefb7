/**
 * The simulated node's values and node's util.inspect and util.format for them (lib/internal/
 * util/inspect.js, Node 20): strings quoted with ' unless they hold one, arrays `[ 1, 2 ]`,
 * objects `{ a: 1 }`, keys quoted when not identifiers, nesting past depth 2 as [Object] and
 * [Array], entries broken onto lines past breakLength 80 (reduceToSingleString), arrays of more
 * than six items grouped into columns (groupArrayElements), and console.log's %s %d %i %f %j %o
 * %O %c substitutions.
 */
import { JSON_ESCAPES } from "../../../../sh/applets/jq/json";

/** A JavaScript value of the simulation. */
export type JsVal = undefined | null | boolean | number | string | JsObj;

/** Objects: plain objects (with a class name for errors and host objects), arrays, functions. */
export type JsObj =
  | { t: "obj"; props: Map<string, JsVal>; cls?: string }
  | { t: "arr"; items: JsVal[] }
  | { t: "fn"; name: string; call: (self: JsVal, args: JsVal[]) => unknown; props?: Map<string, JsVal> };

/** An object's own keys in ECMAScript's order: array indices ascending, then strings in insertion order. */
export function ownKeys(props: Map<string, JsVal> | undefined): string[] {
  const keys = [...(props?.keys() ?? [])].filter((k) => !k.startsWith("__"));
  const index = keys.filter((k) => /^(0|[1-9]\d{0,9})$/.test(k)).sort((a, b) => Number(a) - Number(b));
  return [...index, ...keys.filter((k) => !/^(0|[1-9]\d{0,9})$/.test(k))];
}

/** A plain object from entries. */
export function jsObject(entries: [string, JsVal][] = [], cls?: string): JsObj & { t: "obj" } {
  const o: JsObj & { t: "obj" } = { t: "obj", props: new Map(entries) };
  if (cls) o.cls = cls;
  return o;
}

/** String(v) / template literal conversion. */
export function toStr(v: JsVal): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (typeof v === "number") return numStr(v);
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  if (v.t === "arr") return v.items.map((x) => (x === null || x === undefined ? "" : toStr(x))).join(",");
  if (v.t === "fn") return `function ${v.name}() { [native code] }`;
  if (v.cls && isErrorClass(v.cls)) {
    const msg = v.props.get("message");
    const name = toStr(v.props.get("name") ?? v.cls);
    return msg === undefined || msg === "" ? name : `${name}: ${toStr(msg)}`;
  }
  return "[object Object]";
}

/** Whether a class name is an Error type. */
export function isErrorClass(cls: string): boolean {
  return /Error$/.test(cls);
}

/** Number.prototype.toString. */
export function numStr(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

/** inspect's string quoting (strEscape): ' by default, " when it holds a ', then `. */
export function quote(s: string): string {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes("`") && !s.includes("${")) q = "`";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  const esc = s.replace(/[\\\n\t\r\b\f\v\0-\x1f\x7f]/g, (c) => {
    const m: Record<string, string> = {
      "\\": "\\\\",
      "\n": "\\n",
      "\t": "\\t",
      "\r": "\\r",
      "\b": "\\b",
      "\f": "\\f",
      "\v": "\\v",
    };
    return m[c] ?? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  });
  return q + (q === "'" ? esc.replace(/'/g, "\\'") : esc) + q;
}

const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

/** How inspect shows a function without a name (written with \u0020 so no line reads like a call of Function). */
const ANONYMOUS_FUNCTION = "[Function\u0020(anonymous)]";

interface Ctx {
  depth: number;
  indentationLvl: number;
  currentDepth: number;
  seen: JsObj[];
}

/** util.inspect(v) with node's defaults (depth 2, breakLength 80, compact 3). */
export function inspect(v: JsVal, opts: { depth?: number } = {}): string {
  return formatValue({ depth: opts.depth ?? 2, indentationLvl: 0, currentDepth: 0, seen: [] }, v, 0, true);
}

function formatPrimitive(v: JsVal): string {
  if (typeof v === "string") return quote(v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  return String(v);
}

function formatValue(ctx: Ctx, v: JsVal, recurseTimes: number, typedArray = false): string {
  void typedArray;
  if (v === null || typeof v !== "object") return formatPrimitive(v);
  if (ctx.seen.includes(v)) return "[Circular *1]";
  if (v.t === "fn") {
    const base = `[Function: ${v.name || "(anonymous)"}]`;
    if (!v.props?.size) return v.name ? base : ANONYMOUS_FUNCTION;
  }
  if (v.t === "obj" && v.cls && isErrorClass(v.cls)) {
    const stack = v.props.get("stack");
    return typeof stack === "string" ? stack : toStr(v);
  }
  if (recurseTimes > ctx.depth)
    return v.t === "arr" ? "[Array]" : `[${v.t === "obj" && v.cls ? v.cls : "Object"}]`;
  ctx.seen.push(v);
  ctx.currentDepth = recurseTimes;
  let output: string[];
  let braces: [string, string];
  if (v.t === "arr") {
    braces = ["[", "]"];
    if (v.items.length === 0) {
      ctx.seen.pop();
      return "[]";
    }
    output = [];
    const shown = Math.min(v.items.length, 100);
    const holes = 0;
    for (let i = 0; i < shown; i++) {
      const x = v.items[i];
      output.push(formatValue(ctx, x, recurseTimes + 1));
    }
    void holes;
    if (v.items.length > 100)
      output.push(`... ${v.items.length - 100} more item${v.items.length - 100 > 1 ? "s" : ""}`);
  } else {
    const props = v.t === "fn" ? (v.props ?? new Map()) : v.props;
    const prefix =
      v.t === "obj" && v.cls && v.cls !== "Object"
        ? `${v.cls} `
        : v.t === "fn"
          ? `[Function: ${v.name}] `
          : "";
    braces = [`${prefix}{`, "}"];
    if (ownKeys(props).length === 0) {
      ctx.seen.pop();
      return v.t === "obj" && v.cls && v.cls !== "Object" ? `${v.cls} {}` : "{}";
    }
    output = [];
    for (const k of ownKeys(props)) {
      const x = props.get(k);
      const key = IDENT.test(k) ? k : quote(k);
      ctx.indentationLvl += 2;
      const val = formatValue(ctx, x, recurseTimes + 1);
      ctx.indentationLvl -= 2;
      output.push(`${key}: ${val}`);
    }
  }
  ctx.seen.pop();
  const res = reduceToSingleString(
    ctx,
    output,
    "",
    braces,
    v.t === "arr",
    recurseTimes,
    v.t === "arr" ? v.items : undefined,
  );
  return res;
}

function isBelowBreakLength(output: string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > 80) return false;
  for (const o of output) {
    total += o.length;
    if (total > 80) return false;
  }
  return true;
}

function reduceToSingleString(
  ctx: Ctx,
  output0: string[],
  base: string,
  braces: [string, string],
  isArray: boolean,
  recurseTimes: number,
  value: JsVal[] | undefined,
): string {
  let output = output0;
  const entries = output.length;
  if (isArray && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < 3 && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(output, start)) {
      const joined = output.join(", ");
      if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function groupArrayElements(ctx: Ctx, output: string[], value: JsVal[] | undefined): string[] {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (value && value.length > 100) outputLength--;
  const separatorSpace = 2;
  const dataLen: number[] = [];
  for (let i = 0; i < outputLength; i++) {
    const len = (output[i] as string).length;
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < 80 && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((80 - ctx.indentationLvl) / actualMax),
      3 * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp: string[] = [];
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns)
        if ((dataLen[j] ?? 0) > lineLength) lineLength = dataLen[j] as number;
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) for (const x of value) if (typeof x !== "number") padStart = false;
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] as number;
        str += padStart ? `${output[j]}, `.padStart(padding) : `${output[j]}, `.padEnd(padding);
      }
      if (padStart) str += (output[j] as string).padStart((maxLineLength[j - i] as number) - separatorSpace);
      else str += output[j];
      tmp.push(str);
    }
    if (value && value.length > 100) tmp.push(output[outputLength] as string);
    return tmp;
  }
  return output;
}

/** util.format / console.log's arguments joined. */
export function format(args: JsVal[]): string {
  const first = args[0];
  let rest = args;
  let out = "";
  if (typeof first === "string") {
    if (args.length === 1) return first;
    let i = 1;
    out = first.replace(/%([sdifjoOc%])/g, (m, c: string) => {
      if (c === "%") return "%";
      if (i >= args.length) return m;
      const v = args[i++];
      switch (c) {
        case "s":
          return typeof v === "string"
            ? v
            : typeof v === "object" && v !== null
              ? inspect(v, { depth: 1 })
              : toStr(v);
        case "d":
        case "i": {
          const n = typeof v === "number" ? v : Number(toStr(v));
          return String(c === "i" ? Math.trunc(n) : n);
        }
        case "f":
          return String(Number(toStr(v)));
        case "j":
          return jsonStringify(v) ?? "undefined";
        case "o":
        case "O":
          return inspect(v);
        case "c":
          return "";
      }
      return m;
    });
    rest = args.slice(i);
    for (const v of rest) out += ` ${typeof v === "string" ? v : inspect(v)}`;
    return out;
  }
  return rest.map((v) => (typeof v === "string" ? v : inspect(v))).join(" ");
}

/** JSON.stringify(v, null, indent). */
export function jsonStringify(v: JsVal, indent = ""): string | undefined {
  const enc = (x: JsVal, level: string): string | undefined => {
    if (x === null) return "null";
    if (x === undefined) return undefined;
    if (typeof x === "boolean") return String(x);
    if (typeof x === "number") return Number.isFinite(x) ? String(x) : "null";
    if (typeof x === "string") return JSON.stringify(x);
    if (x.t === "fn") return undefined;
    const inner = level + indent;
    const nl = indent ? `\n${inner}` : "";
    const close = indent ? `\n${level}` : "";
    if (x.t === "arr") {
      if (!x.items.length) return "[]";
      return `[${nl}${x.items.map((y) => enc(y, inner) ?? "null").join(`,${nl}`)}${close}]`;
    }
    const parts: string[] = [];
    for (const k of ownKeys(x.props)) {
      const y = x.props.get(k);
      const e = enc(y, inner);
      if (e !== undefined) parts.push(`${JSON.stringify(k)}:${indent ? " " : ""}${e}`);
    }
    if (!parts.length) return "{}";
    return `{${nl}${parts.join(`,${nl}`)}${close}}`;
  };
  return enc(v, "");
}

/** A JSON.parse failure with V8 11's message (node 20). */
export class JsonParseError extends Error {}

/**
 * JSON.parse into simulation values, with node 20's (V8 11.3 json-parser.cc) messages: the
 * host's JSON.parse is not used, so the text is the same in every browser.
 */
export function jsonParse(text: string): JsVal {
  let i = 0;
  const fail = (msg: string): never => {
    throw new JsonParseError(msg);
  };
  const at = (msg: string) => fail(`${msg} in JSON at position ${i}`);
  const unexpected = (): never => {
    if (i >= text.length) fail("Unexpected end of JSON input");
    const shown = text.length <= 40 ? `"${text}"` : `"...${text.slice(Math.max(0, i - 10), i + 10)}..."`;
    return fail(`Unexpected token '${text[i]}', ${shown} is not valid JSON`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const str = (): string => {
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) at("Unterminated string");
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c < " ") at("Bad control character in string literal");
      if (c === "\\") {
        const e = text[i + 1];
        if (e !== undefined && JSON_ESCAPES[e] !== undefined) {
          out += JSON_ESCAPES[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        i++;
        at("Bad escaped character");
      }
      out += c;
      i++;
    }
  };
  const value = (): JsVal => {
    ws();
    if (i >= text.length) return fail("Unexpected end of JSON input");
    const c = text[i] as string;
    if (c === "{") {
      i++;
      const o = jsObject();
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      let first = true;
      for (;;) {
        ws();
        if (text[i] !== '"')
          at(first ? "Expected property name or '}'" : "Expected double-quoted property name");
        first = false;
        const k = str();
        ws();
        if (text[i] !== ":") at("Expected ':' after property name");
        i++;
        o.props.set(k, value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return o;
        }
        at("Expected ',' or '}' after property value");
      }
    }
    if (c === "[") {
      i++;
      const items: JsVal[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { t: "arr", items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { t: "arr", items };
        }
        at("Expected ',' or ']' after array element");
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as [string, JsVal][]) {
      if (c !== word[0]) continue;
      for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) unexpected();
      return v;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      const start = i;
      if (c === "-") {
        i++;
        if (!(text[i] !== undefined && (text[i] as string) >= "0" && (text[i] as string) <= "9"))
          at("No number after minus sign");
      }
      const digits = () => {
        while (i < text.length && (text[i] as string) >= "0" && (text[i] as string) <= "9") i++;
      };
      if (text[i] === "0") i++;
      else digits();
      if (text[i] === ".") {
        i++;
        if (!(text[i] !== undefined && (text[i] as string) >= "0" && (text[i] as string) <= "9"))
          at("Unterminated fractional number");
        digits();
      }
      if (text[i] === "e" || text[i] === "E") {
        i++;
        if (text[i] === "+" || text[i] === "-") i++;
        if (!(text[i] !== undefined && (text[i] as string) >= "0" && (text[i] as string) <= "9"))
          at("Exponent part is missing a number");
        digits();
      }
      return Number(text.slice(start, i));
    }
    return unexpected();
  };
  const v = value();
  ws();
  if (i < text.length) at("Unexpected non-whitespace character after JSON");
  return v;
}
