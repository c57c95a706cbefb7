/**
 * LimitRanger (plugin/pkg/admission/limitranger): fills container requests and limits from the
 * namespace's LimitRanges (recording what it set in the kubernetes.io/limit-ranger annotation),
 * then enforces their min, max and maxLimitRequestRatio for Containers and Pods.
 */
import type { AdmissionPlugin } from "../../api/interface";
import type { KubeObject } from "../../api/types";
import { addQuantities, formatQuantity, parseQuantityExact, type Quantity } from "../quantity";
import { admissionForbidden, aggregate } from "./forbidden";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

// biome-ignore lint/suspicious/noExplicitAny: open JSON
type Json = any;
type ResourceList = Record<string, string | number>;

function q(v: string | number | undefined): Quantity | undefined {
  return parseQuantityExact(v);
}

/** Sets each resource missing from resources[part] to its default; returns the names it set. */
function fillMissing(
  resources: Json,
  part: "limits" | "requests",
  defaults: ResourceList | undefined,
): string[] {
  const set: string[] = [];
  for (const [name, value] of Object.entries(defaults ?? {})) {
    resources[part] = resources[part] ?? {};
    if (resources[part][name] === undefined) {
      resources[part][name] = value;
      set.push(name);
    }
  }
  return set.sort();
}

/** Sets a container's missing requests and limits from a Container item's defaults. */
function mergeContainer(c: Json, item: Json, containerType: string, notes: string[]): void {
  c.resources = c.resources ?? {};
  // Limits first, so a resources block the plugin creates lists limits before requests.
  const setLimits = fillMissing(c.resources, "limits", item.default);
  const setRequests = fillMissing(c.resources, "requests", item.defaultRequest);
  if (setRequests.length) notes.push(`${setRequests.join(", ")} request for ${containerType} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.join(", ")} limit for ${containerType} ${c.name}`);
}

/**
 * The min and max bounds of a LimitRange item: which of request and limit must be given, which is
 * checked first, and when a value breaks the bound.
 */
const BOUNDS = {
  min: {
    word: "minimum",
    order: ["request", "limit"],
    breaks: (v: Quantity, e: Quantity) => v.nanos < e.nanos,
  },
  max: {
    word: "maximum",
    order: ["limit", "request"],
    breaks: (v: Quantity, e: Quantity) => v.nanos > e.nanos,
  },
} as const;

/** minConstraint / maxConstraint: the message for a request or limit outside the bound, if any. */
function boundConstraint(
  bound: keyof typeof BOUNDS,
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
): string | undefined {
  const { word, order, breaks } = BOUNDS[bound];
  const values = { request: q(req[name]), limit: q(lim[name]) };
  const prefix = `${word} ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!values[order[0]]) return `${prefix}.  No ${order[0]} is specified`;
  for (const what of order) {
    const v = values[what];
    if (v && breaks(v, enforced)) return `${prefix}, but ${what} is ${formatQuantity(v)}`;
  }
  return undefined;
}

function ratioConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
): string | undefined {
  const r = q(req[name]);
  const l = q(lim[name]);
  const prefix = `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}`;
  if (!r || !l || r.nanos === 0n) return `${prefix}, but no request is specified or request is 0`;
  const ratio = Number(l.nanos) / Number(r.nanos);
  if (ratio > Number(enforced.nanos) / 1e9) return `${prefix}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

type ConstraintArgs = Parameters<typeof ratioConstraint>;

/** The constraint each field of a LimitRange item sets. */
const CONSTRAINTS = [
  ["min", (...args: ConstraintArgs) => boundConstraint("min", ...args)],
  ["max", (...args: ConstraintArgs) => boundConstraint("max", ...args)],
  ["maxLimitRequestRatio", ratioConstraint],
] as const;

function checkItem(item: Json, type: string, req: ResourceList, lim: ResourceList, errs: string[]): void {
  for (const [field, constraint] of CONSTRAINTS)
    for (const [name, v] of Object.entries((item[field] ?? {}) as ResourceList)) {
      const e = q(v);
      const msg = e && constraint(type, name, e, req, lim);
      if (msg) errs.push(msg);
    }
}

/** A pod's total requests and limits for the Pod limit type (sum of containers, max of init). */
function podTotals(spec: Json): { req: ResourceList; lim: ResourceList } {
  const sum = (part: "requests" | "limits") => {
    const out = new Map<string, Quantity>();
    for (const c of spec?.containers ?? [])
      for (const [n, v] of Object.entries((c?.resources?.[part] ?? {}) as ResourceList)) {
        const x = q(v);
        if (!x) continue;
        const prev = out.get(n);
        out.set(n, prev ? addQuantities(prev, x) : x);
      }
    for (const c of spec?.initContainers ?? [])
      for (const [n, v] of Object.entries((c?.resources?.[part] ?? {}) as ResourceList)) {
        const x = q(v);
        const prev = out.get(n);
        if (x && (!prev || x.nanos > prev.nanos)) out.set(n, x);
      }
    const list: ResourceList = {};
    for (const [n, v] of out) list[n] = formatQuantity(v);
    return list;
  };
  return { req: sum("requests"), lim: sum("limits") };
}

function limitRanges(
  api: { list(kind: string, o?: { namespace?: string }): KubeObject[] },
  ns: string,
): KubeObject[] {
  return api.list("LimitRange", { namespace: ns });
}

/** The LimitRanger admission plugin. */
export const limitRanger: AdmissionPlugin = {
  name: "LimitRanger",
  mutate(request) {
    const pod = request.object;
    if (pod?.kind !== "Pod" || request.subresource !== "" || request.operation !== "CREATE") return;
    const ranges = limitRanges(request.api, pod.metadata.namespace as string);
    if (ranges.length === 0) return;
    const notes: string[] = [];
    for (const lr of ranges)
      for (const item of lr.spec?.limits ?? []) {
        if (item?.type !== "Container") continue;
        for (const c of pod.spec?.containers ?? []) if (c) mergeContainer(c, item, "container", notes);
        for (const c of pod.spec?.initContainers ?? [])
          if (c) mergeContainer(c, item, "init container", notes);
      }
    if (notes.length) {
      pod.metadata.annotations = pod.metadata.annotations ?? {};
      pod.metadata.annotations[LIMIT_RANGER_ANNOTATION] = `LimitRanger plugin set: ${notes.join("; ")}`;
    }
  },
  validate(request) {
    const pod = request.object;
    if (pod?.kind !== "Pod" || request.subresource !== "" || request.operation !== "CREATE") return;
    const ranges = limitRanges(request.api, pod.metadata.namespace as string);
    const errs: string[] = [];
    for (const lr of ranges)
      for (const item of lr.spec?.limits ?? []) {
        if (item?.type === "Container") {
          for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])])
            checkItem(item, "Container", c?.resources?.requests ?? {}, c?.resources?.limits ?? {}, errs);
        } else if (item?.type === "Pod") {
          const { req, lim } = podTotals(pod.spec);
          checkItem(item, "Pod", req, lim, errs);
        }
      }
    if (errs.length) throw admissionForbidden(request, aggregate(errs));
  },
};
