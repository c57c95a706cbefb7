/**
 * NodeVolumeLimits: a node takes at most as many CSI volumes of a driver as it reports attachable
 * (`attachable-volumes-csi-<driver>` in allocatable); nodes that report no limit take any number
 * (nodevolumelimits/csi.go). Pods without claims or ephemeral volumes skip it.
 */
import type { KubeObject } from "../../../api/types";
import type { CycleState } from "../../framework/cycle-state";
import type { FilterPlugin, Handle, PreFilterPlugin, PreFilterResult } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { value } from "../../util/quantity";
import { NodeVolumeLimits as NAME } from "../names";
import { claimClass, claimNameOf, notFound, VolumeListers } from "../volumebinding/claims";

/** The node has no room for the pod's volumes (ErrReasonMaxVolumeCountExceeded). */
export const ErrReasonMaxVolumeCountExceeded = "node(s) exceed max volume count";
/** The allocatable prefix of CSI attach limits (CSIAttachLimitPrefix). */
export const CSIAttachLimitPrefix = "attachable-volumes-csi-";

/** The plugin. */
export class CSILimitsPlugin implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  private readonly listers: VolumeListers;

  constructor(handle: Handle) {
    this.listers = new VolumeListers(handle);
  }

  preFilter(_state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: MaybeStatus } {
    for (const v of pod.pod.spec?.volumes ?? []) if (v.persistentVolumeClaim || v.ephemeral) return {};
    return { status: newStatus(Code.Skip) };
  }

  /** The pod's CSI volumes as driver → volume keys; an error text when a new pod's claim is missing. */
  private attachable(pod: PodInfo, newPod: boolean, out: Map<string, Set<string>>): string | undefined {
    for (const v of pod.pod.spec?.volumes ?? []) {
      const ref = claimNameOf(pod.pod.metadata.name as string, v);
      if (!ref) continue;
      const pvc = this.listers.pvc(pod.namespace, ref.name);
      if (!pvc) {
        if (newPod)
          return `looking up PVC ${pod.namespace}/${ref.name}: ${notFound("persistentvolumeclaim", ref.name)}`;
        continue;
      }
      const id = this.volumeId(pvc);
      if (!id) continue;
      let set = out.get(id.driver);
      if (!set) {
        set = new Set();
        out.set(id.driver, set);
      }
      set.add(id.handle);
    }
    return undefined;
  }

  private volumeId(pvc: KubeObject): { driver: string; handle: string } | undefined {
    const pvName = pvc.spec?.volumeName;
    if (pvName) {
      const csi = this.listers.pv(pvName)?.spec?.csi;
      return csi?.driver ? { driver: csi.driver, handle: csi.volumeHandle ?? pvName } : undefined;
    }
    const sc = this.listers.storageClass(claimClass(pvc));
    if (!sc?.provisioner) return undefined;
    return { driver: sc.provisioner, handle: `${pvc.metadata.namespace}/${pvc.metadata.name}` };
  }

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (!(pod.pod.spec?.volumes ?? []).length) return undefined;
    const limits = new Map<string, number>();
    for (const [k, q] of Object.entries(nodeInfo.node?.status?.allocatable ?? {}))
      if (k.startsWith(CSIAttachLimitPrefix))
        limits.set(k.slice(CSIAttachLimitPrefix.length), value(q as string));
    const wanted = new Map<string, Set<string>>();
    const err = this.attachable(pod, true, wanted);
    if (err) return newStatus(Code.UnschedulableAndUnresolvable, err);
    if (wanted.size === 0 || limits.size === 0) return undefined;
    const attached = new Map<string, Set<string>>();
    for (const p of nodeInfo.pods.values()) this.attachable(p, false, attached);
    for (const [driver, handles] of wanted) {
      const limit = limits.get(driver);
      if (limit === undefined) continue;
      const have = attached.get(driver) ?? new Set<string>();
      let n = have.size;
      for (const h of handles) if (!have.has(h)) n++;
      if (n > limit) return newStatus(Code.Unschedulable, ErrReasonMaxVolumeCountExceeded);
    }
    return undefined;
  }
}
