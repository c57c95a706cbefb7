/**
 * A cluster's history: the scenario it started from (name and seed) and every command applied
 * since, each at the simulated instant it ran. Replaying it (replay.ts) rebuilds the cluster, so a
 * share link can carry the history (a few hundred bytes) instead of the whole cluster.
 */
import type { EditSession } from "../kubectl/interface";

/** One command of a history, at the simulated instant it ran (ms since the origin's start). */
export type HistoryEntry =
  /** A line typed at the terminal (its shell session: ssh, container). */
  | { at: number; op: "terminal"; line: string }
  /** A line a canvas action or the editor ran, in a shell of its own. */
  | { at: number; op: "action"; line: string }
  /** `kubectl apply -f -` of a YAML text (the editor, add-node, an imported manifest). */
  | { at: number; op: "apply"; yaml: string }
  /** What the editor saved for a `kubectl edit`. */
  | { at: number; op: "edited"; session: EditSession; text: string }
  /** Ctrl+C at the terminal. */
  | { at: number; op: "interrupt" };

/** Where a history starts: a built-in scenario booted with a seed. */
export interface HistoryOrigin {
  scenario: string;
  seed: number;
}

/** A cluster's origin and what was applied to it since. */
export interface History {
  origin: HistoryOrigin;
  entries: HistoryEntry[];
}

/** A fresh history for a cluster booted from a scenario. */
export function startHistory(scenario: string, seed: number): History {
  return { origin: { scenario, seed }, entries: [] };
}

/** Notes a command, at `now` (simulated ms) in a cluster whose origin started at `start`. */
export function record(
  history: History,
  entry: DistributiveOmit<HistoryEntry, "at">,
  now: number,
  start: number,
) {
  history.entries.push({ ...entry, at: now - start } as HistoryEntry);
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The compact form a link carries: `[origin scenario, seed, until, fingerprint, ...entries]`. */
type Packed = [string, number, number, string, ...unknown[]];

/** Op codes of the packed form, one letter each. */
const CODES = { terminal: "t", action: "a", apply: "y", edited: "e", interrupt: "i" } as const;
const OPS = Object.fromEntries(Object.entries(CODES).map(([op, code]) => [code, op])) as Record<
  string,
  HistoryEntry["op"]
>;

/** What a replay link carries: the history, the instant to replay up to, and the cluster's fingerprint. */
export interface ReplayLink {
  history: History;
  /** Simulated ms since the origin's start the cluster had reached. */
  until: number;
  /** fingerprint() of the cluster when shared: the replay must come out the same. */
  fingerprint: string;
}

/**
 * The JSON text of a replay link, compact: instants as ms since the previous entry, each entry an
 * array `[dt, code, ...args]`.
 */
export function packLink(link: ReplayLink): string {
  const { history, until, fingerprint } = link;
  const packed: Packed = [history.origin.scenario, history.origin.seed, until, fingerprint];
  let last = 0;
  for (const e of history.entries) {
    const dt = e.at - last;
    last = e.at;
    const code = CODES[e.op];
    if (e.op === "terminal" || e.op === "action") packed.push([dt, code, e.line]);
    else if (e.op === "apply") packed.push([dt, code, e.yaml]);
    else if (e.op === "edited") packed.push([dt, code, e.text, e.session]);
    else packed.push([dt, code]);
  }
  return JSON.stringify(packed);
}

/** The replay link a packed text holds; throws Error saying what is wrong with it. */
export function unpackLink(text: string): ReplayLink {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("the share link is damaged (its history is not JSON)");
  }
  const bad = (what: string) => new Error(`the share link is damaged (${what})`);
  if (!Array.isArray(data) || data.length < 4) throw bad("not a history");
  const [scenario, seed, until, fingerprint, ...rest] = data as unknown[];
  if (typeof scenario !== "string") throw bad("no scenario name");
  if (!Number.isSafeInteger(seed)) throw bad("the seed is not an integer");
  if (!Number.isSafeInteger(until) || (until as number) < 0) throw bad("the instant is not a count of ms");
  if (typeof fingerprint !== "string") throw bad("no fingerprint");
  const entries: HistoryEntry[] = [];
  let at = 0;
  for (const [i, raw] of rest.entries()) {
    if (!Array.isArray(raw) || !Number.isSafeInteger(raw[0]) || raw[0] < 0)
      throw bad(`command ${i + 1} is not [ms, op, ...]`);
    at += raw[0] as number;
    const op = OPS[raw[1] as string];
    const text = raw[2];
    if (op === "terminal" || op === "action") {
      if (typeof text !== "string") throw bad(`command ${i + 1} has no line`);
      entries.push({ at, op, line: text });
    } else if (op === "apply") {
      if (typeof text !== "string") throw bad(`command ${i + 1} has no YAML`);
      entries.push({ at, op, yaml: text });
    } else if (op === "edited") {
      if (typeof text !== "string" || typeof raw[3] !== "object" || raw[3] === null)
        throw bad(`command ${i + 1} has no edit session`);
      entries.push({ at, op, text, session: raw[3] as EditSession });
    } else if (op === "interrupt") entries.push({ at, op });
    else throw bad(`command ${i + 1} has an unknown op ${JSON.stringify(raw[1])}`);
  }
  if (at > (until as number)) throw bad("a command comes after the instant it was shared at");
  return {
    history: { origin: { scenario, seed: seed as number }, entries },
    until: until as number,
    fingerprint,
  };
}
