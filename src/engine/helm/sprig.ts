/**
 * Sprig's text functions (Masterminds/sprig v3) that charts use, and Helm's own toYaml, fromYaml,
 * toJson, fromJson (pkg/engine/funcs.go), each with its Go signature's argument count.
 */

import { type Fn, GoInt, GoStruct, goTypeName, type Value } from "../../kubectl/output/gotemplate";
import { goJson, sortKeys } from "../../kubectl/strategicmerge";
import { encodeBase64 } from "../api/base64";
import { sha1, sha256 } from "../sh/applets/digest";
import {
  empty,
  fn,
  fromJson,
  fromJsonArray,
  fromYaml,
  fromYamlArray,
  goQuote,
  int,
  isMap,
  isNil,
  list,
  mergeInto,
  plain,
  str,
  strval,
  title,
  toInt64,
  toJsonText,
  toYamlText,
  utf8,
} from "./goconv";
import { ERR_INVALID_SEMVER, parseConstraint, parseSemVer } from "./semver";

/** The wrap helm puts around a required/fail message so the caller can find it (warnWrap). */
export const WARN_START = "HELM_ERR_START";
/** The end of the wrap. */
export const WARN_END = "HELM_ERR_END";

/** Sprig's and Helm's functions, less the late-bound ones. */
export const SPRIG: [string, Fn][] = [
  // Defaults and flow.
  ["default", fn(1, Infinity, (a) => (a.length < 2 || empty(a[1]) ? a[0] : a[1]))],
  ["empty", fn(1, 1, (a) => empty(a[0]))],
  ["coalesce", fn(0, Infinity, (a) => a.find((v) => !empty(v)) ?? null)],
  ["ternary", fn(3, 3, (a) => (a[2] === true ? a[0] : a[1]))],
  ["fail", fn(1, 1, (a, fail) => fail(`${WARN_START}${strval(a[0])}${WARN_END}`))],
  // Strings.
  [
    "quote",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map((v) => goQuote(strval(v)))
        .join(" "),
    ),
  ],
  [
    "squote",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map((v) => `'${strval(v)}'`)
        .join(" "),
    ),
  ],
  [
    "cat",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map(strval)
        .join(" "),
    ),
  ],
  [
    "trunc",
    fn(2, 2, (a, _f, c) => {
      const n = int(a[0], c);
      const s = str(a[1], c);
      if (n < 0 && s.length + n > 0) return s.slice(s.length + n);
      if (n >= 0 && s.length > n) return s.slice(0, n);
      return s;
    }),
  ],
  [
    "trimSuffix",
    fn(2, 2, (a, _f, c) => {
      const s = str(a[1], c);
      const x = str(a[0], c);
      return x && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
    }),
  ],
  [
    "trimPrefix",
    fn(2, 2, (a, _f, c) => {
      const s = str(a[1], c);
      const x = str(a[0], c);
      return x && s.startsWith(x) ? s.slice(x.length) : s;
    }),
  ],
  ["trim", fn(1, 1, (a, _f, c) => str(a[0], c).trim())],
  [
    "trimAll",
    fn(2, 2, (a, _f, c) => {
      const cut = [...str(a[0], c)];
      const chars = [...str(a[1], c)];
      let i = 0;
      let j = chars.length;
      while (i < j && cut.includes(chars[i] as string)) i++;
      while (j > i && cut.includes(chars[j - 1] as string)) j--;
      return chars.slice(i, j).join("");
    }),
  ],
  ["replace", fn(3, 3, (a, _f, c) => str(a[2], c).split(str(a[0], c)).join(str(a[1], c)))],
  ["contains", fn(2, 2, (a, _f, c) => str(a[1], c).includes(str(a[0], c)))],
  ["hasPrefix", fn(2, 2, (a, _f, c) => str(a[1], c).startsWith(str(a[0], c)))],
  ["hasSuffix", fn(2, 2, (a, _f, c) => str(a[1], c).endsWith(str(a[0], c)))],
  ["upper", fn(1, 1, (a, _f, c) => str(a[0], c).toUpperCase())],
  ["lower", fn(1, 1, (a, _f, c) => str(a[0], c).toLowerCase())],
  ["title", fn(1, 1, (a, _f, c) => title(str(a[0], c)))],
  [
    "untitle",
    fn(1, 1, (a, _f, c) =>
      str(a[0], c).replace(/(^|\s)(\p{L})/gu, (_m, s: string, l: string) => s + l.toLowerCase()),
    ),
  ],
  ["repeat", fn(2, 2, (a, _f, c) => str(a[1], c).repeat(Math.max(0, int(a[0], c))))],
  [
    "substr",
    fn(3, 3, (a, _f, c) => {
      const s = str(a[2], c);
      let start = int(a[0], c);
      const end = int(a[1], c);
      if (start < 0) start = 0;
      return end < 0 || end > s.length ? s.slice(start) : s.slice(start, end);
    }),
  ],
  ["nospace", fn(1, 1, (a, _f, c) => str(a[0], c).replace(/\s+/g, ""))],
  [
    "indent",
    fn(2, 2, (a, _f, c) => {
      const pad = " ".repeat(int(a[0], c));
      return pad + str(a[1], c).split("\n").join(`\n${pad}`);
    }),
  ],
  [
    "nindent",
    fn(2, 2, (a, _f, c) => {
      const pad = " ".repeat(int(a[0], c));
      return `\n${pad}${str(a[1], c).split("\n").join(`\n${pad}`)}`;
    }),
  ],
  ["toString", fn(1, 1, (a) => strval(a[0]))],
  ["toStrings", fn(1, 1, (a) => (Array.isArray(a[0]) ? a[0].map(strval) : [strval(a[0])]))],
  [
    "join",
    fn(2, 2, (a, _f, c) => {
      const sep = str(a[0], c);
      const v = a[1];
      return Array.isArray(v) ? v.map(strval).join(sep) : strval(v);
    }),
  ],
  [
    "split",
    fn(2, 2, (a, _f, c) => {
      const out: Record<string, Value> = {};
      str(a[1], c)
        .split(str(a[0], c))
        .forEach((p, i) => {
          out[`_${i}`] = p;
        });
      return out;
    }),
  ],
  ["splitList", fn(2, 2, (a, _f, c) => str(a[1], c).split(str(a[0], c)))],
  ["regexMatch", fn(2, 2, (a, _f, c) => new RegExp(str(a[0], c)).test(str(a[1], c)))],
  [
    "regexReplaceAll",
    fn(3, 3, (a, _f, c) =>
      str(a[1], c).replace(new RegExp(str(a[0], c), "g"), str(a[2], c).replace(/\$\{?(\w+)\}?/g, "$$$1")),
    ),
  ],
  ["b64enc", fn(1, 1, (a, _f, c) => encodeBase64(str(a[0], c)))],
  [
    "b64dec",
    fn(1, 1, (a, _f, c) => {
      try {
        return new TextDecoder().decode(Uint8Array.from(atob(str(a[0], c)), (ch) => ch.charCodeAt(0)));
      } catch {
        return "illegal base64 data at input byte 0";
      }
    }),
  ],
  ["sha256sum", fn(1, 1, (a, _f, c) => sha256(utf8.encode(str(a[0], c))))],
  ["sha1sum", fn(1, 1, (a, _f, c) => sha1(utf8.encode(str(a[0], c))))],
  // Numbers.
  ["int", fn(1, 1, (a) => new GoInt(toInt64(a[0])))],
  ["int64", fn(1, 1, (a) => new GoInt(toInt64(a[0])))],
  [
    "float64",
    fn(1, 1, (a) => {
      const v = a[0];
      return v instanceof GoInt ? v.value : typeof v === "number" ? v : Number(strval(v)) || 0;
    }),
  ],
  ["atoi", fn(1, 1, (a, _f, c) => new GoInt(Number.parseInt(str(a[0], c), 10) || 0))],
  ["add", fn(0, Infinity, (a) => new GoInt(a.reduce((s: number, v) => s + toInt64(v), 0)))],
  ["add1", fn(1, 1, (a) => new GoInt(toInt64(a[0]) + 1))],
  ["sub", fn(2, 2, (a) => new GoInt(toInt64(a[0]) - toInt64(a[1])))],
  ["mul", fn(1, Infinity, (a) => new GoInt(a.reduce((s: number, v) => s * toInt64(v), 1)))],
  [
    "div",
    fn(2, 2, (a, fail) => {
      const d = toInt64(a[1]);
      if (d === 0) fail("runtime error: integer divide by zero");
      return new GoInt(Math.trunc(toInt64(a[0]) / d));
    }),
  ],
  [
    "mod",
    fn(2, 2, (a, fail) => {
      const d = toInt64(a[1]);
      if (d === 0) fail("runtime error: integer divide by zero");
      return new GoInt(toInt64(a[0]) % d);
    }),
  ],
  ["max", fn(1, Infinity, (a) => new GoInt(Math.max(...a.map(toInt64))))],
  ["min", fn(1, Infinity, (a) => new GoInt(Math.min(...a.map(toInt64))))],
  [
    "until",
    fn(1, 1, (a, _f, c) => Array.from({ length: Math.max(0, int(a[0], c)) }, (_v, i) => new GoInt(i))),
  ],
  // Collections.
  ["list", fn(0, Infinity, (a) => [...a])],
  [
    "dict",
    fn(0, Infinity, (a) => {
      const out: Record<string, Value> = {};
      for (let i = 0; i < a.length; i += 2) out[strval(a[i])] = i + 1 < a.length ? a[i + 1] : "";
      return out;
    }),
  ],
  ["hasKey", fn(2, 2, (a, _f, c) => isMap(a[0]) && str(a[1], c) in a[0])],
  ["get", fn(2, 2, (a, _f, c) => (isMap(a[0]) && str(a[1], c) in a[0] ? a[0][str(a[1], c)] : ""))],
  [
    "set",
    fn(3, 3, (a, _f, c) => {
      if (isMap(a[0])) a[0][str(a[1], c)] = a[2];
      return a[0];
    }),
  ],
  [
    "unset",
    fn(2, 2, (a, _f, c) => {
      if (isMap(a[0])) delete a[0][str(a[1], c)];
      return a[0];
    }),
  ],
  ["keys", fn(0, Infinity, (a) => a.flatMap((m) => (isMap(m) ? Object.keys(m) : [])))],
  ["values", fn(1, 1, (a) => (isMap(a[0]) ? Object.values(a[0]) : []))],
  [
    "pluck",
    fn(1, Infinity, (a, _f, c) => {
      const k = str(a[0], c);
      return a
        .slice(1)
        .filter((m) => isMap(m) && k in m)
        .map((m) => (m as Record<string, Value>)[k]);
    }),
  ],
  [
    "merge",
    fn(1, Infinity, (a) => {
      const dst = isMap(a[0]) ? a[0] : {};
      for (const src of a.slice(1)) if (isMap(src)) mergeInto(dst, src, false);
      return dst;
    }),
  ],
  [
    "mergeOverwrite",
    fn(1, Infinity, (a) => {
      const dst = isMap(a[0]) ? a[0] : {};
      for (const src of a.slice(1)) if (isMap(src)) mergeInto(dst, src, true);
      return dst;
    }),
  ],
  ["deepCopy", fn(1, 1, (a) => structuredClone(plain(a[0])) as Value)],
  ["first", fn(1, 1, (a, _f, c) => list(a[0], c, "first")[0] ?? null)],
  [
    "last",
    fn(1, 1, (a, _f, c) => {
      const l = list(a[0], c, "last");
      return l[l.length - 1] ?? null;
    }),
  ],
  ["rest", fn(1, 1, (a, _f, c) => list(a[0], c, "rest").slice(1))],
  ["initial", fn(1, 1, (a, _f, c) => list(a[0], c, "initial").slice(0, -1))],
  ["append", fn(2, 2, (a, _f, c) => [...list(a[0], c, "append"), a[1]])],
  ["prepend", fn(2, 2, (a, _f, c) => [a[1], ...list(a[0], c, "prepend")])],
  ["concat", fn(0, Infinity, (a) => a.flatMap((l) => (Array.isArray(l) ? l : [])))],
  ["has", fn(2, 2, (a) => Array.isArray(a[1]) && a[1].some((v) => toJsonText(v) === toJsonText(a[0])))],
  [
    "without",
    fn(1, Infinity, (a, _f, c) =>
      list(a[0], c, "without").filter((v) => !a.slice(1).some((w) => toJsonText(w) === toJsonText(v))),
    ),
  ],
  [
    "uniq",
    fn(1, 1, (a, _f, c) => {
      const seen = new Set<string>();
      return list(a[0], c, "uniq").filter((v) => {
        const k = toJsonText(v);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }),
  ],
  ["compact", fn(1, 1, (a, _f, c) => list(a[0], c, "compact").filter((v) => !empty(v)))],
  ["sortAlpha", fn(1, 1, (a) => (Array.isArray(a[0]) ? a[0].map(strval).sort() : [strval(a[0])]))],
  ["reverse", fn(1, 1, (a, _f, c) => [...list(a[0], c, "reverse")].reverse())],
  // Types.
  ["typeOf", fn(1, 1, (a) => (isNil(a[0]) ? "<nil>" : goTypeName(a[0])))],
  [
    "kindOf",
    fn(1, 1, (a) => {
      const t = isNil(a[0]) ? "invalid" : goTypeName(a[0]);
      return t.startsWith("map")
        ? "map"
        : t.startsWith("[]")
          ? "slice"
          : a[0] instanceof GoStruct
            ? "struct"
            : t;
    }),
  ],
  [
    "kindIs",
    fn(2, 2, (a, _f, c) => {
      const v = a[1];
      const t = isNil(v) ? "invalid" : goTypeName(v);
      const kind = t.startsWith("map")
        ? "map"
        : t.startsWith("[]")
          ? "slice"
          : v instanceof GoStruct
            ? "struct"
            : t;
      return kind === str(a[0], c);
    }),
  ],
  ["typeIs", fn(2, 2, (a, _f, c) => goTypeName(a[1]) === str(a[0], c))],
  // Versions.
  [
    "semverCompare",
    fn(2, 2, (a, fail, c) => {
      const constraint = parseConstraint(str(a[0], c));
      if (typeof constraint === "string") return fail(constraint);
      const v = parseSemVer(str(a[1], c));
      if (!v) return fail(ERR_INVALID_SEMVER);
      return constraint(v);
    }),
  ],
  [
    "semver",
    fn(1, 1, (a, fail, c) => {
      const v = parseSemVer(str(a[0], c));
      if (!v) return fail(ERR_INVALID_SEMVER);
      return new GoStruct(
        "*semver.Version",
        {
          Major: new GoInt(v.major),
          Minor: new GoInt(v.minor),
          Patch: new GoInt(v.patch),
          Prerelease: v.pre,
        },
        str(a[0], c).replace(/^v/, ""),
      );
    }),
  ],
  // Helm's own.
  ["toYaml", fn(1, 1, (a) => toYamlText(a[0]))],
  ["fromYaml", fn(1, 1, (a, _f, c) => fromYaml(str(a[0], c)))],
  ["fromYamlArray", fn(1, 1, (a, _f, c) => fromYamlArray(str(a[0], c)))],
  ["toJson", fn(1, 1, (a) => toJsonText(a[0]))],
  ["toPrettyJson", fn(1, 1, (a) => goJson(JSON.stringify(sortKeys(plain(a[0])), null, 2)))],
  ["toRawJson", fn(1, 1, (a) => JSON.stringify(sortKeys(plain(a[0]))))],
  ["fromJson", fn(1, 1, (a, _f, c) => fromJson(str(a[0], c)))],
  ["fromJsonArray", fn(1, 1, (a, _f, c) => fromJsonArray(str(a[0], c)))],
];
