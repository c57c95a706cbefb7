/** Boots a cluster for the CLI from a scenario name or a scenario file. */
import fs from "node:fs";
import { bootScenario, homeNodeOf, SCENARIO_NAMES } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { parseSnapshot, restoreSnapshot } from "../engine/snapshot";

export { SCENARIO_NAMES };

/** A fresh cluster of the named scenario (or from a scenario file), and the node the shell starts on. */
export function bootCluster(name: string): { cluster: Cluster; home?: string } {
  const cluster =
    bootScenario(name) ??
    (fs.existsSync(name) ? restoreSnapshot(parseSnapshot(fs.readFileSync(name, "utf8"))) : undefined);
  if (!cluster)
    throw new Error(`unknown scenario "${name}": use one of ${SCENARIO_NAMES.join(", ")} or a scenario file`);
  return { cluster, home: homeNodeOf(cluster) };
}
