/**
 * The objects `kubectl debug POD` makes (staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go):
 * the pod with a debug container appended to spec.ephemeralContainers (generateDebugContainer),
 * or a copy of the pod with a debug container added or a container changed
 * (generatePodCopyWithDebugContainer). Pure: no API calls, no output.
 */
import { clone, type KubeObject } from "../../engine/api/types";
import { applyProfile, type KeepFlags, type Profile } from "./debug-profiles";

// biome-ignore lint/suspicious/noExplicitAny: containers are open JSON here
type Json = any;

/** What the command line asked for (DebugOptions). */
export interface PodDebugOptions {
  image: string;
  /** -c: the debug container's name, or the copy's container to change. */
  container: string;
  /** --target: the container whose processes an ephemeral container sees. */
  target: string;
  /** What follows `--`. */
  args: string[];
  /** --arguments-only: args are the container's args, not its command. */
  argsOnly: boolean;
  interactive: boolean;
  tty: boolean;
  pullPolicy: string;
  env: { name: string; value: string }[];
  profile: Profile;
  keep: KeepFlags;
  copyTo: string;
  /** --set-image: container name (or `*`) to image. */
  setImages: Record<string, string>;
  /** --share-processes when given explicitly. */
  shareProcesses?: boolean;
  sameNode: boolean;
}

/** Names a new debug container in pod: `debugger-xxxxx` unless -c names it (computeDebugContainerName). */
export type NameDebugContainer = (pod: KubeObject) => string;

/** The names of every container of the pod (containerNameToRef). */
export function containerNames(pod: KubeObject): Set<string> {
  const s = pod.spec ?? {};
  return new Set(
    [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])].map(
      (c: Json) => c.name as string,
    ),
  );
}

/**
 * computeDebugContainerName: -c if given; else `debugger-` and a random suffix no container of
 * the pod has. `defaulted` says kubectl prints "Defaulting debug container name to ...".
 */
export function computeDebugContainerName(
  pod: KubeObject,
  given: string,
  suffix: () => string,
): { name: string; defaulted: boolean } {
  if (given) return { name: given, defaulted: false };
  const names = containerNames(pod);
  let name = "";
  while (name === "" || names.has(name)) name = `debugger-${suffix()}`;
  return { name, defaulted: true };
}

/**
 * generateDebugContainer: a copy of pod with the debug container appended to its ephemeral
 * containers, the profile applied. Returns the pod to send to pods/ephemeralcontainers.
 */
export function generateDebugContainer(pod: KubeObject, o: PodDebugOptions, name: string): KubeObject {
  const ec: Json = { name };
  if (o.env.length) ec.env = o.env;
  ec.image = o.image;
  if (o.pullPolicy) ec.imagePullPolicy = o.pullPolicy;
  if (o.interactive) ec.stdin = true;
  ec.terminationMessagePolicy = "File";
  if (o.tty) ec.tty = true;
  if (o.target) ec.targetContainerName = o.target;
  if (o.args.length) {
    if (o.argsOnly) ec.args = [...o.args];
    else ec.command = [...o.args];
  }
  const copied = clone(pod);
  const list = [...(copied.spec.ephemeralContainers ?? [])];
  // kubectl sends a strategic merge patch keyed by name: a -c naming an existing ephemeral
  // container merges into it (which the API server then refuses as a change) instead of adding.
  const existing = list.findIndex((c: Json) => c.name === name);
  if (existing >= 0) list[existing] = { ...list[existing], ...ec };
  else list.push(ec);
  copied.spec.ephemeralContainers = list;
  applyProfile(o.profile, o.keep, copied, name, "ephemeral");
  return copied;
}

/** Why a copy cannot be made (the error kubectl prints). */
export interface CopyError {
  error: string;
}

/**
 * generatePodCopyWithDebugContainer: the copy named --copy-to (spec copied without ephemeral
 * containers nor, unless --same-node, its node; images per --set-image) with a new debug
 * container, or the -c container changed; the profile applied. container: the debug container
 * ("" for a --set-image-only copy).
 */
export function generatePodCopyWithDebugContainer(
  pod: KubeObject,
  o: PodDebugOptions,
  nameFor: NameDebugContainer,
): { pod: KubeObject; container: string } | CopyError {
  const metadata: Json = { name: o.copyTo, namespace: pod.metadata.namespace };
  if (pod.metadata.annotations) metadata.annotations = { ...pod.metadata.annotations };
  if (pod.metadata.labels) metadata.labels = { ...pod.metadata.labels };
  const spec = clone(pod.spec);
  delete spec.ephemeralContainers;
  if (o.shareProcesses !== undefined) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  const copied: KubeObject = { apiVersion: "v1", kind: "Pod", metadata, spec };
  for (const c of spec.containers ?? []) {
    const override = o.setImages[c.name] ?? o.setImages["*"];
    if (override) c.image = override;
  }
  let c: Json = o.container
    ? [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((x: Json) => x.name === o.container)
    : undefined;
  let name = o.container;
  if (!c) {
    if (!o.image) {
      if (Object.keys(o.setImages).length > 0) return { pod: copied, container: "" };
      return { error: "you must specify image when creating new container" };
    }
    if (!name) name = nameFor(copied);
    c = { name, terminationMessagePolicy: "File" };
    spec.containers = [...(spec.containers ?? []), c];
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = [...o.args];
    else {
      c.command = [...o.args];
      delete c.args;
    }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  else delete c.stdin;
  if (o.tty) c.tty = true;
  else delete c.tty;
  applyProfile(o.profile, o.keep, copied, c.name, "podCopy");
  return { pod: copied, container: name };
}
