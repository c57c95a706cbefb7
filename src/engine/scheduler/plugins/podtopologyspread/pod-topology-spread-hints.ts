/**
 * PodTopologySpread's QueueingHints (podtopologyspread/plugin.go, v1.32): an assigned pod in the
 * namespace added, deleted or relabelled so that it matches (or stops matching) a constraint's
 * selector; the pod's own tolerations updated with a NodeTaintsPolicy Honor constraint; a node
 * added, deleted or changed in the constraints' topology labels (or taints).
 */

import type { Node, Pod } from "../../../api/kinds";
import { labelsEqual, matchesLabelSelector } from "../../../api/selectors";
import { sameJSON } from "../../framework/events";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";
import type { Constraint } from "./pod-topology-spread";

/** The pod's DoNotSchedule constraints (its own, or the defaults with its owners' selector). */
export type ConstraintsOf = (pod: Pod) => Constraint[];

function involvedInTopologySpreading(incoming: Pod, podWithSpreading: PodInfo): boolean {
  return (
    incoming.metadata.uid === podWithSpreading.uid ||
    (Boolean(incoming.spec?.nodeName) && incoming.metadata.namespace === podWithSpreading.namespace)
  );
}

/** isSchedulableAfterPodChange. */
export function isSchedulableAfterPodChange(
  constraintsOf: ConstraintsOf,
  pod: PodInfo,
  oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const original = oldObj as Pod | undefined;
  const modified = newObj as Pod | undefined;
  if (
    (modified && !involvedInTopologySpreading(modified, pod)) ||
    (original && !involvedInTopologySpreading(original, pod))
  )
    return QueueingHint.QueueSkip;
  const constraints = constraintsOf(pod.pod);
  if (modified && original) {
    if (
      modified.metadata.uid === pod.uid &&
      !sameJSON(modified.spec?.tolerations, original.spec?.tolerations) &&
      constraints.some((c) => c.nodeTaintsPolicy === "Honor")
    )
      return QueueingHint.Queue;
    if (labelsEqual(modified.metadata.labels, original.metadata.labels)) return QueueingHint.QueueSkip;
    for (const c of constraints)
      if (
        matchesLabelSelector(c.selector, original.metadata.labels ?? {}) !==
        matchesLabelSelector(c.selector, modified.metadata.labels ?? {})
      )
        return QueueingHint.Queue;
    return QueueingHint.QueueSkip;
  }
  const podToCheck = (modified ?? original) as Pod;
  for (const c of constraints)
    if (matchesLabelSelector(c.selector, podToCheck.metadata.labels ?? {})) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

function nodeLabelsMatchSpreadConstraints(
  labels: Record<string, string>,
  constraints: Constraint[],
): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

function topologyKeyLabelsChanged(
  o: Record<string, string>,
  m: Record<string, string>,
  constraints: Constraint[],
): boolean {
  for (const c of constraints) if (o[c.topologyKey] !== m[c.topologyKey]) return true;
  return false;
}

/** isSchedulableAfterNodeChange. */
export function isSchedulableAfterNodeChange(
  constraintsOf: ConstraintsOf,
  pod: PodInfo,
  oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node | undefined;
  const constraints = constraintsOf(pod.pod);
  const ol = original?.metadata.labels ?? {};
  const ml = modified?.metadata.labels ?? {};
  const originalMatching = original ? nodeLabelsMatchSpreadConstraints(ol, constraints) : false;
  const modifiedMatching = modified ? nodeLabelsMatchSpreadConstraints(ml, constraints) : false;
  if (original && modified) {
    if (originalMatching !== modifiedMatching) return QueueingHint.Queue;
    if (
      modifiedMatching &&
      (topologyKeyLabelsChanged(ol, ml, constraints) ||
        !sameJSON(original.spec?.taints, modified.spec?.taints))
    )
      return QueueingHint.Queue;
    return QueueingHint.QueueSkip;
  }
  if (modified) return modifiedMatching ? QueueingHint.Queue : QueueingHint.QueueSkip;
  return originalMatching ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function podTopologySpreadEvents(constraintsOf: ConstraintsOf): ClusterEventWithHint[] {
  return [
    {
      event: {
        resource: "Pod",
        actionType:
          ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations | ActionType.Delete,
      },
      queueingHintFn: (pod, o, n) => isSchedulableAfterPodChange(constraintsOf, pod, o, n),
    },
    {
      event: {
        resource: "Node",
        actionType:
          ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
      },
      queueingHintFn: (pod, o, n) => isSchedulableAfterNodeChange(constraintsOf, pod, o, n),
    },
  ];
}
