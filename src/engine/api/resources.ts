/**
 * The API resources the simulated API server serves: the discovery information that
 * `kubectl api-resources` prints and that maps kinds, plurals and short names to each other.
 */

/** One served resource, as API discovery describes it. */
export interface ResourceInfo {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories?: string[];
  /**
   * Older versions of the group the API server also serves for this resource, converting objects
   * to this (preferred, storage) version on write: autoscaling/v1 for HorizontalPodAutoscalers.
   */
  alsoServed?: string[];
  /** Set for a resource a CustomResourceDefinition serves: what the API server knows of it. */
  custom?: CustomResourceInfo;
}

/** What the API server keeps of a CustomResourceDefinition's version to serve it. */
export interface CustomResourceInfo {
  /** The CustomResourceDefinition's name (`crontabs.stable.example.com`). */
  crd: string;
  /** The version objects are stored in (the one marked storage). */
  storageVersion: string;
  /** The version's spec.versions[] entry (schema, subresources, additionalPrinterColumns). */
  // biome-ignore lint/suspicious/noExplicitAny: an open apiextensions JSON object
  definition: any;
}

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function r(
  kind: string,
  group: string,
  version: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories?: string[],
): ResourceInfo {
  return {
    kind,
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced,
    verbs: ALL_VERBS,
    categories,
  };
}

/** Every resource served, in the order `kubectl api-resources` lists them (core first, then by group). */
export const RESOURCES: readonly ResourceInfo[] = [
  r("Binding", "", "v1", "bindings", true),
  r("ConfigMap", "", "v1", "configmaps", true, ["cm"]),
  r("Endpoints", "", "v1", "endpoints", true, ["ep"]),
  r("Event", "", "v1", "events", true, ["ev"]),
  r("LimitRange", "", "v1", "limitranges", true, ["limits"]),
  r("Namespace", "", "v1", "namespaces", false, ["ns"]),
  r("Node", "", "v1", "nodes", false, ["no"]),
  r("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", true, ["pvc"]),
  r("PersistentVolume", "", "v1", "persistentvolumes", false, ["pv"]),
  r("Pod", "", "v1", "pods", true, ["po"], ["all"]),
  r("ResourceQuota", "", "v1", "resourcequotas", true, ["quota"]),
  r("Secret", "", "v1", "secrets", true),
  r("ServiceAccount", "", "v1", "serviceaccounts", true, ["sa"]),
  r("Service", "", "v1", "services", true, ["svc"], ["all"]),
  // biome-ignore format: schema/generate.mjs reads each r(...) entry from one line
  r("MutatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", false, [], ["api-extensions"]),
  // biome-ignore format: schema/generate.mjs reads each r(...) entry from one line
  r("ValidatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", false, [], ["api-extensions"]),
  // biome-ignore format: schema/generate.mjs reads each r(...) entry from one line
  r("CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions", false, ["crd", "crds"], ["api-extensions"]),
  r("APIService", "apiregistration.k8s.io", "v1", "apiservices", false, [], ["api-extensions"]),
  r("ControllerRevision", "apps", "v1", "controllerrevisions", true),
  r("DaemonSet", "apps", "v1", "daemonsets", true, ["ds"], ["all"]),
  r("Deployment", "apps", "v1", "deployments", true, ["deploy"], ["all"]),
  r("ReplicaSet", "apps", "v1", "replicasets", true, ["rs"], ["all"]),
  r("StatefulSet", "apps", "v1", "statefulsets", true, ["sts"], ["all"]),
  {
    ...r("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", true, ["hpa"], ["all"]),
    alsoServed: ["v1"],
  },
  r("CronJob", "batch", "v1", "cronjobs", true, ["cj"], ["all"]),
  r("Job", "batch", "v1", "jobs", true, [], ["all"]),
  r("CertificateSigningRequest", "certificates.k8s.io", "v1", "certificatesigningrequests", false, ["csr"]),
  r("Lease", "coordination.k8s.io", "v1", "leases", true),
  r("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", true),
  r("Event", "events.k8s.io", "v1", "events", true, ["ev"]),
  r("IngressClass", "networking.k8s.io", "v1", "ingressclasses", false),
  r("Ingress", "networking.k8s.io", "v1", "ingresses", true, ["ing"]),
  r("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", true, ["netpol"]),
  r("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", true, ["pdb"]),
  r("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", false),
  r("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", false),
  r("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", true),
  r("Role", "rbac.authorization.k8s.io", "v1", "roles", true),
  r("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", false, ["pc"]),
  r("StorageClass", "storage.k8s.io", "v1", "storageclasses", false, ["sc"]),
];

const byKind = new Map<string, ResourceInfo>();
for (const res of RESOURCES) if (!byKind.has(res.kind)) byKind.set(res.kind, res);

/** "apps/v1" or "v1". */
export function groupVersion(res: ResourceInfo): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

/** The resource serving a kind (the first one listed: core Event before events.k8s.io). */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** The resource serving kind in apiVersion, or undefined when the API server would not know it. */
export function resourceForGVK(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((res) => res.kind === kind && groupVersion(res) === apiVersion);
}

/**
 * Resolves what a person types for a resource (`pods`, `po`, `pod`, `deployments.apps`,
 * `deploy`, `Pod`) to the resource, as kubectl's RESTMapper does.
 */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const lower = typed.toLowerCase();
  const [name, ...groupParts] = lower.split(".");
  const group = groupParts.join(".");
  for (const res of RESOURCES) {
    if (group && res.group !== group && !(group === "" && res.group === "")) continue;
    if (res.plural === name || res.singular === name || res.shortNames.includes(name ?? "")) {
      if (res.group === "events.k8s.io" && !group) continue;
      return res;
    }
  }
  return undefined;
}

/** How kubectl names a resource in messages: "pod", "deployment.apps", "daemonset.apps". */
export function qualifiedSingular(res: ResourceInfo): string {
  return res.group ? `${res.singular}.${res.group}` : res.singular;
}

/** How the API server names a resource in errors: "pods", "deployments.apps". */
export function qualifiedPlural(res: ResourceInfo): string {
  return res.group ? `${res.plural}.${res.group}` : res.plural;
}
