/**
 * Reads a lab file: YAML syntax, then labs/lab.schema.json, then what a schema cannot say (unique
 * task ids, `after` naming earlier tasks, one answer source, selectors and taints that parse).
 * Every error carries the line of the YAML node it is about.
 */
import { isNode, LineCounter, parseDocument } from "yaml";
import schemaJson from "../../labs/lab.schema.json";
import { parseLabelSelector, SelectorError } from "../engine/api/selectors";
import { type Schema, validateSchema } from "./jsonschema";
import { parseTaint } from "./taint";
import type { AnswerSpec, Lab, Predicate } from "./types";

/** The lab file schema (labs/lab.schema.json). */
export const LAB_SCHEMA = schemaJson as Schema;

/** A problem in a lab file, at a 1-based line. */
export interface LabError {
  file: string;
  line: number;
  /** Where in the document: `tasks[2].check.pod.node`. */
  path: string;
  message: string;
}

/** A lab file read: the lab, or why it cannot be used. */
export type LoadResult = { ok: true; lab: Lab } | { ok: false; errors: LabError[] };

/** "file:line: path: message", as compilers print it. */
export function formatLabError(e: LabError): string {
  return `${e.file}:${e.line}: ${e.path ? `${e.path}: ` : ""}${e.message}`;
}

/** Parses and validates a lab file's text; file names it in errors. */
export function parseLab(text: string, file = "lab.yaml"): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        path: "",
        message: e.message.split("\n")[0] ?? e.message,
      })),
    };
  const value: unknown = doc.toJS();
  const at = (path: (string | number)[]): number => {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
      if (p.length === 0) return 1;
    }
  };
  const problems = validateSchema(value, LAB_SCHEMA);
  if (problems.length === 0) problems.push(...semanticErrors(value as Lab));
  if (problems.length > 0)
    return {
      ok: false,
      errors: problems.map((p) => ({ file, line: at(p.path), path: pathText(p.path), message: p.message })),
    };
  return { ok: true, lab: value as Lab };
}

function pathText(path: (string | number)[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

type Problem = { path: (string | number)[]; message: string };

/** What the schema cannot check. */
function semanticErrors(lab: Lab): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  lab.tasks.forEach((task, i) => {
    const path = ["tasks", i];
    if (seen.has(task.id)) out.push({ path: [...path, "id"], message: `duplicate task id "${task.id}"` });
    (task.after ?? []).forEach((dep, j) => {
      if (!seen.has(dep))
        out.push({ path: [...path, "after", j], message: `"${dep}" is not the id of an earlier task` });
    });
    seen.add(task.id);
    if ("answer" in task) out.push(...answerErrors(task.answer, [...path, "answer"]));
    else out.push(...predicateErrors(task.check, [...path, "check"]));
  });
  return out;
}

const SOURCES = ["kubectl", "count", "names", "files", "yamlField"] as const;

function answerErrors(a: AnswerSpec, path: (string | number)[]): Problem[] {
  const given = SOURCES.filter((s) => a[s] !== undefined);
  if (given.length !== 1)
    return [
      { path, message: `needs exactly one of ${SOURCES.join(", ")} (has ${given.join(", ") || "none"})` },
    ];
  if (a.reduce && !a.kubectl && !(a.files && a.reduce === "count"))
    return [{ path: [...path, "reduce"], message: "reduce applies to kubectl (and count to files) only" }];
  if (a.count) return predicateErrors(a.count, [...path, "count"]);
  if (a.names) return predicateErrors(a.names, [...path, "names"]);
  return [];
}

function predicateErrors(p: Predicate, path: (string | number)[]): Problem[] {
  if ("all" in p) return p.all.flatMap((q, i) => predicateErrors(q, [...path, "all", i]));
  if ("any" in p) return p.any.flatMap((q, i) => predicateErrors(q, [...path, "any", i]));
  if ("not" in p) return predicateErrors(p.not, [...path, "not"]);
  const out: Problem[] = [];
  if ("pod" in p) {
    const pod = p.pod;
    if (pod.name && pod.selector)
      out.push({ path: [...path, "pod"], message: "give name or selector, not both" });
    if (pod.selector) {
      try {
        parseLabelSelector(pod.selector);
      } catch (e) {
        if (!(e instanceof SelectorError)) throw e;
        out.push({ path: [...path, "pod", "selector"], message: e.message });
      }
    }
    if (pod.tolerates && !parseTaint(pod.tolerates))
      out.push({
        path: [...path, "pod", "tolerates"],
        message: `not a taint (key=value:Effect): ${pod.tolerates}`,
      });
  }
  if ("node" in p)
    for (const field of ["taints", "withoutTaints"] as const)
      (p.node[field] ?? []).forEach((t, i) => {
        if (!parseTaint(t))
          out.push({ path: [...path, "node", field, i], message: `not a taint (key=value:Effect): ${t}` });
      });
  return out;
}
