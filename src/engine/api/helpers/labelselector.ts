/**
 * Parse errors of a metav1.LabelSelector, as metav1.LabelSelectorAsSelector reports them
 * (labels.NewRequirement's key and value checks). Matching itself lives in ../selectors.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { isQualifiedName, isValidLabelValue } from "../../apiserver/field";

function invalid(path: string, value: string | string[], detail: string): string {
  const v = Array.isArray(value)
    ? `[]string{${value.map((x) => JSON.stringify(x)).join(", ")}}`
    : JSON.stringify(value);
  return `${path}: Invalid value: ${v}: ${detail}`;
}

function requirementError(key: string, op: string, values: string[]): string | undefined {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalid("key", key, keyErrs.join("; ")));
  if (op === "In" || op === "NotIn") {
    if (values.length === 0)
      errs.push(invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
  } else if (op === "Exists" || op === "DoesNotExist") {
    if (values.length !== 0)
      errs.push(invalid("values", values, "values set must be empty for exists and does not exist"));
  } else if (values.length !== 1) {
    errs.push(invalid("values", values, "exact-match compatibility requires one single value"));
  }
  values.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, e.join("; ")));
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

/** The first parse error of a label selector, or undefined when it parses (or is absent). */
export function labelSelectorError(selector: LabelSelector | null | undefined): string | undefined {
  if (!selector) return undefined;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    const e = requirementError(k, "Equals", [v]);
    if (e) return e;
  }
  for (const r of selector.matchExpressions ?? []) {
    if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(r.operator))
      return `${JSON.stringify(r.operator)} is not a valid label selector operator`;
    const e = requirementError(r.key, r.operator, r.values ?? []);
    if (e) return e;
  }
  return undefined;
}
