/**
 * `kubectl debug node/NAME --image=IMAGE [-it] [-- COMMAND...]` (staging/src/k8s.io/kubectl/pkg/
 * cmd/debug/debug.go generateNodeDebugPod, legacy profile): a pod `node-debugger-NODE-xxxxx` on
 * the node, in its host namespaces, with the node's root file system at /host. Debugging a pod
 * needs ephemeral containers or a copy of the pod, which this cluster does not simulate yet.
 */
import { ApiError } from "../../engine/api/errors";
import type { KubeObject } from "../../engine/api/types";
import { type Command, type Invocation, KubectlError } from "../command";
import { runAttached } from "./run";

function nodeDebugPod(inv: Invocation, node: string, image: string, command: string[]): KubeObject {
  const container: Record<string, unknown> = {
    name: "debugger",
    image,
    stdin: inv.flags.bool("stdin"),
    tty: inv.flags.bool("tty"),
    terminationMessagePolicy: "File",
    volumeMounts: [{ mountPath: "/host", name: "host-root" }],
  };
  if (command.length) container.command = command;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { generateName: `node-debugger-${node}-`, namespace: inv.namespace },
    spec: {
      containers: [container],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName: node,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
    },
  };
}

/** `kubectl debug`. */
export const debug: Command = {
  name: "debug",
  flags: [
    { name: "image", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "container", short: "c", type: "string" },
    { name: "target", type: "string" },
    { name: "copy-to", type: "string" },
    { name: "profile", type: "string" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "attach", type: "bool" },
    { name: "image-pull-policy", type: "string" },
  ],
  run(inv) {
    const [target, ...rest] = inv.flags.args;
    const command = [...rest, ...(inv.flags.dashArgs ?? [])];
    if (!target) throw new KubectlError("NAME is required for debug");
    const image = inv.flags.str("image");
    const [kind, name] = target.includes("/") ? (target.split("/", 2) as [string, string]) : ["pod", target];
    if (!["node", "nodes", "no"].includes(kind.toLowerCase())) {
      if (!inv.cluster.api.get("Pod", inv.namespace, name))
        throw new ApiError("NotFound", `pods "${name}" not found`);
      throw new KubectlError(
        "debugging a pod needs an ephemeral container (--target) or a copy of the pod (--copy-to), which Kubeglass does not simulate yet; debug its node with 'kubectl debug node/NODE -it --image=busybox', or use 'kubectl exec'",
      );
    }
    if (!image) throw new KubectlError("--image is required when debugging a node");
    const node = inv.cluster.api.get("Node", undefined, name);
    if (!node) throw new ApiError("NotFound", `nodes "${name}" not found`);
    const pod = nodeDebugPod(inv, name, image, command);
    const attach = inv.flags.bool("stdin") || inv.flags.bool("attach");
    if (!attach) {
      const created = inv.cluster.api.create(pod, { fieldManager: "kubectl-debug" });
      inv.err(`Creating debugging pod ${created.metadata.name} with container debugger on node ${name}.\n`);
      return;
    }
    runAttached(inv, pod, (created) =>
      inv.err(`Creating debugging pod ${created.metadata.name} with container debugger on node ${name}.\n`),
    );
  },
};
