/**
 * kubectl top's printer (staging/src/k8s.io/kubectl/pkg/metricsutil/metrics_printer.go and
 * metrics_sorter.go, v1.32): every value is a tab-terminated cell of cli-runtime's tab writer,
 * CPU as `%vm` of Quantity.MilliValue, memory as `%vMi` of Value()/(1024*1024), percentages as
 * the int64 of usage over allocatable (or capacity) times 100.
 */
import {
  addQuantities,
  parseQuantityExact,
  type Quantity,
  quantityMilliValue,
  quantityUnits,
} from "../../engine/apiserver/quantity";
import { tabwrite } from "../printers/tabwriter";

/** A usage list as the Metrics API sends it (cpu, memory quantities). */
export type ResourceList = Record<string, string | undefined>;

/** One NodeMetrics item. */
export interface NodeMetrics {
  metadata: { name: string };
  usage: ResourceList;
}

/** One PodMetrics item. */
export interface PodMetrics {
  metadata: { name: string; namespace: string };
  containers: { name: string; usage: ResourceList }[];
}

const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };
const MEASURED = ["cpu", "memory"] as const;

function q(list: ResourceList | undefined, name: string): Quantity {
  return parseQuantityExact(list?.[name] ?? "0") ?? ZERO;
}

function usageCell(name: string, quantity: Quantity): string {
  if (name === "cpu") return `${quantityMilliValue(quantity)}m`;
  return `${Math.trunc(quantityUnits(quantity) / (1024 * 1024))}Mi`;
}

/** printMetricsLine: NAME, then per resource its usage and, when available is known, its percent. */
function metricsLine(name: string, usage: Record<string, Quantity>, available?: ResourceList): string {
  let line = `${name}\t`;
  for (const res of MEASURED) {
    const quantity = usage[res] ?? ZERO;
    line += `${usageCell(res, quantity)}\t`;
    if (available && available[res] !== undefined) {
      const avail = q(available, res);
      const fraction =
        avail.nanos === 0n ? 0 : (quantityMilliValue(quantity) / quantityMilliValue(avail)) * 100;
      line += `${Math.trunc(fraction)}%\t`;
    }
  }
  return `${line}\n`;
}

/** getPodMetrics: a pod's usage, its containers' quantities added. */
function podUsage(m: PodMetrics): Record<string, Quantity> {
  const out: Record<string, Quantity> = { cpu: ZERO, memory: ZERO };
  for (const c of m.containers)
    for (const res of MEASURED) out[res] = addQuantities(out[res] as Quantity, q(c.usage, res));
  return out;
}

/** Sorts by cpu or memory, largest first; by name otherwise (stable, where Go's sort is not). */
function byUsage<T>(
  items: T[],
  sortBy: string,
  usage: (t: T) => Record<string, Quantity>,
  name: (t: T) => string[],
) {
  const keyed = items.map((t) => ({ t, u: usage(t) }));
  keyed.sort((a, b) => {
    if (sortBy === "cpu")
      return quantityMilliValue(b.u.cpu as Quantity) - quantityMilliValue(a.u.cpu as Quantity);
    if (sortBy === "memory")
      return quantityUnits(b.u.memory as Quantity) - quantityUnits(a.u.memory as Quantity);
    const [x, y] = [name(a.t), name(b.t)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
    return 0;
  });
  return keyed.map((k) => k.t);
}

/**
 * PrintNodeMetrics: the metrics' nodes sorted, each with its percent of available, then the nodes
 * that have no metrics as `<unknown>` (in name order; Go ranges over a map).
 */
export function printNodeMetrics(
  metrics: NodeMetrics[],
  available: Map<string, ResourceList>,
  noHeaders: boolean,
  sortBy: string,
): string {
  if (metrics.length === 0) return "";
  let text = noHeaders ? "" : "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n";
  const rest = new Map(available);
  const usage = (m: NodeMetrics) => ({ cpu: q(m.usage, "cpu"), memory: q(m.usage, "memory") });
  for (const m of byUsage(metrics, sortBy, usage, (n) => [n.metadata.name])) {
    text += metricsLine(m.metadata.name, usage(m), available.get(m.metadata.name));
    rest.delete(m.metadata.name);
  }
  for (const name of [...rest.keys()].sort())
    text += `${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  return tabwrite(text);
}

/** PrintPodMetrics: pods (or their containers) sorted, with NAMESPACE under -A, and --sum's total. */
export function printPodMetrics(
  metrics: PodMetrics[],
  options: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean },
): string {
  if (metrics.length === 0) return "";
  let text = "";
  let columns = 3;
  if (!options.noHeaders) {
    if (options.withNamespace) {
      text += "NAMESPACE\t";
      columns++;
    }
    if (options.containers) {
      text += "POD\t";
      columns++;
    }
    text += "NAME\tCPU(cores)\tMEMORY(bytes)\t\n";
  }
  const sorted = byUsage(metrics, options.sortBy, podUsage, (m) =>
    options.withNamespace ? [m.metadata.namespace, m.metadata.name] : [m.metadata.name],
  );
  const ns = (m: PodMetrics) => (options.withNamespace ? `${m.metadata.namespace}\t` : "");
  for (const m of sorted) {
    if (!options.containers) {
      text += ns(m) + metricsLine(m.metadata.name, podUsage(m));
      continue;
    }
    const containers = byUsage(
      m.containers,
      options.sortBy,
      (c) => ({ cpu: q(c.usage, "cpu"), memory: q(c.usage, "memory") }),
      (c) => [c.name],
    );
    for (const c of containers)
      text += `${ns(m)}${m.metadata.name}\t${metricsLine(c.name, { cpu: q(c.usage, "cpu"), memory: q(c.usage, "memory") })}`;
  }
  if (options.sum) {
    const total: Record<string, Quantity> = { cpu: ZERO, memory: ZERO };
    for (const m of metrics) {
      const u = podUsage(m);
      for (const res of MEASURED) total[res] = addQuantities(total[res] as Quantity, u[res] as Quantity);
    }
    text += `${"\t".repeat(Math.max(0, columns - 2))}________\t________\t\n`;
    text += "\t".repeat(Math.max(0, columns - 3)) + metricsLine("", total);
  }
  return tabwrite(text);
}
