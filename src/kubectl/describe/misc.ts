/**
 * `kubectl describe` for Service, Namespace, and the generic describer used for other kinds.
 */
import type { KubeObject } from "../../engine/api/types";
import { compareStrings, formatLabels } from "../printers/common";
import { formatEndpoints } from "../printers/kinds";
import {
  type Any,
  type DescribeContext,
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./common";
import { formatQuantity, parseQuantity } from "./quantity";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "./writer";

/** `kubectl describe service`. */
export function describeService(svc: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const s: Any = svc;
  const spec: Any = s.spec ?? {};
  const endpoints = ctx.api.get("Endpoints", svc.metadata.namespace, svc.metadata.name ?? "");
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", svc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(
    LEVEL_0,
    `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies.join(",") : "<none>"}\n`,
  );
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs.join(",") : "<none>"}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress: Any[] = s.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0)
    w.write(
      LEVEL_0,
      `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : i.hostname)).join(", ")}\n`,
    );
  for (const sp of spec.ports ?? []) {
    const name = sp.name || "<unset>";
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? "TCP"}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol ?? "TCP"}\n`);
    if (sp.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? "TCP"}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints, sp.name ?? "")}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy)
    w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy)
    w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0)
    w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(",")}\n`);
  if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  if (ctx.showEvents !== false) describeEvents(eventsFor(svc, ctx.api), w, ctx.now);
  return w.string();
}

const q = (v: string | undefined) => formatQuantity(parseQuantity(v));

/** `kubectl describe namespace`: status, conditions, resource quotas and limit ranges. */
export function describeNamespace(ns: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const n: Any = ns;
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ns.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${n.status?.phase ?? ""}\n`);
  const conditions: Any[] = n.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n");
    w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conditions)
      w.write(
        LEVEL_1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`,
      );
  }
  const quotas = ctx.api
    .list("ResourceQuota", { namespace: ns.metadata.name })
    .sort((a, b) => compareStrings(a.metadata.name ?? "", b.metadata.name ?? ""));
  w.write(LEVEL_0, "\n");
  if (quotas.length === 0) w.write(LEVEL_0, "No resource quota.\n");
  else {
    w.write(LEVEL_0, "Resource Quotas\n");
    for (const rq of quotas as Any[]) {
      w.write(LEVEL_1, `Name:\t${rq.metadata.name}\n`);
      const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort(compareStrings);
      if (scopes.length > 0) w.write(LEVEL_1, `Scopes:\t${scopes.join(", ")}\n`);
      w.write(LEVEL_1, "Resource\tUsed\tHard\n");
      w.write(LEVEL_1, "--------\t---\t---\n");
      const hard: Record<string, string> = rq.status?.hard ?? {};
      for (const r of Object.keys(hard).sort(compareStrings))
        w.write(LEVEL_1, `${r}\t${q(rq.status?.used?.[r])}\t${q(hard[r])}\n`);
    }
  }
  const limitRanges = ctx.api.list("LimitRange", { namespace: ns.metadata.name });
  w.write(LEVEL_0, "\n");
  if (limitRanges.length === 0) w.write(LEVEL_0, "No LimitRange resource.\n");
  else {
    w.write(
      LEVEL_0,
      "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const lr of limitRanges as Any[]) {
      for (const item of lr.spec?.limits ?? []) {
        const names = new Set<string>();
        for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"])
          for (const k of Object.keys(item[f] ?? {})) names.add(k);
        for (const k of names) {
          const get = (f: string) => (item[f]?.[k] !== undefined ? q(item[f][k]) : "-");
          w.write(
            LEVEL_0,
            ` ${item.type}\t${k}\t${get("min")}\t${get("max")}\t${get("defaultRequest")}\t${get("default")}\t${get("maxLimitRequestRatio")}\n`,
          );
        }
      }
    }
  }
  return w.string();
}

/** The generic describer (kinds without their own): name, namespace, labels, annotations, fields. */
export function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", obj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", obj.metadata.annotations);
  printUnstructured(w, LEVEL_0, obj, "", [
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
  ]);
  if (ctx.showEvents !== false) describeEvents(eventsFor(obj, ctx.api), w, ctx.now);
  return w.string();
}

function printUnstructured(
  w: PrefixWriter,
  level: number,
  content: Any,
  prefix: string,
  skip: string[],
): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const v = content[field];
    const expr = `${prefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, v, expr, skip);
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of v) {
        if (child !== null && typeof child === "object" && !Array.isArray(child))
          printUnstructured(w, level + 1, child, expr, skip);
        else w.write(level + 1, `${goV(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goV(v)}\n`);
    }
  }
}

function goV(v: Any): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goV).join(" ")}]`;
  if (typeof v === "object")
    return `map[${Object.keys(v)
      .sort(compareStrings)
      .map((k) => `${k}:${goV(v[k])}`)
      .join(" ")}]`;
  return String(v);
}

/** smartLabelFor: `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`. */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = field.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  const acronyms = ["API", "URL", "UID", "GUID"];
  return parts
    .map((p) => {
      if (acronyms.includes(p.toUpperCase())) return p.toUpperCase();
      if (p.toLowerCase() === p) return p.charAt(0).toUpperCase() + p.slice(1);
      return p;
    })
    .join(" ");
}
