/**
 * Values as helm gathers them: `-f` files merged in order and `--set`/`--set-string` on top
 * (pkg/cli/values/options.go MergeValues, pkg/strvals/parser.go), then coalesced with the chart's
 * defaults (pkg/chartutil/coalesce.go: what the user gives wins, maps merge deeply, a null removes
 * the default).
 */

/** A values map. */
export type Values = Record<string, unknown>;

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** mergeMaps (options.go): b's keys over a's, maps merged deeply. */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = isMap(v) && isMap(cur) ? mergeMaps(cur, v) : v;
  }
  return out;
}

/** CoalesceValues: the user's values over the chart's defaults; a null given by the user deletes the key. */
export function coalesceValues(defaults: Values, user: Values): Values {
  const out: Values = structuredClone(user);
  coalesceInto(out, defaults);
  return out;
}

function coalesceInto(dst: Values, src: Values): void {
  for (const [k, v] of Object.entries(src)) {
    if (!(k in dst)) {
      dst[k] = structuredClone(v);
      continue;
    }
    const cur = dst[k];
    if (cur === null) delete dst[k];
    else if (isMap(cur) && isMap(v)) coalesceInto(cur, v);
  }
  for (const [k, v] of Object.entries(dst)) if (v === null) delete dst[k];
}

/** strvals' typedVal: true/false/null, integers without a leading zero, else the text. */
function typedVal(text: string, asString: boolean): unknown {
  if (asString) return text;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (text === "0") return 0;
  if (text !== "" && text[0] !== "0" && /^[-+]?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

/** Reads up to one of stop (honouring `\` escapes); returns the text and the stop met (or ""). */
function until(s: string, at: { i: number }, stop: string): { text: string; last: string } {
  let text = "";
  while (at.i < s.length) {
    const c = s[at.i++] as string;
    if (c === "\\" && at.i < s.length) {
      text += s[at.i++];
      continue;
    }
    if (stop.includes(c)) return { text, last: c };
    text += c;
  }
  return { text, last: "" };
}

/**
 * Parses one `--set` argument (`a.b=c,d[0]=e,f={x,y}`) into base; a message as strvals gives it
 * when the text does not parse.
 */
export function parseSet(text: string, base: Values, asString = false): string | undefined {
  const at = { i: 0 };
  while (at.i < text.length) {
    const err = parseKey(text, at, base, asString);
    if (err) return err;
  }
  return undefined;
}

function parseKey(s: string, at: { i: number }, data: Values, asString: boolean): string | undefined {
  const { text: key, last } = until(s, at, "=[,.");
  if (last === "") return key ? `key "${key}" has no value` : undefined;
  if (last === ",") return `key "${key}" has no value (cannot end with ,)`;
  if (last === ".") {
    const inner = isMap(data[key]) ? (data[key] as Values) : {};
    const err = parseKey(s, at, inner, asString);
    if (!err && Object.keys(inner).length === 0) return `key map "${key}" has no value`;
    if (Object.keys(inner).length) data[key] = inner;
    return err;
  }
  if (last === "[") {
    const { text: idx, last: close } = until(s, at, "]");
    if (close !== "]" || !/^\d+$/.test(idx))
      return `error parsing index: strconv.Atoi: parsing ${JSON.stringify(idx)}: invalid syntax`;
    const list = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
    const i = Number(idx);
    while (list.length <= i) list.push(null);
    data[key] = list;
    const next = s[at.i];
    if (next === "=") {
      at.i++;
      const { text: v } = until(s, at, ",");
      list[i] = typedVal(v, asString);
      return undefined;
    }
    if (next === ".") {
      at.i++;
      const inner = isMap(list[i]) ? (list[i] as Values) : {};
      list[i] = inner;
      return parseKey(s, at, inner, asString);
    }
    return `key "${key}[${idx}]" has no value`;
  }
  // `=`: a {a,b} list or one value.
  if (s[at.i] === "{") {
    at.i++;
    const items: unknown[] = [];
    for (;;) {
      const { text: v, last: end } = until(s, at, ",}");
      items.push(typedVal(v, asString));
      if (end === "}") break;
      if (end === "") return `list must terminate with '}'`;
    }
    if (s[at.i] === ",") at.i++;
    data[key] = items;
    return undefined;
  }
  const { text: v } = until(s, at, ",");
  data[key] = typedVal(v, asString);
  return undefined;
}
