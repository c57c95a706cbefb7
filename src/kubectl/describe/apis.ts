/**
 * describe.go for NetworkPolicy (describeNetworkPolicy), Ingress (describeIngressV1), IngressClass
 * (describeIngressClassV1) and HorizontalPodAutoscaler (describeHorizontalPodAutoscalerV2), v1.32.
 */
import type { KubeObject } from "../../engine/api/types";
import { ingressAddress } from "../printers/apis";
import { formatLabelSelector } from "../printers/common";
import { parseTime } from "../printers/duration";
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
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from "./writer";

const pad = (n: number) => String(n).padStart(2, "0");

/** Go's time.Time.String() in UTC: `2026-12-06 17:22:33 +0000 UTC`. */
export function goTimeString(ts: string | undefined): string {
  const t = parseTime(ts);
  if (t === undefined) return "0001-01-01 00:00:00 +0000 UTC";
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 UTC`;
}

function events(obj: KubeObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.showEvents !== false) describeEvents(eventsFor(obj, ctx.api), w, ctx.now);
}

/** Go's %s of a *intstr.IntOrString: the number or name, `<nil>` when unset. */
const intOrString = (v: Any) => (v === undefined || v === null ? "<nil>" : String(v));

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo. */
function printRules(rules: Any[], dir: "ingress" | "egress", w: PrefixWriter): void {
  const indent = "    ";
  const peerKey = dir === "ingress" ? "from" : "to";
  const peerTitle = dir === "ingress" ? "From" : "To";
  if (rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports: Any[] = rule?.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of ports) {
      const proto = port?.protocol ?? "TCP";
      if (port?.endPort === undefined)
        w.write(LEVEL_0, `${indent}To Port: ${intOrString(port?.port)}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${intOrString(port.port)}-${port.endPort}/${proto}\n`);
    }
    const peers: Any[] = rule?.[peerKey] ?? [];
    if (peers.length === 0)
      w.write(
        LEVEL_0,
        dir === "ingress"
          ? `${indent}From: <any> (traffic not restricted by source)\n`
          : `${indent}To: <any> (traffic not restricted by destination)\n`,
      );
    for (const peer of peers) {
      w.write(LEVEL_0, `${indent}${peerTitle}:\n`);
      if (peer?.podSelector && peer?.namespaceSelector) {
        w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer?.podSelector) {
        w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer?.namespaceSelector) {
        w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      } else if (peer?.ipBlock) {
        w.write(LEVEL_1, `${indent}IPBlock:\n`);
        w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ""}\n`);
        w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(", ")}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

/** describeNetworkPolicy: the spec in words (no events: upstream does not look them up). */
export function describeNetworkPolicy(np: KubeObject): string {
  const w = new PrefixWriter();
  const spec: Any = np.spec ?? {};
  w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, "Labels", np.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
  w.write(LEVEL_0, "Spec:\n");
  w.write(LEVEL_1, "PodSelector: ");
  const sel = spec.podSelector ?? {};
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
    w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
  else w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes("Ingress")) {
    w.write(LEVEL_1, "Allowing ingress traffic:\n");
    printRules(spec.ingress ?? [], "ingress", w);
  } else w.write(LEVEL_1, "Not affecting ingress traffic\n");
  if (types.includes("Egress")) {
    w.write(LEVEL_1, "Allowing egress traffic:\n");
    printRules(spec.egress ?? [], "egress", w);
  } else w.write(LEVEL_1, "Not affecting egress traffic\n");
  w.write(LEVEL_1, `Policy Types: ${types.length ? types.join(", ") : "<none>"}\n`);
  return w.string();
}

/** serviceBackendStringer: `name:port`. */
function serviceBackendString(svc: Any): string {
  const port = svc.port?.number ? String(svc.port.number) : (svc.port?.name ?? "");
  return `${svc.name ?? ""}:${port}`;
}

/** describeBackendV1 (v1.32 reads Endpoints): `svc:80 (10.244.1.5:80)` or the lookup's error. */
export function describeIngressBackend(ns: string, backend: Any, ctx: DescribeContext): string {
  if (backend?.service) {
    const svc = backend.service;
    const sb = serviceBackendString(svc);
    const endpoints = ctx.api.get("Endpoints", ns, svc.name ?? "");
    if (!endpoints) return `${sb} (<error: endpoints "${svc.name ?? ""}" not found>)`;
    const service = ctx.api.get("Service", ns, svc.name ?? "");
    if (!service) return `${sb} (<error: services "${svc.name ?? ""}" not found>)`;
    let spName = "";
    for (const sp of (service.spec as Any)?.ports ?? []) {
      if (svc.port?.number && svc.port.number === sp.port) spName = sp.name ?? "";
      else if (svc.port?.name && svc.port.name === sp.name) spName = sp.name ?? "";
    }
    return `${sb} (${formatEndpoints(endpoints, spName)})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? "<none>"}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return "";
}

/** describeIngressV1. */
export function describeIngress(ing: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = ing.spec ?? {};
  const ns = ing.metadata.namespace ?? "";
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Address:\t${ingressAddress(ing.status, true)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
  const defaultBackend = spec.defaultBackend
    ? describeIngressBackend(ns, spec.defaultBackend, ctx)
    : "<default>";
  w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
  const tls: Any[] = spec.tls ?? [];
  if (tls.length) {
    w.write(LEVEL_0, "TLS:\n");
    for (const t of tls) {
      const hosts = (t?.hosts ?? []).join(",");
      if (!t?.secretName) w.write(LEVEL_1, `SNI routes ${hosts}\n`);
      else w.write(LEVEL_1, `${t.secretName} terminates ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(LEVEL_1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule?.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
    for (const p of rule.http.paths ?? [])
      w.write(LEVEL_2, `\t${p?.path ?? ""} \t${describeIngressBackend(ns, p?.backend, ctx)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
  events(ing, ctx, w);
  return w.string();
}

/** describeIngressClassV1. */
export function describeIngressClass(ic: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = ic.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ic.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ic.metadata.annotations);
  w.write(LEVEL_0, `Controller:\t${spec.controller ?? ""}\n`);
  if (spec.parameters) {
    w.write(LEVEL_0, "Parameters:\n");
    if (spec.parameters.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.parameters.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.parameters.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${spec.parameters.name ?? ""}\n`);
  }
  events(ic, ctx, w);
  return w.string();
}

/** The current value of metric i, or `<unknown>`. */
function current(statuses: Any[], i: number, key: string, pick: (s: Any) => Any): string {
  const s = statuses[i]?.[key];
  const v = s ? pick(s) : undefined;
  return v === undefined || v === null ? "<unknown>" : String(v);
}

function describeMetrics(hpa: Any, w: PrefixWriter): void {
  const st: Any[] = hpa.status?.currentMetrics ?? [];
  (hpa.spec?.metrics ?? []).forEach((m: Any, i: number) => {
    switch (m?.type) {
      case "External": {
        const t = m.external?.target ?? {};
        const name = JSON.stringify(m.external?.metric?.name ?? "");
        if (t.averageValue !== undefined)
          w.write(
            LEVEL_1,
            `${name} (target average value):\t${current(st, i, "external", (s) => s.current?.averageValue)} / ${t.averageValue}\n`,
          );
        else
          w.write(
            LEVEL_1,
            `${name} (target value):\t${current(st, i, "external", (s) => s.current?.value ?? "0")} / ${t.value ?? "0"}\n`,
          );
        break;
      }
      case "Pods":
        w.write(
          LEVEL_1,
          `${JSON.stringify(m.pods?.metric?.name ?? "")} on pods:\t${current(st, i, "pods", (s) => s.current?.averageValue ?? "0")} / ${m.pods?.target?.averageValue ?? "0"}\n`,
        );
        break;
      case "Object": {
        const o = m.object ?? {};
        w.write(
          LEVEL_1,
          `"${o.metric?.name ?? ""}" on ${o.describedObject?.kind ?? ""}/${o.describedObject?.name ?? ""} `,
        );
        if (o.target?.type === "AverageValue")
          w.write(
            LEVEL_0,
            `(target average value):\t${current(st, i, "object", (s) => s.current?.averageValue ?? "0")} / ${o.target.averageValue ?? "0"}\n`,
          );
        else
          w.write(
            LEVEL_0,
            `(target value):\t${current(st, i, "object", (s) => s.current?.value ?? "0")} / ${o.target?.value ?? "0"}\n`,
          );
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const key = m.type === "Resource" ? "resource" : "containerResource";
        const src = m[key] ?? {};
        w.write(
          LEVEL_1,
          key === "resource"
            ? `resource ${src.name} on pods`
            : `resource ${src.name} of container "${src.container}" on pods`,
        );
        if (src.target?.averageValue !== undefined) {
          w.write(
            LEVEL_0,
            `:\t${current(st, i, key, (s) => s.current?.averageValue ?? "0")} / ${src.target.averageValue}\n`,
          );
        } else {
          const cur = st[i]?.[key]?.current;
          const now =
            typeof cur?.averageUtilization === "number"
              ? `${cur.averageUtilization}% (${cur.averageValue ?? "0"})`
              : "<unknown>";
          const t = src.target?.averageUtilization;
          w.write(
            LEVEL_1,
            `(as a percentage of request):\t${now} / ${typeof t === "number" ? `${t}%` : "<auto>"}\n`,
          );
        }
        break;
      }
      default:
        w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(String(m?.type ?? ""))}>\n`);
    }
  });
}

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: Any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined)
    w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies: Any[] = rules.policies ?? [];
  if (policies.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(LEVEL_2, "Policies:\n");
    for (const p of policies)
      w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

/** describeHorizontalPodAutoscalerV2. */
export function describeHorizontalPodAutoscaler(hpa: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = hpa.spec ?? {};
  const status: Any = hpa.status ?? {};
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", hpa.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ""}/${spec.scaleTargetRef?.name ?? ""}\n`);
  w.write(LEVEL_0, "Metrics:\t( current / target )\n");
  describeMetrics(hpa, w);
  w.write(LEVEL_0, `Min replicas:\t${typeof spec.minReplicas === "number" ? spec.minReplicas : "<unset>"}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, "Behavior:\n");
    printDirectionBehavior(w, "Scale Up", spec.behavior.scaleUp);
    printDirectionBehavior(w, "Scale Down", spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ""} pods:\t`);
  w.write(LEVEL_0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  const conditions: Any[] = status.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, "Conditions:\n");
    w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t------\t-------\n");
    for (const c of conditions)
      w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
  }
  events(hpa, ctx, w);
  return w.string();
}
