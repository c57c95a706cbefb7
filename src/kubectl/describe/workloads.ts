/**
 * `kubectl describe` for Deployment, ReplicaSet and DaemonSet (describe.go).
 */

import { claimClass } from "../../engine/api/helpers/storage";
import { matchesLabelSelector } from "../../engine/api/selectors";
import type { KubeObject } from "../../engine/api/types";
import { formatLabelSelector, formatLabels, labelSelectorString } from "../printers/common";
import {
  type Any,
  type DescribeContext,
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  rfc1123z,
} from "./common";
import { describePodTemplate } from "./pod";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "./writer";

/** getPodStatusForController: pods controlled by owner, counted by phase. */
function podStatusFor(owner: KubeObject, ctx: DescribeContext): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of ctx.api.list("Pod", { namespace: owner.metadata.namespace })) {
    if (!matchesLabelSelector((owner as Any).spec?.selector, pod.metadata.labels)) continue;
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    const phase = pod.status?.phase;
    if (phase === "Running") running++;
    else if (phase === "Pending") waiting++;
    else if (phase === "Succeeded") succeeded++;
    else if (phase === "Failed") failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function conditionsTable(conditions: Any[] | undefined, w: PrefixWriter): void {
  if ((conditions ?? []).length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

/** `kubectl describe replicaset`. */
export function describeReplicaSet(rs: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const r: Any = rs;
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(r.spec?.selector)}\n`);
  printLabelsMultiline(w, "Labels", rs.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${r.status?.replicas ?? 0} current / ${r.spec?.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, "Pods Status:\t");
  w.write(LEVEL_0, `${podStatusFor(rs, ctx)}\n`);
  describePodTemplate(r.spec?.template, w);
  conditionsTable(r.status?.conditions, w);
  if (ctx.showEvents !== false) describeEvents(eventsFor(rs, ctx.api), w, ctx.now);
  return w.string();
}

/** `kubectl describe daemonset`. */
export function describeDaemonSet(ds: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const d: Any = ds;
  const st: Any = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(d.spec?.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(d.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, "Labels", ds.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatusFor(ds, ctx)}\n`);
  describePodTemplate(d.spec?.template, w);
  if (ctx.showEvents !== false) describeEvents(eventsFor(ds, ctx.api), w, ctx.now);
  return w.string();
}

/** `kubectl describe statefulset` (describeStatefulSet, describeVolumeClaimTemplates). */
export function describeStatefulSet(sts: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = (sts as Any).spec ?? {};
  w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", sts.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", sts.metadata.annotations);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${(sts as Any).status?.replicas ?? 0} total\n`,
  );
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podStatusFor(sts, ctx)}\n`);
  describePodTemplate(spec.template, w);
  const templates: Any[] = spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.write(LEVEL_0, "Volume Claims:\t<none>\n");
  else {
    w.write(LEVEL_0, "Volume Claims:\n");
    for (const t of templates) {
      w.write(LEVEL_1, `Name:\t${t.metadata?.name ?? ""}\n`);
      w.write(LEVEL_1, `StorageClass:\t${claimClass(t)}\n`);
      printLabelsMultiline(w, "Labels", t.metadata?.labels, "  ");
      printLabelsMultiline(w, "Annotations", t.metadata?.annotations, "  ");
      const storage = t.spec?.resources?.requests?.storage;
      w.write(LEVEL_1, `Capacity:\t${storage ?? "<default>"}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(" ")}]\n`);
    }
  }
  if (ctx.showEvents !== false) describeEvents(eventsFor(sts, ctx.api), w, ctx.now);
  return w.string();
}

function withoutHashLabel(template: Any): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels["pod-template-hash"];
  return JSON.stringify(sortKeys(t));
}

function sortKeys(v: Any): Any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

function printReplicaSetsByLabels(list: Any[]): string {
  const s = list
    .map(
      (rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
    )
    .join(", ");
  return s || "<none>";
}

/** `kubectl describe deployment`. */
export function describeDeployment(deploy: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const d: Any = deploy;
  const st: Any = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${deploy.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${deploy.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(deploy.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, "Labels", deploy.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", deploy.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(d.spec?.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ""}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru)
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ""} max unavailable, ${ru.maxSurge ?? ""} max surge\n`,
    );
  describePodTemplate(d.spec?.template, w);
  conditionsTable(st.conditions, w);
  const owned = ctx.api
    .list("ReplicaSet", { namespace: deploy.metadata.namespace })
    .filter((rs) =>
      (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === deploy.metadata.uid),
    );
  const templateKey = withoutHashLabel(d.spec?.template);
  const newRS = owned
    .filter((rs) => withoutHashLabel((rs as Any).spec?.template) === templateKey)
    .slice(0, 1);
  const oldRSs = owned.filter((rs) => !newRS.includes(rs));
  if (oldRSs.length > 0 || newRS.length > 0) {
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSetsByLabels(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSetsByLabels(newRS)}\n`);
  }
  if (ctx.showEvents !== false) describeEvents(eventsFor(deploy, ctx.api), w, ctx.now);
  return w.string();
}
