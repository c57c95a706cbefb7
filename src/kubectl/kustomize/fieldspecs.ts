/**
 * The default field specs of kustomize's builtin transformers
 * (api/internal/konfig/builtinpluginconsts: commonlabels.go, metadatalabels.go, templatelabels.go,
 * commonannotations.go, namereference.go, replicas.go), as data.
 */
import type { FieldSpec } from "./resource";

const fs = (kind: string, path: string, create: boolean, group?: string, version?: string): FieldSpec => ({
  kind,
  path,
  create,
  group,
  version,
});

const AFFINITY = [
  "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
  "podAffinity/requiredDuringSchedulingIgnoredDuringExecution",
  "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
  "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution",
].map((p) => `spec/template/spec/affinity/${p}/labelSelector/matchLabels`);

/** metadataLabelsFieldSpecs: where labels go on every object and its templates. */
export const METADATA_LABELS: FieldSpec[] = [
  { path: "metadata/labels", create: true },
  fs("ReplicationController", "spec/template/metadata/labels", true, undefined, "v1"),
  fs("Deployment", "spec/template/metadata/labels", true),
  fs("ReplicaSet", "spec/template/metadata/labels", true),
  fs("DaemonSet", "spec/template/metadata/labels", true),
  fs("StatefulSet", "spec/template/metadata/labels", true, "apps"),
  fs("StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true, "apps"),
  fs("Job", "spec/template/metadata/labels", true, "batch"),
  fs("CronJob", "spec/jobTemplate/metadata/labels", true, "batch"),
  fs("CronJob", "spec/jobTemplate/spec/template/metadata/labels", true, "batch"),
];

/** templateLabelFieldSpecs: the templates only (labels with includeTemplates). */
export const TEMPLATE_LABELS: FieldSpec[] = METADATA_LABELS.slice(1);

/** commonLabelFieldSpecs: selectors, then metadataLabelsFieldSpecs (commonLabels, labels with includeSelectors). */
export const COMMON_LABELS: FieldSpec[] = [
  fs("Service", "spec/selector", true, undefined, "v1"),
  fs("ReplicationController", "spec/selector", true, undefined, "v1"),
  fs("Deployment", "spec/selector/matchLabels", true),
  ...AFFINITY.map((p) => fs("Deployment", p, false, "apps")),
  fs("Deployment", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false, "apps"),
  fs("ReplicaSet", "spec/selector/matchLabels", true),
  fs("DaemonSet", "spec/selector/matchLabels", true),
  fs("StatefulSet", "spec/selector/matchLabels", true, "apps"),
  ...AFFINITY.map((p) => fs("StatefulSet", p, false, "apps")),
  fs("StatefulSet", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false, "apps"),
  fs("Job", "spec/selector/matchLabels", false, "batch"),
  fs("CronJob", "spec/jobTemplate/spec/selector/matchLabels", false, "batch"),
  fs("PodDisruptionBudget", "spec/selector/matchLabels", false, "policy"),
  fs("NetworkPolicy", "spec/podSelector/matchLabels", false, "networking.k8s.io"),
  fs("NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false, "networking.k8s.io"),
  fs("NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false, "networking.k8s.io"),
  ...METADATA_LABELS,
];

/** commonAnnotationFieldSpecs. */
export const COMMON_ANNOTATIONS: FieldSpec[] = [
  { path: "metadata/annotations", create: true },
  fs("ReplicationController", "spec/template/metadata/annotations", true, undefined, "v1"),
  fs("Deployment", "spec/template/metadata/annotations", true),
  fs("ReplicaSet", "spec/template/metadata/annotations", true),
  fs("DaemonSet", "spec/template/metadata/annotations", true),
  fs("StatefulSet", "spec/template/metadata/annotations", true),
  fs("Job", "spec/template/metadata/annotations", true, "batch"),
  fs("CronJob", "spec/jobTemplate/metadata/annotations", true, "batch"),
  fs("CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true, "batch"),
];

/** replicasFieldSpecs: the kinds `replicas` sets spec/replicas on. */
export const REPLICAS: FieldSpec[] = [
  fs("Deployment", "spec/replicas", true),
  fs("StatefulSet", "spec/replicas", true),
  fs("ReplicaSet", "spec/replicas", true),
  fs("ReplicationController", "spec/replicas", true),
];

/** Where a pod spec sits in each workload kind (the prefixes of namereference.go's paths). */
const POD_SPECS: [string, string][] = [
  ["Pod", "spec"],
  ["PodTemplate", "template/spec"],
  ["Deployment", "spec/template/spec"],
  ["ReplicaSet", "spec/template/spec"],
  ["DaemonSet", "spec/template/spec"],
  ["StatefulSet", "spec/template/spec"],
  ["Job", "spec/template/spec"],
  ["CronJob", "spec/jobTemplate/spec/template/spec"],
  ["ReplicationController", "spec/template/spec"],
];

function inPodSpecs(paths: string[]): FieldSpec[] {
  return POD_SPECS.flatMap(([kind, prefix]) => paths.map((p) => fs(kind, `${prefix}/${p}`, false)));
}

/** A kind whose renames are followed, and the fields that refer to it by name (nameReferenceFieldSpecs). */
export interface NameReference {
  kind: string;
  fieldSpecs: FieldSpec[];
}

/** nameReferenceFieldSpecs, for the kinds a CKA build renames. */
export const NAME_REFERENCES: NameReference[] = [
  {
    kind: "ConfigMap",
    fieldSpecs: [
      ...inPodSpecs([
        "volumes/configMap/name",
        "containers/env/valueFrom/configMapKeyRef/name",
        "initContainers/env/valueFrom/configMapKeyRef/name",
        "containers/envFrom/configMapRef/name",
        "initContainers/envFrom/configMapRef/name",
        "volumes/projected/sources/configMap/name",
      ]),
      fs("Node", "spec/configSource/configMap", false),
      fs("Role", "rules/resourceNames", false),
      fs("ClusterRole", "rules/resourceNames", false),
    ],
  },
  {
    kind: "Secret",
    fieldSpecs: [
      ...inPodSpecs([
        "volumes/secret/secretName",
        "containers/env/valueFrom/secretKeyRef/name",
        "initContainers/env/valueFrom/secretKeyRef/name",
        "containers/envFrom/secretRef/name",
        "initContainers/envFrom/secretRef/name",
        "imagePullSecrets/name",
        "volumes/projected/sources/secret/name",
      ]),
      fs("ServiceAccount", "imagePullSecrets/name", false),
      fs("ServiceAccount", "secrets/name", false),
      fs("Ingress", "spec/tls/secretName", false),
      fs("Role", "rules/resourceNames", false),
      fs("ClusterRole", "rules/resourceNames", false),
    ],
  },
  { kind: "ServiceAccount", fieldSpecs: inPodSpecs(["serviceAccountName"]) },
  { kind: "PersistentVolumeClaim", fieldSpecs: inPodSpecs(["volumes/persistentVolumeClaim/claimName"]) },
  { kind: "PriorityClass", fieldSpecs: inPodSpecs(["priorityClassName"]) },
  {
    kind: "Service",
    fieldSpecs: [
      fs("StatefulSet", "spec/serviceName", false),
      fs("Ingress", "spec/rules/http/paths/backend/service/name", false),
      fs("Ingress", "spec/defaultBackend/service/name", false),
      fs("APIService", "spec/service/name", false),
    ],
  },
  ...["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"].map((kind) => ({
    kind,
    fieldSpecs: [fs("HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false)],
  })),
  { kind: "PersistentVolume", fieldSpecs: [fs("PersistentVolumeClaim", "spec/volumeName", false)] },
  {
    kind: "StorageClass",
    fieldSpecs: [
      fs("PersistentVolume", "spec/storageClassName", false),
      fs("PersistentVolumeClaim", "spec/storageClassName", false),
      fs("StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName", false),
    ],
  },
];
