/**
 * Ranking for the Ctrl+K search: how well a query matches an object's name, as a score and the
 * matched character ranges (for highlighting). Pure; no React, no store.
 *
 * Match classes, best first: the whole name; a prefix; the start of a word inside the name (after
 * `-`, `.`, `_` or `/`, so `7f9c` finds `web-7f9c-x2`); any substring; the query's characters in
 * order (a loose "fuzzy" match, `wb` → `web`). Within a class, an earlier and tighter match in a
 * shorter name wins. A query may start with a kubectl-style kind (`deploy/web`, `po/`, `no/node-1`)
 * or a namespace (`kube-system/`) to narrow the search.
 */

/** One searchable object. */
export interface SearchItem {
  kind: string;
  name: string;
  /** Empty for cluster-scoped objects (nodes). */
  namespace: string;
  /** The replica's key: "ns/name", or "name" for cluster-scoped objects. */
  key: string;
}

/** A character range [start, end) of the name that the query matched. */
export type Range = readonly [number, number];

/** A scored match. */
export interface SearchHit<T extends SearchItem = SearchItem> {
  item: T;
  score: number;
  ranges: Range[];
}

/** Scores of the match classes; the bonuses inside a class stay well below the gap between classes. */
export const SCORE = {
  exact: 5000,
  prefix: 4000,
  wordStart: 3000,
  substring: 2000,
  subsequence: 1000,
} as const;

/** kubectl's names and short names for the kinds the search covers (lower case). */
const KIND_ALIASES: Record<string, string> = {
  po: "Pod",
  pod: "Pod",
  pods: "Pod",
  no: "Node",
  node: "Node",
  nodes: "Node",
  deploy: "Deployment",
  deployment: "Deployment",
  deployments: "Deployment",
  ds: "DaemonSet",
  daemonset: "DaemonSet",
  daemonsets: "DaemonSet",
  rs: "ReplicaSet",
  replicaset: "ReplicaSet",
  replicasets: "ReplicaSet",
  sts: "StatefulSet",
  statefulset: "StatefulSet",
  statefulsets: "StatefulSet",
  job: "Job",
  jobs: "Job",
  cj: "CronJob",
  cronjob: "CronJob",
  cronjobs: "CronJob",
  svc: "Service",
  service: "Service",
  services: "Service",
};

/** Kinds in the order equal matches are listed: where things run first, then what runs them. */
const KIND_ORDER = [
  "Node",
  "Pod",
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "Service",
];

function isWordStart(name: string, i: number): boolean {
  return i === 0 || "-._/".includes(name[i - 1] ?? "");
}

/** Characters of q in order inside name, preferring word starts; undefined when they are not all there. */
function subsequence(q: string, name: string): { ranges: Range[]; gaps: number } | undefined {
  const ranges: Array<[number, number]> = [];
  let at = 0;
  let gaps = 0;
  for (const ch of q) {
    const found = name.indexOf(ch, at);
    if (found < 0) return undefined;
    if (found > at) gaps += found - at;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === found) last[1] = found + 1;
    else ranges.push([found, found + 1]);
    at = found + 1;
  }
  return { ranges, gaps };
}

/**
 * How well `query` (already lower-cased and trimmed) matches `name`: a score (higher is better) and
 * the matched ranges; undefined when it does not match at all. An empty query matches nothing.
 */
export function matchName(query: string, name: string): { score: number; ranges: Range[] } | undefined {
  if (!query) return undefined;
  const n = name.toLowerCase();
  // Shorter names rank above longer ones with the same match (web before web-canary).
  const lengthPenalty = Math.min(500, n.length - query.length);
  if (n === query) return { score: SCORE.exact, ranges: [[0, n.length]] };
  if (n.startsWith(query)) return { score: SCORE.prefix - lengthPenalty, ranges: [[0, query.length]] };
  let first = -1;
  for (let i = n.indexOf(query); i >= 0; i = n.indexOf(query, i + 1)) {
    if (first < 0) first = i;
    if (isWordStart(n, i))
      return {
        score: SCORE.wordStart - Math.min(400, i) - lengthPenalty / 2,
        ranges: [[i, i + query.length]],
      };
  }
  if (first >= 0)
    return {
      score: SCORE.substring - Math.min(400, first) - lengthPenalty / 2,
      ranges: [[first, first + query.length]],
    };
  const sub = subsequence(query, n);
  if (!sub) return undefined;
  return {
    score: SCORE.subsequence - Math.min(900, sub.gaps * 10 + sub.ranges.length * 20),
    ranges: sub.ranges,
  };
}

/** A query split into its kind or namespace scope and the part that matches names. */
export interface ParsedQuery {
  kind?: string;
  namespace?: string;
  text: string;
}

/** Reads `kind/text`, `namespace/text` or plain `text` (case-insensitive, trimmed). */
export function parseQuery(raw: string): ParsedQuery {
  const q = raw.trim().toLowerCase();
  const slash = q.indexOf("/");
  if (slash < 0) return { text: q };
  const scope = q.slice(0, slash);
  const text = q.slice(slash + 1);
  const kind = KIND_ALIASES[scope];
  return kind ? { kind, text } : { namespace: scope, text };
}

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** Orders hits: score, then kind, then name in natural order (node-2 before node-10). */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    kindRank(a.item.kind) - kindRank(b.item.kind) ||
    a.item.name.localeCompare(b.item.name, undefined, { numeric: true }) ||
    a.item.namespace.localeCompare(b.item.namespace)
  );
}

/**
 * The items matching `raw`, best first, at most `limit` of them, and how many matched in all.
 * A scope with no text (`deploy/`) lists that kind's or namespace's objects by name.
 */
export function rankItems<T extends SearchItem>(
  raw: string,
  items: readonly T[],
  limit = 50,
): { hits: SearchHit<T>[]; total: number } {
  const q = parseQuery(raw);
  const scoped = q.kind !== undefined || q.namespace !== undefined;
  if (!q.text && !scoped) return { hits: [], total: 0 };
  const hits: SearchHit<T>[] = [];
  for (const item of items) {
    if (q.kind !== undefined && item.kind !== q.kind) continue;
    if (q.namespace !== undefined && item.namespace.toLowerCase() !== q.namespace) continue;
    if (!q.text) {
      hits.push({ item, score: 0, ranges: [] });
      continue;
    }
    const m = matchName(q.text, item.name);
    if (m) hits.push({ item, score: m.score, ranges: m.ranges });
  }
  hits.sort(compareHits);
  return { hits: hits.slice(0, limit), total: hits.length };
}
