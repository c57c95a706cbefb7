/**
 * Places kubectl's apply errors on the editor's lines: YAML syntax errors where the parser stops,
 * API errors (`Pod "x" is invalid: spec.containers[0].image: Required value`, `unknown field`,
 * `no matches for kind`) on the field they name, in the document they belong to.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";

/** One problem to mark: 1-based line and columns. */
export interface Diagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

type Doc = ReturnType<typeof parseAllDocuments>[number];

function pathOf(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The range of the deepest key (or item) along path that the document has. */
function rangeOf(doc: Doc, path: (string | number)[]): [number, number] | undefined {
  let node = doc.contents as Node | null;
  let found: [number, number] | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) found = [key.range[0], key.range[1]];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) found = [item.range[0], item.range[0] + 1];
      node = item;
    } else break;
  }
  return found;
}

/** The start of a document's content (its first line), as [start, end]. */
function docRange(doc: Doc): [number, number] {
  const r = doc.contents?.range ?? doc.range;
  const start = r?.[0] ?? 0;
  return [start, start + 1];
}

function docField(doc: Doc, field: string): unknown {
  const v = doc.getIn(pathOf(field));
  return v;
}

function pickDocument(docs: Doc[], kind?: string, name?: string): Doc | undefined {
  const real = docs.filter((d) => d.contents);
  return (
    real.find(
      (d) => (!kind || docField(d, "kind") === kind) && (!name || docField(d, "metadata.name") === name),
    ) ??
    real.find((d) => kind && docField(d, "kind") === kind) ??
    real[0]
  );
}

/** The diagnostics for an apply of text that printed stderr. */
export function diagnose(text: string, stderr: string): Diagnostic[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const out: Diagnostic[] = [];
  const textLines = text.split("\n");
  const at = (start: number, end: number, message: string) => {
    const a = lines.linePos(start);
    const b = lines.linePos(Math.max(end, start + 1));
    // A parser that stops at the end of a document points past the faulty line: step back to it.
    let line = a.line;
    while (line > 1 && !textLines[line - 1]?.trim()) line--;
    if (line !== a.line) {
      const width = (textLines[line - 1]?.length ?? 0) + 1;
      out.push({ line, column: 1, endLine: line, endColumn: width, message });
    } else out.push({ line: a.line, column: a.col, endLine: b.line, endColumn: b.col, message });
  };
  for (const doc of docs)
    for (const err of doc.errors) at(err.pos[0], err.pos[1], err.message.split("\n")[0] ?? err.message);
  if (out.length) return out;

  // kubectl prints several causes of one Invalid error as "* field: message" lines after it.
  let invalidDoc: Doc | undefined;
  for (const raw of stderr.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = /^\* ([\w.[\]-]+): (.*)$/.exec(line);
    if (bullet && invalidDoc) {
      const range = rangeOf(invalidDoc, pathOf(bullet[1] ?? "")) ?? docRange(invalidDoc);
      at(range[0], range[1], `${bullet[1]}: ${bullet[2]}`);
      continue;
    }
    const typed =
      /(\w+) in version "[^"]*" cannot be handled as a \w+: (json: cannot unmarshal .* into Go struct field \w+\.([\w.]+) of type .*)$/.exec(
        line,
      );
    if (typed) {
      const doc = pickDocument(docs, typed[1]);
      if (!doc) continue;
      const range = rangeOf(doc, pathOf(typed[3] ?? "")) ?? docRange(doc);
      at(range[0], range[1], typed[2] ?? line);
      continue;
    }
    const invalid = /(\w+) "([^"]+)" is invalid: ?(.*)$/.exec(line);
    const unknownField =
      /(\w+) in version "[^"]*" cannot be handled as a \w+: strict decoding error: (.*)$/.exec(line);
    const noKind = /no matches for kind "([^"]+)"/.exec(line);
    const named = /(?:creating|applying|patching)[^:]*: \w+ "([^"]+)"/.exec(line);
    if (invalid) {
      const doc = pickDocument(docs, invalid[1], invalid[2]);
      invalidDoc = doc;
      if (!doc) continue;
      if (!invalid[3]) continue; // the causes follow as "* field: message" lines
      const body = (invalid[3] ?? "").replace(/^\[|\]$/g, "");
      for (const part of body.split(/, (?=[\w.[\]-]+: )/)) {
        const m = /^([\w.[\]-]+): (.*)$/.exec(part);
        const range = (m && rangeOf(doc, pathOf(m[1] ?? ""))) ?? docRange(doc);
        at(range[0], range[1], m ? `${m[1]}: ${m[2]}` : part);
      }
    } else if (unknownField) {
      const doc = pickDocument(docs, unknownField[1], named?.[1]);
      if (!doc) continue;
      for (const f of (unknownField[2] ?? "").matchAll(/unknown field "([^"]+)"/g)) {
        const range = rangeOf(doc, pathOf(f[1] ?? "")) ?? docRange(doc);
        at(range[0], range[1], `unknown field "${f[1]}"`);
      }
    } else if (noKind) {
      const doc = pickDocument(docs, noKind[1]);
      if (!doc) continue;
      const range = rangeOf(doc, ["kind"]) ?? docRange(doc);
      at(range[0], range[1], line.replace(/^error: /, ""));
    } else if (/^(error|Error)/.test(line)) {
      const lineNo = /line (\d+)/.exec(line);
      if (lineNo) {
        const n = Number(lineNo[1]);
        out.push({ line: n, column: 1, endLine: n, endColumn: 200, message: line });
      } else {
        const doc = pickDocument(docs, undefined, named?.[1]);
        const range: [number, number] = doc ? docRange(doc) : [0, 1];
        at(range[0], range[1], line);
      }
    }
  }
  return out;
}
