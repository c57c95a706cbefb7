/**
 * `kubectl describe` for ConfigMap, Secret, ServiceAccount, PriorityClass, ResourceQuota,
 * LimitRange, Job, Endpoints, RoleBinding/ClusterRoleBinding and PodDisruptionBudget (describe.go).
 */
import type { KubeObject } from "../../engine/api/types";
import { quantityUnits } from "../../engine/apiserver/quantity";
import { compareStrings, formatLabelSelector, formatLabels, labelSelectorString } from "../printers/common";
import { humanDuration, parseTime } from "../printers/duration";
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
import { formatQuantity, parseQuantity } from "./quantity";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from "./writer";

function header(w: PrefixWriter, obj: KubeObject, namespaced = true): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", obj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", obj.metadata.annotations);
}

function events(obj: KubeObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.showEvents !== false) describeEvents(eventsFor(obj, ctx.api), w, ctx.now);
}

/** The byte length of a base64 value. */
function base64Len(b64: string): number {
  const s = b64.replace(/\s/g, "");
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

/** `kubectl describe configmap`. */
export function describeConfigMap(cm: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  header(w, cm);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const k of Object.keys(cm.data ?? {}).sort(compareStrings)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data[k]}\n`);
    w.write(LEVEL_0, "\n");
  }
  w.write(LEVEL_0, "\nBinaryData\n====\n");
  for (const k of Object.keys(cm.binaryData ?? {}).sort(compareStrings))
    w.write(LEVEL_0, `${k}: ${base64Len(cm.binaryData[k])} bytes\n`);
  w.write(LEVEL_0, "\n");
  events(cm, ctx, w);
  return w.string();
}

/** `kubectl describe secret` (sizes only, except a service account token). */
export function describeSecret(secret: KubeObject, _ctx: DescribeContext): string {
  const w = new PrefixWriter();
  header(w, secret);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ""}\n`);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const k of Object.keys(secret.data ?? {}).sort(compareStrings)) {
    if (k === "token" && secret.type === "kubernetes.io/service-account-token")
      w.write(LEVEL_0, `${k}:\t${atob(String(secret.data[k]))}\n`);
    else w.write(LEVEL_0, `${k}:\t${base64Len(String(secret.data[k]))} bytes\n`);
  }
  return w.string();
}

/** `kubectl describe serviceaccount`. */
export function describeServiceAccount(sa: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  header(w, sa);
  const tokens = ctx.api
    .list("Secret", { namespace: sa.metadata.namespace })
    .filter(
      (s) =>
        s.type === "kubernetes.io/service-account-token" &&
        s.metadata.annotations?.["kubernetes.io/service-account.name"] === sa.metadata.name,
    )
    .map((s) => s.metadata.name ?? "");
  const sections: [string, string[]][] = [
    ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s: Any) => s.name)],
    ["Mountable secrets: ", (sa.secrets ?? []).map((s: Any) => s.name)],
    ["Tokens:            ", tokens],
  ];
  for (const [title, names] of sections) {
    if (names.length === 0) w.write(LEVEL_0, `${title}\t<none>\n`);
    else
      names.forEach((n, i) => {
        w.write(LEVEL_0, `${i === 0 ? title : "                   "}\t${n}\n`);
      });
  }
  events(sa, ctx, w);
  return w.string();
}

/** `kubectl describe priorityclass`. */
export function describePriorityClass(pc: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${Boolean(pc.globalDefault)}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ""}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ""}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  events(pc, ctx, w);
  return w.string();
}

/** `kubectl describe resourcequota`. */
export function describeResourceQuota(rq: KubeObject, _ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rq.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rq.metadata.namespace ?? ""}\n`);
  const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort(compareStrings);
  if (scopes.length > 0) w.write(LEVEL_0, `Scopes:\t${scopes.join(", ")}\n`);
  w.write(LEVEL_0, "Resource\tUsed\tHard\n");
  w.write(LEVEL_0, "--------\t----\t----\n");
  const hard: Record<string, string> = rq.status?.hard ?? {};
  for (const r of Object.keys(hard).sort(compareStrings)) {
    const h = parseQuantity(hard[r]);
    let u = parseQuantity(rq.status?.used?.[r]);
    if (u.format !== h.format) u = { nanos: BigInt(quantityUnits(u)) * 1000000000n, format: h.format };
    w.write(LEVEL_0, `${r}\t${formatQuantity(u)}\t${formatQuantity(h)}\n`);
  }
  return w.string();
}

/** `kubectl describe limitrange`. */
export function describeLimitRange(lr: KubeObject, _ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  for (const item of lr.spec?.limits ?? []) {
    const names = new Set<string>();
    for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"])
      for (const k of Object.keys(item[f] ?? {})) names.add(k);
    for (const k of names) {
      const get = (f: string) =>
        item[f]?.[k] !== undefined ? formatQuantity(parseQuantity(item[f][k])) : "-";
      w.write(
        LEVEL_0,
        `${item.type}\t${k}\t${get("min")}\t${get("max")}\t${get("defaultRequest")}\t${get("default")}\t${get("maxLimitRequestRatio")}\n`,
      );
    }
  }
  return w.string();
}

/** `kubectl describe job`. */
export function describeJob(job: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = job.spec ?? {};
  const st: Any = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", job.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? "<unset>"}\n`);
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined)
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime)
    w.write(
      LEVEL_0,
      `Duration:\t${humanDuration((parseTime(st.completionTime) ?? 0) - (parseTime(st.startTime) ?? 0))}\n`,
    );
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined)
    w.write(
      LEVEL_0,
      `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
    );
  else
    w.write(
      LEVEL_0,
      `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
    );
  if (spec.completionMode === "Indexed")
    w.write(LEVEL_0, `Completed Indexes:\t${st.completedIndexes || "<none>"}\n`);
  describePodTemplate(spec.template, w);
  events(job, ctx, w);
  return w.string();
}

/** `kubectl describe endpoints`. */
export function describeEndpoints(ep: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  header(w, ep);
  w.write(LEVEL_0, "Subsets:\n");
  for (const ss of ep.subsets ?? []) {
    const addrs = (ss.addresses ?? []).map((a: Any) => a.ip).join(",");
    w.write(LEVEL_1, `Addresses:\t${addrs || "<none>"}\n`);
    const notReady = (ss.notReadyAddresses ?? []).map((a: Any) => a.ip).join(",");
    w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(LEVEL_1, "Ports:\n");
      w.write(LEVEL_2, "Name\tPort\tProtocol\n");
      w.write(LEVEL_2, "----\t----\t--------\n");
      for (const p of ss.ports)
        w.write(LEVEL_2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}\n`);
    }
    w.write(LEVEL_0, "\n");
  }
  events(ep, ctx, w);
  return w.string();
}

/** `kubectl describe rolebinding` / `clusterrolebinding`. */
export function describeRoleBinding(b: KubeObject, _ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", b.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", b.metadata.annotations);
  w.write(LEVEL_0, "Role:\n");
  w.write(LEVEL_1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
  w.write(LEVEL_1, `Name:\t${b.roleRef?.name ?? ""}\n`);
  w.write(LEVEL_0, "Subjects:\n");
  w.write(LEVEL_1, "Kind\tName\tNamespace\n");
  w.write(LEVEL_1, "----\t----\t---------\n");
  for (const s of b.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  return w.string();
}

/** `kubectl describe poddisruptionbudget`. */
export function describePodDisruptionBudget(pdb: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = pdb.spec ?? {};
  const st: Any = pdb.status ?? {};
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ""}\n`);
  if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : "<unset>"}\n`);
  w.write(LEVEL_0, "Status:\n");
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
  events(pdb, ctx, w);
  return w.string();
}
