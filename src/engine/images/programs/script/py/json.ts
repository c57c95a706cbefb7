/**
 * The json module's dumps and loads (Lib/json/encoder.py, decoder.py): default separators
 * (', ', ': '), indent with ',' line ends, sort_keys, ensure_ascii's \uXXXX escapes, float
 * repr, and the decoder's "Expecting value: line L column C (char N)" errors.
 */
import { JSON_ESCAPES } from "../../../../sh/applets/jq/json";
import { dict, EXC, type PyObj, PyRaise, type PyVal, pyFloat, raise, str, typeName } from "./values";

/** json.dumps. */
export function dumps(
  v: PyVal,
  opts: {
    indent?: number | string;
    sortKeys?: boolean;
    ensureAscii?: boolean;
    separators?: [string, string];
  },
): string {
  const indent = typeof opts.indent === "number" ? " ".repeat(opts.indent) : opts.indent;
  const [itemSep, keySep] = opts.separators ?? (indent !== undefined ? [",", ": "] : [", ", ": "]);
  const ascii = opts.ensureAscii ?? true;
  const quote = (s: string) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    `"${s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      const m: Record<string, string> = {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
      };
      if (m[c]) return m[c] as string;
      const code = c.charCodeAt(0);
      if (code < 0x20 || ascii) return `\\u${code.toString(16).padStart(4, "0")}`;
      return c;
    })}"`;
  const enc = (x: PyVal, level: number): string => {
    if (x === null) return "null";
    if (x === true) return "true";
    if (x === false) return "false";
    if (typeof x === "bigint") return x.toString();
    if (typeof x === "number")
      return Number.isNaN(x) ? "NaN" : !Number.isFinite(x) ? (x > 0 ? "Infinity" : "-Infinity") : pyFloat(x);
    if (typeof x === "string") return quote(x);
    const nl = indent !== undefined ? `\n${indent.repeat(level + 1)}` : "";
    const close = indent !== undefined ? `\n${indent.repeat(level)}` : "";
    if (x.t === "list" || x.t === "tuple") {
      if (!x.items.length) return "[]";
      return `[${nl}${x.items.map((y) => enc(y, level + 1)).join(itemSep + nl)}${close}]`;
    }
    if (x.t === "dict") {
      if (!x.map.size) return "{}";
      let entries = [...x.map.values()].map(([k, y]) => {
        let key: string;
        if (typeof k === "string") key = k;
        else if (k === null || typeof k === "boolean") key = k === null ? "null" : k ? "true" : "false";
        else if (typeof k === "bigint" || typeof k === "number") key = str(k);
        else throw raise("TypeError", `keys must be str, int, float, bool or None, not ${typeName(k)}`);
        return [key, y] as [string, PyVal];
      });
      if (opts.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${nl}${entries.map(([k, y]) => `${quote(k)}${keySep}${enc(y, level + 1)}`).join(itemSep + nl)}${close}}`;
    }
    throw raise("TypeError", `Object of type ${typeName(x)} is not JSON serializable`);
  };
  return enc(v, 0);
}

/** json.loads. */
export function loads(text: string): PyVal {
  let i = 0;
  const fail = (msg: string): never => {
    const before = text.slice(0, i);
    const line = before.split("\n").length;
    const col = i - before.lastIndexOf("\n");
    throw new PyRaise({
      t: "exc",
      cls: EXC.JSONDecodeError as PyObj & { t: "class" },
      args: [`${msg}: line ${line} column ${col} (char ${i})`],
    });
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const value = (): PyVal => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const d = dict();
      ws();
      if (text[i] === "}") {
        i++;
        return d;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
        const k = string();
        ws();
        if (text[i] !== ":") fail("Expecting ':' delimiter");
        i++;
        const v = value();
        d.map.set(`s${k}`, [k, v]);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return d;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === "[") {
      i++;
      const items: PyVal[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { t: "list", items };
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
          return { t: "list", items };
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
      ["NaN", Number.NaN],
      ["Infinity", Number.POSITIVE_INFINITY],
      ["-Infinity", Number.NEGATIVE_INFINITY],
    ] as [string, PyVal][]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return num[2] || num[3] ? Number(num[0]) : BigInt(num[0]);
    }
    return fail("Expecting value");
  };
  const string = (): string => {
    i++;
    let out = "";
    while (i < text.length && text[i] !== '"') {
      const c = text[i] as string;
      if (c === "\\") {
        const e = text[i + 1] as string;
        if (e === "u") {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        out += JSON_ESCAPES[e] ?? e;
        i += 2;
        continue;
      }
      if (c < " ") fail("Invalid control character at");
      out += c;
      i++;
    }
    if (i >= text.length) fail("Unterminated string starting at");
    i++;
    return out;
  };
  const v = value();
  ws();
  if (i < text.length) fail("Extra data");
  return v;
}
