/**
 * kubectl debug's profiles (staging/src/k8s.io/kubectl/pkg/cmd/debug/profiles.go): how each
 * profile changes the debugging pod for the three debugging styles: an ephemeral container in the
 * pod, a copy of the pod, a pod on a node.
 */
import type { KubeObject } from "../../engine/api/types";

// biome-ignore lint/suspicious/noExplicitAny: containers are open JSON here
type Json = any;

/** The profile names `--profile` accepts. */
export const PROFILES = ["legacy", "general", "baseline", "restricted", "netadmin", "sysadmin"] as const;
/** One profile name. */
export type Profile = (typeof PROFILES)[number];

/** The --profile default in v1.32. */
export const DEFAULT_PROFILE: Profile = "legacy";

/** What Validate prints for the legacy profile. */
export const LegacyProfileWarning =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".';

/** Which debugging the pod is for (getDebugStyle). */
export type DebugStyle = "ephemeral" | "podCopy" | "node";

/** The --keep-* flags: what a copy of the pod keeps (KeepFlags). */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

/** Every container of the spec, ephemeral ones too (podutils.AllContainers). */
function allContainers(pod: KubeObject): Json[] {
  const s = pod.spec ?? {};
  return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])];
}

/** The container named name (VisitContainers stopping at the first match). */
function containerNamed(pod: KubeObject, name: string): Json | undefined {
  return allContainers(pod).find((c) => c.name === name);
}

function securityContext(c: Json): Json {
  c.securityContext ??= {};
  return c.securityContext;
}

function addCapability(c: Json, capability: string): void {
  const sc = securityContext(c);
  sc.capabilities ??= {};
  sc.capabilities.add = [...(sc.capabilities.add ?? []), capability];
}

function removeCopyFields(pod: KubeObject, keep: KeepFlags): void {
  if (!keep.labels) delete pod.metadata.labels;
  if (!keep.annotations) delete pod.metadata.annotations;
  for (const c of pod.spec.containers ?? []) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete pod.spec.initContainers;
}

function shareProcessNamespace(pod: KubeObject): void {
  if (pod.spec.shareProcessNamespace === undefined) pod.spec.shareProcessNamespace = true;
}

function setHostNamespaces(pod: KubeObject): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

function mountRootPartition(pod: KubeObject, name: string): void {
  pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: "host-root", hostPath: { path: "/" } }];
  const c = (pod.spec.containers ?? []).find((x: Json) => x.name === name);
  if (c) c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: "/host", name: "host-root" }];
}

/**
 * Applies a profile to the debugging pod (ProfileApplier.Apply): `name` is the debug container,
 * `style` how the pod debugs its target. Mutates pod.
 */
export function applyProfile(
  profile: Profile,
  keep: KeepFlags,
  pod: KubeObject,
  name: string,
  style: DebugStyle,
): void {
  const c = containerNamed(pod, name);
  const copy = () => {
    removeCopyFields(pod, keep);
    shareProcessNamespace(pod);
  };
  switch (profile) {
    case "legacy":
      if (style === "node") {
        mountRootPartition(pod, name);
        setHostNamespaces(pod);
      } else if (style === "podCopy") delete pod.metadata.labels; // labels always go, --keep-labels or not
      return;
    case "general":
      if (style === "node") {
        mountRootPartition(pod, name);
        if (c) delete c.securityContext;
        setHostNamespaces(pod);
        return;
      }
      if (style === "podCopy") removeCopyFields(pod, keep);
      if (c) addCapability(c, "SYS_PTRACE");
      if (style === "podCopy") shareProcessNamespace(pod);
      return;
    case "baseline":
      if (c) delete c.securityContext;
      if (style === "podCopy") copy();
      return;
    case "restricted":
      if (c) {
        // In SecurityContext's field order, as the API server returns it.
        c.securityContext = {
          capabilities: { drop: ["ALL"] },
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          seccompProfile: { type: "RuntimeDefault" },
        };
      }
      if (style === "podCopy") copy();
      return;
    case "netadmin":
      if (c) {
        addCapability(c, "NET_ADMIN");
        addCapability(c, "NET_RAW");
      }
      if (style === "node") setHostNamespaces(pod);
      if (style === "podCopy") copy();
      return;
    case "sysadmin":
      if (c) securityContext(c).privileged = true;
      if (style === "node") {
        setHostNamespaces(pod);
        mountRootPartition(pod, name);
      }
      if (style === "podCopy") copy();
      return;
  }
}
