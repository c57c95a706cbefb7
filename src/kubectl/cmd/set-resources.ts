/**
 * `kubectl set resources` (cmd/set/set_resources.go): sets container requests and limits in the
 * pod templates of workloads. Containers are chosen by -c (a glob, "*" by default); an object
 * nothing changes in prints nothing, as the real command skips an empty patch.
 */
import { ApiError } from "../../engine/api/errors";
import type { ResourceInfo } from "../../engine/api/resources";
import { clone, type KubeObject } from "../../engine/api/types";
import { ERR_FORMAT_WRONG, isQuantity } from "../../engine/apiserver/quantity";
import { objectName } from "../builder";
import { dryRunMode, type Invocation, KubectlError } from "../command";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual } from "../strategicmerge";

/** The flags `set resources` adds to `kubectl set`. */
export const SET_RESOURCES_FLAGS = [
  { name: "containers", short: "c", type: "string" as const },
  { name: "limits", type: "string" as const },
  { name: "requests", type: "string" as const },
];

/** Validate's message when neither --limits nor --requests is given. */
export const ErrNoUpdate =
  "you must specify an update to requests or limits (in the form of --requests/--limits)";

type ResourceList = Record<string, string>;
type Container = { name: string; resources?: { limits?: ResourceList; requests?: ResourceList } };

/** generateversioned.populateResourceListV1: `cpu=100m,memory=256Mi` as a ResourceList. */
export function parseResourceList(spec: string): ResourceList | undefined {
  if (spec === "") return undefined;
  const out: ResourceList = {};
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2)
      throw new KubectlError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const [name, value] = parts as [string, string];
    if (!isQuantity(value)) throw new KubectlError(ERR_FORMAT_WRONG);
    out[name] = value;
  }
  return out;
}

/** path.Match for container names: `*` and `?` wildcards. */
function globMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]")}$`,
  );
  return re.test(name);
}

/** The pod spec inside a workload (polymorphichelpers.UpdatePodSpecForObject's kinds). */
function podSpecOf(obj: KubeObject): { containers?: Container[]; initContainers?: Container[] } | undefined {
  switch (obj.kind) {
    case "Pod":
      return obj.spec;
    case "CronJob":
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    case "Deployment":
    case "DaemonSet":
    case "ReplicaSet":
    case "StatefulSet":
    case "ReplicationController":
    case "Job":
      return obj.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Runs `kubectl set resources` on the objects the arguments named. */
export function setResources(inv: Invocation, found: { res: ResourceInfo; obj: KubeObject }[]): void {
  const limitsText = inv.flags.str("limits");
  const requestsText = inv.flags.str("requests");
  if (!limitsText && !requestsText) throw new KubectlError(ErrNoUpdate);
  const limits = parseResourceList(limitsText);
  const requests = parseResourceList(requestsText);
  const selector = inv.flags.str("containers", "*") || "*";
  const mode = dryRunMode(inv);
  const output = inv.flags.str("output");
  const errors: string[] = [];
  for (const { res, obj } of found) {
    const next = clone(obj);
    const spec = podSpecOf(next);
    const name = objectName(res, obj.metadata.name ?? "");
    if (!spec) {
      errors.push(`error: ${name} ${res.kind} is not a workload`);
      continue;
    }
    const chosen = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) =>
      globMatches(selector, c.name),
    );
    if (chosen.length === 0) errors.push(`error: unable to find container named ${selector}`);
    for (const c of chosen) {
      c.resources = c.resources ?? {};
      if (limits) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
      if (requests) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
    }
    if (deepEqual(next, obj)) continue;
    let result: KubeObject = next;
    if (mode !== "client")
      try {
        result = inv.cluster.api.update(next, { dryRun: mode === "server" });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(`failed to patch resources update to pod template ${e.message}`);
        continue;
      }
    if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
    else
      inv.out(
        `${name} resource requirements updated${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
      );
  }
  if (errors.length === 0) return;
  const text = errors.length === 1 ? (errors[0] as string) : `[${errors.join(", ")}]`;
  inv.err(`${text.startsWith("error: ") ? text : `error: ${text}`}\n`);
  inv.exit = 1;
}
