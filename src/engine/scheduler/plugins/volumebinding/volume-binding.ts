/**
 * VolumeBinding: a pod's PersistentVolumeClaims must exist and be bound, or be bindable on the
 * node (volumebinding/volume_binding.go, binder.go). Pods without claims skip it. At PreBind a
 * delayed-binding claim gets the volume chosen on the node (its claimRef, for the PV controller
 * to finish the binding), or the selected-node annotation that asks for provisioning.
 */
import { matchNodeSelector } from "../../../api/helpers/nodeaffinity";
import { findMatchingVolume } from "../../../api/helpers/storage";
import type { Node } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  Handle,
  PreBindPlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/interface";
import { asStatus, Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { VolumeBinding as NAME } from "../names";
import { AnnBindCompleted, claimClass, claimNameOf, NoProvisioner, notFound, VolumeListers } from "./claims";

/** The annotations binder.go writes: on a volume it binds, on a claim it wants provisioned. */
const AnnBoundByController = "pv.kubernetes.io/bound-by-controller";
const AnnSelectedNode = "volume.kubernetes.io/selected-node";

import { volumeBindingEvents } from "./volume-binding-hints";

/** Some claims are bound to PVs whose node affinity excludes the node (ErrReasonNodeConflict). */
export const ErrReasonNodeConflict = "node(s) had volume node affinity conflict";
/** No PV fits an unbound claim and none can be provisioned (ErrReasonBindConflict). */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
/** A claim is bound to a PV that does not exist (ErrReasonPVNotExist). */
export const ErrReasonPVNotExist =
  "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
/** PreFilter's rejection of a pod with an unbound claim of immediate binding mode. */
export const ErrUnboundImmediate = "pod has unbound immediate PersistentVolumeClaims";

const stateKey = `PreFilter${NAME}`;

class State implements StateData {
  /** PreBind's API updates were made: later PreBind calls only check the bindings. */
  bindingIssued = false;
  /** The volume PreBind chose for each claim, or undefined when the claim is to be provisioned. */
  chosen: (KubeObject | undefined)[] = [];

  constructor(
    readonly boundClaims: KubeObject[],
    readonly unboundDelayBinding: KubeObject[],
    /** The volume each bound claim names (undefined when it is gone), looked up once per cycle. */
    readonly boundVolumes: (KubeObject | undefined)[] = [],
    /** Every PersistentVolume, listed once per cycle when a claim waits for binding. */
    readonly volumes: KubeObject[] = [],
  ) {}
  clone(): State {
    return this;
  }
}

/** The error text of podHasPVCs for the pod's first troubled claim, or whether it has claims. */
export function podHasPVCs(listers: VolumeListers, pod: PodInfo): { hasPVC: boolean; err?: string } {
  let hasPVC = false;
  for (const vol of pod.pod.spec?.volumes ?? []) {
    const ref = claimNameOf(pod.pod.metadata.name as string, vol);
    if (!ref) continue;
    hasPVC = true;
    const pvc = listers.pvc(pod.namespace, ref.name);
    if (!pvc) {
      if (ref.ephemeral)
        return {
          hasPVC,
          err: `waiting for ephemeral volume controller to create the persistentvolumeclaim "${ref.name}"`,
        };
      return { hasPVC, err: notFound("persistentvolumeclaim", ref.name) };
    }
    if (pvc.status?.phase === "Lost")
      return {
        hasPVC,
        err: `persistentvolumeclaim "${ref.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ""}"`,
      };
    if (pvc.metadata.deletionTimestamp)
      return { hasPVC, err: `persistentvolumeclaim "${ref.name}" is being deleted` };
    if (ref.ephemeral) {
      const owner = (pvc.metadata.ownerReferences ?? []).find((o) => o.controller);
      if (owner?.uid !== pod.uid)
        return {
          hasPVC,
          err: `PVC ${pod.namespace}/${ref.name} was not created for pod ${pod.namespace}/${pod.pod.metadata.name} (pod is not owner)`,
        };
    }
  }
  return { hasPVC };
}

/** Whether a StorageClass binds its claims when a pod uses them (IsDelayBindingMode). */
function isDelayBinding(listers: VolumeListers, pvc: KubeObject): { delay: boolean; err?: string } {
  const name = claimClass(pvc);
  if (!name) return { delay: false };
  const sc = listers.storageClass(name);
  if (!sc) return { delay: false };
  if (!sc.volumeBindingMode)
    return { delay: false, err: `VolumeBindingMode not set for StorageClass "${name}"` };
  return { delay: sc.volumeBindingMode === "WaitForFirstConsumer" };
}

function pvMatchesNode(pv: KubeObject, node: Node | undefined): boolean {
  const req = pv.spec?.nodeAffinity?.required;
  if (!req) return true;
  if (!node) return false;
  return matchNodeSelector(req, node);
}

/** The plugin. */
export class VolumeBindingPlugin
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, PreBindPlugin
{
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return volumeBindingEvents();
  }
  private readonly listers: VolumeListers;

  constructor(private readonly handle: Handle) {
    this.listers = new VolumeListers(handle);
  }

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: MaybeStatus } {
    const { hasPVC, err } = podHasPVCs(this.listers, pod);
    if (err) return { status: newStatus(Code.UnschedulableAndUnresolvable, err) };
    if (!hasPVC) {
      state.write(stateKey, new State([], []));
      return { status: newStatus(Code.Skip) };
    }
    const bound: KubeObject[] = [];
    const delay: KubeObject[] = [];
    const immediate: KubeObject[] = [];
    for (const vol of pod.pod.spec?.volumes ?? []) {
      const ref = claimNameOf(pod.pod.metadata.name as string, vol);
      if (!ref) continue;
      const pvc = this.listers.pvc(pod.namespace, ref.name) as KubeObject;
      if (pvc.spec?.volumeName && pvc.metadata.annotations?.[AnnBindCompleted] !== undefined) {
        bound.push(pvc);
        continue;
      }
      const mode = isDelayBinding(this.listers, pvc);
      if (mode.err) return { status: asStatus(mode.err) };
      // Prebound claims (volumeName set, binding not completed) count as immediate.
      if (mode.delay && !pvc.spec?.volumeName) delay.push(pvc);
      else immediate.push(pvc);
    }
    if (immediate.length > 0)
      return { status: newStatus(Code.UnschedulableAndUnresolvable, ErrUnboundImmediate) };
    // Filter asks of every node about the same volumes: look them up once.
    const boundVolumes = bound.map((pvc) => this.listers.pv(pvc.spec?.volumeName as string));
    state.write(stateKey, new State(bound, delay, boundVolumes, delay.length > 0 ? this.listers.pvs() : []));
    return {};
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.read<State>(stateKey);
    if (!s) return asStatus(`error reading "${stateKey}" from cycleState: not found`);
    const node = nodeInfo.node;
    const reasons: string[] = [];
    for (const pv of s.boundVolumes) {
      if (!pv) {
        reasons.push(ErrReasonPVNotExist);
        break;
      }
      if (!pvMatchesNode(pv, node)) {
        reasons.push(ErrReasonNodeConflict);
        break;
      }
    }
    if (s.unboundDelayBinding.length > 0) {
      const pvs = s.volumes;
      const taken = new Set<string>();
      for (const pvc of s.unboundDelayBinding) {
        // findMatchingVolumes: FindMatchingVolume on the node, the volumes chosen so far excluded.
        const pv = findMatchingVolume(pvc, pvs, true, node, taken);
        if (pv) {
          taken.add(pv.metadata.name as string);
          continue;
        }
        if (!this.canProvision(pvc, node)) {
          reasons.push(ErrReasonBindConflict);
          break;
        }
      }
    }
    if (reasons.length === 0) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, ...reasons);
  }

  /** Scoring by volume capacity needs the VolumeCapacityPriority gate, off in v1.32: always Skip. */
  preScore(): MaybeStatus {
    return newStatus(Code.Skip);
  }

  score(): number {
    return 0;
  }

  /**
   * BindPodVolumes: each unbound delayed-binding claim gets the smallest fitting volume on the
   * node (GetBindVolumeToClaim: claimRef and bound-by-controller) or, when none fits and its class
   * provisions, the selected-node annotation. The PV controller then binds the claims.
   */
  preBind(state: CycleState, _pod: PodInfo, nodeName: string): MaybeStatus {
    const s = state.read<State>(stateKey);
    if (!s || s.unboundDelayBinding.length === 0) return undefined;
    if (!s.bindingIssued) {
      const err = this.bindAPIUpdate(s, nodeName);
      if (err) return err;
      s.bindingIssued = true;
    }
    return this.checkBindings(s, nodeName);
  }

  /** bindAPIUpdate: the chosen volumes' claimRefs, the selected-node annotation on the rest. */
  private bindAPIUpdate(s: State, nodeName: string): MaybeStatus {
    const api = this.handle.cluster.api;
    const node = api.get("Node", undefined, nodeName) as Node | undefined;
    const taken = new Set<string>();
    s.chosen = [];
    for (const pvc of s.unboundDelayBinding) {
      const pv = node ? findMatchingVolume(pvc, this.listers.pvs(), true, node, taken) : undefined;
      s.chosen.push(pv);
      try {
        if (pv) {
          taken.add(pv.metadata.name as string);
          api.update(
            {
              ...pv,
              metadata: {
                ...pv.metadata,
                annotations: { ...(pv.metadata.annotations ?? {}), [AnnBoundByController]: "yes" },
              },
              spec: {
                ...pv.spec,
                claimRef: {
                  kind: "PersistentVolumeClaim",
                  namespace: pvc.metadata.namespace,
                  name: pvc.metadata.name,
                  uid: pvc.metadata.uid,
                  apiVersion: "v1",
                  resourceVersion: pvc.metadata.resourceVersion,
                },
              },
            },
            { fieldManager: "kube-scheduler" },
          );
        } else {
          api.update(
            {
              ...pvc,
              metadata: {
                ...pvc.metadata,
                annotations: { ...(pvc.metadata.annotations ?? {}), [AnnSelectedNode]: nodeName },
              },
            },
            { fieldManager: "kube-scheduler" },
          );
        }
      } catch (e) {
        return asStatus(`binding volumes: ${(e as Error).message}`);
      }
    }
    return undefined;
  }

  /**
   * checkBindings (binder.go): Success once every claim is fully bound (volumeName and
   * bind-completed), Wait while some are not, an error when a binding was undone (a volume's
   * claimRef reset, a provisioner that gave the node back by removing selected-node).
   */
  private checkBindings(s: State, nodeName: string): MaybeStatus {
    const api = this.handle.cluster.api;
    let done = true;
    for (let i = 0; i < s.unboundDelayBinding.length; i++) {
      const want = s.unboundDelayBinding[i] as KubeObject;
      const ns = want.metadata.namespace as string;
      const name = want.metadata.name as string;
      const pvc = api.get("PersistentVolumeClaim", ns, name);
      if (!pvc || pvc.metadata.uid !== want.metadata.uid)
        return asStatus(
          `binding volumes: failed to get pvc "${ns}/${name}": persistentvolumeclaim "${name}" not found`,
        );
      const chosen = s.chosen[i];
      if (chosen) {
        const pv = api.get("PersistentVolume", undefined, chosen.metadata.name as string);
        if (!pv?.spec?.claimRef?.uid)
          return asStatus(`binding volumes: ClaimRef got reset for pv "${chosen.metadata.name}"`);
      } else {
        const selected = pvc.metadata.annotations?.[AnnSelectedNode];
        if (selected === undefined && !pvc.metadata.annotations)
          return asStatus(`binding volumes: selectedNode annotation reset for PVC "${name}"`);
        if (selected !== nodeName) return asStatus(`binding volumes: provisioning failed for PVC "${name}"`);
        if (pvc.spec?.volumeName) {
          const pv = api.get("PersistentVolume", undefined, pvc.spec.volumeName);
          const node = api.get("Node", undefined, nodeName) as Node | undefined;
          if (!pv) {
            done = false;
            continue;
          }
          if (!pvMatchesNode(pv, node))
            return asStatus(
              `binding volumes: pv "${pv.metadata.name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`,
            );
        }
      }
      if (!pvc.spec?.volumeName || pvc.metadata.annotations?.[AnnBindCompleted] === undefined) done = false;
    }
    return done ? undefined : newStatus(Code.Wait, "waiting for the pod's volumes to bind");
  }

  /** Whether the claim's class can provision a volume reachable from the node (checkVolumeProvisions). */
  private canProvision(pvc: KubeObject, node: Node | undefined): boolean {
    const sc = this.listers.storageClass(claimClass(pvc));
    if (!sc?.provisioner || sc.provisioner === NoProvisioner) return false;
    const topologies = sc.allowedTopologies as {
      matchLabelExpressions?: { key: string; values: string[] }[];
    }[];
    if (!topologies?.length) return true;
    if (!node) return false;
    const labels = node.metadata.labels ?? {};
    return topologies.some((t) =>
      (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] as string)),
    );
  }
}
