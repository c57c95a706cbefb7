/**
 * The disruption controller (pkg/controller/disruption/disruption.go): keeps each
 * PodDisruptionBudget's status (currentHealthy, desiredHealthy, expectedPods,
 * disruptionsAllowed, the DisruptionAllowed condition).
 */
import type { Pod } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { type KubeObject, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { int32Field } from "../lib/fields";
import { controllerOf, getCondition, isPodReady, writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import {
  disruptionsAllowed,
  expectedPodCount,
  InsufficientPodsReason,
  SufficientPodsReason,
  SyncFailedReason,
} from "./predicates";

export const DisruptionController = "controllermanager";

/** Starts the disruption controller. */
export function installDisruptionController(cluster: Cluster): Controller {
  const c = new Controller("disruption-controller", cluster, (key) => syncPdb(cluster, key));
  const byNamespace = (ns: string | undefined) => {
    for (const pdb of cluster.api.list("PodDisruptionBudget", { namespace: ns }))
      c.enqueue(namespacedName(pdb));
  };
  cluster.api.watch("PodDisruptionBudget", (e) => c.enqueue(namespacedName(e.object)));
  cluster.api.watch("Pod", (e) => {
    for (const pdb of cluster.api.list("PodDisruptionBudget", { namespace: e.object.metadata.namespace }))
      if (
        matchesLabelSelector(pdb.spec?.selector, e.object.metadata.labels) ||
        (e.old && matchesLabelSelector(pdb.spec?.selector, e.old.metadata.labels))
      )
        c.enqueue(namespacedName(pdb));
  });
  for (const kind of ["ReplicaSet", "Deployment", "StatefulSet", "ReplicationController"])
    cluster.api.watch(kind, (e) => {
      if (e.type !== "ADDED") byNamespace(e.object.metadata.namespace);
    });
  cluster.addComponent(c);
  return c;
}

/** The scale of a pod's top controller (Deployment through its ReplicaSet), or an error. */
function controllerScale(cluster: Cluster, pod: Pod): { uid: string; replicas: number } | string {
  const ref = controllerOf(pod);
  const ns = pod.metadata.namespace;
  if (!ref) return `found no controller ref for pod "${pod.metadata.name}"`;
  if (ref.kind === "ReplicaSet") {
    const rs = cluster.api.get("ReplicaSet", ns, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return `found no controllers for pod "${pod.metadata.name}"`;
    const dref = controllerOf(rs);
    if (dref?.kind === "Deployment") {
      const d = cluster.api.get("Deployment", ns, dref.name);
      if (d && d.metadata.uid === dref.uid)
        return { uid: d.metadata.uid as string, replicas: int32Field(d.spec?.replicas, 1) };
    }
    return { uid: rs.metadata.uid as string, replicas: int32Field(rs.spec?.replicas, 1) };
  }
  if (ref.kind === "StatefulSet" || ref.kind === "ReplicationController") {
    const o = cluster.api.get(ref.kind, ns, ref.name);
    if (o && o.metadata.uid === ref.uid)
      return { uid: o.metadata.uid as string, replicas: int32Field(o.spec?.replicas, 1) };
  }
  return `found no controllers for pod "${pod.metadata.name}"`;
}

/** trySync. */
export function syncPdb(cluster: Cluster, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const pdb = cluster.api.get("PodDisruptionBudget", ns, name);
  if (!pdb) return;
  const pods = (cluster.api.list("Pod", { namespace: ns }) as Pod[]).filter((p) =>
    matchesLabelSelector(pdb.spec?.selector, p.metadata.labels),
  );
  const src = { component: DisruptionController };
  if (pods.length === 0) cluster.events.record(pdb, "Normal", "NoPods", "No matching pods found", src);
  let error: string | undefined;
  const budget = expectedPodCount(pdb.spec ?? {}, pods.length, () => {
    const scales = new Map<string, number>();
    for (const pod of pods) {
      const s = controllerScale(cluster, pod);
      if (typeof s === "string") {
        error = s;
        continue;
      }
      scales.set(s.uid, s.replicas);
    }
    return [...scales.values()].reduce((a, b) => a + b, 0);
  });
  const now = cluster.clock.timestamp();
  const status: Record<string, unknown> = { ...(pdb.status ?? {}) };
  if (error) {
    cluster.events.record(
      pdb,
      "Warning",
      "CalculateExpectedPodCountFailed",
      `Failed to calculate the number of expected pods: ${error}`,
      src,
    );
    Object.assign(status, { disruptionsAllowed: 0, observedGeneration: pdb.metadata.generation });
    setCondition(status, "False", SyncFailedReason, error, now, pdb);
    writeStatus(cluster, pdb, status, DisruptionController);
    return;
  }
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
  const allowed = disruptionsAllowed(currentHealthy, budget.desiredHealthy, budget.expectedPods);
  Object.assign(status, {
    currentHealthy,
    desiredHealthy: budget.desiredHealthy,
    disruptionsAllowed: allowed,
    expectedPods: budget.expectedPods,
    observedGeneration: pdb.metadata.generation,
  });
  setCondition(
    status,
    allowed > 0 ? "True" : "False",
    allowed > 0 ? SufficientPodsReason : InsufficientPodsReason,
    "",
    now,
    pdb,
  );
  writeStatus(cluster, pdb, status, DisruptionController);
}

/** meta.SetStatusCondition for DisruptionAllowed. */
function setCondition(
  status: Record<string, unknown>,
  value: string,
  reason: string,
  message: string,
  now: string,
  pdb: KubeObject,
): void {
  const conditions = [
    ...((status.conditions as { type: string; status: string; lastTransitionTime?: string }[]) ?? []),
  ];
  const current = getCondition(conditions, "DisruptionAllowed");
  const next = {
    type: "DisruptionAllowed",
    status: value,
    observedGeneration: pdb.metadata.generation,
    lastTransitionTime: current && current.status === value ? current.lastTransitionTime : now,
    reason,
    message,
  };
  status.conditions = [...conditions.filter((x) => x.type !== "DisruptionAllowed"), next];
}
