/**
 * InterPodAffinity's QueueingHints (interpodaffinity/plugin.go, v1.32): an assigned pod added that
 * matches all the pod's affinity terms, updated to match them or to stop matching an anti-affinity
 * term, or deleted while matching an anti-affinity term; a node added or relabelled in a topology
 * key of the pod's terms.
 */

import type { Node, Pod } from "../../../api/kinds";
import { matchesLabelSelector } from "../../../api/selectors";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { AffinityTerm, PodInfo } from "../../framework/types";

/** AffinityTerm.Matches without namespace labels (the hint's terms are not merged with them). */
function termMatchesPod(t: AffinityTerm, pod: Pod): boolean {
  const ns = pod.metadata.namespace ?? "default";
  if (
    t.namespaces.has(ns) ||
    (t.namespaceSelector !== undefined && matchesLabelSelector(t.namespaceSelector, undefined))
  )
    return matchesLabelSelector(t.selector, pod.metadata.labels ?? {});
  return false;
}

/** Whether the pod matches every term (false for no terms). */
function podMatchesAllAffinityTerms(terms: AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatchesPod(t, pod)) return false;
  return true;
}

function podMatchesAnyAffinityTerm(terms: AffinityTerm[], pod: Pod): boolean {
  for (const t of terms) if (termMatchesPod(t, pod)) return true;
  return false;
}

/** isSchedulableAfterPodChange. */
export function isSchedulableAfterPodChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Pod | undefined;
  const modified = newObj as Pod | undefined;
  if ((modified && !modified.spec?.nodeName) || (original && !original.spec?.nodeName))
    return QueueingHint.QueueSkip;
  const terms = pod.requiredAffinityTerms;
  const antiTerms = pod.requiredAntiAffinityTerms;
  if (modified && original) {
    if (!podMatchesAllAffinityTerms(terms, original) && podMatchesAllAffinityTerms(terms, modified))
      return QueueingHint.Queue;
    if (podMatchesAnyAffinityTerm(antiTerms, original) && !podMatchesAnyAffinityTerm(antiTerms, modified))
      return QueueingHint.Queue;
    return QueueingHint.QueueSkip;
  }
  if (modified)
    return podMatchesAllAffinityTerms(terms, modified) ? QueueingHint.Queue : QueueingHint.QueueSkip;
  return original && podMatchesAnyAffinityTerm(antiTerms, original)
    ? QueueingHint.Queue
    : QueueingHint.QueueSkip;
}

/** isSchedulableAfterNodeChange. */
export function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node;
  const ml = modified.metadata.labels ?? {};
  const ol = original?.metadata.labels ?? {};
  for (const t of pod.requiredAffinityTerms) {
    if (!original) return t.topologyKey in ml ? QueueingHint.Queue : QueueingHint.QueueSkip;
    const had = t.topologyKey in ol;
    const has = t.topologyKey in ml;
    if (!had && has) return QueueingHint.Queue;
    if (had && has && ol[t.topologyKey] !== ml[t.topologyKey]) return QueueingHint.Queue;
  }
  for (const t of pod.requiredAntiAffinityTerms) {
    if (!original) return QueueingHint.Queue;
    const had = t.topologyKey in ol;
    const has = t.topologyKey in ml;
    if (had && !has) return QueueingHint.Queue;
    if (had && has && ol[t.topologyKey] !== ml[t.topologyKey]) return QueueingHint.Queue;
  }
  return QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function interPodAffinityEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Pod", actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
      queueingHintFn: isSchedulableAfterPodChange,
    },
    {
      event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeLabel },
      queueingHintFn: isSchedulableAfterNodeChange,
    },
  ];
}
