/**
 * Column sets and row cells of printers.go for every kind kubectl get prints, and the generic
 * NAME/AGE table for the rest.
 */

import { accessModesAsString, claimClass, volumeClass } from "../../engine/api/helpers/storage";
import type { KubeObject } from "../../engine/api/types";
import { ADMISSIONREGISTRATION_TABLE_HANDLERS } from "./admissionregistration";
import { API_TABLE_HANDLERS } from "./apis";
import {
  type CellValue,
  compareStrings,
  formatLabelSelector,
  formatLabels,
  labelSelectorString,
  layoutContainerCells,
  printBoolPtr,
  type RowOptions,
} from "./common";
import { humanDuration, parseTime, translateTimestampSince } from "./duration";
import { POD_COLUMNS, POD_WIDE_COLUMNS, podRow } from "./pod";

// biome-ignore lint/suspicious/noExplicitAny: printers read open JSON objects
type Any = any;

/** One kind's table: headers (wide ones only with -o wide) and the cells of a row. */
export interface TableHandler {
  columns: string[];
  wideColumns: string[];
  /** Index of the column whose cell is the object's name (gets `kind/` with --show-kind); -1: none. */
  nameColumn: number;
  /** The same with -o wide, when it differs. */
  wideNameColumn?: number;
  /** Headers when they are not columns (+ wideColumns with -o wide). */
  headers?(wide: boolean): string[];
  /** Cells of one row: columns, then wideColumns when o.wide. */
  row(obj: KubeObject, o: RowOptions): CellValue[];
}

const age = (obj: KubeObject, o: RowOptions) =>
  translateTimestampSince(obj.metadata.creationTimestamp, o.now);
const name = (obj: KubeObject) => obj.metadata.name ?? "";

function containerCells(podSpec: Any, selector: string): CellValue[] {
  const [names, images] = layoutContainerCells(podSpec?.containers);
  return [names, images, selector];
}

function handler(
  columns: string[],
  wideColumns: string[],
  row: (obj: Any, o: RowOptions) => CellValue[],
  wide?: (obj: Any, o: RowOptions) => CellValue[],
  nameColumn = 0,
): TableHandler {
  return {
    columns,
    wideColumns,
    nameColumn,
    row: (obj, o) => (o.wide && wide ? [...row(obj, o), ...wide(obj, o)] : row(obj, o)),
  };
}

/** printNode's STATUS: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled`. */
export function nodeStatus(node: Any): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c: Any) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

/** findNodeRoles: node-role.kubernetes.io/ROLE labels and kubernetes.io/role, sorted. */
export function nodeRoles(node: Any): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v !== "") roles.add(v);
  }
  return [...roles].sort(compareStrings);
}

function nodeAddress(node: Any, type: string): string {
  const a = (node.status?.addresses ?? []).find((x: Any) => x.type === type);
  return a ? a.address : "<none>";
}

function serviceExternalIP(svc: Any, wide: boolean): string {
  const ext: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case "ClusterIP":
    case "NodePort":
      return ext.length > 0 ? ext.join(",") : "<none>";
    case "LoadBalancer": {
      const set = new Set<string>();
      for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
        if (ing.ip) set.add(ing.ip);
        else if (ing.hostname) set.add(ing.hostname);
      }
      let lb = [...set].sort(compareStrings).join(",");
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      if (ext.length > 0) return [...(lb ? lb.split(",") : []), ...ext].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
  }
  return "<unknown>";
}

/** makePortString: `80/TCP,443:30443/TCP`. */
export function servicePorts(ports: Any[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(",");
}

function joinHostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * formatEndpoints: up to three `ip:port`, then ` + N more...`; `<none>` without subsets. With
 * portName (as describe service passes it), only the ports of that name count.
 */
export function formatEndpoints(ep: Any, portName?: string): string {
  const subsets: Any[] = ep?.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: Any[] = ss.addresses ?? [];
    const ports: Any[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && (port.name ?? "") !== portName) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

function intOrString(v: Any): string {
  return v === undefined || v === null ? "N/A" : String(v);
}

function jobStatus(job: Any): string {
  const has = (t: string) =>
    (job.status?.conditions ?? []).some((c: Any) => c.type === t && c.status === "True");
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  if (has("SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

function jobCompletions(job: Any): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec?.completions !== null)
    return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Any, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return "";
  const end = parseTime(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

/** formatResourceName for a controller owner reference: `daemonset.apps/kube-proxy`. */
function controllerName(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!ref) return "<none>";
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${kind.toLowerCase()}/${ref.name}`;
}

function discoveryPorts(ports: Any[] | undefined): string {
  const list: Any[] = ports ?? [];
  if (list.length === 0) return "<unset>";
  const max = 3;
  const out: string[] = [];
  for (const p of list.slice(0, max))
    out.push(p.port === undefined || p.port === null ? "<unset>" : String(p.port));
  const ret = out.join(",");
  return list.length > max ? `${ret} + ${list.length - max} more...` : ret;
}

function discoveryEndpoints(endpoints: Any[] | undefined): string {
  const list: Any[] = endpoints ?? [];
  if (list.length === 0) return "<unset>";
  const max = 3;
  const out: string[] = [];
  let more = false;
  let count = 0;
  for (const e of list) {
    for (const a of e.addresses ?? []) {
      count++;
      if (out.length < max) out.push(a);
      else more = true;
    }
  }
  const ret = out.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

function subjects(obj: Any, kind: string): string {
  const out: string[] = [];
  for (const s of obj.subjects ?? []) {
    if (s.kind !== kind) continue;
    if (kind === "ServiceAccount") out.push(`${s.namespace ?? ""}/${s.name}`);
    else out.push(s.name);
  }
  return out.join(", ");
}

function resourceQuotaColumns(rq: Any): [string, string] {
  const hard: Record<string, string> = rq.status?.hard ?? {};
  const used: Record<string, string> = rq.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const r of Object.keys(hard).sort(compareStrings)) {
    const pieces = r.split(".");
    const text = `${r}: ${used[r] ?? "0"}/${hard[r]}`;
    if (pieces.length > 1 && pieces[0] === "limits") lim.push(text);
    else req.push(text);
  }
  return [req.join(", "), lim.join(", ")];
}

/** extractCSRStatus (printers.go): Denied, else Approved, else Pending; then ,Failed and ,Issued. */
export function csrCondition(csr: Any): string {
  const types = new Set((csr.status?.conditions ?? []).map((c: Any) => c?.type));
  let status = types.has("Denied") ? "Denied" : types.has("Approved") ? "Approved" : "Pending";
  if (types.has("Failed")) status += ",Failed";
  if (csr.status?.certificate) status += ",Issued";
  return status;
}

function createdAt(obj: KubeObject): string {
  const t = parseTime(obj.metadata.creationTimestamp);
  return t === undefined ? "0001-01-01T00:00:00Z" : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The table handlers by kind. */
export const TABLE_HANDLERS: Record<string, TableHandler> = {
  Pod: handler(POD_COLUMNS, POD_WIDE_COLUMNS, (p, o) => podRow(p, o)),
  Node: handler(
    ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    (n, o) => [
      name(n),
      nodeStatus(n),
      nodeRoles(n).join(",") || "<none>",
      age(n, o),
      n.status?.nodeInfo?.kubeletVersion ?? "",
    ],
    (n) => [
      nodeAddress(n, "InternalIP"),
      nodeAddress(n, "ExternalIP"),
      n.status?.nodeInfo?.osImage || "<unknown>",
      n.status?.nodeInfo?.kernelVersion || "<unknown>",
      n.status?.nodeInfo?.containerRuntimeVersion || "<unknown>",
    ],
  ),
  Namespace: handler(["NAME", "STATUS", "AGE"], [], (ns, o) => [
    name(ns),
    ns.status?.phase ?? "",
    age(ns, o),
  ]),
  Deployment: handler(
    ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    ["CONTAINERS", "IMAGES", "SELECTOR"],
    (d, o) => [
      name(d),
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d, o),
    ],
    (d) => containerCells(d.spec?.template?.spec, labelSelectorString(d.spec?.selector)),
  ),
  ReplicaSet: handler(
    ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    ["CONTAINERS", "IMAGES", "SELECTOR"],
    (r, o) => [
      name(r),
      r.spec?.replicas ?? 0,
      r.status?.replicas ?? 0,
      r.status?.readyReplicas ?? 0,
      age(r, o),
    ],
    (r) => containerCells(r.spec?.template?.spec, formatLabelSelector(r.spec?.selector)),
  ),
  DaemonSet: handler(
    ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    ["CONTAINERS", "IMAGES", "SELECTOR"],
    (d, o) => [
      name(d),
      d.status?.desiredNumberScheduled ?? 0,
      d.status?.currentNumberScheduled ?? 0,
      d.status?.numberReady ?? 0,
      d.status?.updatedNumberScheduled ?? 0,
      d.status?.numberAvailable ?? 0,
      formatLabels(d.spec?.template?.spec?.nodeSelector),
      age(d, o),
    ],
    (d) => containerCells(d.spec?.template?.spec, formatLabelSelector(d.spec?.selector)),
  ),
  StatefulSet: handler(
    ["NAME", "READY", "AGE"],
    ["CONTAINERS", "IMAGES"],
    (s, o) => [name(s), `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(s, o)],
    (s) => layoutContainerCells(s.spec?.template?.spec?.containers),
  ),
  Job: handler(
    ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    ["CONTAINERS", "IMAGES", "SELECTOR"],
    (j, o) => [name(j), jobStatus(j), jobCompletions(j), jobDuration(j, o.now), age(j, o)],
    (j) => containerCells(j.spec?.template?.spec, formatLabelSelector(j.spec?.selector)),
  ),
  CronJob: handler(
    ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    ["CONTAINERS", "IMAGES", "SELECTOR"],
    (c, o) => [
      name(c),
      c.spec?.schedule ?? "",
      c.spec?.timeZone ?? "<none>",
      printBoolPtr(c.spec?.suspend),
      (c.status?.active ?? []).length,
      c.status?.lastScheduleTime ? translateTimestampSince(c.status.lastScheduleTime, o.now) : "<none>",
      age(c, o),
    ],
    (c) =>
      containerCells(
        c.spec?.jobTemplate?.spec?.template?.spec,
        formatLabelSelector(c.spec?.jobTemplate?.spec?.selector),
      ),
  ),
  Service: handler(
    ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    ["SELECTOR"],
    (s, o) => [
      name(s),
      s.spec?.type ?? "",
      s.spec?.clusterIP || "<none>",
      serviceExternalIP(s, o.wide),
      servicePorts(s.spec?.ports) || "<none>",
      age(s, o),
    ],
    (s) => [formatLabels(s.spec?.selector)],
  ),
  Endpoints: handler(["NAME", "ENDPOINTS", "AGE"], [], (e, o) => [name(e), formatEndpoints(e), age(e, o)]),
  EndpointSlice: handler(["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], [], (e, o) => [
    name(e),
    e.addressType ?? "",
    discoveryPorts(e.ports),
    discoveryEndpoints(e.endpoints),
    age(e, o),
  ]),
  ConfigMap: handler(["NAME", "DATA", "AGE"], [], (c, o) => [
    name(c),
    Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length,
    age(c, o),
  ]),
  Secret: handler(["NAME", "TYPE", "DATA", "AGE"], [], (s, o) => [
    name(s),
    s.type ?? "",
    Object.keys(s.data ?? {}).length,
    age(s, o),
  ]),
  ServiceAccount: handler(["NAME", "SECRETS", "AGE"], [], (s, o) => [
    name(s),
    (s.secrets ?? []).length,
    age(s, o),
  ]),
  PriorityClass: handler(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"], [], (p, o) => [
    name(p),
    p.value ?? 0,
    Boolean(p.globalDefault),
    age(p, o),
    p.preemptionPolicy ?? "",
  ]),
  ResourceQuota: handler(["NAME", "AGE", "REQUEST", "LIMIT"], [], (r, o) => [
    name(r),
    age(r, o),
    ...resourceQuotaColumns(r),
  ]),
  LimitRange: handler(["NAME", "CREATED AT"], [], (l) => [name(l), createdAt(l)]),
  Lease: handler(["NAME", "HOLDER", "AGE"], [], (l, o) => [name(l), l.spec?.holderIdentity ?? "", age(l, o)]),
  ControllerRevision: handler(["NAME", "CONTROLLER", "REVISION", "AGE"], [], (c, o) => [
    name(c),
    controllerName(c),
    c.revision ?? 0,
    age(c, o),
  ]),
  PodDisruptionBudget: handler(
    ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
    [],
    (p, o) => [
      name(p),
      intOrString(p.spec?.minAvailable),
      intOrString(p.spec?.maxUnavailable),
      p.status?.disruptionsAllowed ?? 0,
      age(p, o),
    ],
  ),
  Role: handler(["NAME", "CREATED AT"], [], (r) => [name(r), createdAt(r)]),
  ClusterRole: handler(["NAME", "CREATED AT"], [], (r) => [name(r), createdAt(r)]),
  CustomResourceDefinition: handler(["NAME", "CREATED AT"], [], (r) => [name(r), createdAt(r)]),
  CertificateSigningRequest: handler(
    ["NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION"],
    [],
    (c, o) => [
      name(c),
      age(c, o),
      c.spec?.signerName || "<none>",
      c.spec?.username ?? "",
      typeof c.spec?.expirationSeconds === "number"
        ? humanDuration(c.spec.expirationSeconds * 1000)
        : "<none>",
      csrCondition(c),
    ],
  ),
  RoleBinding: handler(
    ["NAME", "ROLE", "AGE"],
    ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    (b, o) => [name(b), `${b.roleRef?.kind ?? ""}/${b.roleRef?.name ?? ""}`, age(b, o)],
    (b) => [subjects(b, "User"), subjects(b, "Group"), subjects(b, "ServiceAccount")],
  ),
  ClusterRoleBinding: handler(
    ["NAME", "ROLE", "AGE"],
    ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    (b, o) => [name(b), `${b.roleRef?.kind ?? ""}/${b.roleRef?.name ?? ""}`, age(b, o)],
    (b) => [subjects(b, "User"), subjects(b, "Group"), subjects(b, "ServiceAccount")],
  ),
  PersistentVolume: handler(
    [
      "NAME",
      "CAPACITY",
      "ACCESS MODES",
      "RECLAIM POLICY",
      "STATUS",
      "CLAIM",
      "STORAGECLASS",
      "VOLUMEATTRIBUTESCLASS",
      "REASON",
      "AGE",
    ],
    ["VOLUMEMODE"],
    (p, o) => [
      name(p),
      p.spec?.capacity?.storage ?? "0",
      accessModesAsString(p.spec?.accessModes),
      p.spec?.persistentVolumeReclaimPolicy ?? "",
      p.metadata.deletionTimestamp ? "Terminating" : (p.status?.phase ?? ""),
      p.spec?.claimRef ? `${p.spec.claimRef.namespace ?? ""}/${p.spec.claimRef.name ?? ""}` : "",
      volumeClass(p),
      p.spec?.volumeAttributesClassName ?? "<unset>",
      p.status?.reason ?? "",
      age(p, o),
    ],
    (p) => [p.spec?.volumeMode ?? "<unset>"],
  ),
  PersistentVolumeClaim: handler(
    ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
    ["VOLUMEMODE"],
    (p, o) => {
      const bound = Boolean(p.spec?.volumeName);
      return [
        name(p),
        p.metadata.deletionTimestamp ? "Terminating" : (p.status?.phase ?? ""),
        p.spec?.volumeName ?? "",
        bound ? (p.status?.capacity?.storage ?? "0") : "",
        bound ? accessModesAsString(p.status?.accessModes) : "",
        claimClass(p),
        p.spec?.volumeAttributesClassName || "<unset>",
        age(p, o),
      ];
    },
    (p) => [p.spec?.volumeMode ?? "<unset>"],
  ),
  StorageClass: handler(
    ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
    [],
    (s, o) => [
      s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true"
        ? `${name(s)} (default)`
        : name(s),
      s.provisioner ?? "",
      s.reclaimPolicy ?? "Delete",
      s.volumeBindingMode ?? "Immediate",
      Boolean(s.allowVolumeExpansion),
      age(s, o),
    ],
  ),
  ...API_TABLE_HANDLERS,
  ...ADMISSIONREGISTRATION_TABLE_HANDLERS,
};

/** The NAME/AGE table kubectl shows for kinds without a printer. */
export const GENERIC_HANDLER: TableHandler = handler(["NAME", "AGE"], [], (obj, o) => [
  name(obj),
  age(obj, o),
]);
