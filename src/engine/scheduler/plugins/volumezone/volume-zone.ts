/**
 * VolumeZone: a pod using a bound PersistentVolume labelled with a zone or region runs only on
 * nodes in it (volumezone/volume_zone.go). Pods without such volumes skip it.
 */
import type { CycleState, StateData } from "../../framework/cycle-state";
import type { FilterPlugin, Handle, PreFilterPlugin, PreFilterResult } from "../../framework/interface";
import { asStatus, Code, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { VolumeZone as NAME } from "../names";
import { claimClass, notFound, VolumeListers } from "../volumebinding/claims";

/** The node is outside the zones of the pod's volumes (ErrReasonConflict). */
export const ErrReasonConflict = "node(s) had no available volume zone";

/** The topology labels a PV may carry, in upstream's order (topologyLabels). */
export const topologyLabels = [
  "failure-domain.beta.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region",
  "topology.kubernetes.io/zone",
  "topology.kubernetes.io/region",
];

/** Separates the zones of a multi-zone label value (LabelMultiZoneDelimiter). */
const MultiZoneDelimiter = "__";

interface PVTopology {
  pvName: string;
  key: string;
  values: Set<string>;
}

const stateKey = `PreFilter${NAME}`;

class State implements StateData {
  constructor(readonly topologies: PVTopology[]) {}
  clone(): State {
    return this;
  }
}

/** The plugin. */
export class VolumeZonePlugin implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  private readonly listers: VolumeListers;

  constructor(handle: Handle) {
    this.listers = new VolumeListers(handle);
  }

  private topologiesOf(pod: PodInfo): { topologies?: PVTopology[]; status?: Status } {
    const out: PVTopology[] = [];
    for (const v of pod.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      if (!name)
        return { status: newStatus(Code.UnschedulableAndUnresolvable, "PersistentVolumeClaim had no name") };
      const pvc = this.listers.pvc(pod.namespace, name);
      if (!pvc)
        return {
          status: newStatus(Code.UnschedulableAndUnresolvable, notFound("persistentvolumeclaim", name)),
        };
      const pvName = pvc.spec?.volumeName;
      if (!pvName) {
        const scName = claimClass(pvc);
        if (!scName)
          return {
            status: newStatus(
              Code.UnschedulableAndUnresolvable,
              "PersistentVolumeClaim had no pv name and storageClass name",
            ),
          };
        const sc = this.listers.storageClass(scName);
        if (!sc)
          return {
            status: newStatus(
              Code.UnschedulableAndUnresolvable,
              notFound("storageclass.storage.k8s.io", scName),
            ),
          };
        if (!sc.volumeBindingMode)
          return {
            status: newStatus(
              Code.UnschedulableAndUnresolvable,
              `VolumeBindingMode not set for StorageClass "${scName}"`,
            ),
          };
        if (sc.volumeBindingMode === "WaitForFirstConsumer") continue;
        return { status: newStatus(Code.UnschedulableAndUnresolvable, "PersistentVolume had no name") };
      }
      const pv = this.listers.pv(pvName);
      if (!pv)
        return { status: newStatus(Code.UnschedulableAndUnresolvable, notFound("persistentvolume", pvName)) };
      const labels = pv.metadata.labels ?? {};
      for (const key of topologyLabels) {
        const val = labels[key];
        if (val === undefined) continue;
        out.push({ pvName, key, values: new Set(val.split(MultiZoneDelimiter)) });
      }
    }
    return { topologies: out };
  }

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: MaybeStatus } {
    const { topologies, status } = this.topologiesOf(pod);
    if (status) return { status };
    if (!topologies?.length) return { status: newStatus(Code.Skip) };
    state.write(stateKey, new State(topologies));
    return {};
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.read<State>(stateKey);
    if (!s) return asStatus(`error reading "${stateKey}" from cycleState: not found`);
    const labels = nodeInfo.node?.metadata.labels ?? {};
    // A node without any topology label is not constrained (hasAnyNodeConstraint).
    if (!topologyLabels.some((k) => k in labels)) return undefined;
    for (const t of s.topologies) {
      // A beta label on the volume also matches the node's GA label (translateToGALabel).
      const v =
        labels[t.key] ??
        labels[t.key.replace("failure-domain.beta.kubernetes.io/", "topology.kubernetes.io/")];
      if (v === undefined || !t.values.has(v))
        return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonConflict);
    }
    return undefined;
  }
}
