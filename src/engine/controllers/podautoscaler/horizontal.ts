/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go) on a
 * cluster without metrics-server: every sync period it reads the target's scale, clamps it into
 * [minReplicas, maxReplicas] (SuccessfulRescale), and otherwise records that the metrics cannot be
 * read (FailedGet*Metric, FailedComputeMetricsReplicas, ScalingActive False), as a real kubeadm
 * cluster does until a metrics API is installed.
 */

import { formatLabelSelector } from "../../api/selectors";
import { clone, type KubeObject, namespacedName } from "../../api/types";
import { customScale, readPath, writePath } from "../../apiserver/apiextensions/scale";
import type { Cluster } from "../../cluster";
import { int32Field } from "../lib/fields";
import { writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import {
  boundsDecision,
  HPA_COMPONENT,
  HPA_SYNC_PERIOD_SECONDS,
  invalidMetricsError,
  MSG_FAILED_GET_SCALE,
  MSG_FAILED_UPDATE_SCALE,
  MSG_MISSING_SELECTOR,
  MSG_SCALING_DISABLED,
  MSG_SUCCEEDED_GET_SCALE,
  MSG_SUCCEEDED_RESCALE,
  MSG_UNABLE_TO_COMPUTE,
  metricFailure,
} from "./reasons";

// biome-ignore lint/suspicious/noExplicitAny: HPA objects are open JSON
type Any = any;

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
  if (!hpa) return false;
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
  if (decision.kind === "metrics") {
    const metrics: Any[] = spec.metrics ?? [];
    if (!scale.selector) {
      warn("SelectorRequired", "selector is required");
      setCondition(status, "ScalingActive", "False", "InvalidSelector", MSG_MISSING_SELECTOR, now);
      status = newStatus(status, current, status.desiredReplicas ?? 0, undefined);
      save();
      return true;
    }
    // No metrics API answers: every metric is invalid, the first one sets the condition.
    const failures = metrics.map(metricFailure);
    for (const f of failures) warn(f.reason, f.error);
    const first = failures[0];
    if (first) {
      setCondition(status, "ScalingActive", "False", first.reason, MSG_UNABLE_TO_COMPUTE + first.error, now);
      // setCurrentReplicasAndMetricsInStatus: the metric statuses stay empty ({type: ""}).
      status = newStatus(
        status,
        current,
        status.desiredReplicas ?? 0,
        metrics.map(() => ({ type: "" })),
      );
      save();
      warn(
        "FailedComputeMetricsReplicas",
        invalidMetricsError(failures.length, metrics.length, first.wrapped),
      );
      return true;
    }
    status = newStatus(status, current, current, undefined);
    save();
    return true;
  }

  const target = clone(scale.obj);
  writePath(target, scale.specReplicasPath, decision.desired);
  try {
    cluster.api.update(target, { fieldManager: "kube-controller-manager" });
  } catch (e) {
    const err = e instanceof Error ? e.message : String(e);
    warn("FailedRescale", `New size: ${decision.desired}; reason: ${decision.reason}; error: ${err}`);
    setCondition(status, "AbleToScale", "False", "FailedUpdateScale", MSG_FAILED_UPDATE_SCALE + err, now);
    status = newStatus(status, current, status.desiredReplicas ?? 0, undefined);
    save();
    return true;
  }
  setCondition(
    status,
    "AbleToScale",
    "True",
    "SucceededRescale",
    MSG_SUCCEEDED_RESCALE + decision.desired,
    now,
  );
  cluster.events.record(
    hpa,
    "Normal",
    "SuccessfulRescale",
    `New size: ${decision.desired}; reason: ${decision.reason}`,
    src,
  );
  status = newStatus(status, current, decision.desired, undefined, now);
  save();
  return true;
}
