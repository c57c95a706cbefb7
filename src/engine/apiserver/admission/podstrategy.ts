/**
 * The pod registry strategy's PrepareForCreate (pkg/registry/core/pod/strategy.go): a new pod
 * starts with status {phase: Pending, qosClass}. Runs after the mutating admission plugins, as
 * the strategy runs after them upstream, so LimitRanger's defaults count for the QoS class.
 */
import type { AdmissionPlugin } from "../../api/interface";
import { getPodQOS } from "../qos";

/** The pod strategy step. */
export const podStrategy: AdmissionPlugin = {
  name: "PodStrategy",
  mutate(request) {
    const pod = request.object;
    if (pod?.kind !== "Pod" || request.subresource !== "") return;
    if (request.operation === "CREATE") {
      pod.status = { phase: "Pending", qosClass: getPodQOS(pod.spec) };
    }
  },
};
