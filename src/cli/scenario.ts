/** Boots a cluster for the CLI from a scenario name or a scenario file. */
import fs from "node:fs";
import { bootScenario, homeNodeOf, SCENARIO_NAMES } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { describeSkipped, readScenarioFile, restoreSnapshot } from "../engine/snapshot";

export { SCENARIO_NAMES };

/**
 * A fresh cluster of the named scenario (or from a scenario file, validated object by object:
 * what is left out is reported through warn), and the node the shell starts on.
 */
export function bootCluster(
  name: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): { cluster: Cluster; home?: string } {
  let cluster = bootScenario(name);
  if (!cluster && fs.existsSync(name)) {
    const read = readScenarioFile(fs.readFileSync(name, "utf8"));
    for (const s of read.skipped) warn(`kubeglass: ${name}: left out ${describeSkipped(s)}`);
    cluster = restoreSnapshot(read.snapshot);
  }
  if (!cluster)
    throw new Error(`unknown scenario "${name}": use one of ${SCENARIO_NAMES.join(", ")} or a scenario file`);
  return { cluster, home: homeNodeOf(cluster) };
}
