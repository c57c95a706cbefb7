/** Boots a cluster for the CLI from a scenario name or a scenario file. */
import fs from "node:fs";
import { parse } from "yaml";
import { bootScenario, homeNodeOf, SCENARIO_NAMES } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { fromClusterExport, isClusterExport } from "../engine/import-cluster";
import {
  describeSkipped,
  fromDocument,
  MAX_SCENARIO_TEXT,
  type ReadScenario,
  readScenarioFile,
  restoreSnapshot,
} from "../engine/snapshot";

export { SCENARIO_NAMES };

/**
 * A fresh cluster of the named scenario (or from a scenario file, or a real cluster's `kubectl get
 * -A -o yaml` List, validated object by object: what is left out is reported through warn), and
 * the node the shell starts on.
 */
export function bootCluster(
  name: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): { cluster: Cluster; home?: string } {
  let cluster = bootScenario(name);
  if (!cluster && fs.existsSync(name)) {
    const text = fs.readFileSync(name, "utf8");
    const list = clusterList(text);
    let read: ReadScenario;
    if (list) {
      // A real cluster's `kubectl get ... -A -o yaml`.
      const imported = fromClusterExport(list);
      for (const w of imported.warnings) warn(`kubeglass: ${name}: ${w}`);
      read = fromDocument(imported.snapshot);
    } else read = readScenarioFile(text);
    for (const s of read.skipped) warn(`kubeglass: ${name}: left out ${describeSkipped(s)}`);
    cluster = restoreSnapshot(read.snapshot);
  }
  if (!cluster)
    throw new Error(`unknown scenario "${name}": use one of ${SCENARIO_NAMES.join(", ")} or a scenario file`);
  return { cluster, home: homeNodeOf(cluster) };
}

/** The List a file holds when it is a real cluster's export (objects with uids), else undefined. */
function clusterList(text: string) {
  if (text.length > MAX_SCENARIO_TEXT || !/^kind:\s*List\s*$/m.test(text)) return undefined;
  try {
    const doc: unknown = parse(text, { maxAliasCount: 100 });
    return isClusterExport(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}
