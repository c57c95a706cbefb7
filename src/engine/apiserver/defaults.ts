/**
 * Defaulting, as pkg/apis/{core,apps,batch}/v1/defaults.go and the registry strategies fill in a
 * new object, so `kubectl get -o yaml` shows what a real v1.32 cluster shows.
 */

import { encodeBase64 } from "../api/base64";
import type { KubeObject } from "../api/types";
import { defaultCertificateSigningRequest } from "./certificates";
import {
  defaultMutatingWebhookConfiguration,
  defaultValidatingWebhookConfiguration,
} from "./defaults-admissionregistration";
import {
  defaultHorizontalPodAutoscaler,
  defaultIngress,
  defaultIngressClass,
  defaultNetworkPolicy,
} from "./defaults-apis";

// biome-ignore lint/suspicious/noExplicitAny: defaulting walks open JSON
type Json = any;

/** Sets obj[key] = value when it is undefined. */
function def(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** SetDefaults_Container's image pull policy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  if (!image) return "Always";
  if (image.includes("@")) return "IfNotPresent";
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  if (colon < 0) return "Always";
  return image.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(probe: Json): void {
  if (!probe) return;
  def(probe, "timeoutSeconds", 1);
  def(probe, "periodSeconds", 10);
  def(probe, "successThreshold", 1);
  def(probe, "failureThreshold", 3);
  if (probe.httpGet) {
    def(probe.httpGet, "path", "/");
    def(probe.httpGet, "scheme", "HTTP");
  }
  if (probe.grpc) def(probe.grpc, "service", "");
}

function defaultContainer(c: Json, hostNetwork: boolean): void {
  if (!c || typeof c !== "object") return;
  def(c, "imagePullPolicy", defaultPullPolicy(c.image));
  def(c, "terminationMessagePath", "/dev/termination-log");
  def(c, "terminationMessagePolicy", "File");
  def(c, "resources", {});
  // SetDefaults_Pod: requests default to limits.
  const res = c.resources;
  if (res.limits && typeof res.limits === "object") {
    for (const [name, value] of Object.entries(res.limits)) {
      res.requests = res.requests ?? {};
      if (res.requests[name] === undefined) res.requests[name] = value;
    }
  }
  for (const p of Array.isArray(c.ports) ? c.ports : []) {
    if (!p) continue;
    def(p, "protocol", "TCP");
    if (hostNetwork && p.hostPort === undefined) p.hostPort = p.containerPort;
  }
  for (const e of Array.isArray(c.env) ? c.env : []) {
    if (e?.valueFrom?.fieldRef) def(e.valueFrom.fieldRef, "apiVersion", "v1");
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Json): void {
  if (!v) return;
  if (v.configMap) def(v.configMap, "defaultMode", 420);
  if (v.secret) def(v.secret, "defaultMode", 420);
  if (v.projected) def(v.projected, "defaultMode", 420);
  if (v.downwardAPI) def(v.downwardAPI, "defaultMode", 420);
  if (v.hostPath) def(v.hostPath, "type", "");
  if (v.emptyDir === null) v.emptyDir = {};
  for (const item of v.downwardAPI?.items ?? []) if (item?.fieldRef) def(item.fieldRef, "apiVersion", "v1");
}

/** SetDefaults_PodSpec and the per-container defaults (a pod or a workload's template). */
export function defaultPodSpec(spec: Json): void {
  if (!spec || typeof spec !== "object") return;
  def(spec, "dnsPolicy", "ClusterFirst");
  def(spec, "restartPolicy", "Always");
  def(spec, "securityContext", {});
  def(spec, "terminationGracePeriodSeconds", 30);
  def(spec, "schedulerName", "default-scheduler");
  const hostNetwork = spec.hostNetwork === true;
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(c, hostNetwork);
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : [])
    defaultContainer(c, hostNetwork);
  defaultEphemeralContainers(spec);
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(v);
}

/** SetDefaults_EphemeralContainer: an ephemeral container's common fields default as a container's. */
export function defaultEphemeralContainers(spec: Json): void {
  const hostNetwork = spec?.hostNetwork === true;
  for (const c of Array.isArray(spec?.ephemeralContainers) ? spec.ephemeralContainers : [])
    defaultContainer(c, hostNetwork);
}

/** SetDefaults_Pod: the pod-only defaults on top of the spec's. */
export function defaultPod(pod: Json): void {
  pod.spec = pod.spec ?? {};
  defaultPodSpec(pod.spec);
  def(pod.spec, "enableServiceLinks", true);
}

/** A workload's pod template: spec defaults, and `creationTimestamp: null` as 1.32 prints it. */
function defaultTemplate(template: Json): void {
  if (!template || typeof template !== "object") return;
  template.metadata = template.metadata ?? {};
  if (!("creationTimestamp" in template.metadata)) template.metadata.creationTimestamp = null;
  template.spec = template.spec ?? {};
  defaultPodSpec(template.spec);
}

function defaultDeployment(d: Json): void {
  d.spec = d.spec ?? {};
  const spec = d.spec;
  def(spec, "replicas", 1);
  spec.strategy = spec.strategy ?? {};
  def(spec.strategy, "type", "RollingUpdate");
  if (spec.strategy.type === "RollingUpdate") {
    spec.strategy.rollingUpdate = spec.strategy.rollingUpdate ?? {};
    def(spec.strategy.rollingUpdate, "maxUnavailable", "25%");
    def(spec.strategy.rollingUpdate, "maxSurge", "25%");
  }
  def(spec, "revisionHistoryLimit", 10);
  def(spec, "progressDeadlineSeconds", 600);
  defaultTemplate(spec.template);
}

function defaultReplicaSet(rs: Json): void {
  rs.spec = rs.spec ?? {};
  def(rs.spec, "replicas", 1);
  defaultTemplate(rs.spec.template);
}

function defaultDaemonSet(ds: Json): void {
  ds.spec = ds.spec ?? {};
  const spec = ds.spec;
  spec.updateStrategy = spec.updateStrategy ?? {};
  def(spec.updateStrategy, "type", "RollingUpdate");
  if (spec.updateStrategy.type === "RollingUpdate") {
    spec.updateStrategy.rollingUpdate = spec.updateStrategy.rollingUpdate ?? {};
    def(spec.updateStrategy.rollingUpdate, "maxUnavailable", 1);
    def(spec.updateStrategy.rollingUpdate, "maxSurge", 0);
  }
  def(spec, "revisionHistoryLimit", 10);
  defaultTemplate(spec.template);
}

/** SetDefaults_StatefulSet (apps/v1), with the claim templates' spec defaults. */
function defaultStatefulSet(sts: Json): void {
  sts.spec = sts.spec ?? {};
  const spec = sts.spec;
  def(spec, "podManagementPolicy", "OrderedReady");
  spec.updateStrategy = spec.updateStrategy ?? {};
  def(spec.updateStrategy, "type", "RollingUpdate");
  if (spec.updateStrategy.type === "RollingUpdate") {
    spec.updateStrategy.rollingUpdate = spec.updateStrategy.rollingUpdate ?? {};
    def(spec.updateStrategy.rollingUpdate, "partition", 0);
  }
  spec.persistentVolumeClaimRetentionPolicy = spec.persistentVolumeClaimRetentionPolicy ?? {};
  def(spec.persistentVolumeClaimRetentionPolicy, "whenDeleted", "Retain");
  def(spec.persistentVolumeClaimRetentionPolicy, "whenScaled", "Retain");
  def(spec, "replicas", 1);
  def(spec, "revisionHistoryLimit", 10);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    if (!claim) continue;
    def(claim, "apiVersion", "v1");
    def(claim, "kind", "PersistentVolumeClaim");
    claim.spec = claim.spec ?? {};
    def(claim.spec, "volumeMode", "Filesystem");
    claim.status = claim.status ?? { phase: "Pending" };
  }
  defaultTemplate(spec.template);
}

/** SetDefaults_Job (batch/v1) plus the job strategy's generated selector (needs metadata.uid). */
function defaultJobSpec(spec: Json): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  def(spec, "parallelism", 1);
  def(spec, "backoffLimit", spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6);
  def(spec, "completionMode", "NonIndexed");
  def(spec, "suspend", false);
  def(spec, "podReplacementPolicy", spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed");
  defaultTemplate(spec.template);
}

function defaultJob(job: Json, create: boolean): void {
  job.spec = job.spec ?? {};
  defaultJobSpec(job.spec);
  // job strategy PrepareForCreate: generateSelector when manualSelector is not true.
  if (create && job.spec.manualSelector !== true && job.metadata?.uid) {
    const uid = job.metadata.uid;
    const name = job.metadata.name;
    const tpl = job.spec.template ?? {};
    tpl.metadata = tpl.metadata ?? {};
    tpl.metadata.labels = {
      ...(tpl.metadata.labels ?? {}),
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": name,
      "controller-uid": uid,
      "job-name": name,
    };
    job.spec.template = tpl;
    if (!job.spec.selector)
      job.spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  }
  // SetDefaults_Job: a job without labels takes its template's (as read back after the selector).
  const tplLabels = job.spec.template?.metadata?.labels;
  if (tplLabels && Object.keys(job.metadata.labels ?? {}).length === 0)
    job.metadata.labels = { ...tplLabels };
}

function defaultCronJob(cj: Json): void {
  cj.spec = cj.spec ?? {};
  const spec = cj.spec;
  def(spec, "concurrencyPolicy", "Allow");
  def(spec, "suspend", false);
  def(spec, "successfulJobsHistoryLimit", 3);
  def(spec, "failedJobsHistoryLimit", 1);
  spec.jobTemplate = spec.jobTemplate ?? {};
  spec.jobTemplate.metadata = spec.jobTemplate.metadata ?? {};
  if (!("creationTimestamp" in spec.jobTemplate.metadata)) spec.jobTemplate.metadata.creationTimestamp = null;
  spec.jobTemplate.spec = spec.jobTemplate.spec ?? {};
  const jobSpec = spec.jobTemplate.spec;
  def(jobSpec, "backoffLimit", 6);
  def(jobSpec, "completionMode", "NonIndexed");
  def(jobSpec, "suspend", false);
  def(jobSpec, "podReplacementPolicy", "TerminatingOrFailed");
  if (jobSpec.completions === undefined && jobSpec.parallelism === undefined) {
    jobSpec.completions = 1;
    jobSpec.parallelism = 1;
  }
  defaultTemplate(jobSpec.template);
}

/** SetDefaults_Service (the parts that do not need allocation; see services.ts for IPs/ports). */
function defaultService(svc: Json, create: boolean): void {
  svc.spec = svc.spec ?? {};
  const spec = svc.spec;
  def(spec, "type", "ClusterIP");
  if (spec.type === "ExternalName") {
    def(spec, "sessionAffinity", "None");
  } else {
    def(spec, "sessionAffinity", "None");
    if (spec.sessionAffinity === "ClientIP") {
      spec.sessionAffinityConfig = spec.sessionAffinityConfig ?? {};
      spec.sessionAffinityConfig.clientIP = spec.sessionAffinityConfig.clientIP ?? {};
      def(spec.sessionAffinityConfig.clientIP, "timeoutSeconds", 10800);
    }
    def(spec, "internalTrafficPolicy", "Cluster");
  }
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!p) continue;
    def(p, "protocol", "TCP");
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") def(spec, "externalTrafficPolicy", "Cluster");
  if (spec.type === "LoadBalancer") def(spec, "allocateLoadBalancerNodePorts", true);
  // The strategy resets status on create.
  if (create) svc.status = { loadBalancer: {} };
}

function defaultNamespace(ns: Json, create: boolean): void {
  ns.spec = ns.spec ?? {};
  def(ns.spec, "finalizers", ["kubernetes"]);
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), "kubernetes.io/metadata.name": ns.metadata.name };
  if (create) ns.status = { phase: "Active" };
}

function defaultNode(node: Json): void {
  // Node create keeps the status it was given (pkg/registry/core/node/strategy.go).
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
  node.spec = node.spec ?? {};
}

function defaultLimitRange(lr: Json): void {
  // SetDefaults_LimitRangeItem: for a Container item, max defaults the default limit, the default
  // limit defaults the default request, and min defaults the default request.
  for (const item of lr.spec?.limits ?? []) {
    if (item?.type !== "Container") continue;
    for (const [name, value] of Object.entries(item.max ?? {})) {
      item.default = item.default ?? {};
      if (item.default[name] === undefined) item.default[name] = value;
    }
    for (const [name, value] of Object.entries(item.default ?? {})) {
      item.defaultRequest = item.defaultRequest ?? {};
      if (item.defaultRequest[name] === undefined) item.defaultRequest[name] = value;
    }
    for (const [name, value] of Object.entries(item.min ?? {})) {
      item.defaultRequest = item.defaultRequest ?? {};
      if (item.defaultRequest[name] === undefined) item.defaultRequest[name] = value;
    }
  }
}

/**
 * A Secret as the API server stores it: stringData merged into data (stringData wins) and
 * dropped, as Convert_v1_Secret_To_core_Secret does; type Opaque by default.
 */
function defaultSecret(s: Json): void {
  def(s, "type", "Opaque");
  const stringData = s.stringData;
  if (stringData && typeof stringData === "object" && !Array.isArray(stringData)) {
    const data = s.data && typeof s.data === "object" && !Array.isArray(s.data) ? s.data : {};
    for (const [k, v] of Object.entries(stringData)) if (typeof v === "string") data[k] = encodeBase64(v);
    if (Object.keys(data).length) s.data = data;
  }
  delete s.stringData;
}

const DEFAULTERS: Record<string, (obj: Json, create: boolean) => void> = {
  Pod: defaultPod,
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  DaemonSet: defaultDaemonSet,
  StatefulSet: defaultStatefulSet,
  CertificateSigningRequest: defaultCertificateSigningRequest,
  Job: defaultJob,
  CronJob: defaultCronJob,
  Service: defaultService,
  Namespace: defaultNamespace,
  Node: defaultNode,
  LimitRange: defaultLimitRange,
  PriorityClass: (pc) => def(pc, "preemptionPolicy", "PreemptLowerPriority"),
  Secret: defaultSecret,
  PersistentVolumeClaim: (pvc, create) => {
    pvc.spec = pvc.spec ?? {};
    def(pvc.spec, "volumeMode", "Filesystem");
    if (create) pvc.status = { phase: "Pending" };
  },
  PersistentVolume: (pv, create) => {
    pv.spec = pv.spec ?? {};
    def(pv.spec, "persistentVolumeReclaimPolicy", "Retain");
    def(pv.spec, "volumeMode", "Filesystem");
    if (create) pv.status = { phase: "Pending" };
  },
  Endpoints: (ep) => {
    for (const s of ep.subsets ?? []) for (const p of s?.ports ?? []) if (p) def(p, "protocol", "TCP");
  },
  EndpointSlice: (es) => {
    for (const p of es.ports ?? []) if (p) def(p, "protocol", "TCP");
  },
  NetworkPolicy: defaultNetworkPolicy,
  Ingress: defaultIngress,
  IngressClass: defaultIngressClass,
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
  ValidatingWebhookConfiguration: defaultValidatingWebhookConfiguration,
  MutatingWebhookConfiguration: defaultMutatingWebhookConfiguration,
};

/**
 * Applies the defaults of obj's kind in place, as the decoder does on create and update; create
 * adds what the registry strategy sets only on create (fresh status, a Job's generated selector).
 */
export function applyDefaults(obj: KubeObject, create: boolean): void {
  DEFAULTERS[obj.kind]?.(obj, create);
}

/** Whether a kind has defaults. */
export function hasDefaults(kind: string): boolean {
  return kind in DEFAULTERS;
}
