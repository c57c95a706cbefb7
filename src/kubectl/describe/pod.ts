/**
 * `kubectl describe pod` (describe.go describePod) and the container, volume and pod-template
 * sections other describers share.
 */
import type { KubeObject } from "../../engine/api/types";
import { compareStrings, formatLabelSelector } from "../printers/common";
import { translateTimestampSince } from "../printers/duration";
import {
  type Any,
  type DescribeContext,
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printBool,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
  rfc1123z,
} from "./common";
import { formatQuantity, parseQuantity } from "./quantity";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from "./writer";

/** qos.GetPodQOS: status.qosClass, else Guaranteed, Burstable or BestEffort from the containers. */
export function podQOS(pod: Any): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers: Any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  for (const c of containers) {
    for (const [k, v] of Object.entries<string>(c.resources?.requests ?? {}))
      if ((k === "cpu" || k === "memory") && parseQuantity(v).nanos !== 0n)
        requests.set(k, parseQuantity(v).nanos);
    const qosLimits = new Set<string>();
    for (const [k, v] of Object.entries<string>(c.resources?.limits ?? {}))
      if ((k === "cpu" || k === "memory") && parseQuantity(v).nanos !== 0n) {
        qosLimits.add(k);
        limits.set(k, parseQuantity(v).nanos);
      }
    if (!qosLimits.has("cpu") || !qosLimits.has("memory")) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const c of containers) {
      for (const k of ["cpu", "memory"]) {
        const r = c.resources?.requests?.[k];
        const l = c.resources?.limits?.[k];
        if (r !== undefined && l !== undefined && parseQuantity(r).nanos !== parseQuantity(l).nanos)
          isGuaranteed = false;
      }
    }
  }
  return isGuaranteed && limits.size === 2 ? "Guaranteed" : "Burstable";
}

function portString(ports: Any[] | undefined, host: boolean): string {
  return (ports ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? "TCP"}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(", ");
}

function describeStatus(stateName: string, state: Any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeResources(resources: Any, w: PrefixWriter, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ["Limits", resources.limits],
    ["Requests", resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${formatQuantity(parseQuantity(list[n]))}\n`);
  }
}

function intOrString(v: Any): string {
  return v === undefined || v === null ? "" : String(v);
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const scheme = String(p.httpGet.scheme ?? "").toLowerCase();
    const port = intOrString(p.httpGet.port);
    const hostText = p.httpGet.host ?? "";
    const host = port ? (hostText.includes(":") ? `[${hostText}]:${port}` : `${hostText}:${port}`) : hostText;
    const path = p.httpGet.path ?? "";
    const url = `${scheme ? `${scheme}:` : ""}${scheme || host ? "//" : ""}${host}${path && !path.startsWith("/") && host ? "/" : ""}${path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnv(c: Any, pod: Any, w: PrefixWriter): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, "Environment Variables from:\n");
    for (const e of c.envFrom) {
      const ref = e.configMapRef ?? e.secretRef ?? {};
      const from = e.configMapRef ? "ConfigMap" : e.secretRef ? "Secret" : "";
      const optional = ref.optional === true;
      if (!e.prefix) w.write(LEVEL_3, `${ref.name ?? ""}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${ref.name ?? ""}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    }
  }
  const env: Any[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? "")
        .split("\n")
        .forEach((s, i) => {
          w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
        });
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const value = pod ? fieldPathValue(pod, vf.fieldRef.fieldPath) : "";
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? "v1"}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      w.write(
        LEVEL_3,
        `${e.name}:\t${resourceFieldValue(c, vf.resourceFieldRef)} (${vf.resourceFieldRef.resource})\n`,
      );
    } else if (vf.secretKeyRef) {
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`,
      );
    } else if (vf.configMapKeyRef) {
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`,
      );
    }
  }
}

function fieldPathValue(pod: Any, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return pod.metadata?.[m[1] as string]?.[m[2] as string] ?? "";
  const direct: Record<string, Any> = {
    "metadata.name": pod.metadata?.name,
    "metadata.namespace": pod.metadata?.namespace,
    "metadata.uid": pod.metadata?.uid,
    "spec.nodeName": pod.spec?.nodeName,
    "spec.serviceAccountName": pod.spec?.serviceAccountName,
    "status.hostIP": pod.status?.hostIP,
    "status.podIP": pod.status?.podIP,
  };
  return String(direct[path] ?? "");
}

function resourceFieldValue(c: Any, ref: Any): string {
  const [kind, name] = String(ref.resource ?? "").split(".");
  const raw = kind === "limits" ? c.resources?.limits?.[name ?? ""] : c.resources?.requests?.[name ?? ""];
  if (raw === undefined)
    return ref.resource === "limits.cpu" || ref.resource === "limits.memory" ? "node allocatable" : "0";
  const q = parseQuantity(raw);
  const divisor = parseQuantity(ref.divisor ?? (name === "cpu" ? "1" : "1"));
  if (divisor.nanos === 0n) return formatQuantity(q);
  const v = (q.nanos + divisor.nanos - 1n) / divisor.nanos;
  return String(v);
}

function describeContainerVolumes(c: Any, w: PrefixWriter): void {
  const mounts: Any[] = [...(c.volumeMounts ?? [])].sort((a, b) => compareStrings(a.mountPath, b.mountPath));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
  const devices: Any[] = [...(c.volumeDevices ?? [])].sort((a, b) =>
    compareStrings(a.devicePath, b.devicePath),
  );
  if (devices.length > 0) {
    w.write(LEVEL_2, "Devices:\n");
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** describeContainers: one section per container, with its status when statuses are given. */
export function describeContainers(
  label: string,
  containers: Any[],
  statuses: Any[] | undefined,
  pod: Any | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map<string, Any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    const ok = status !== undefined;
    w.write(LEVEL_1, `${space ? " " : ""}${c.name}:\n`);
    if (ok) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
    if (ok) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = portString(c.ports, false);
    if (ports.includes(",")) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${ports || "<none>"}\n`);
    const hostPorts = portString(c.ports, true);
    if (hostPorts.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostPorts || "<none>"}\n`);
    if (c.securityContext?.seccompProfile) {
      w.write(LEVEL_2, `SeccompProfile:\t${c.securityContext.seccompProfile.type}\n`);
      if (c.securityContext.seccompProfile.type === "Localhost")
        w.write(LEVEL_3, `LocalhostProfile:\t${c.securityContext.seccompProfile.localhostProfile}\n`);
    }
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, "Command:\n");
      for (const s of c.command) for (const line of String(s).split("\n")) w.write(LEVEL_3, `${line}\n`);
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, "Args:\n");
      for (const s of c.args) for (const line of String(s).split("\n")) w.write(LEVEL_3, `${line}\n`);
    }
    if (ok) {
      describeStatus("State", status.state, w);
      if (status.lastState?.terminated) describeStatus("Last State", status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, pod, w);
    describeContainerVolumes(c, w);
  }
}

/** describeVolumes. */
export function describeVolumes(volumes: Any[] | undefined, w: PrefixWriter, space: string): void {
  const list = volumes ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(LEVEL_1, `${space ? " " : ""}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        LEVEL_2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ""}\n`,
      );
    } else if (v.emptyDir) {
      const size =
        v.emptyDir.sizeLimit && parseQuantity(v.emptyDir.sizeLimit).nanos > 0n
          ? v.emptyDir.sizeLimit
          : "<unset>";
      w.write(
        LEVEL_2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${size}\n`,
      );
    } else if (v.secret) {
      w.write(
        LEVEL_2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.configMap) {
      w.write(
        LEVEL_2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(
            LEVEL_2,
            `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${optionalText(s.secret.optional)}\n`,
          );
        else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
        else if (s.configMap)
          w.write(
            LEVEL_2,
            `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${optionalText(s.configMap.optional)}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else {
      w.write(LEVEL_1, "<unknown>\n");
    }
  }
}

function optionalText(v: boolean | undefined): string {
  return v === undefined || v === null ? "<nil>" : String(v);
}

function describeTopologySpreadConstraints(tscs: Any[] | undefined, w: PrefixWriter, space: string): void {
  const list = [...(tscs ?? [])];
  if (list.length === 0) return;
  list.sort((a, b) => compareStrings(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** DescribePodTemplate: the `Pod Template:` section of workload describers. */
export function describePodTemplate(template: Any, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, "  Annotations", template.metadata.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers("Init Containers", spec.initContainers, undefined, undefined, w, "  ");
  describeContainers("Containers", spec.containers ?? [], undefined, undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}

/** `kubectl describe pod`. */
export function describePod(pod: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ""}\n`);
  if (spec.priority !== undefined && spec.priority !== null)
    w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, "Node:\t<none>\n");
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, "Labels", pod.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    w.write(
      LEVEL_0,
      `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, ctx.now)})\n`,
    );
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ""}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  if (spec.securityContext?.seccompProfile) {
    w.write(LEVEL_0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
    if (spec.securityContext.seccompProfile.type === "Localhost")
      w.write(LEVEL_0, `LocalhostProfile:\t${spec.securityContext.seccompProfile.localhostProfile}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
  const ips: Any[] = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, "IPs:\t<none>\n");
  else {
    w.write(LEVEL_0, "IPs:\n");
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers("Init Containers", spec.initContainers, status.initContainerStatuses, pod, w, "");
  describeContainers("Containers", spec.containers ?? [], status.containerStatuses, pod, w, "");
  if ((spec.ephemeralContainers ?? []).length > 0)
    describeContainers(
      "Ephemeral Containers",
      spec.ephemeralContainers,
      status.ephemeralContainerStatuses,
      pod,
      w,
      "",
    );
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : "<none>"} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, "");
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "Tolerations", spec.tolerations);
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "");
  if (ctx.showEvents !== false) describeEvents(eventsFor(pod, ctx.api), w, ctx.now);
  return w.string();
}
