/**
 * Adds tolerations to an object's YAML as `kubectl edit` shows it, keeping its comments and
 * layout: the pod's own spec, a CronJob's job template, or any other workload's pod template.
 */
import { isSeq, parseDocument } from "yaml";
import type { Toleration } from "../../engine/api/kinds";

/** Where an object of this kind keeps its pod's tolerations. */
export function tolerationsPath(kind: string): string[] {
  if (kind === "Pod") return ["spec", "tolerations"];
  if (kind === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec", "tolerations"];
  return ["spec", "template", "spec", "tolerations"];
}

/** The YAML with the tolerations appended (those already there are not added twice); the text unchanged if it does not parse. */
export function addTolerationsToYaml(text: string, tolerations: readonly Toleration[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const kind = String(doc.get("kind") ?? "");
  const path = tolerationsPath(kind);
  const existing = doc.getIn(path);
  const have = isSeq(existing) ? (existing.toJSON() as Toleration[]) : [];
  const same = (a: Toleration, b: Toleration) =>
    (a.key ?? "") === (b.key ?? "") &&
    (a.operator ?? "Equal") === (b.operator ?? "Equal") &&
    (a.value ?? "") === (b.value ?? "") &&
    (a.effect ?? "") === (b.effect ?? "");
  const toAdd = tolerations.filter((t) => !have.some((h) => same(h, t)));
  if (toAdd.length === 0) return text;
  if (isSeq(existing)) for (const t of toAdd) existing.add(doc.createNode(t));
  else doc.setIn(path, doc.createNode(toAdd));
  // kubectl writes sequences unindented under their key.
  return doc.toString({ indentSeq: false });
}
