/**
 * Priority (plugin/pkg/admission/priority): resolves a pod's priorityClassName (or the global
 * default class) to spec.priority and spec.preemptionPolicy, and keeps one global default.
 */
import type { AdmissionPlugin, ApiReader } from "../../api/interface";
import type { KubeObject } from "../../api/types";
import { admissionForbidden } from "./forbidden";

/** The classes every cluster has (created by the API server at start). */
export const SYSTEM_PRIORITY_CLASSES = [
  {
    name: "system-node-critical",
    value: 2000001000,
    description: "Used for system critical pods that must not be moved from their current node.",
  },
  {
    name: "system-cluster-critical",
    value: 2000000000,
    description:
      "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  },
];

/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY = 0;

function globalDefault(api: ApiReader): KubeObject | undefined {
  // Upstream picks the default with the lowest value when several exist.
  const defaults = api.list("PriorityClass").filter((pc) => pc.globalDefault === true);
  defaults.sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  return defaults[0];
}

/** The Priority admission plugin. */
export const priorityAdmission: AdmissionPlugin = {
  name: "Priority",
  mutate(request) {
    const obj = request.object;
    if (!obj || request.subresource !== "" || obj.kind !== "Pod" || request.operation !== "CREATE") return;
    const spec = obj.spec;
    let name = "";
    let priority = DEFAULT_PRIORITY;
    let policy = "PreemptLowerPriority";
    if (!spec.priorityClassName) {
      const def = globalDefault(request.api);
      if (def) {
        name = def.metadata.name as string;
        priority = def.value;
        policy = def.preemptionPolicy ?? "PreemptLowerPriority";
      }
    } else {
      name = spec.priorityClassName;
      const pc = request.api.get("PriorityClass", undefined, name);
      if (!pc) throw admissionForbidden(request, `no PriorityClass with name ${name} was found`);
      priority = pc.value;
      policy = pc.preemptionPolicy ?? "PreemptLowerPriority";
    }
    if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority)
      throw admissionForbidden(
        request,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      );
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy)
      throw admissionForbidden(
        request,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    spec.priority = priority;
    spec.preemptionPolicy = policy;
    if (name) spec.priorityClassName = name;
  },
  validate(request) {
    const obj = request.object;
    if (!obj || request.subresource !== "" || obj.kind !== "PriorityClass") return;
    if (request.operation === "DELETE" || obj.globalDefault !== true) return;
    for (const pc of request.api.list("PriorityClass"))
      if (pc.globalDefault === true && pc.metadata.name !== obj.metadata.name)
        throw admissionForbidden(
          request,
          `PriorityClass ${pc.metadata.name} is already marked as default. Only one default can exist`,
        );
  },
};
