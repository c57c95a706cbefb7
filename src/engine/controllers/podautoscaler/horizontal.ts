/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go, v1.32):
 * every sync period it reads the target's scale, clamps it into [minReplicas, maxReplicas], and
 * otherwise asks its metrics (compute.ts: metrics.k8s.io through the aggregator, served by
 * metrics-server once installed) for a proposal, stabilizes and rate-limits it (normalize.ts) and
 * rescales (SuccessfulRescale). Without a metrics API every metric fails as on a fresh kubeadm
 * cluster (FailedGet*Metric, FailedComputeMetricsReplicas, ScalingActive False).
 */

import { formatLabelSelector } from "../../api/selectors";
import { clone, type KubeObject, namespacedName } from "../../api/types";
import { customScale, readPath, writePath } from "../../apiserver/apiextensions/scale";
import type { Cluster } from "../../cluster";
import { int32Field } from "../lib/fields";
import { writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import { computeReplicasForMetrics, liveMetricsSource, selectedPods } from "./compute";
import {
  type AutoscalerMemory,
  DOWNSCALE_STABILIZATION_WINDOW_MS,
  newAutoscalerMemory,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  recordInitialRecommendation,
  storeScaleEvent,
} from "./normalize";
import {
  ALL_METRICS_BELOW_TARGET,
  boundsDecision,
  HPA_COMPONENT,
  HPA_SYNC_PERIOD_SECONDS,
  MSG_FAILED_GET_SCALE,
  MSG_FAILED_UPDATE_SCALE,
  MSG_MISSING_SELECTOR,
  MSG_SCALING_DISABLED,
  MSG_SUCCEEDED_GET_SCALE,
  MSG_SUCCEEDED_RESCALE,
} from "./reasons";
import { DEFAULT_REPLICA_CALC_OPTIONS } from "./replica-calculator";

// biome-ignore lint/suspicious/noExplicitAny: HPA objects are open JSON
type Any = any;

/** The controller's memory of each HPA (recommendations and scale events), by cluster then key. */
const MEMORY = new WeakMap<Cluster, Map<string, AutoscalerMemory>>();

function memoryOf(cluster: Cluster, key: string): AutoscalerMemory {
  let byKey = MEMORY.get(cluster);
  if (!byKey) {
    byKey = new Map();
    MEMORY.set(cluster, byKey);
  }
  let m = byKey.get(key);
  if (!m) {
    m = newAutoscalerMemory();
    byKey.set(key, m);
  }
  return m;
}

/** The kinds whose scale subresource the simulated API server serves. */
const SCALABLE = new Set(["Deployment", "ReplicaSet", "StatefulSet"]);

/** Starts the HPA controller: every HPA is reconciled once per sync period, starting one period after it is added. */
export function installHorizontalPodAutoscalerController(cluster: Cluster): Controller {
  const c = new Controller("horizontal-pod-autoscaler", cluster, (key) => {
    if (syncHorizontalPodAutoscaler(cluster, key)) c.enqueueAfter(key, HPA_SYNC_PERIOD_SECONDS);
  });
  // enqueueHPA: AddRateLimited with a fixed interval, so a key already waiting keeps its time.
  cluster.api.watch("HorizontalPodAutoscaler", (e) => {
    if (e.type !== "DELETED") c.enqueueAfter(namespacedName(e.object), HPA_SYNC_PERIOD_SECONDS);
  });
  cluster.addComponent(c);
  return c;
}

/** The target's scale (autoscaling/v1 Scale): spec and status replicas and the selector, or an error. */
export function targetScale(
  cluster: Cluster,
  namespace: string,
  ref: Any,
): { obj: KubeObject; replicas: number; selector: string; specReplicasPath: string } | { error: string } {
  const apiVersion: string = ref?.apiVersion ?? "";
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const kind: string = ref?.kind ?? "";
  const discovery = cluster.api.discovery;
  const res = discovery.forGVK(apiVersion, kind) ?? discovery.forKind(kind);
  if (!res || res.group !== group) return { error: `no matches for kind "${kind}" in group "${group}"` };
  const custom = customScale(res);
  if (!SCALABLE.has(res.kind) && !custom)
    return { error: "the server could not find the requested resource" };
  const obj = cluster.api.get(res.kind, namespace, ref?.name ?? "");
  if (!obj)
    return { error: `${res.plural}${res.group ? `.${res.group}` : ""} "${ref?.name ?? ""}" not found` };
  if (custom) {
    // A custom resource's /scale: the paths its CRD names; the selector is a string there.
    const selector = custom.labelSelectorPath ? readPath(obj, custom.labelSelectorPath) : undefined;
    return {
      obj,
      replicas: int32Field(readPath(obj, custom.specReplicasPath), 0),
      selector: typeof selector === "string" ? selector : "",
      specReplicasPath: custom.specReplicasPath,
    };
  }
  return {
    specReplicasPath: ".spec.replicas",
    obj,
    replicas: int32Field(obj.spec?.replicas, 1),
    selector:
      formatLabelSelector(obj.spec?.selector ?? {}) === "<none>"
        ? ""
        : formatLabelSelector(obj.spec?.selector),
  };
}

/** setConditionInList: updates or appends; lastTransitionTime moves only when the status changes. */
function setCondition(
  status: Any,
  type: string,
  value: string,
  reason: string,
  message: string,
  now: string,
): void {
  const list: Any[] = [...(status.conditions ?? [])].map((c) => ({ ...c }));
  status.conditions = list;
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type };
    list.push(c);
  }
  if (c.status !== value) c.lastTransitionTime = now;
  c.status = value;
  c.reason = reason;
  c.message = message;
  // Keep the field order of HorizontalPodAutoscalerCondition.
  const i = list.indexOf(c);
  list[i] = { type, status: value, lastTransitionTime: c.lastTransitionTime, reason, message };
}

/** setStatus: a fresh status keeping lastScaleTime and the conditions. */
function newStatus(
  old: Any,
  current: number,
  desired: number,
  metrics: Any[] | undefined,
  rescaledAt?: string,
): Any {
  const s: Any = {};
  const last = rescaledAt ?? old.lastScaleTime;
  if (last) s.lastScaleTime = last;
  if (current) s.currentReplicas = current;
  s.desiredReplicas = desired;
  if (metrics?.length) s.currentMetrics = metrics;
  if (old.conditions) s.conditions = old.conditions;
  return s;
}

/**
 * reconcileAutoscaler for the HPA at key; returns whether it still exists (and so is synced again
 * after the sync period).
 */
export function syncHorizontalPodAutoscaler(cluster: Cluster, key: string): boolean {
  const [ns, name] = key.split("/") as [string, string];
  const hpa = cluster.api.get("HorizontalPodAutoscaler", ns, name);
  if (!hpa) {
    // reconcileKey: a deleted HPA's recommendations and scale events go with it.
    MEMORY.get(cluster)?.delete(key);
    return false;
  }
  const spec: Any = hpa.spec ?? {};
  const now = cluster.clock.timestamp();
  const src = { component: HPA_COMPONENT };
  const warn = (reason: string, message: string) =>
    cluster.events.record(hpa, "Warning", reason, message, src);
  let status: Any = clone(hpa.status ?? {});
  const save = () => writeStatus(cluster, hpa, status, HPA_COMPONENT);

  const scale = targetScale(cluster, ns, spec.scaleTargetRef);
  if ("error" in scale) {
    warn("FailedGetScale", scale.error);
    setCondition(status, "AbleToScale", "False", "FailedGetScale", MSG_FAILED_GET_SCALE + scale.error, now);
    save();
    return true;
  }
  setCondition(status, "AbleToScale", "True", "SucceededGetScale", MSG_SUCCEEDED_GET_SCALE, now);
  const current = scale.replicas;
  const minReplicas = typeof spec.minReplicas === "number" ? spec.minReplicas : 1;
  const decision = boundsDecision(current, minReplicas, spec.maxReplicas ?? 0);

  if (decision.kind === "disabled") {
    setCondition(status, "ScalingActive", "False", "ScalingDisabled", MSG_SCALING_DISABLED, now);
    status = newStatus(status, current, 0, undefined);
    save();
    return true;
  }
  let metricStatuses: Any[] | undefined;
  let desired: number;
  let reason: string;
  if (decision.kind === "metrics") {
    const metrics: Any[] = spec.metrics ?? [];
    if (!scale.selector) {
      warn("SelectorRequired", "selector is required");
      setCondition(status, "ScalingActive", "False", "InvalidSelector", MSG_MISSING_SELECTOR, now);
      status = newStatus(status, current, status.desiredReplicas ?? 0, undefined);
      save();
      return true;
    }
    const memory = memoryOf(cluster, key);
    recordInitialRecommendation(memory, current, cluster.clock.now());
    const options = { ...DEFAULT_REPLICA_CALC_OPTIONS, nowMs: cluster.clock.now() };
    const outcome = computeReplicasForMetrics(
      ns,
      metrics,
      current,
      scale.selector,
      selectedPods(cluster, ns, scale.selector),
      liveMetricsSource(cluster),
      options,
    );
    for (const [r, m] of outcome.warnings) warn(r, m);
    const c = outcome.condition;
    setCondition(status, "ScalingActive", c.status, c.reason, c.message, now);
    metricStatuses = outcome.statuses;
    if (outcome.replicas === -1) {
      // setCurrentReplicasAndMetricsInStatus, then FailedComputeMetricsReplicas.
      status = newStatus(status, current, status.desiredReplicas ?? 0, metricStatuses);
      save();
      warn("FailedComputeMetricsReplicas", outcome.error ?? "");
      return true;
    }
    const proposed = outcome.replicas;
    reason =
      proposed > current
        ? `${outcome.metric} above target`
        : proposed < current
          ? ALL_METRICS_BELOW_TARGET
          : "";
    const maxReplicas = spec.maxReplicas ?? 0;
    const normalized = spec.behavior
      ? normalizeDesiredReplicasWithBehaviors(
          memory,
          spec.behavior,
          current,
          proposed,
          minReplicas,
          maxReplicas,
          DOWNSCALE_STABILIZATION_WINDOW_MS,
          cluster.clock.now(),
        )
      : normalizeDesiredReplicas(
          memory,
          current,
          proposed,
          minReplicas,
          maxReplicas,
          DOWNSCALE_STABILIZATION_WINDOW_MS,
          cluster.clock.now(),
        );
    for (const nc of normalized.conditions)
      setCondition(status, nc.type, nc.status, nc.reason, nc.message, now);
    desired = normalized.replicas;
    if (desired === current) {
      status = newStatus(status, current, current, metricStatuses);
      save();
      return true;
    }
  } else {
    desired = decision.desired;
    reason = decision.reason;
  }

  const target = clone(scale.obj);
  writePath(target, scale.specReplicasPath, desired);
  try {
    cluster.api.update(target, { fieldManager: "kube-controller-manager" });
  } catch (e) {
    const err = e instanceof Error ? e.message : String(e);
    warn("FailedRescale", `New size: ${desired}; reason: ${reason}; error: ${err}`);
    setCondition(status, "AbleToScale", "False", "FailedUpdateScale", MSG_FAILED_UPDATE_SCALE + err, now);
    status = newStatus(status, current, status.desiredReplicas ?? 0, metricStatuses);
    save();
    return true;
  }
  setCondition(status, "AbleToScale", "True", "SucceededRescale", MSG_SUCCEEDED_RESCALE + desired, now);
  cluster.events.record(hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`, src);
  storeScaleEvent(memoryOf(cluster, key), spec.behavior, current, desired, cluster.clock.now());
  status = newStatus(status, current, desired, metricStatuses, now);
  save();
  return true;
}
