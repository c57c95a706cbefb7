/**
 * Making and opening share links. A link carries the cluster's history (its origin scenario and
 * seed, and the commands applied since, at their instants), replayed on open: a few hundred bytes
 * for a morning's work. When there is no history to replay (an imported cluster, a lab), when the
 * replay does not come out the same, or when the history is longer than the cluster, it carries a
 * compressed snapshot instead.
 */
import type { Cluster } from "../engine/index";
import { exportSnapshot, type ReadScenario, readScenarioFile, serializeSnapshot } from "../engine/snapshot";
import { type History, packLink, type ReplayLink, unpackLink } from "./commandlog";
import { fingerprint, replayHistory } from "./replay";
import { decodeScenario, encodeScenario } from "./sharelink";

/** The hash parameter of a link that carries a history to replay. */
export const REPLAY_PARAM = "r";
/** The hash parameter of a link that carries a snapshot. */
export const SNAPSHOT_PARAM = "s";

/** Why a link carries a snapshot rather than a history. */
export const NO_HISTORY =
  "the cluster did not start from a built-in scenario (imported, opened from a snapshot link, or a lab)";
export const REPLAY_DIFFERS = "replaying its history did not give the same cluster";
export const HISTORY_LONGER = "its history is longer than the cluster itself";
/** The longest simulated span a link replays (replaying takes ~0.5 s of work per simulated hour here). */
export const MAX_REPLAY_MS = 3 * 3600 * 1000;
export const HISTORY_TOO_LONG =
  "its history spans more than 3 simulated hours (opening it would replay them all)";

/** A share link's payload (`r=...` or `s=...`, the part after `#`) and what it carries. */
export interface ShareLink {
  payload: string;
  /** Commands the link replays; undefined for a snapshot link. */
  commands?: number;
  /** Why a snapshot link is one. */
  why?: string;
}

/** What the live cluster's history is measured from. */
export interface LiveHistory {
  history: History;
  /** Simulated ms its origin started at. */
  start: number;
}

/** The share link of a cluster: its history when that replays to the same cluster, else a snapshot. */
export function makeShareLink(cluster: Cluster, seed: number, live: LiveHistory | undefined): ShareLink {
  const snapshot = () =>
    `${SNAPSHOT_PARAM}=${encodeScenario(serializeSnapshot(exportSnapshot(cluster, seed)))}`;
  if (!live) return { payload: snapshot(), why: NO_HISTORY };
  const until = cluster.clock.now() - live.start;
  if (until > MAX_REPLAY_MS) return { payload: snapshot(), why: HISTORY_TOO_LONG };
  const link: ReplayLink = { history: live.history, until, fingerprint: fingerprint(cluster) };
  let replayed: string;
  try {
    replayed = fingerprint(replayHistory(link.history, link.until).cluster);
  } catch {
    return { payload: snapshot(), why: REPLAY_DIFFERS };
  }
  if (replayed !== link.fingerprint) return { payload: snapshot(), why: REPLAY_DIFFERS };
  const payload = `${REPLAY_PARAM}=${encodeScenario(packLink(link))}`;
  const fallback = snapshot();
  if (fallback.length < payload.length) return { payload: fallback, why: HISTORY_LONGER };
  return { payload, commands: link.history.entries.length };
}

/** What a share link opened to. */
export type OpenedLink =
  | { kind: "replay"; cluster: Cluster; start: number; history: History; seed: number; differs: boolean }
  | { kind: "snapshot"; read: ReadScenario };

/**
 * Decodes a link's payload (`r=...`, `s=...`, or a bare snapshot payload as older links had):
 * a history is replayed, a snapshot read and validated (restoring is the caller's). Throws Error
 * with a readable message for a damaged link.
 */
export function openShareLink(payload: string): OpenedLink {
  if (payload.startsWith(`${REPLAY_PARAM}=`)) {
    const link = unpackLink(decodeScenario(payload.slice(REPLAY_PARAM.length + 1)));
    const { cluster, start } = replayHistory(link.history, link.until);
    return {
      kind: "replay",
      cluster,
      start,
      history: link.history,
      seed: link.history.origin.seed,
      differs: fingerprint(cluster) !== link.fingerprint,
    };
  }
  const text = payload.startsWith(`${SNAPSHOT_PARAM}=`) ? payload.slice(SNAPSHOT_PARAM.length + 1) : payload;
  return { kind: "snapshot", read: readScenarioFile(decodeScenario(text)) };
}
