/**
 * controller.RealPodControl: creating pods from a template for an owner and deleting them, with
 * the SuccessfulCreate / SuccessfulDelete / FailedCreate events upstream records.
 */
import { ApiError } from "../../api/errors";
import type { Pod } from "../../api/kinds";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { newControllerRef } from "./pods";

export const SuccessfulCreateReason = "SuccessfulCreate";
export const FailedCreateReason = "FailedCreate";
export const SuccessfulDeleteReason = "SuccessfulDelete";
export const FailedDeleteReason = "FailedDelete";

/** The pod GetPodFromTemplate builds: template labels/annotations/finalizers/spec, generateName, controller ref. */
// biome-ignore lint/suspicious/noExplicitAny: templates are open JSON
export function podFromTemplate(template: any, owner: KubeObject): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [newControllerRef(owner)],
    },
    spec: clone(template?.spec ?? { containers: [] }),
  };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

/** Creates a pod for owner and records the event; returns undefined (with a FailedCreate event) on refusal. */
export function createPod(cluster: Cluster, pod: Pod, owner: KubeObject, component: string): Pod | undefined {
  try {
    const created = cluster.api.create(pod, { fieldManager: component }) as Pod;
    cluster.events.record(owner, "Normal", SuccessfulCreateReason, `Created pod: ${created.metadata.name}`, {
      component,
    });
    return created;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    cluster.events.record(owner, "Warning", FailedCreateReason, `Error creating: ${e.message}`, {
      component,
    });
    return undefined;
  }
}

/** Deletes a pod of owner and records the event. */
export function deletePod(cluster: Cluster, pod: Pod, owner: KubeObject, component: string): boolean {
  try {
    cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
      fieldManager: component,
    });
    cluster.events.record(owner, "Normal", SuccessfulDeleteReason, `Deleted pod: ${pod.metadata.name}`, {
      component,
    });
    return true;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason !== "NotFound")
      cluster.events.record(owner, "Warning", FailedDeleteReason, `Error deleting: ${e.message}`, {
        component,
      });
    return false;
  }
}
