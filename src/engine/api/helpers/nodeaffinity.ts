/**
 * Node selector matching (component-helpers/scheduling/corev1/nodeaffinity): nodeSelector
 * terms are ORed, the requirements inside a term ANDed; matchFields knows metadata.name.
 */
import type {
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PreferredSchedulingTerm,
} from "kubernetes-types/core/v1";
import { isQualifiedName, isValidLabelValue } from "../../apiserver/field";
import type { Node, Pod } from "../kinds";

/** A field.Invalid error as Go prints it: `path: Invalid value: "v": detail`. */
function invalid(path: string, value: unknown, detail: string): string {
  const v = Array.isArray(value)
    ? `[]string{${value.map((x) => JSON.stringify(x)).join(", ")}}`
    : JSON.stringify(value ?? null);
  return `${path}: Invalid value: ${v}: ${detail}`;
}

/** Parse errors of one matchExpressions requirement (labels.NewRequirement). */
function labelRequirementErrors(r: NodeSelectorRequirement, path: string): string[] {
  const errs: string[] = [];
  const vals = r.values ?? [];
  const keyErrs = isQualifiedName(r.key);
  if (keyErrs.length > 0) errs.push(invalid(`${path}.key`, r.key, keyErrs.join("; ")));
  switch (r.operator) {
    case "In":
    case "NotIn":
      if (vals.length === 0)
        errs.push(invalid(`${path}.values`, vals, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (vals.length !== 0)
        errs.push(invalid(`${path}.values`, vals, "values set must be empty for exists and does not exist"));
      break;
    case "Gt":
    case "Lt":
      if (vals.length !== 1)
        errs.push(invalid(`${path}.values`, vals, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v))
          errs.push(
            invalid(`${path}.values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
      });
      break;
    default:
      return [invalid(`${path}.operator`, r.operator, "not a valid selector operator")];
  }
  vals.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length > 0) errs.push(invalid(`${path}.values[${i}][${r.key}]`, v, e.join("; ")));
  });
  return errs;
}

/** Parse errors of one matchFields requirement (nodeSelectorRequirementsAsFieldSelector). */
function fieldRequirementErrors(r: NodeSelectorRequirement, path: string): string[] {
  if (r.operator !== "In" && r.operator !== "NotIn")
    return [
      `${path}.operator: Unsupported value: ${JSON.stringify(r.operator)}: supported values: "In", "NotIn"`,
    ];
  const vals = r.values ?? [];
  return vals.length === 1 ? [] : [invalid(`${path}.values`, vals, "must have one element")];
}

/**
 * The parse errors of a term (newNodeSelectorTerm), each `path.matchExpressions[i]...: ...`.
 * A term with errors matches no node.
 */
export function nodeSelectorTermErrors(term: NodeSelectorTerm, path: string): string[] {
  const errs: string[] = [];
  (term.matchExpressions ?? []).forEach((r, i) => {
    errs.push(...labelRequirementErrors(r, `${path}.matchExpressions[${i}]`));
  });
  (term.matchFields ?? []).forEach((r, i) => {
    errs.push(...fieldRequirementErrors(r, `${path}.matchFields[${i}]`));
  });
  return errs;
}

const termValidity = new WeakMap<NodeSelectorTerm, boolean>();

function termIsValid(term: NodeSelectorTerm): boolean {
  let ok = termValidity.get(term);
  if (ok === undefined) {
    ok = nodeSelectorTermErrors(term, "").length === 0;
    termValidity.set(term, ok);
  }
  return ok;
}

/**
 * The parse errors of preferred terms with a non-zero weight, `[i].matchExpressions...`
 * (NewPreferredSchedulingTerms); empty when all parse.
 */
export function preferredSchedulingTermsErrors(terms: readonly PreferredSchedulingTerm[]): string[] {
  const errs: string[] = [];
  terms.forEach((t, i) => {
    if (t.weight !== 0) errs.push(...nodeSelectorTermErrors(t.preference ?? {}, `[${i}]`));
  });
  return errs;
}

/** Errors joined as utilerrors.NewAggregate prints them: one as itself, several as `[a, b]`. */
export function aggregateErrors(errs: readonly string[]): string {
  return errs.length === 1 ? (errs[0] as string) : `[${errs.join(", ")}]`;
}

function matchRequirement(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key] as string;
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(v);
    case "NotIn":
      return !has || !values.includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(values[0] as string, 10);
      if (!/^-?\d+$/.test(v) || !/^-?\d+$/.test(values[0] as string)) return false;
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * Whether one term matches a node (an empty term, or one that does not parse, matches nothing).
 * matchFields compare one value with the node's fields (only metadata.name is set), and are
 * ignored for a node without a name, as upstream's field set is then empty.
 */
export function matchNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (!termIsValid(term)) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!matchRequirement(r, labels)) return false;
  const name = node.metadata.name ?? "";
  if (fields.length === 0 || name === "") return true;
  for (const r of fields) {
    const v = r.key === "metadata.name" ? name : "";
    if ((v === (r.values ?? [])[0]) !== (r.operator === "In")) return false;
  }
  return true;
}

/** Whether any term of a NodeSelector matches. */
export function matchNodeSelector(sel: NodeSelector, node: Node): boolean {
  for (const t of sel.nodeSelectorTerms ?? []) if (matchNodeSelectorTerm(t, node)) return true;
  return false;
}

/**
 * Whether the pod's spec.nodeSelector and required node affinity both match the node
 * (GetRequiredNodeAffinity(pod).Match).
 */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel) {
    const labels = node.metadata.labels ?? {};
    for (const k in sel) if (labels[k] !== sel[k]) return false;
  }
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) return matchNodeSelector(req as NodeSelector, node);
  return true;
}
