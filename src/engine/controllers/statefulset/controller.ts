/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods with
 * stable names `<set>-<ordinal>` and their claims; OrderedReady creates them one at a time in
 * ordinal order, each waiting for the one before to be Running and Ready, and scales down from
 * the highest ordinal; Parallel does both at once. RollingUpdate replaces pods from the highest
 * ordinal down to the partition, one at a time; OnDelete waits for the user to delete them.
 */
import { ApiError } from "../../api/errors";
import type { Pod } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { clone, type KubeObject, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { claimObjects } from "../lib/claim";
import { controllerOf, isPodAvailable, secondsUntilAvailable, writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import { StatefulSetController, statefulSetRevisions, truncateHistory } from "./history";
import {
  claimsFor,
  isRunningAndReady,
  newStatefulSetPod,
  ordinalOf,
  replicasOf,
  revisionOf,
  startOrdinal,
} from "./identity";

export { StatefulSetController } from "./history";

// biome-ignore lint/suspicious/noExplicitAny: StatefulSets are open JSON here
type Any = any;

/** Starts the controller. Keys: "ns/name". */
export function installStatefulSetController(cluster: Cluster): Controller {
  const c: Controller = new Controller(StatefulSetController, cluster, (key) =>
    syncStatefulSet(cluster, c, key),
  );
  cluster.api.watch("StatefulSet", (e) => c.enqueue(namespacedName(e.object)));
  cluster.api.watch("Pod", (e) => {
    const ref = controllerOf(e.object);
    if (ref?.kind === "StatefulSet") c.enqueue(`${e.object.metadata.namespace}/${ref.name}`);
    // An orphan: the sets that would adopt it (getPodStatefulSets).
    if (!ref && e.type !== "DELETED")
      for (const set of cluster.api.list("StatefulSet", { namespace: e.object.metadata.namespace }))
        if (
          ordinalOf(set, e.object) >= 0 &&
          matchesLabelSelector(set.spec?.selector, e.object.metadata.labels)
        )
          c.enqueue(namespacedName(set));
  });
  cluster.addComponent(c);
  return c;
}

function event(
  cluster: Cluster,
  set: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  cluster.events.record(set, type, reason, message, { component: StatefulSetController });
}

/** recordPodEvent / recordClaimEvent: `create Pod web-0 in StatefulSet web successful`. */
function recordResult(
  cluster: Cluster,
  set: KubeObject,
  verb: "create" | "delete",
  what: string,
  err?: ApiError,
): void {
  const title = verb === "create" ? "Create" : "Delete";
  if (!err)
    event(
      cluster,
      set,
      "Normal",
      `Successful${title}`,
      `${verb} ${what} in StatefulSet ${set.metadata.name} ${what.startsWith("Claim") ? "success" : "successful"}`,
    );
  else
    event(
      cluster,
      set,
      "Warning",
      `Failed${title}`,
      `${verb} ${what} in StatefulSet ${set.metadata.name} failed error: ${err.message}`,
    );
}

function templateOf(revision: KubeObject): Any {
  const t = clone(revision.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** syncStatefulSet: one pass of updateStatefulSet, then the status and the history. */
export function syncStatefulSet(cluster: Cluster, c: Controller, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const set = cluster.api.get("StatefulSet", ns, name);
  if (!set || set.metadata.deletionTimestamp) return;
  // getPodsForStatefulSet: claims the pods its selector matches whose names make them members
  // (isMemberOf), adopting orphans such as those a `delete --cascade=orphan` left.
  const owned = () =>
    claimObjects(
      cluster,
      set,
      set.spec?.selector,
      cluster.api.list("Pod", { namespace: ns }).filter((p) => ordinalOf(set, p) >= 0),
      StatefulSetController,
    );
  const { current, update } = statefulSetRevisions(cluster, set);
  updateStatefulSet(cluster, c, set, owned(), current, update);
  const pods = owned();
  const status = replicaStatus(cluster, set, pods, current, update);
  writeStatus(cluster, set, status, StatefulSetController);
  truncateHistory(cluster, set, pods, [status.currentRevision, status.updateRevision]);
}

function replicaStatus(
  cluster: Cluster,
  set: KubeObject,
  pods: KubeObject[],
  current: KubeObject,
  update: KubeObject,
) {
  const minReady = Number(set.spec?.minReadySeconds ?? 0);
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentReplicas = 0;
  let updated = 0;
  for (const p of pods) {
    if (ordinalOf(set, p) < 0) continue;
    replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      if (isPodAvailable(p as Pod, minReady, cluster.clock.now())) available++;
    }
    if (p.metadata.deletionTimestamp) continue;
    if (revisionOf(p) === current.metadata.name) currentReplicas++;
    if (revisionOf(p) === update.metadata.name) updated++;
  }
  const status: Any = {
    ...(set.status ?? {}),
    observedGeneration: set.metadata.generation,
    replicas,
    readyReplicas: ready,
    currentReplicas,
    updatedReplicas: updated,
    availableReplicas: available,
    currentRevision: current.metadata.name,
    updateRevision: update.metadata.name,
    collisionCount: set.status?.collisionCount ?? 0,
  };
  // completeRollingUpdate: every pod is updated and ready, so the update revision is current.
  if (
    set.spec?.updateStrategy?.type === "RollingUpdate" &&
    updated === replicas &&
    ready === replicas &&
    replicas === replicasOf(set)
  ) {
    status.currentReplicas = updated;
    status.currentRevision = update.metadata.name;
  }
  // The API omits zero counts (omitempty).
  for (const k of ["readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"])
    if (status[k] === 0 && k !== "availableReplicas") delete status[k];
  return status;
}

function createClaims(cluster: Cluster, set: KubeObject, pod: Pod, ordinal: number): boolean {
  for (const claim of claimsFor(set, ordinal)) {
    const existing = cluster.api.get(
      "PersistentVolumeClaim",
      claim.metadata.namespace,
      claim.metadata.name as string,
    );
    if (existing) {
      if (existing.metadata.deletionTimestamp) return false;
      continue;
    }
    try {
      cluster.api.create(claim, { fieldManager: StatefulSetController });
      recordResult(cluster, set, "create", `Claim ${claim.metadata.name} Pod ${pod.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      recordResult(cluster, set, "create", `Claim ${claim.metadata.name} Pod ${pod.metadata.name}`, e);
      return false;
    }
  }
  return true;
}

function createPod(cluster: Cluster, set: KubeObject, pod: Pod, ordinal: number): void {
  if (!createClaims(cluster, set, pod, ordinal)) return;
  try {
    cluster.api.create(pod, { fieldManager: StatefulSetController });
    recordResult(cluster, set, "create", `Pod ${pod.metadata.name}`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    recordResult(cluster, set, "create", `Pod ${pod.metadata.name}`, e);
  }
}

function deletePod(cluster: Cluster, set: KubeObject, pod: KubeObject): void {
  try {
    cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
      fieldManager: StatefulSetController,
    });
    recordResult(cluster, set, "delete", `Pod ${pod.metadata.name}`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason !== "NotFound") recordResult(cluster, set, "delete", `Pod ${pod.metadata.name}`, e);
  }
}

/** updateStatefulSet: creates, recreates, scales down and rolls, as far as the policy allows now. */
function updateStatefulSet(
  cluster: Cluster,
  c: Controller,
  set: KubeObject,
  pods: KubeObject[],
  current: KubeObject,
  update: KubeObject,
): void {
  const count = replicasOf(set);
  const start = startOrdinal(set);
  const monotonic = set.spec?.podManagementPolicy !== "Parallel";
  const minReady = Number(set.spec?.minReadySeconds ?? 0);
  const partition = Number(set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0);
  const rolling = set.spec?.updateStrategy?.type !== "OnDelete";
  const replicas: (KubeObject | undefined)[] = new Array(count);
  const condemned: KubeObject[] = [];
  for (const p of pods) {
    const ord = ordinalOf(set, p);
    if (ord < 0) continue;
    if (ord >= start && ord < start + count) replicas[ord - start] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const revisionFor = (ord: number) => (rolling && ord < start + partition ? current : update);

  let unhealthy: KubeObject | undefined;
  for (const [i, pod] of replicas.entries()) {
    const ord = start + i;
    if (!pod) {
      const rev = revisionFor(ord);
      createPod(cluster, set, newStatefulSetPod(set, templateOf(rev), ord, rev.metadata.name as string), ord);
      if (monotonic) return;
      continue;
    }
    const phase = pod.status?.phase;
    if ((phase === "Failed" || phase === "Succeeded") && !pod.metadata.deletionTimestamp) {
      event(
        cluster,
        set,
        "Warning",
        phase === "Failed" ? "RecreatingFailedPod" : "RecreatingTerminatedPod",
        `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${phase === "Failed" ? "failed" : "terminated"} Pod ${pod.metadata.name}`,
      );
      deletePod(cluster, set, pod);
      if (monotonic) return;
      continue;
    }
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return;
      continue;
    }
    if (!isRunningAndReady(pod)) {
      unhealthy = unhealthy ?? pod;
      if (monotonic) return;
      continue;
    }
    if (minReady > 0 && !isPodAvailable(pod as Pod, minReady, cluster.clock.now())) {
      const wait = secondsUntilAvailable(pod as Pod, minReady, cluster.clock.now());
      if (wait !== undefined) c.enqueueAfter(`${set.metadata.namespace}/${set.metadata.name}`, wait);
      if (monotonic) return;
    }
  }

  // Scale down from the highest ordinal; OrderedReady one pod at a time, all healthy first.
  for (const pod of condemned) {
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return;
      continue;
    }
    if (monotonic && !isRunningAndReady(pod) && unhealthy && unhealthy !== pod) return;
    deletePod(cluster, set, pod);
    if (monotonic) return;
  }

  if (!rolling) return;
  // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
  for (let i = replicas.length - 1; i >= partition; i--) {
    const pod = replicas[i];
    if (!pod) continue;
    if (revisionOf(pod) !== update.metadata.name && !pod.metadata.deletionTimestamp) {
      deletePod(cluster, set, pod);
      return;
    }
    if (!isRunningAndReady(pod)) return;
  }
}
