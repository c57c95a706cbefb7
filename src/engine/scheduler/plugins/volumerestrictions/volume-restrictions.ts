/**
 * VolumeRestrictions: a ReadWriteOncePod claim may be used by one pod only, and some in-tree disks
 * (GCE PD, AWS EBS, RBD, iSCSI) may not be mounted twice on a node
 * (volumerestrictions/volume_restrictions.go).
 */
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
} from "../../framework/interface";
import { asStatus, Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { VolumeRestrictions as NAME } from "../names";
import { notFound, VolumeListers } from "../volumebinding/claims";
import { volumeRestrictionsEvents } from "./volume-restrictions-hints";

/** Two pods would mount the same disk on the node (ErrReasonDiskConflict). */
export const ErrReasonDiskConflict = "node(s) had no available disk";
/** A ReadWriteOncePod claim is already in use (ErrReasonReadWriteOncePodConflict). */
export const ErrReasonReadWriteOncePodConflict =
  "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

const stateKey = `PreFilter${NAME}`;

class State implements StateData {
  constructor(
    /** The pod's ReadWriteOncePod claims, as namespace/name. */
    readonly rwopClaims: Set<string>,
    /** How many pods in the cluster use one of them. */
    public conflictingPVCRefCount: number,
  ) {}
  clone(): State {
    return new State(this.rwopClaims, this.conflictingPVCRefCount);
  }
  /** How many of the pod's claims are the scheduled pod's ReadWriteOncePod claims. */
  refsOf(p: PodInfo): number {
    let n = 0;
    for (const v of p.pod.spec?.volumes ?? [])
      if (
        v.persistentVolumeClaim &&
        this.rwopClaims.has(`${p.namespace}/${v.persistentVolumeClaim.claimName}`)
      )
        n++;
    return n;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a core/v1 Volume
type Volume = any;

/** Whether the volume is a disk kind with mount restrictions (needsRestrictionsCheck). */
export function needsRestrictionsCheck(v: Volume): boolean {
  return Boolean(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

function haveOverlap(a: string[] = [], b: string[] = []): boolean {
  return a.some((x) => b.includes(x));
}

/** Whether two volumes are the same restricted disk (isVolumeConflict). */
export function isVolumeConflict(v: Volume, pod: PodInfo): boolean {
  for (const e of pod.pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && e.gcePersistentDisk) {
      const d = v.gcePersistentDisk;
      const x = e.gcePersistentDisk;
      if (d.pdName === x.pdName && !(d.readOnly && x.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && e.awsElasticBlockStore) {
      if (v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
    }
    if (v.iscsi && e.iscsi) {
      const d = v.iscsi;
      const x = e.iscsi;
      if (d.iqn === x.iqn && !(d.readOnly && x.readOnly)) return true;
    }
    if (v.rbd && e.rbd) {
      const d = v.rbd;
      const x = e.rbd;
      if (
        haveOverlap(d.monitors, x.monitors) &&
        d.pool === x.pool &&
        d.image === x.image &&
        !(d.readOnly && x.readOnly)
      )
        return true;
    }
  }
  return false;
}

/** The plugin. */
export class VolumeRestrictionsPlugin implements PreFilterPlugin, FilterPlugin, PreFilterExtensions {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return volumeRestrictionsEvents();
  }
  private readonly listers: VolumeListers;

  constructor(private readonly handle: Handle) {
    this.listers = new VolumeListers(handle);
  }

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: MaybeStatus } {
    const volumes = pod.pod.spec?.volumes ?? [];
    const needsCheck = volumes.some(needsRestrictionsCheck);
    const rwop = new Set<string>();
    for (const v of volumes) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const pvc = this.listers.pvc(pod.namespace, name);
      if (!pvc)
        return {
          status: newStatus(Code.UnschedulableAndUnresolvable, notFound("persistentvolumeclaim", name)),
        };
      if ((pvc.spec?.accessModes ?? []).includes("ReadWriteOncePod")) rwop.add(`${pod.namespace}/${name}`);
    }
    const s = new State(rwop, 0);
    if (rwop.size > 0)
      for (const ni of this.handle.snapshot.list())
        for (const p of ni.pods.values()) if (p.uid !== pod.uid) s.conflictingPVCRefCount += s.refsOf(p);
    if (!needsCheck && s.conflictingPVCRefCount === 0) return { status: newStatus(Code.Skip) };
    state.write(stateKey, s);
    return {};
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _pod: PodInfo, toAdd: PodInfo): MaybeStatus {
    const s = state.read<State>(stateKey);
    if (!s) return asStatus(`error reading "${stateKey}" from cycleState: not found`);
    s.conflictingPVCRefCount += s.refsOf(toAdd);
    return undefined;
  }

  removePod(state: CycleState, _pod: PodInfo, toRemove: PodInfo): MaybeStatus {
    const s = state.read<State>(stateKey);
    if (!s) return asStatus(`error reading "${stateKey}" from cycleState: not found`);
    s.conflictingPVCRefCount -= s.refsOf(toRemove);
    return undefined;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const v of pod.pod.spec?.volumes ?? []) {
      if (!needsRestrictionsCheck(v)) continue;
      for (const e of nodeInfo.pods.values())
        if (isVolumeConflict(v, e)) return newStatus(Code.Unschedulable, ErrReasonDiskConflict);
    }
    const s = state.read<State>(stateKey);
    if (!s) return asStatus(`error reading "${stateKey}" from cycleState: not found`);
    if (s.conflictingPVCRefCount > 0) return newStatus(Code.Unschedulable, ErrReasonReadWriteOncePodConflict);
    return undefined;
  }
}
