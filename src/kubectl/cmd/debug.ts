/**
 * `kubectl debug` (staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go): debug a pod with an
 * ephemeral container (`kubectl debug POD -it --image=busybox [--target=C]`), with a copy of the
 * pod (`--copy-to=NEW`), or a node with a pod in its host namespaces (`node/NAME`), then attach
 * as `kubectl attach -it` does. Validate's checks and texts come first, in debug.go's order.
 */
import { ApiError } from "../../engine/api/errors";
import type { KubeObject } from "../../engine/api/types";
import { type Command, type Invocation, KubectlError } from "../command";
import { attachToContainer } from "./attach";
import {
  computeDebugContainerName,
  generateDebugContainer,
  generatePodCopyWithDebugContainer,
  type PodDebugOptions,
} from "./debug-pod";
import {
  applyProfile,
  DEFAULT_PROFILE,
  type KeepFlags,
  LegacyProfileWarning,
  PROFILES,
  type Profile,
} from "./debug-profiles";
import { runAttached } from "./run";

/** The pull policies --image-pull-policy accepts. */
const PULL_POLICIES = ["Always", "IfNotPresent", "Never", ""];

/** `--set-image a=x,b=y` and `--env K=V` (pflag StringToString, repeatable). */
function stringToString(inv: Invocation, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of inv.flags.list(flag))
    for (const pair of value.split(",")) {
      const eq = pair.indexOf("=");
      if (eq < 0)
        throw new KubectlError(
          `invalid argument "${value}" for "--${flag}" flag: ${pair} must be formatted as key=value`,
        );
      out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  return out;
}

/** The pod `kubectl debug node/NAME` creates before its profile is applied (generateNodeDebugPod). */
function nodeDebugPod(inv: Invocation, node: string, o: PodDebugOptions): KubeObject {
  const container: Record<string, unknown> = { name: o.container || "debugger" };
  if (o.env.length) container.env = o.env;
  container.image = o.image;
  if (o.pullPolicy) container.imagePullPolicy = o.pullPolicy;
  container.stdin = o.interactive;
  container.terminationMessagePolicy = "File";
  container.tty = o.tty;
  if (o.args.length) container[o.argsOnly ? "args" : "command"] = o.args;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { generateName: `node-debugger-${node}-`, namespace: inv.namespace },
    spec: {
      containers: [container],
      nodeName: node,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
    },
  };
}

/** Complete + Validate: the options, or the error debug.go returns (its messages, its order). */
function options(inv: Invocation, targets: string[], args: string[]): PodDebugOptions {
  const f = inv.flags;
  const profile = f.str("profile", DEFAULT_PROFILE);
  if (!(PROFILES as readonly string[]).includes(profile))
    throw new KubectlError(`unknown profile: ${profile}`);
  if (f.str("custom")) throw new KubectlError("--custom profiles are not supported by Kubeglass");
  const keep: KeepFlags = {
    labels: f.bool("keep-labels"),
    annotations: f.bool("keep-annotations"),
    liveness: f.bool("keep-liveness"),
    readiness: f.bool("keep-readiness"),
    startup: f.bool("keep-startup"),
    initContainers: f.bool("keep-init-containers", true),
  };
  const o: PodDebugOptions = {
    image: f.str("image"),
    container: f.str("container"),
    target: f.str("target"),
    args,
    argsOnly: f.bool("arguments-only"),
    interactive: f.bool("stdin"),
    tty: f.bool("tty"),
    pullPolicy: f.str("image-pull-policy"),
    env: Object.entries(stringToString(inv, "env")).map(([name, value]) => ({ name, value })),
    profile: profile as Profile,
    keep,
    copyTo: f.str("copy-to"),
    setImages: stringToString(inv, "set-image"),
    shareProcesses: f.has("share-processes") ? f.bool("share-processes") : undefined,
    sameNode: f.bool("same-node"),
  };
  const attach = f.has("attach") ? f.bool("attach") : o.interactive;
  if (attach && f.has("attach") && !o.image && !o.container)
    throw new KubectlError(
      "you must specify --container or create a new container using --image in order to attach.",
    );
  if (o.copyTo) {
    if (!o.image && Object.keys(o.setImages).length === 0 && args.length === 0)
      throw new KubectlError("you must specify --image, --set-image or command arguments.");
    if (args.length > 0 && !o.container && !o.image)
      throw new KubectlError("you must specify an existing container or a new image when specifying args.");
  } else if (f.bool("replace")) throw new KubectlError("--replace may only be used with --copy-to.");
  else if (o.sameNode) throw new KubectlError("--same-node may only be used with --copy-to.");
  else if (Object.keys(o.setImages).length > 0)
    throw new KubectlError("--set-image may only be used with --copy-to.");
  else if (!o.image) throw new KubectlError("you must specify --image when not using --copy-to.");
  if (targets.length === 0 && f.list("filename").length === 0)
    throw new KubectlError("NAME or filename is required for debug");
  if (!PULL_POLICIES.includes(o.pullPolicy))
    throw new KubectlError(`invalid image pull policy: ${o.pullPolicy}`);
  if (o.target) {
    if (o.copyTo)
      throw new KubectlError("--target is incompatible with --copy-to. Use --share-processes instead.");
    if (!f.bool("quiet"))
      inv.out(
        `Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`,
      );
  }
  if (o.tty && !o.interactive)
    throw new KubectlError("-i/--stdin is required for containers with -t/--tty=true");
  if (o.profile === "legacy") inv.err(`${LegacyProfileWarning}\n`);
  return o;
}

/** A name suffix as utilrand.String(5) makes it, from the cluster's seeded randomness. */
function nameSuffix(inv: Invocation): () => string {
  return () => inv.cluster.rng.nameSuffix(5);
}

/** debugByEphemeralContainer: adds the debug container through pods/ephemeralcontainers. */
function debugByEphemeralContainer(inv: Invocation, pod: KubeObject, o: PodDebugOptions): string {
  const { name, defaulted } = computeDebugContainerName(pod, o.container, nameSuffix(inv));
  if (defaulted && !inv.flags.bool("quiet")) inv.out(`Defaulting debug container name to ${name}.\n`);
  const next = generateDebugContainer(pod, o, name);
  delete next.metadata.resourceVersion;
  inv.cluster.api.updateEphemeralContainers(next, { fieldManager: "kubectl-debug" });
  return name;
}

/** debugByCopy: creates the copy (deleting the original with --replace). */
function debugByCopy(
  inv: Invocation,
  pod: KubeObject,
  o: PodDebugOptions,
): { pod: KubeObject; container: string } {
  const made = generatePodCopyWithDebugContainer(pod, o, (copied) => {
    const { name, defaulted } = computeDebugContainerName(copied, "", nameSuffix(inv));
    if (defaulted && !inv.flags.bool("quiet")) inv.out(`Defaulting debug container name to ${name}.\n`);
    return name;
  });
  if ("error" in made) throw new KubectlError(made.error);
  const created = inv.cluster.api.create(made.pod, { fieldManager: "kubectl-debug" });
  if (inv.flags.bool("replace"))
    inv.cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
      gracePeriodSeconds: 0,
    });
  return { pod: created, container: made.container };
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
    { name: "replace", type: "bool" },
    { name: "same-node", type: "bool" },
    { name: "share-processes", type: "bool" },
    { name: "set-image", type: "stringArray" },
    { name: "env", type: "stringArray" },
    { name: "profile", type: "string" },
    { name: "custom", type: "string" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "attach", type: "bool" },
    { name: "arguments-only", type: "bool" },
    { name: "image-pull-policy", type: "string" },
    { name: "keep-labels", type: "bool" },
    { name: "keep-annotations", type: "bool" },
    { name: "keep-liveness", type: "bool" },
    { name: "keep-readiness", type: "bool" },
    { name: "keep-startup", type: "bool" },
    { name: "keep-init-containers", type: "bool" },
    { name: "filename", short: "f", type: "stringArray" },
  ],
  run(inv) {
    const dash = inv.flags.dashArgs;
    const targets = dash ? inv.flags.args : inv.flags.args;
    const o = options(inv, targets, dash ?? []);
    const attach = inv.flags.has("attach") ? inv.flags.bool("attach") : o.interactive;
    for (const target of targets) {
      const [kind, name] = target.includes("/")
        ? (target.split("/", 2) as [string, string])
        : ["pod", target];
      if (["node", "nodes", "no"].includes(kind.toLowerCase())) {
        debugNode(inv, name, o, attach);
        continue;
      }
      if (!["pod", "pods", "po"].includes(kind.toLowerCase()))
        throw new KubectlError(`"${kind}" not supported by debug`);
      const pod = inv.cluster.api.get("Pod", inv.namespace, name);
      if (!pod) throw new ApiError("NotFound", `pods "${name}" not found`);
      if (o.copyTo) {
        const copy = debugByCopy(inv, pod, o);
        if (attach && copy.container)
          attachToContainer(inv, inv.namespace, copy.pod.metadata.name as string, copy.container, false);
        continue;
      }
      const container = debugByEphemeralContainer(inv, pod, o);
      if (attach) attachToContainer(inv, inv.namespace, name, container, true);
    }
  },
};

/** visitNode: the node's debugging pod, created (and attached to with -i). */
function debugNode(inv: Invocation, name: string, o: PodDebugOptions, attach: boolean): void {
  const node = inv.cluster.api.get("Node", undefined, name);
  if (!node) throw new ApiError("NotFound", `nodes "${name}" not found`);
  const pod = nodeDebugPod(inv, name, o);
  const container = pod.spec.containers[0].name as string;
  applyProfile(o.profile, o.keep, pod, container, "node");
  const say = (created: KubeObject) => {
    if (!inv.flags.bool("quiet"))
      inv.out(
        `Creating debugging pod ${created.metadata.name} with container ${container} on node ${name}.\n`,
      );
  };
  if (!attach) {
    say(inv.cluster.api.create(pod, { fieldManager: "kubectl-debug" }));
    return;
  }
  runAttached(inv, pod, say);
}
