/**
 * The kubelet's file source of static pods (pkg/kubelet/config/file.go, common.go) and mirror
 * pods (pkg/kubelet/pod/mirror_client.go): manifests in staticPodPath become pods named
 * NAME-NODENAME with a UID hashed from the manifest, and a read-only mirror in the API.
 */
import { parseAllDocuments } from "yaml";
import type { Node, Pod, PodSpec } from "../api/kinds";
import { clone } from "../api/types";
import { decodeTyped } from "../apiserver/schema/decode";
import { Checker } from "../apiserver/schema/fastcheck";
import { kubernetesSchema } from "../apiserver/schema/strict";
import {
  ConfigHashAnnotation,
  ConfigMirrorAnnotation,
  ConfigSeenAnnotation,
  ConfigSourceAnnotation,
  DEFAULT_STATIC_POD_PATH,
} from "./constants";
import { hexDigest } from "./hash";

const POD_DEFINITION = "io.k8s.api.core.v1.Pod";
const podChecker = new Checker(kubernetesSchema.definitions);

/** The outcome of reading one manifest file. */
export type ManifestResult = { pod: Pod } | { error: string };

/** The staticPodPath of a KubeletConfiguration YAML (default when unset or unreadable; "" disables). */
export function staticPodPathOf(configText: string | undefined): string {
  if (configText === undefined) return DEFAULT_STATIC_POD_PATH;
  // The common case, a top-level `staticPodPath: PATH` line, without a YAML parse.
  const line = /^staticPodPath:[ \t]*([^\s#'"]*)[ \t]*$/m.exec(configText);
  if (line && !/^\s*(\{|\[)/.test(configText)) return line[1] ?? "";
  try {
    const docs = parseAllDocuments(configText);
    const data = docs[0]?.toJSON() as { staticPodPath?: string } | null;
    return data?.staticPodPath ?? "";
  } catch {
    return DEFAULT_STATIC_POD_PATH;
  }
}

/** Whether the file source reads this file (hidden files are skipped, as file.go does). */
export function isManifestFile(name: string): boolean {
  return !name.startsWith(".");
}

/**
 * Reads a manifest into the static pod the kubelet runs (applyDefaults): name NAME-NODENAME,
 * namespace default, UID and config.hash from the content, config.source file, spec.nodeName,
 * and the NoExecute toleration every static pod gets.
 */
export function readManifest(text: string, path: string, nodeName: string, seen: string): ManifestResult {
  let data: unknown;
  try {
    const docs = parseAllDocuments(text).filter((d) => d.contents !== null);
    if (docs.length === 0) return { error: `${path}: read 0 bytes` };
    if (docs.length > 1) return { error: `${path}: invalid pod: multiple documents` };
    const doc = docs[0];
    if (doc?.errors.length) return { error: `${path}: ${doc.errors[0]?.message}` };
    data = doc?.toJSON();
  } catch (e) {
    return { error: `${path}: ${(e as Error).message}` };
  }
  const obj = data as Pod | null;
  if (!obj || typeof obj !== "object") return { error: `${path}: invalid pod` };
  if (obj.kind !== "Pod")
    return { error: `${path}: invalid pod: the kind is "${obj.kind ?? ""}", only Pod can be a static pod` };
  if (obj.apiVersion && obj.apiVersion !== "v1") return { error: `${path}: invalid pod: unknown apiVersion` };
  // tryDecodeSinglePod decodes into the typed Pod: a value of the wrong type is a parse error, a
  // null in a list or map is its type's zero value, a quantity is in canonical form.
  podChecker.check(obj, { $ref: `#/definitions/${POD_DEFINITION}` });
  const typed = decodeTyped(
    obj as unknown as Record<string, unknown>,
    POD_DEFINITION,
    kubernetesSchema.definitions,
  );
  if (!typed.ok)
    return { error: `${path}: couldn't parse as pod(${typed.message}), please check config file` };
  if (!obj.metadata?.name) return { error: `${path}: invalid pod: metadata.name: Required value` };
  if (!Array.isArray(obj.spec?.containers) || obj.spec.containers.length === 0)
    return { error: `${path}: invalid pod: spec.containers: Required value` };
  const pod = clone(obj);
  pod.apiVersion = "v1";
  const uid = hexDigest(`${JSON.stringify(obj)}host:${nodeName}file:${path}`, 32);
  pod.metadata.uid = uid;
  pod.metadata.name = `${obj.metadata.name}-${nodeName.toLowerCase()}`;
  pod.metadata.namespace = obj.metadata.namespace || "default";
  pod.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [ConfigHashAnnotation]: uid,
    [ConfigSeenAnnotation]: seen,
    [ConfigSourceAnnotation]: "file",
  };
  const podSpec = pod.spec as PodSpec;
  podSpec.nodeName = nodeName;
  const tolerations = podSpec.tolerations ?? [];
  if (!tolerations.some((t) => t.operator === "Exists" && !t.key && t.effect === "NoExecute"))
    tolerations.push({ operator: "Exists", effect: "NoExecute" });
  podSpec.tolerations = tolerations;
  defaultPodSpec(pod);
  return { pod };
}

/** The pod defaults the file source's decoding applies (SetObjectDefaults_Pod, as far as seen). */
function defaultPodSpec(pod: Pod): void {
  const spec = pod.spec as PodSpec;
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
    if (!c.imagePullPolicy) {
      const tag = /:([^/:@]+)$/.exec(c.image ?? "")?.[1];
      c.imagePullPolicy = !tag || tag === "latest" ? "Always" : "IfNotPresent";
    }
  }
}

/** The mirror pod of a static pod (CreateMirrorPod): config.mirror annotation, owned by the Node. */
export function mirrorPodOf(staticPod: Pod, node: Node | undefined): Pod {
  const mirror = clone(staticPod);
  delete mirror.status;
  const meta = mirror.metadata;
  const uid = meta.uid as string;
  delete meta.uid;
  delete meta.resourceVersion;
  delete meta.creationTimestamp;
  meta.annotations = { ...(meta.annotations ?? {}), [ConfigMirrorAnnotation]: uid };
  if (node)
    meta.ownerReferences = [
      {
        apiVersion: "v1",
        kind: "Node",
        name: node.metadata.name as string,
        uid: node.metadata.uid as string,
        controller: true,
      },
    ];
  return mirror;
}

/** Whether an API pod is a mirror pod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[ConfigMirrorAnnotation] !== undefined;
}
