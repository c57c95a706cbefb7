/**
 * Boots a cluster from a named scenario. A scenario's cluster is built ten simulated minutes
 * before the requested start and then run up to it, so that at the start everything is Running
 * with the ages a lab cluster shows.
 */

import type { Cluster } from "./cluster";
import { DEFAULT_START } from "./cluster";
import { createCluster } from "./index";
import { SCENARIOS } from "./scenarios/cka";

/** Names of the built-in scenarios. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** How long a scenario runs before it is handed over. */
export const WARM_UP_SECONDS = 600;

/** A fresh cluster holding the named scenario, at simulated time `start`; undefined for an unknown name. */
export function bootScenario(
  name: string,
  options: { seed?: number; start?: string } = {},
): Cluster | undefined {
  const load = SCENARIOS[name];
  if (!load) return undefined;
  const start = Date.parse(options.start ?? DEFAULT_START);
  if (name === "empty")
    return createCluster({ seed: options.seed ?? 1, start: options.start ?? DEFAULT_START });
  const cluster = createCluster({
    seed: options.seed ?? 1,
    start: new Date(start - WARM_UP_SECONDS * 1000).toISOString(),
  });
  load(cluster);
  cluster.advance(WARM_UP_SECONDS);
  return cluster;
}

/** The node a scenario's shell starts on (the lab terminal's controlplane), if any. */
export function homeNodeOf(cluster: Cluster): string | undefined {
  for (const node of cluster.api.list("Node"))
    if (node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined)
      return node.metadata.name;
  return undefined;
}
