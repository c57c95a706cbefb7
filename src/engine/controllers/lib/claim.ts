/**
 * controller.ControllerRefManager: an owner claims the objects its selector matches. Orphans that
 * match are adopted (a controller reference is added); owned objects that stop matching are
 * released (the reference is removed). Objects owned by another controller are left alone.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { ApiError } from "../../api/errors";
import { matchesLabelSelector } from "../../api/selectors";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerOf, newControllerRef } from "./pods";

/** Returns the candidates the owner controls after adopting and releasing. */
export function claimObjects<T extends KubeObject>(
  cluster: Cluster,
  owner: KubeObject,
  selector: LabelSelector | undefined,
  candidates: T[],
  fieldManager: string,
): T[] {
  const uid = owner.metadata.uid;
  const out: T[] = [];
  const ownerDeleting = Boolean(owner.metadata.deletionTimestamp);
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const matches = matchesLabelSelector(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) {
        out.push(obj);
        continue;
      }
      // Release: the object no longer matches.
      if (ownerDeleting) continue;
      const next = clone(obj);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      tryUpdate(cluster, next, fieldManager);
      continue;
    }
    if (!matches || ownerDeleting || obj.metadata.deletionTimestamp) continue;
    // Adopt an orphan.
    const next = clone(obj);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), newControllerRef(owner)];
    const stored = tryUpdate(cluster, next, fieldManager);
    if (stored) out.push(stored as T);
  }
  return out;
}

function tryUpdate(cluster: Cluster, obj: KubeObject, fieldManager: string): KubeObject | undefined {
  try {
    return cluster.api.update(obj, { fieldManager });
  } catch (e) {
    if (e instanceof ApiError) return undefined;
    throw e;
  }
}
