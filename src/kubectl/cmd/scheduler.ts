/**
 * `kubectl scheduler explain pod/NAME`: Kubeglass's own verb (not upstream kubectl) printing the
 * scheduler's record of a pod's latest attempt, node by node and plugin by plugin.
 */
import { notFound } from "../../engine/api/errors";
import { explainPod, formatExplanation } from "../../engine/scheduler/explain";
import { type Command, KubectlError } from "../command";

export const scheduler: Command = {
  name: "scheduler",
  flags: [],
  run(inv) {
    const [sub, target] = inv.flags.args;
    if (sub !== "explain" || !target)
      throw new KubectlError("usage: kubectl scheduler explain pod/NAME [-n NAMESPACE]");
    const name = target.replace(/^(pods?|po)\//, "");
    const pod = inv.cluster.api.get("Pod", inv.namespace, name);
    if (!pod) throw notFound("pods", name);
    const record = explainPod(inv.cluster, inv.namespace, name);
    if (!record) {
      inv.out(
        `Pod ${inv.namespace}/${name} has no scheduling record${pod.spec?.nodeName ? ` (bound to ${pod.spec.nodeName} without the scheduler)` : " yet"}.\n`,
      );
      return;
    }
    const text = formatExplanation(record);
    inv.out(text.endsWith("\n") ? text : `${text}\n`);
  },
};
