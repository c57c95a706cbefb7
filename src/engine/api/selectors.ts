/**
 * Label and field selectors: the string form kubectl takes (`-l app=web,tier!=db`,
 * `--field-selector spec.nodeName=n1`) and the structured metav1.LabelSelector.
 */
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1";
import type { KubeObject } from "./types";

/** One requirement of a parsed selector. */
export interface Requirement {
  key: string;
  op: "=" | "!=" | "in" | "notin" | "exists" | "!";
  values: string[];
}

/** A parsed selector: every requirement must hold (they are ANDed). */
export type Selector = Requirement[];

/** Thrown for a selector string that does not parse; kubectl prints the message. */
export class SelectorError extends Error {}

/**
 * Parses a label selector string as k8s.io/apimachinery/pkg/labels.Parse does:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma separated.
 */
export function parseLabelSelector(text: string): Selector {
  const out: Selector = [];
  let i = 0;
  const s = text.trim();
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
  };
  const readKey = () => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.\-/]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    if (s[i] === "!") {
      i++;
      skipWs();
      const key = readKey();
      if (!key)
        throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ""}', expected: identifier`);
      out.push({ key, op: "!", values: [] });
    } else {
      const key = readKey();
      if (!key)
        throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ""}', expected: identifier`);
      skipWs();
      if (s.startsWith("!=", i)) {
        i += 2;
        out.push({ key, op: "!=", values: [readValue()] });
      } else if (s.startsWith("==", i)) {
        i += 2;
        out.push({ key, op: "=", values: [readValue()] });
      } else if (s[i] === "=") {
        i += 1;
        out.push({ key, op: "=", values: [readValue()] });
      } else if (/^in\s*\(/.test(s.slice(i))) {
        i += 2;
        out.push({ key, op: "in", values: readSet() });
      } else if (/^notin\s*\(/.test(s.slice(i))) {
        i += 5;
        out.push({ key, op: "notin", values: readSet() });
      } else {
        out.push({ key, op: "exists", values: [] });
      }
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ",") throw new SelectorError(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;

  function readValue(): string {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.-]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  }
  function readSet(): string[] {
    skipWs();
    if (s[i] !== "(") throw new SelectorError(`found '${s[i] ?? ""}', expected: '('`);
    i++;
    const values: string[] = [];
    for (;;) {
      skipWs();
      values.push(readValue());
      skipWs();
      if (s[i] === ",") {
        i++;
        continue;
      }
      if (s[i] === ")") {
        i++;
        break;
      }
      throw new SelectorError(`found '${s[i] ?? ""}', expected: ',', or ')'`);
    }
    return values;
  }
}

/** Whether labels satisfy every requirement of a parsed selector. */
export function matchesSelector(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const req of selector) {
    const has = Object.hasOwn(l, req.key);
    const v = l[req.key];
    switch (req.op) {
      case "=":
        if (v !== req.values[0]) return false;
        break;
      case "!=":
        if (has && v === req.values[0]) return false;
        break;
      case "in":
        if (!has || !req.values.includes(v as string)) return false;
        break;
      case "notin":
        if (has && req.values.includes(v as string)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
    }
  }
  return true;
}

/**
 * Whether labels match a metav1.LabelSelector. An empty selector matches everything; a null or
 * undefined one matches nothing, as metav1.LabelSelectorAsSelector makes them.
 */
export function matchesLabelSelector(
  selector: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) if (!matchesExpression(req, l)) return false;
  return true;
}

function matchesExpression(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const v = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(v as string);
    case "NotIn":
      return !has || !values.includes(v as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false;
  }
}

/** The selector string kubectl shows for a LabelSelector (`app=web,tier in (a,b)`). */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return "<none>";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
    parts.push(`${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const vals = [...(req.values ?? [])].sort().join(",");
    if (req.operator === "In") parts.push(`${req.key} in (${vals})`);
    else if (req.operator === "NotIn") parts.push(`${req.key} notin (${vals})`);
    else if (req.operator === "Exists") parts.push(req.key);
    else if (req.operator === "DoesNotExist") parts.push(`!${req.key}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

/** One `field=value` or `field!=value` term of a field selector. */
export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

/** Parses `spec.nodeName=n1,status.phase!=Running`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  if (!text.trim()) return [];
  return text.split(",").map((term) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    return { field: m[1] as string, op: m[2] === "!=" ? "!=" : "=", value: m[3] as string };
  });
}

/** The fields each kind can be selected by, as the API server's field label conversion allows. */
const FIELD_GETTERS: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  "*": {
    "metadata.name": (o) => o.metadata.name,
    "metadata.namespace": (o) => o.metadata.namespace,
  },
  Pod: {
    "spec.nodeName": (o) => o.spec?.nodeName ?? "",
    "spec.schedulerName": (o) => o.spec?.schedulerName ?? "",
    "spec.serviceAccountName": (o) => o.spec?.serviceAccountName ?? "",
    "spec.restartPolicy": (o) => o.spec?.restartPolicy ?? "",
    "status.phase": (o) => o.status?.phase ?? "",
    "status.podIP": (o) => o.status?.podIP ?? "",
    "status.nominatedNodeName": (o) => o.status?.nominatedNodeName ?? "",
  },
  Node: { "spec.unschedulable": (o) => String(Boolean(o.spec?.unschedulable)) },
  Event: {
    "involvedObject.kind": (o) => o.involvedObject?.kind,
    "involvedObject.name": (o) => o.involvedObject?.name,
    "involvedObject.namespace": (o) => o.involvedObject?.namespace,
    "involvedObject.uid": (o) => o.involvedObject?.uid,
    reason: (o) => o.reason,
    type: (o) => o.type,
    source: (o) => o.source?.component,
  },
  Secret: { type: (o) => o.type },
  Namespace: { "status.phase": (o) => o.status?.phase },
  ReplicaSet: { "status.replicas": (o) => String(o.status?.replicas ?? 0) },
};

/** The error the API server gives for a field it cannot select on. */
export function unsupportedField(kind: string, field: string): string | undefined {
  if (FIELD_GETTERS["*"]?.[field] || FIELD_GETTERS[kind]?.[field]) return undefined;
  return `field label not supported: ${field}`;
}

/** Whether an object satisfies every field requirement. */
export function matchesFieldSelector(obj: KubeObject, reqs: FieldRequirement[]): boolean {
  for (const req of reqs) {
    const get = FIELD_GETTERS[obj.kind]?.[req.field] ?? FIELD_GETTERS["*"]?.[req.field];
    const v = get ? (get(obj) ?? "") : undefined;
    if (req.op === "=" ? v !== req.value : v === req.value) return false;
  }
  return true;
}

/** Whether two label (or annotation) maps hold the same pairs; absent equals empty. */
export function labelsEqual(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean {
  const x = a ?? {};
  const y = b ?? {};
  let n = 0;
  for (const k in x) {
    if (x[k] !== y[k]) return false;
    n++;
  }
  for (const _ in y) n--;
  return n === 0;
}
