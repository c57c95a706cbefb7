/**
 * Scanning a manifest stream without recursion: line numbers in one pass, a stream of JSON values
 * split as json.Decoder reads them, and the nesting depth limits (encoding/json's and go-yaml's
 * 10,000 levels, and the lower one Kubeglass's recursive object code handles).
 */

/** The nesting depth encoding/json's scanner and go-yaml allow (maxNestingDepth, max_flow_level). */
export const MAX_DEPTH = 10000;

/**
 * The nesting depth Kubeglass handles: its object code (copies, merges, printers) recurses, so a
 * document nested deeper than this, but within kubectl's limit, is refused with its own message
 * instead of a stack overflow. No real manifest comes near it.
 */
export const SAFE_DEPTH = 1000;

/** The error for a document within kubectl's depth limit but beyond Kubeglass's. */
export function safeDepthError(syntax: "json" | "yaml"): string {
  return `${syntax}: exceeded max depth of ${SAFE_DEPTH} (Kubeglass's limit; kubectl's is ${MAX_DEPTH})`;
}

/** How deeply value nests (objects and arrays), counted without recursion. */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > SAFE_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Line numbers of offsets asked in increasing order, in one pass over the text. */
export class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** The 1-based line of offset (offsets must not decrease between calls). */
  lineOf(offset: number): number {
    const end = Math.min(offset, this.text.length);
    for (let i = this.offset; i < end; i++) if (this.text.charCodeAt(i) === 10) this.line++;
    if (end > this.offset) this.offset = end;
    return this.line;
  }
}

export type JsonStream = { ok: true; docs: unknown[] } | { ok: false; depth?: string };

/**
 * The JSON values of a stream written one after another (what json.Decoder reads in a loop), or
 * the scanner's depth error (`json: offset 10069: invalid character '[' exceeded max depth`, the
 * offset counting the bytes read, as YAMLOrJSONDecoder's JSONSyntaxError prints it).
 */
export function splitJsonStream(text: string): JsonStream {
  const docs: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  let deepest = 0;
  let bytes = 0; // UTF-8 bytes up to and including i
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      if (depth === 0) return { ok: false };
      inString = true;
    } else if (c === 123 || c === 91) {
      if (depth === 0) start = i;
      depth++;
      if (depth > MAX_DEPTH)
        return {
          ok: false,
          depth: `json: offset ${bytes}: invalid character '${text[i]}' exceeded max depth`,
        };
      if (depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) return { ok: false };
      if (depth === 0) {
        try {
          docs.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return { ok: false };
        }
      }
    } else if (depth === 0 && !(c === 32 || c === 9 || c === 10 || c === 13)) return { ok: false };
  }
  if (depth !== 0) return { ok: false };
  return deepest > SAFE_DEPTH ? { ok: false, depth: safeDepthError("json") } : { ok: true, docs };
}

/**
 * go-yaml's depth limit for flow collections (`[[[...`), checked before parsing so a deep
 * document is refused, not a stack overflow: `yaml: line 4: exceeded max depth of 10000`.
 */
export function yamlDepthError(text: string): string | undefined {
  let depth = 0;
  let deepest = 0;
  let line = 1;
  let docLine = 1;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      if (text.startsWith("---", i + 1)) docLine = line + 1;
      continue;
    }
    if (quote) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if ((c === 34 || c === 39) && depth > 0) quote = c;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return `yaml: line ${line - docLine + 1}: exceeded max depth of ${MAX_DEPTH}`;
      if (depth > deepest) deepest = depth;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return deepest > SAFE_DEPTH ? safeDepthError("yaml") : undefined;
}
