/**
 * A real cluster brought in: the v1 List that `kubectl get nodes,pods,deployments,daemonsets,
 * replicasets,services,configmaps,priorityclasses -A -o yaml` prints, turned into a scenario. Nodes
 * become simulated nodes (capacity, allocatable, labels, taints as they were); every object gets
 * a new uid and the ownerReferences follow (a ReplicaSet's pods stay its pods); pods stay bound to
 * their nodes with their status, so the kubelets adopt them; a static pod's mirror puts its
 * manifest file on its node and carries the hash the kubelet computes for it; each DaemonSet gets the
 * ControllerRevision its pods' hash names (the export leaves it out), so nothing rolls. What the
 * cluster makes itself (events, leases, endpoints, the bootstrap objects) is left out; a kind the
 * simulator does not have is named in a warning, not dropped silently.
 */

import { parse, stringify } from "yaml";
import { RESOURCES } from "./api/resources";
import { clone, type KubeObject } from "./api/types";
import { Rng } from "./clock/random";
import { INITIAL_NAMESPACES } from "./index";
import { ConfigHashAnnotation as CONFIG_HASH, DEFAULT_STATIC_POD_PATH } from "./kubelet/constants";
import { hexDigest } from "./kubelet/hash";
import { CA_CERT_PATH, CA_KEY_PATH, type ClusterPki, derivedPki, pemPair } from "./pki/cluster";
import { adminKubeconfig } from "./scenarios/kubeconfig";
import type { Snapshot } from "./snapshot";
import { bootstrapped, MIRROR_ANNOTATION } from "./snapshot-slim";

/** What an import of a cluster's objects gives: a scenario, and what was left out and why. */
export interface ClusterImport {
  snapshot: Snapshot;
  warnings: string[];
}

/** Kinds the cluster makes by itself, left out of an import. */
const REGENERATED = new Set(["Event", "Lease", "Endpoints", "EndpointSlice"]);
const KNOWN_KINDS = new Set(RESOURCES.map((r) => r.kind));
/** Seed of the imported cluster's random generator (uids, names it makes later). */
const IMPORT_SEED = 1;
/** ControllerRevisionHashLabel (apps/v1). */
const REVISION_HASH = "controller-revision-hash";

/** Whether a parsed document is a List of objects read from a live API server (they carry uids). */
export function isClusterExport(doc: unknown): doc is KubeObject & { items: KubeObject[] } {
  const d = doc as { kind?: unknown; items?: unknown };
  return (
    typeof d === "object" &&
    d !== null &&
    typeof d.kind === "string" &&
    d.kind.endsWith("List") &&
    Array.isArray(d.items) &&
    d.items.some((i: { metadata?: { uid?: unknown } }) => typeof i?.metadata?.uid === "string")
  );
}

function isMirror(o: KubeObject): boolean {
  return o.kind === "Pod" && o.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

function objectLabel(o: KubeObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : "";
  return `${o.kind} ${ns}${o.metadata?.name ?? "(no name)"}`;
}

/** The latest timestamp an object carries (creation, conditions, container starts), in ms. */
function latestTime(o: KubeObject): number {
  let max = 0;
  const visit = (v: unknown, key: string) => {
    if (typeof v === "string" && /Time(stamp)?$|^startedAt$|^finishedAt$/.test(key)) {
      const t = Date.parse(v);
      if (Number.isFinite(t) && t > max) max = t;
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) if (k !== "managedFields") visit(x, k);
  };
  visit(o, "");
  return max;
}

/** A static pod's manifest as kubeadm wrote it, from its mirror pod. */
function staticManifest(mirror: KubeObject, node: string): { path: string; text: string } {
  const base = (mirror.metadata.name as string).replace(new RegExp(`-${node}$`), "");
  const annotations = Object.fromEntries(
    Object.entries(mirror.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("kubernetes.io/config.")),
  );
  const spec = clone(mirror.spec ?? {});
  delete spec.nodeName;
  const manifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      labels: mirror.metadata.labels,
      name: base,
      namespace: mirror.metadata.namespace,
    },
    spec,
  };
  return { path: `${DEFAULT_STATIC_POD_PATH}/${base}.yaml`, text: stringify(manifest, { lineWidth: 0 }) };
}

/** The scenario a real cluster's export stands for; throws Error when the List holds no objects. */
export function fromClusterExport(list: { items: KubeObject[] }): ClusterImport {
  const warnings: string[] = [];
  const unsupported = new Map<string, string[]>();
  const regenerated = new Map<string, number>();
  const kept: KubeObject[] = [];
  let latest = 0;
  // Custom resources come along with their CustomResourceDefinitions.
  const customKinds = new Set(
    list.items
      .filter((o) => o?.kind === "CustomResourceDefinition")
      .map((crd) => String(crd.status?.acceptedNames?.kind ?? crd.spec?.names?.kind ?? "")),
  );
  for (const raw of list.items) {
    if (!raw || typeof raw !== "object" || typeof raw.kind !== "string" || !raw.metadata?.name) {
      warnings.push("an item without a kind or a name was skipped");
      continue;
    }
    latest = Math.max(latest, latestTime(raw));
    if (REGENERATED.has(raw.kind)) regenerated.set(raw.kind, (regenerated.get(raw.kind) ?? 0) + 1);
    else if (!KNOWN_KINDS.has(raw.kind) && !customKinds.has(raw.kind)) {
      const names = unsupported.get(raw.kind) ?? [];
      names.push(objectLabel(raw).slice(raw.kind.length + 1));
      unsupported.set(raw.kind, names);
    } else if (isMirror(raw) || !bootstrapped(raw)) kept.push(clone(raw));
  }
  for (const [kind, names] of unsupported)
    warnings.push(
      `kind ${kind} is not simulated: ${names.length} skipped (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""})`,
    );
  for (const [kind, n] of regenerated) warnings.push(`${n} ${kind} left out: the cluster makes its own`);
  if (kept.length === 0) throw new Error("the List holds no objects Kubeglass can simulate");

  // New uids, and owners found through them.
  const rng = new Rng(IMPORT_SEED);
  const uids = new Map<string, string>();
  for (const o of kept) {
    const old = o.metadata.uid as string | undefined;
    const fresh = rng.uuid();
    if (old) uids.set(old, fresh);
    o.metadata.uid = fresh;
    delete o.metadata.managedFields;
    delete o.metadata.resourceVersion;
    delete o.metadata.selfLink;
  }
  for (const o of kept) {
    const refs = o.metadata.ownerReferences;
    if (!refs) continue;
    const linked = refs.filter((r) => uids.has(r.uid)).map((r) => ({ ...r, uid: uids.get(r.uid) as string }));
    for (const r of refs)
      if (!uids.has(r.uid))
        warnings.push(`${objectLabel(o)}: its owner ${r.kind} ${r.name} is not in the file; kept without it`);
    if (linked.length) o.metadata.ownerReferences = linked;
    else delete o.metadata.ownerReferences;
  }

  const objects: KubeObject[] = [];
  const files: Snapshot["files"] = {};
  for (const o of kept) {
    const node = o.spec?.nodeName as string | undefined;
    if (node && isMirror(o)) {
      // The manifest goes on the node's disk; the mirror stays, carrying the hash the kubelet
      // reads from that file, so the kubelet finds its static pod already running.
      const { path, text } = staticManifest(o, node);
      files[node] = { ...(files[node] ?? {}), [path]: text };
      const hash = hexDigest(`${JSON.stringify(parse(text))}host:${node}file:${path}`, 32);
      o.metadata.annotations = { ...o.metadata.annotations, [CONFIG_HASH]: hash, [MIRROR_ANNOTATION]: hash };
    }
    objects.push(o);
  }
  // The PKI of a cluster created when its kube-system namespace was (what the restored cluster derives).
  const kubeSystem = objects.find((o) => o.kind === "Namespace" && o.metadata.name === "kube-system");
  const created =
    Date.parse(String(kubeSystem?.metadata.creationTimestamp ?? "")) ||
    latest ||
    Date.parse("2026-01-01T00:00:00Z");
  for (const [node, nodeFiles] of Object.entries(files))
    if (`${DEFAULT_STATIC_POD_PATH}/kube-apiserver.yaml` in nodeFiles)
      Object.assign(nodeFiles, kubeadmKubeconfigs(node, derivedPki(created)));
  objects.push(...daemonSetRevisions(objects, rng));

  // Namespaces the objects live in that the List does not carry.
  const namespaces = new Set(objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name));
  for (const ns of new Set(objects.map((o) => o.metadata.namespace).filter(Boolean)))
    if (!namespaces.has(ns) && !INITIAL_NAMESPACES.includes(ns as string))
      objects.push({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: ns, uid: rng.uuid(), labels: { "kubernetes.io/metadata.name": ns as string } },
        spec: { finalizers: ["kubernetes"] },
        status: { phase: "Active" },
      });

  const time = new Date(Math.ceil((latest || Date.parse("2026-01-01T00:00:00Z")) / 1000) * 1000)
    .toISOString()
    .replace(".000Z", "Z");
  return {
    snapshot: {
      apiVersion: "kubeglass.dev/v1alpha1",
      kind: "Scenario",
      time,
      seed: IMPORT_SEED,
      random: rng.position(),
      files,
      objects,
    },
    warnings,
  };
}

/** The kubeconfigs kubeadm writes on a control-plane node, which its static pods read, and the CA they trust. */
function kubeadmKubeconfigs(node: string, pki: ClusterPki): Record<string, string> {
  const admin = adminKubeconfig(pki, `https://${node}:6443`);
  const ca = pemPair(pki.ca);
  const out: Record<string, string> = {
    "/etc/kubernetes/admin.conf": admin,
    "/root/.kube/config": admin,
    [CA_CERT_PATH]: ca.cert,
    [CA_KEY_PATH]: ca.key,
  };
  for (const f of ["controller-manager.conf", "scheduler.conf", "super-admin.conf"])
    out[`/etc/kubernetes/${f}`] = `# kubeconfig (${f})\n`;
  return out;
}

/**
 * The ControllerRevision each DaemonSet's pods name by their controller-revision-hash (the export
 * does not list revisions): with it the DaemonSet controller finds its template current and the
 * pods up to date, instead of rolling them all.
 */
function daemonSetRevisions(objects: KubeObject[], rng: Rng): KubeObject[] {
  const out: KubeObject[] = [];
  for (const ds of objects) {
    if (ds.kind !== "DaemonSet") continue;
    const counts = new Map<string, number>();
    for (const p of objects)
      if (
        p.kind === "Pod" &&
        p.metadata.ownerReferences?.some((r: { uid: string }) => r.uid === ds.metadata.uid)
      ) {
        const hash = p.metadata.labels?.[REVISION_HASH];
        if (hash) counts.set(hash, (counts.get(hash) ?? 0) + 1);
      }
    const hash = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!hash) continue;
    const template = clone(ds.spec?.template ?? {});
    template.$patch = "replace";
    out.push({
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace: ds.metadata.namespace,
        uid: rng.uuid(),
        labels: { ...(ds.spec?.selector?.matchLabels ?? {}), [REVISION_HASH]: hash },
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "DaemonSet",
            name: ds.metadata.name as string,
            uid: ds.metadata.uid as string,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        creationTimestamp: ds.metadata.creationTimestamp,
      },
      data: { spec: { template } },
      revision: 1,
    });
  }
  return out;
}
