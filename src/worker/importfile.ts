/**
 * What an imported file is: a Kubeglass scenario file (it replaces the cluster), a real cluster's
 * `kubectl get ... -A -o yaml` List (it replaces the cluster too, see engine/import-cluster.ts),
 * or plain manifests, one or many YAML documents or a List (applied to the live cluster as
 * `kubectl apply -f` would).
 */
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../engine/api/types";
import { isClusterExport } from "../engine/import-cluster";
import { MAX_SCENARIO_TEXT, SnapshotError } from "../engine/snapshot";

/** The forms an imported file can take. */
export type ImportForm =
  | { form: "scenario" }
  | { form: "cluster"; list: KubeObject & { items: KubeObject[] } }
  | { form: "manifests" };

/** Which form a file's text has; SnapshotError says why it is none of them. */
export function classifyImport(text: string): ImportForm {
  if (text.length > MAX_SCENARIO_TEXT)
    throw new SnapshotError(`the file is larger than ${MAX_SCENARIO_TEXT / 1024 / 1024} MiB`);
  let values: unknown[];
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs)) return { form: "scenario" };
    // A document that does not parse: a scenario file says so in its own words, manifests in kubectl's.
    if (docs.some((d) => d.errors.length > 0))
      return /^kind:\s*Scenario\s*$/m.test(text) ? { form: "scenario" } : { form: "manifests" };
    values = docs.map((d) => d.toJS({ maxAliasCount: 100 })).filter((v) => v !== null && v !== undefined);
  } catch (e) {
    if (e instanceof RangeError)
      throw new SnapshotError("not a file Kubeglass can import: it nests too deeply");
    throw new SnapshotError(`not a file Kubeglass can import: ${(e as Error).message}`);
  }
  if (values.length === 0) throw new SnapshotError("the file is empty: no scenario, manifest or List in it");
  const first = values[0] as { kind?: unknown };
  if (values.length === 1 && first?.kind === "Scenario") return { form: "scenario" };
  if (values.length === 1 && isClusterExport(first)) return { form: "cluster", list: first };
  for (const [i, v] of values.entries()) {
    const o = v as { apiVersion?: unknown; kind?: unknown };
    if (typeof o !== "object" || typeof o.kind !== "string" || typeof o.apiVersion !== "string")
      throw new SnapshotError(
        `not a scenario file, manifests or a cluster's List: document ${i + 1} has no ${typeof o?.kind === "string" ? "apiVersion" : "kind"}`,
      );
    if (o.kind === "Scenario")
      throw new SnapshotError(
        `a scenario file holds one document; document ${i + 1} of ${values.length} is a Scenario`,
      );
  }
  return { form: "manifests" };
}
