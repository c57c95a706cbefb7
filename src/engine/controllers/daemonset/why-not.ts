/**
 * Whether a DaemonSet should run a pod on a node and, when not, why in words: the
 * nodeShouldRunDaemonPod predicate, with the label or taint behind its answer (the same sentences
 * Why Pending uses).
 */
import type { DaemonSet, Node } from "../../api/kinds";
import { nodeAffinityObstacles, taintObstacles } from "../../scheduler/why/obstacles";
import { daemonPodForChecks, nodeShouldRunDaemonPod } from "./predicates";

/** A DaemonSet's answer for one node. */
export interface DaemonSetVerdict {
  /** "namespace/name". */
  daemonSet: string;
  shouldRun: boolean;
  /** An existing daemon pod may stay (it tolerates every NoExecute taint). */
  shouldContinueRunning: boolean;
  /** Why not, when shouldRun is false. */
  reasons: string[];
}

/**
 * nodeShouldRunDaemonPod with its reasons: the template's nodeName, nodeSelector and required node
 * affinity against the node's labels, and the node's NoSchedule/NoExecute taints against the
 * template's tolerations plus the default daemon tolerations.
 *
 * @example daemonSetVerdict(node01, fluentd) // { shouldRun: false, reasons: ["missing label disktype=ssd"], ... }
 */
export function daemonSetVerdict(node: Node, ds: DaemonSet): DaemonSetVerdict {
  const pod = daemonPodForChecks(ds);
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds, pod);
  const daemonSet = `${ds.metadata.namespace ?? "default"}/${ds.metadata.name}`;
  if (shouldRun) return { daemonSet, shouldRun, shouldContinueRunning, reasons: [] };
  const reasons: string[] = [];
  const nodeName = pod.spec?.nodeName;
  if (nodeName && nodeName !== node.metadata.name) reasons.push(`template asks for node ${nodeName}`);
  reasons.push(...nodeAffinityObstacles({ pod }, node).map((o) => o.text));
  reasons.push(...taintObstacles({ pod }, node).map((o) => o.text));
  return { daemonSet, shouldRun, shouldContinueRunning, reasons };
}
