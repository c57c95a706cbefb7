/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates
 * the not-ready and unreachable NoExecute taints for 300 s unless it already tolerates them.
 */
import type { AdmissionPlugin } from "../../api/interface";
import type { Pod, Toleration } from "../../api/kinds";

export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable";
/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));
}

/** The DefaultTolerationSeconds admission plugin. */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: "DefaultTolerationSeconds",
  mutate(request) {
    const pod = request.object as Pod | undefined;
    if (pod?.kind !== "Pod" || request.subresource !== "" || request.operation === "DELETE") return;
    pod.spec = pod.spec ?? ({} as Pod["spec"]);
    const spec = pod.spec as NonNullable<Pod["spec"]>;
    const tolerations = spec.tolerations ?? [];
    const add: Toleration[] = [];
    for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE])
      if (!tolerates(tolerations, key))
        add.push({
          key,
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
        });
    if (add.length) spec.tolerations = [...tolerations, ...add];
  },
};
