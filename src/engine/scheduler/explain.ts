/**
 * Explanations: what the scheduler decided for a pod in its latest attempt, node by node and
 * plugin by plugin, kept in memory per cluster (never written to the API).
 */
import type { Pod } from "../api/kinds";
import type { Cluster } from "../cluster";
import type { Framework, ScoreTable } from "./framework/runtime";
import { CODE_NAMES, type Status } from "./framework/status";
import type { NodeInfo } from "./framework/types";
import type { PreemptionRecord } from "./plugins/defaultpreemption/default-preemption";
import { type WhyPending, whyPending } from "./why/why";

/** One plugin's verdict on one node. */
export interface FilterVerdict {
  plugin: string;
  /** "Success", "Unschedulable", "UnschedulableAndUnresolvable", "Skip", "Error", or "NotRun". */
  code: string;
  reasons: string[];
}

/** One node's Filter results. */
export interface NodeFilterRecord {
  node: string;
  feasible: boolean;
  verdicts: FilterVerdict[];
}

/** One node's scores. */
export interface NodeScoreRecord {
  node: string;
  plugins: { plugin: string; raw: number; normalized: number; weight: number; weighted: number }[];
  total: number;
}

/** The record of one scheduling attempt, as explainPod returns it. */
export interface SchedulingRecord {
  pod: string;
  uid: string;
  schedulerName: string;
  attempt: number;
  time: string;
  result: "Scheduled" | "Unschedulable" | "Error";
  node?: string;
  /** The FailedScheduling text, or the Scheduled message. */
  message: string;
  /** PreFilter plugins that did not return Success (Skip or a rejection). */
  preFilter: { plugin: string; code: string; reasons: string[] }[];
  /** Nodes the cycle narrowed to by PreFilter; undefined when all. */
  preFilterNodes?: string[];
  totalNodes: number;
  /** Nodes Filter was run on (percentageOfNodesToScore may stop early). */
  evaluatedNodes: number;
  /** Nodes that passed Filter; `filters` and `scores` keep the best-scored of them when many. */
  feasibleCount: number;
  filters: NodeFilterRecord[];
  scores: NodeScoreRecord[];
  preemption?: PreemptionRecord;
  /** For a pod still Pending: what keeps it off each node now, and the fixes that would let it on. */
  why?: WhyPending;
}

/**
 * What the scheduler keeps per attempt: compact (names, statuses, score columns); explainPod
 * expands it into a SchedulingRecord.
 */
export interface RawRecord extends Omit<SchedulingRecord, "filters" | "scores"> {
  filterPlugins: string[];
  /** The plugins PreFilter skipped (shown as Skip in preFilter and in every node's filters). */
  skippedFilters: string[];
  feasibleNodes: string[];
  /** Rejected nodes: the first failing status (or every plugin's verdict, when fully explained). */
  failed: Map<string, Status | FilterVerdict[]>;
  scoreTable?: ScoreTable;
}

function expand(r: RawRecord): SchedulingRecord {
  const skipped = new Set(r.skippedFilters);
  const pass: FilterVerdict[] = r.filterPlugins.map((plugin) => ({
    plugin,
    code: skipped.has(plugin) ? "Skip" : "Success",
    reasons: [],
  }));
  const filters: NodeFilterRecord[] = r.feasibleNodes.map((node) => ({
    node,
    feasible: true,
    verdicts: pass,
  }));
  for (const [node, st] of r.failed) {
    if (Array.isArray(st)) {
      filters.push({ node, feasible: false, verdicts: st });
      continue;
    }
    const verdicts: FilterVerdict[] = [];
    let seen = false;
    for (const plugin of r.filterPlugins) {
      // A plugin PreFilter skipped is skipped on every node, before or after the failing one.
      if (skipped.has(plugin)) verdicts.push({ plugin, code: "Skip", reasons: [] });
      else if (seen) verdicts.push({ plugin, code: "NotRun", reasons: [] });
      else if (plugin === st.plugin) {
        verdicts.push({ plugin, code: CODE_NAMES[st.code], reasons: st.reasons });
        seen = true;
      } else verdicts.push({ plugin, code: "Success", reasons: [] });
    }
    filters.push({ node, feasible: false, verdicts });
  }
  const t = r.scoreTable;
  const scores: NodeScoreRecord[] = t
    ? t.nodes.map((node, i) => ({
        node,
        plugins: t.plugins.map((plugin, j) => ({
          plugin,
          raw: t.raw[j]?.[i] as number,
          normalized: t.normalized[j]?.[i] as number,
          weight: t.weights[j] as number,
          weighted: (t.normalized[j]?.[i] as number) * (t.weights[j] as number),
        })),
        total: t.total[i] as number,
      }))
    : [];
  const { filterPlugins: _f, skippedFilters: _s, feasibleNodes: _n, failed: _x, scoreTable: _t, ...rest } = r;
  const preFilter = [
    ...r.skippedFilters.map((plugin) => ({ plugin, code: "Skip", reasons: [] })),
    ...r.preFilter,
  ];
  return { ...rest, preFilter, filters, scores };
}

const records = new WeakMap<Cluster, Map<string, RawRecord>>();

/** Stores the latest record of a pod. */
export function putRecord(cluster: Cluster, key: string, record: RawRecord): void {
  let m = records.get(cluster);
  if (!m) {
    m = new Map();
    records.set(cluster, m);
  }
  m.delete(key);
  m.set(key, record);
  // Keep memory bounded: the oldest records go first.
  if (m.size > 5000) {
    const first = m.keys().next().value;
    if (first !== undefined) m.delete(first);
  }
}

/** Drops a pod's record (the pod is gone). */
export function dropRecord(cluster: Cluster, key: string): void {
  records.get(cluster)?.delete(key);
}

/** What explainPod needs of a running scheduler to say why a pod is Pending: its profiles and node infos. */
export interface ExplainSource {
  readonly profiles: ReadonlyMap<string, Framework>;
  readonly cache: { list(): NodeInfo[] };
}

const sources = new WeakMap<Cluster, Set<ExplainSource>>();

/** A scheduler started: explainPod may ask it why its pods are Pending. */
export function registerExplainSource(cluster: Cluster, source: ExplainSource): void {
  let s = sources.get(cluster);
  if (!s) {
    s = new Set();
    sources.set(cluster, s);
  }
  s.add(source);
}

/** A scheduler stopped. */
export function unregisterExplainSource(cluster: Cluster, source: ExplainSource): void {
  sources.get(cluster)?.delete(source);
}

/** Why an unscheduled pod is Pending, asked of the scheduler serving its schedulerName now. */
function whyNow(
  cluster: Cluster,
  schedulerName: string,
  namespace: string,
  name: string,
): WhyPending | undefined {
  const pod = cluster.api.get("Pod", namespace, name) as Pod | undefined;
  if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return undefined;
  for (const src of sources.get(cluster) ?? []) {
    const fwk = src.profiles.get(schedulerName);
    if (!fwk) continue;
    const nsLabels = (ns: string) => cluster.api.get("Namespace", undefined, ns)?.metadata.labels;
    return whyPending(fwk, src.cache.list(), (k, ns, n) => cluster.api.get(k, ns, n), pod, nsLabels);
  }
  return undefined;
}

/**
 * The latest scheduling record of a pod, or undefined when it was never attempted. A pod still
 * Pending also gets `why`, worked out now by its scheduler's filters.
 */
export function explainPod(cluster: Cluster, namespace: string, name: string): SchedulingRecord | undefined {
  const r = records.get(cluster)?.get(`${namespace}/${name}`);
  if (!r) return undefined;
  const record = expand(r);
  if (record.result !== "Scheduled") {
    const why = whyNow(cluster, record.schedulerName, namespace, name);
    if (why) record.why = why;
  }
  return record;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] as number) + 3)))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}

/** A readable text rendering of a record: the outcome, the filter table, the scores, preemption. */
export function formatExplanation(r: SchedulingRecord): string {
  const out: string[] = [];
  out.push(`Pod ${r.pod} (scheduler ${r.schedulerName}, attempt ${r.attempt}, at ${r.time})`);
  out.push(r.result === "Scheduled" ? `Result: Scheduled on ${r.node}` : `Result: ${r.result}`);
  out.push(`Message: ${r.message}`);
  out.push(`Nodes: ${r.evaluatedNodes} of ${r.totalNodes} evaluated, ${r.feasibleCount} feasible`);
  if (r.preFilter.length) {
    out.push("", "PreFilter:");
    out.push(
      table([
        ["PLUGIN", "CODE", "REASON"],
        ...r.preFilter.map((p) => [p.plugin, p.code, p.reasons.join(", ")]),
      ]),
    );
  }
  if (r.filters.length) {
    out.push("", "Filter:");
    const plugins = r.filters[0]?.verdicts.map((v) => v.plugin) ?? [];
    const rows = [["NODE", ...plugins, "RESULT"]];
    for (const f of r.filters) {
      const failed = f.verdicts.find((v) => v.code !== "Success" && v.code !== "Skip" && v.code !== "NotRun");
      rows.push([
        f.node,
        ...f.verdicts.map((v) =>
          v.code === "Success" ? "ok" : v.code === "Skip" ? "skip" : v.code === "NotRun" ? "-" : "FAIL",
        ),
        f.feasible ? "feasible" : (failed?.reasons.join(", ") ?? "rejected"),
      ]);
    }
    out.push(table(rows));
  }
  if (r.scores.length) {
    out.push(
      "",
      r.scores.length < r.feasibleCount
        ? `Score (normalized x weight; the ${r.scores.length} best of ${r.feasibleCount} feasible nodes):`
        : "Score (normalized x weight):",
    );
    const plugins = r.scores[0]?.plugins.map((p) => p.plugin) ?? [];
    const rows = [["NODE", ...plugins, "TOTAL"]];
    for (const s of [...r.scores].sort((a, b) => b.total - a.total))
      rows.push([
        s.node,
        ...s.plugins.map((p) => `${p.normalized}x${p.weight}=${p.weighted}`),
        String(s.total),
      ]);
    out.push(table(rows));
  }
  if (r.preemption) {
    out.push("", "Preemption:");
    if (r.preemption.candidates.length === 0)
      out.push(`  no candidates${r.preemption.message ? `: ${r.preemption.message}` : ""}`);
    for (const c of r.preemption.candidates)
      out.push(
        `  ${c.node === r.preemption.chosen ? "*" : " "} ${c.node}: victims ${c.victims.join(", ") || "<none>"} (PDB violations ${c.numPDBViolations})`,
      );
  }
  return out.join("\n");
}
