/**
 * `kubectl describe` for PersistentVolume, PersistentVolumeClaim and StorageClass (describe.go:
 * describePersistentVolume, describePersistentVolumeClaim, printVolumeNodeAffinity,
 * describeStorageClass).
 */
import { isDefaultClass } from "../../engine/api/helpers/defaultclass";
import { accessModesAsString, claimClass, volumeClass } from "../../engine/api/helpers/storage";
import type { KubeObject } from "../../engine/api/types";
import { formatLabels } from "../printers/common";
import { translateTimestampSince } from "../printers/duration";
import {
  type Any,
  type DescribeContext,
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printBool,
  printLabelsMultiline,
} from "./common";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from "./writer";

/** `%v` of a string slice: `[a b]`. */
function goSlice(values: string[] | undefined): string {
  return `[${(values ?? []).join(" ")}]`;
}

function status(obj: KubeObject, now: number): string {
  const ts = obj.metadata.deletionTimestamp;
  return ts ? `Terminating (lasts ${translateTimestampSince(ts, now)})` : (obj.status?.phase ?? "");
}

function printVolumeNodeAffinity(w: PrefixWriter, affinity: Any): void {
  w.write(LEVEL_0, "Node Affinity:\t");
  if (!affinity?.required) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  w.write(LEVEL_1, "Required Terms:\t");
  const terms: Any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  terms.forEach((term, i) => {
    const reqs: Any[] = term.matchExpressions ?? [];
    w.write(LEVEL_2, `Term ${i}:\t`);
    if (reqs.length === 0) {
      w.writeLine("<none>");
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, "\t");
      let expr = `${req.key} ${String(req.operator ?? "").toLowerCase()}`;
      if ((req.values ?? []).length > 0) expr += ` [${req.values.join(", ")}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

function printSource(w: PrefixWriter, spec: Any): void {
  if (spec?.hostPath) {
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ""}\n    HostPathType:\t${spec.hostPath.type ?? ""}\n`,
    );
  } else if (spec?.local) {
    w.write(
      LEVEL_2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ""}\n`,
    );
  } else if (spec?.nfs) {
    w.write(
      LEVEL_2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ""}\n    Path:\t${spec.nfs.path ?? ""}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`,
    );
  } else if (spec?.csi) {
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver ?? ""}\n    FSType:\t${spec.csi.fsType ?? ""}\n    VolumeHandle:\t${spec.csi.volumeHandle ?? ""}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`,
    );
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}

/** `kubectl describe pv`. */
export function describePersistentVolume(pv: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", pv.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${volumeClass(pv)}\n`);
  w.write(LEVEL_0, `Status:\t${status(pv, ctx.now)}\n`);
  const ref = spec.claimRef;
  w.write(LEVEL_0, `Claim:\t${ref ? `${ref.namespace ?? ""}/${ref.name ?? ""}` : ""}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${spec.capacity?.storage ?? "0"}\n`);
  printVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ""}\n`);
  w.write(LEVEL_0, "Source:\n");
  printSource(w, spec);
  if (ctx.showEvents !== false) describeEvents(eventsFor(pv, ctx.api), w, ctx.now);
  return w.string();
}

/** `kubectl describe pvc`: with the pods that use it (getPodsForPVC). */
export function describePersistentVolumeClaim(pvc: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec: Any = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(LEVEL_0, `Status:\t${status(pvc, ctx.now)}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ""}\n`);
  printLabelsMultiline(w, "Labels", pvc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(LEVEL_0, `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? "0") : ""}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesAsString(pvc.status?.accessModes) : ""}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, "DataSource:\n");
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ""}\n`);
  }
  const users = ctx.api
    .list("Pod", { namespace: pvc.metadata.namespace })
    .filter((p) =>
      (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
    )
    .map((p) => p.metadata.name as string)
    .sort();
  w.write(LEVEL_0, "Used By:\t");
  if (users.length === 0) w.writeLine("<none>");
  else for (const [i, name] of users.entries()) w.write(LEVEL_0, `${i === 0 ? "" : "\t"}${name}\n`);
  if (ctx.showEvents !== false) describeEvents(eventsFor(pvc, ctx.api), w, ctx.now);
  return w.string();
}

/** printAllowedTopologies: each term's label requirements as `key in [v1, v2]`. */
function printAllowedTopologies(w: PrefixWriter, topologies: Any[]): void {
  w.write(LEVEL_0, "AllowedTopologies:\t");
  if (topologies.length === 0) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  topologies.forEach((term, i) => {
    const reqs: Any[] = term.matchLabelExpressions ?? [];
    w.write(LEVEL_1, `Term ${i}:\t`);
    if (reqs.length === 0) {
      w.writeLine("<none>");
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_1, "\t");
      let expr = `${req.key} in`;
      if ((req.values ?? []).length > 0) expr += ` [${req.values.join(", ")}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

/**
 * `kubectl describe storageclass` (describe.go describeStorageClass): whether it is the default,
 * its annotations and parameters as label lists, the expansion flag (`<unset>` when absent).
 */
export function describeStorageClass(sc: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const s = sc as Any;
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? "Yes" : "No"}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${s.provisioner ?? ""}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(s.parameters)}\n`);
  const expansion = s.allowVolumeExpansion;
  w.write(
    LEVEL_0,
    `AllowVolumeExpansion:\t${expansion === undefined || expansion === null ? "<unset>" : printBool(expansion)}\n`,
  );
  const options: string[] = s.mountOptions ?? [];
  if (options.length === 0) w.write(LEVEL_0, "MountOptions:\t<none>\n");
  else {
    w.write(LEVEL_0, "MountOptions:\n");
    for (const o of options) w.write(LEVEL_1, `${o}\n`);
  }
  if (s.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${s.reclaimPolicy}\n`);
  if (s.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${s.volumeBindingMode}\n`);
  if (s.allowedTopologies) printAllowedTopologies(w, s.allowedTopologies);
  if (ctx.showEvents !== false) describeEvents(eventsFor(sc, ctx.api), w, ctx.now);
  return w.string();
}
