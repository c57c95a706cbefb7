/**
 * The scheduler's cache (backend/cache): NodeInfo per node, kept up to date from Node and Pod
 * watches, plus the pods the scheduler assumed (bound a moment ago) so they count at once. Pods
 * with a deletionTimestamp keep counting until they are removed; terminal pods do not count.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { Node, Pod } from "../../api/kinds";
import { labelsEqual, matchesLabelSelector } from "../../api/selectors";
import type { AntiAffinityGroup, NodeInfoLister } from "../framework/interface";
import {
  type AffinityTerm,
  NodeColumns,
  NodeInfo,
  newPodInfo,
  normalizedImageName,
  type PodInfo,
  selectorSignature,
} from "../framework/types";

/** Whether a pod's phase is terminal (the scheduler's informer drops those). */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** At most this many spread counters are kept at once. */
const MAX_SPREAD_COUNTERS = 64;

/** Matching pods by topology value, for one namespace, selector, key and required keys. */
interface SpreadCounter {
  namespace: string;
  selector: LabelSelector;
  topologyKey: string;
  requiredKeys: string[];
  includeTerminating: boolean;
  counts: Map<string | undefined, number>;
}

const signatures = new WeakMap<AffinityTerm, string>();

/** What makes two affinity terms match the same pods in the same domains. */
export function termSignature(t: AffinityTerm): string {
  let s = signatures.get(t);
  if (s === undefined) {
    s = JSON.stringify([
      t.topologyKey,
      t.selector ?? null,
      [...t.namespaces].sort(),
      t.namespaceSelector ?? null,
    ]);
    signatures.set(t, s);
  }
  return s;
}

/** Node infos and assumed pods. */
export class Cache implements NodeInfoLister {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Nodes with a Node object, in the order they were added (the round-robin order). */
  private nodeList: NodeInfo[] = [];
  private listDirty = false;
  /** "namespace/name" → node name, for every pod counted. */
  private readonly podNode = new Map<string, string>();
  private readonly withAntiAffinity = new Set<NodeInfo>();
  private readonly withAffinity = new Set<NodeInfo>();
  /** Normalized image → number of nodes that have it. */
  private readonly imageCounts = new Map<string, number>();
  /** Namespace → label key → value → node → how many of its pods carry that label. */
  private readonly podLabelNodes = new Map<string, Map<string, Map<string, Map<NodeInfo, number>>>>();
  /** Bumped when a node comes, goes or changes its labels (topology-keyed aggregates rebuild). */
  private get nodeEpoch(): number {
    return this.columns.epoch;
  }
  /** Existing pods' required anti-affinity terms, grouped, counted by topology value. */
  private antiGroups: Map<string, AntiAffinityGroup> | undefined;
  private antiGroupsEpoch = -1;
  /** Spread counters by namespace, then by their key; all dropped when nodeEpoch moves. */
  private readonly spread = new Map<string, Map<string, SpreadCounter>>();
  private spreadEpoch = 0;
  private spreadSize = 0;
  /** Topology domains by constraint keys, valid for one nodeEpoch. */
  private readonly domains = new Map<string, { epoch: number; value: Map<string, number>[] }>();

  /** The nodes' hot fields side by side, at each node's place in list() (its slot). */
  readonly columns = new NodeColumns();

  list(): NodeInfo[] {
    if (this.listDirty) {
      this.nodeList = this.nodeList.filter((n) => n.node !== undefined && this.nodes.get(n.name) === n);
      this.listDirty = false;
      this.columns.resize(this.nodeList.length);
      for (let slot = 0; slot < this.nodeList.length; slot++)
        this.attach(this.nodeList[slot] as NodeInfo, slot);
    }
    return this.nodeList;
  }

  /** Puts a node at a slot of the columns; it writes through from now on. */
  private attach(info: NodeInfo, slot: number): void {
    info.columns = this.columns;
    info.slot = slot;
    this.columns.write(slot, info);
  }

  get(name: string): NodeInfo | undefined {
    const n = this.nodes.get(name);
    return n?.node ? n : undefined;
  }

  havePodsWithRequiredAntiAffinity(): Iterable<NodeInfo> {
    return this.withAntiAffinity;
  }

  havePodsWithAffinity(): Iterable<NodeInfo> {
    return this.withAffinity;
  }

  imageNodeCount(image: string): number {
    return this.imageCounts.get(image) ?? 0;
  }

  nodesWithPodLabel(
    namespace: string,
    key: string,
    value: string,
  ): ReadonlyMap<NodeInfo, number> | undefined {
    return this.podLabelNodes.get(namespace)?.get(key)?.get(value);
  }

  topologyDomains(keys: readonly string[]): Map<string, number>[] {
    const k = keys.join("\u0000");
    const hit = this.domains.get(k);
    if (hit && hit.epoch === this.nodeEpoch) return hit.value;
    const value = keys.map(() => new Map<string, number>());
    for (const ni of this.list()) {
      const labels = ni.labels();
      if (!keys.every((key) => key in labels)) continue;
      keys.forEach((key, i) => {
        const m = value[i] as Map<string, number>;
        const v = labels[key] as string;
        m.set(v, (m.get(v) ?? 0) + 1);
      });
    }
    this.domains.set(k, { epoch: this.nodeEpoch, value });
    return value;
  }

  slotDomains(key: string): { ids: Int32Array; values: string[] } {
    const hit = this.slotDomainsByKey.get(key);
    if (hit && hit.epoch === this.nodeEpoch) return hit;
    const list = this.list();
    const ids = new Int32Array(list.length);
    const values: string[] = [];
    const index = new Map<string, number>();
    for (let slot = 0; slot < list.length; slot++) {
      const v = (list[slot] as NodeInfo).labels()[key];
      if (v === undefined) {
        ids[slot] = -1;
        continue;
      }
      let id = index.get(v);
      if (id === undefined) {
        id = values.length;
        values.push(v);
        index.set(v, id);
      }
      ids[slot] = id;
    }
    const value = { epoch: this.nodeEpoch, ids, values };
    this.slotDomainsByKey.set(key, value);
    return value;
  }
  private readonly slotDomainsByKey = new Map<string, { epoch: number; ids: Int32Array; values: string[] }>();

  spreadCounts(
    namespace: string,
    selector: LabelSelector,
    topologyKey: string,
    requiredKeys: readonly string[],
    includeTerminating = false,
  ): ReadonlyMap<string | undefined, number> {
    if (this.spreadEpoch !== this.nodeEpoch) {
      this.spread.clear();
      this.spreadSize = 0;
      this.spreadEpoch = this.nodeEpoch;
    }
    const key = `${includeTerminating}\u0000${selectorSignature(selector)}\u0000${topologyKey}\u0000${requiredKeys.join("\u0000")}`;
    let byKey = this.spread.get(namespace);
    const hit = byKey?.get(key);
    if (hit) return hit.counts;
    // Few distinct selectors matter at a time; past the cap, start afresh rather than slow every pod event.
    if (this.spreadSize >= MAX_SPREAD_COUNTERS) {
      this.spread.clear();
      this.spreadSize = 0;
      byKey = undefined;
    }
    const c: SpreadCounter = {
      namespace,
      selector,
      topologyKey,
      requiredKeys: [...requiredKeys],
      includeTerminating,
      counts: new Map(),
    };
    for (const ni of this.list()) this.spreadCount(c, ni, undefined, 1);
    if (!byKey) {
      byKey = new Map();
      this.spread.set(namespace, byKey);
    }
    byKey.set(key, c);
    this.spreadSize++;
    return c.counts;
  }

  /** Adds (sign 1) or removes (-1) one pod's, or with p undefined all of ni's pods', contribution to c. */
  private spreadCount(c: SpreadCounter, ni: NodeInfo, p: PodInfo | undefined, sign: number): void {
    if (!ni.node) return;
    const labels = ni.labels();
    for (const k of c.requiredKeys) if (!(k in labels)) return;
    let n: number;
    if (p) {
      if (!c.includeTerminating && p.pod.metadata.deletionTimestamp) return;
      if (!matchesLabelSelector(c.selector, p.labels)) return;
      n = sign;
    } else n = ni.countMatching(c.namespace, c.selector, c.includeTerminating);
    const v = labels[c.topologyKey];
    c.counts.set(v, (c.counts.get(v) ?? 0) + n);
  }

  antiAffinityGroups(): Iterable<AntiAffinityGroup> {
    if (!this.antiGroups || this.antiGroupsEpoch !== this.nodeEpoch) {
      this.antiGroups = new Map();
      this.antiGroupsEpoch = this.nodeEpoch;
      for (const ni of this.withAntiAffinity)
        for (const p of ni.podsWithRequiredAntiAffinity) this.countAnti(ni, p, 1);
    }
    return this.antiGroups.values();
  }

  private countAnti(ni: NodeInfo, p: PodInfo, sign: number): void {
    const groups = this.antiGroups;
    if (!groups || !ni.node) return;
    const labels = ni.labels();
    for (const t of p.requiredAntiAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v === undefined) continue;
      const sig = termSignature(t);
      let g = groups.get(sig);
      if (!g) {
        if (sign < 0) continue;
        g = { term: t, counts: new Map() };
        groups.set(sig, g);
      }
      const n = (g.counts.get(v) ?? 0) + sign;
      if (n > 0) g.counts.set(v, n);
      else g.counts.delete(v);
      if (g.counts.size === 0) groups.delete(sig);
    }
  }

  /** Adds (sign 1) or removes (-1) a pod counted on ni from the cluster-wide aggregates. */
  private aggregate(ni: NodeInfo, p: PodInfo, sign: number): void {
    if (this.spreadEpoch === this.nodeEpoch) {
      const counters = this.spread.get(p.namespace);
      if (counters) for (const c of counters.values()) this.spreadCount(c, ni, p, sign);
    }
    if (p.requiredAntiAffinityTerms.length > 0 && this.antiGroupsEpoch === this.nodeEpoch)
      this.countAnti(ni, p, sign);
    let byKey = this.podLabelNodes.get(p.namespace);
    if (!byKey) {
      byKey = new Map();
      this.podLabelNodes.set(p.namespace, byKey);
    }
    for (const k in p.labels) {
      const v = p.labels[k] as string;
      let byValue = byKey.get(k);
      if (!byValue) {
        byValue = new Map();
        byKey.set(k, byValue);
      }
      let nodes = byValue.get(v);
      if (!nodes) {
        if (sign < 0) continue;
        nodes = new Map();
        byValue.set(v, nodes);
      }
      const n = (nodes.get(ni) ?? 0) + sign;
      if (n > 0) nodes.set(ni, n);
      else {
        nodes.delete(ni);
        if (nodes.size === 0) byValue.delete(v);
      }
    }
  }

  /** Adds or replaces a Node. */
  upsertNode(node: Node): void {
    const name = node.metadata.name as string;
    let info = this.nodes.get(name);
    if (info?.node) this.countImages(info, -1);
    if (!info) {
      info = new NodeInfo(name);
      this.nodes.set(name, info);
    }
    const isNew = info.node === undefined;
    // Drop removed nodes from the list first (while this one still has no Node), so a node
    // removed and added again is listed once.
    const slot = isNew ? this.list().length : info.slot;
    if (isNew || !labelsEqual(info.node?.metadata.labels, node.metadata.labels)) this.columns.epoch++;
    if (!isNew) this.countFlags(info, -1);
    info.setNode(node);
    this.countFlags(info, 1);
    this.countImages(info, 1);
    if (isNew) {
      this.nodeList.push(info);
      this.columns.resize(slot + 1);
      this.attach(info, slot);
    }
  }

  /** Removes a Node; its pods stay counted on a placeholder until they go too. */
  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    if (info.node) {
      this.countImages(info, -1);
      this.countFlags(info, -1);
    }
    info.node = undefined;
    info.columns = undefined;
    info.slot = -1;
    this.columns.epoch++;
    this.listDirty = true;
    if (info.pods.size === 0) this.nodes.delete(name);
  }

  /** Cordoned nodes and nodes with NoSchedule/NoExecute taints, among those with a Node. */
  private readonly flagCounts = { unschedulable: 0, hardTaints: 0, softTaints: 0 };

  private countFlags(info: NodeInfo, sign: number): void {
    if (info.unschedulable) this.flagCounts.unschedulable += sign;
    if (info.hardTaints) this.flagCounts.hardTaints += sign;
    if (info.softTaints) this.flagCounts.softTaints += sign;
  }

  nodeFlagCounts(): { unschedulable: number; hardTaints: number; softTaints: number } {
    return this.flagCounts;
  }

  private countImages(info: NodeInfo, sign: number): void {
    for (const img of info.imageSizes.keys()) {
      const n = (this.imageCounts.get(img) ?? 0) + sign;
      if (n > 0) this.imageCounts.set(img, n);
      else this.imageCounts.delete(img);
    }
  }

  /** Counts a pod on its node (an assumed pod, or one seen bound). Returns its PodInfo. */
  addPod(pod: Pod, nodeName = pod.spec?.nodeName as string, scheduled?: PodInfo): PodInfo {
    // The scheduler passes the PodInfo it scheduled with: nothing in it depends on spec.nodeName.
    const p = scheduled ? { ...scheduled, pod } : newPodInfo(pod);
    const prev = this.podNode.get(p.key);
    if (prev !== undefined && prev !== nodeName) this.removePod(p.key);
    let info = this.nodes.get(nodeName);
    if (!info) {
      info = new NodeInfo(nodeName);
      this.nodes.set(nodeName, info);
    }
    const old = info.pods.get(p.key);
    if (old) this.aggregate(info, old, -1);
    info.addPod(p);
    this.aggregate(info, p, 1);
    this.podNode.set(p.key, nodeName);
    this.track(info);
    return p;
  }

  /**
   * The API now shows a pod the scheduler assumed on the same node: keep its PodInfo, only
   * point it at the stored object. Returns false when the pod is not assumed there.
   */
  confirmPod(pod: Pod): boolean {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined || nodeName !== pod.spec?.nodeName) return false;
    const p = this.nodes.get(nodeName)?.pods.get(key);
    if (!p || p.uid !== pod.metadata.uid) return false;
    p.pod = pod;
    return true;
  }

  /** Stops counting a pod. */
  removePod(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.podNode.delete(key);
    const info = this.nodes.get(nodeName);
    if (!info) return;
    const p = info.pods.get(key);
    if (p) this.aggregate(info, p, -1);
    info.removePod(key);
    this.track(info);
    if (!info.node && info.pods.size === 0) this.nodes.delete(nodeName);
  }

  /** Whether a pod is counted. */
  hasPod(key: string): boolean {
    return this.podNode.has(key);
  }

  private track(info: NodeInfo): void {
    if (info.podsWithRequiredAntiAffinity.size > 0) this.withAntiAffinity.add(info);
    else this.withAntiAffinity.delete(info);
    if (info.podsWithScoringAffinity.size > 0) this.withAffinity.add(info);
    else this.withAffinity.delete(info);
  }

  /** Images of a node, normalized (for tests). */
  static images(node: Node): string[] {
    return (node.status?.images ?? []).flatMap((i) => (i.names ?? []).map(normalizedImageName));
  }
}
