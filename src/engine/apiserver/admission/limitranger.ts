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

/** Sets a container's missing requests and limits from a Container item's defaults. */
function mergeContainer(c: Json, item: Json, containerType: string, notes: string[]): void {
  c.resources = c.resources ?? {};
  const setRequests: string[] = [];
  const setLimits: string[] = [];
  for (const [name, value] of Object.entries((item.default ?? {}) as ResourceList)) {
    c.resources.limits = c.resources.limits ?? {};
    if (c.resources.limits[name] === undefined) {
      c.resources.limits[name] = value;
      setLimits.push(name);
    }
  }
  for (const [name, value] of Object.entries((item.defaultRequest ?? {}) as ResourceList)) {
    c.resources.requests = c.resources.requests ?? {};
    if (c.resources.requests[name] === undefined) {
      c.resources.requests[name] = value;
      setRequests.push(name);
    }
  }
  if (setRequests.length)
    notes.push(`${setRequests.sort().join(", ")} request for ${containerType} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(", ")} limit for ${containerType} ${c.name}`);
}

function minConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
): string | undefined {
  const r = q(req[name]);
  const l = q(lim[name]);
  const e = formatQuantity(enforced);
  if (!r) return `minimum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (r.nanos < enforced.nanos)
    return `minimum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  if (l && l.nanos < enforced.nanos)
    return `minimum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  return undefined;
}

function maxConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
): string | undefined {
  const r = q(req[name]);
  const l = q(lim[name]);
  const e = formatQuantity(enforced);
  if (!l) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified`;
  if (l.nanos > enforced.nanos)
    return `maximum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  if (r && r.nanos > enforced.nanos)
    return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
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
  if (!r || !l)
    return `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}, but no request is specified or request is 0`;
  if (r.nanos === 0n)
    return `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}, but no request is specified or request is 0`;
  const ratio = Number(l.nanos) / Number(r.nanos);
  if (ratio > Number(enforced.nanos) / 1e9)
    return `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkItem(item: Json, type: string, req: ResourceList, lim: ResourceList, errs: string[]): void {
  for (const [name, v] of Object.entries((item.min ?? {}) as ResourceList)) {
    const e = q(v);
    const msg = e && minConstraint(type, name, e, req, lim);
    if (msg) errs.push(msg);
  }
  for (const [name, v] of Object.entries((item.max ?? {}) as ResourceList)) {
    const e = q(v);
    const msg = e && maxConstraint(type, name, e, req, lim);
    if (msg) errs.push(msg);
  }
  for (const [name, v] of Object.entries((item.maxLimitRequestRatio ?? {}) as ResourceList)) {
    const e = q(v);
    const msg = e && ratioConstraint(type, name, e, req, lim);
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
