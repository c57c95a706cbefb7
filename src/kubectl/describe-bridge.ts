/** The bridge from the describe command to the describers in src/kubectl/describe. */
import type { KubeObject } from "../engine/api/types";
import type { Cluster } from "../engine/cluster";
import { DESCRIBE_SEPARATOR, describe as describeKind } from "./describe";

export { DESCRIBE_SEPARATOR };

/** The `kubectl describe` text of one object. */
export function describeObject(cluster: Cluster, obj: KubeObject, showEvents: boolean): string {
  return describeKind(obj, { api: cluster.api, now: cluster.clock.now(), showEvents });
}
