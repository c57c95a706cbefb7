/**
 * printers.go's tables for NetworkPolicy, Ingress, IngressClass and HorizontalPodAutoscaler
 * (printNetworkPolicy, printIngress, printIngressClass, printHorizontalPodAutoscaler).
 */
import type { KubeObject } from "../../engine/api/types";
import { type CellValue, compareStrings, formatLabelSelector, type RowOptions } from "./common";
import { translateTimestampSince } from "./duration";
import type { TableHandler } from "./kinds";

// biome-ignore lint/suspicious/noExplicitAny: printers read open JSON objects
type Any = any;

const age = (obj: KubeObject, o: RowOptions) =>
  translateTimestampSince(obj.metadata.creationTimestamp, o.now);

function table(columns: string[], row: (obj: Any, o: RowOptions) => CellValue[]): TableHandler {
  return { columns, wideColumns: [], nameColumn: 0, row };
}

/** printers.go's loadBalancerWidth: ADDRESS is cut to this many bytes without -o wide. */
const LOAD_BALANCER_WIDTH = 16;

/** formatHosts: up to three hosts, `*` when none, ` + N more...` past three rules. */
export function formatHosts(rules: Any[] | undefined): string {
  const list: string[] = [];
  const maximum = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === maximum) more = true;
    if (!more && rule?.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${(rules ?? []).length - maximum} more...` : ret;
}

/** ingressLoadBalancerStatusStringer: IPs or hostnames, sorted and deduplicated. */
export function ingressAddress(status: Any, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of status?.loadBalancer?.ingress ?? []) {
    if (ing?.ip) set.add(ing.ip);
    else if (ing?.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort(compareStrings).join(",");
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

/** The current value of metric i in status, or `<unknown>`. */
function currentOf(statuses: Any[], i: number, key: string, pick: (s: Any) => Any): string {
  const s = statuses[i]?.[key];
  if (!s) return "<unknown>";
  const v = pick(s);
  return v === undefined || v === null ? "<unknown>" : String(v);
}

/**
 * formatHPAMetrics (v1.32): each metric as `current/target`, resource metrics prefixed with the
 * resource name (`cpu: <unknown>/80%`), at most two, then ` + N more...`; `<none>` without metrics.
 */
export function formatHPAMetrics(specs: Any[] | undefined, statuses: Any[] | undefined): string {
  const list = specs ?? [];
  const st = statuses ?? [];
  if (list.length === 0) return "<none>";
  const out: string[] = [];
  list.forEach((spec, i) => {
    switch (spec?.type) {
      case "External":
      case "Object": {
        const key = spec.type === "External" ? "external" : "object";
        const target = spec[key]?.target ?? {};
        if (target.averageValue !== undefined) {
          const cur = currentOf(st, i, key, (s) => s.current?.averageValue);
          out.push(`${cur}/${target.averageValue} (avg)`);
        } else {
          const cur = currentOf(st, i, key, (s) => s.current?.value ?? "0");
          out.push(`${cur}/${target.value ?? "0"}`);
        }
        break;
      }
      case "Pods": {
        const cur = currentOf(st, i, "pods", (s) => s.current?.averageValue ?? "0");
        out.push(`${cur}/${spec.pods?.target?.averageValue ?? "0"}`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const key = spec.type === "Resource" ? "resource" : "containerResource";
        const src = spec[key] ?? {};
        if (src.target?.averageValue !== undefined) {
          const cur = currentOf(st, i, key, (s) => s.current?.averageValue ?? "0");
          out.push(`${src.name}: ${cur}/${src.target.averageValue}`);
        } else {
          const util = st[i]?.[key]?.current?.averageUtilization;
          const cur = typeof util === "number" ? `${util}%` : "<unknown>";
          const t = src.target?.averageUtilization;
          out.push(`${src.name}: ${cur}/${typeof t === "number" ? `${t}%` : "<auto>"}`);
        }
        break;
      }
      default:
        out.push("<unknown type>");
    }
  });
  const maximum = 2;
  if (out.length > maximum) return `${out.slice(0, maximum).join(", ")} + ${out.length - maximum} more...`;
  return out.join(", ");
}

/** The table handlers of the networking.k8s.io and autoscaling kinds. */
export const API_TABLE_HANDLERS: Record<string, TableHandler> = {
  NetworkPolicy: table(["NAME", "POD-SELECTOR", "AGE"], (np, o) => [
    np.metadata.name,
    formatLabelSelector(np.spec?.podSelector ?? {}),
    age(np, o),
  ]),
  Ingress: table(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], (ing, o) => [
    ing.metadata.name,
    ing.spec?.ingressClassName ?? "<none>",
    formatHosts(ing.spec?.rules),
    ingressAddress(ing.status, o.wide),
    (ing.spec?.tls ?? []).length ? "80, 443" : "80",
    age(ing, o),
  ]),
  IngressClass: table(["NAME", "CONTROLLER", "PARAMETERS", "AGE"], (ic, o) => {
    const p = ic.spec?.parameters;
    const parameters = p
      ? `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ""}/${p.name}`
      : "<none>";
    return [ic.metadata.name, ic.spec?.controller ?? "", parameters, age(ic, o)];
  }),
  HorizontalPodAutoscaler: table(
    ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
    (hpa, o) => [
      hpa.metadata.name,
      `${hpa.spec?.scaleTargetRef?.kind ?? ""}/${hpa.spec?.scaleTargetRef?.name ?? ""}`,
      formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      typeof hpa.spec?.minReplicas === "number" ? String(hpa.spec.minReplicas) : "<unset>",
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      age(hpa, o),
    ],
  ),
};
