/**
 * The scheduler's view of pods and nodes (framework/types.go): PodInfo caches what plugins read
 * from a pod (requests, ports, affinity terms); NodeInfo keeps a node's aggregates (requested
 * resources, pods, host ports, images) up to date incrementally as pods come and go.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { Node, Pod } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { milliValue, value } from "../util/quantity";

/** The cpu request assumed for scoring a container that has none (DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** The memory request assumed for scoring a container that has none (DefaultMemoryRequest). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
/** The highest score a Score plugin may give (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** Amounts of compute resources (framework.Resource). cpu in millicores, the rest in units. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources and hugepages, by name. */
  scalar: Map<string, number>;
}

/** An empty Resource. */
export function newResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

/** A Resource from a ResourceList (node allocatable, container requests). */
export function resourceFromList(list: Record<string, string | number> | undefined): Resource {
  const r = newResource();
  if (!list) return r;
  for (const [name, q] of Object.entries(list)) addQuantity(r, name, q, 1);
  return r;
}

function addQuantity(r: Resource, name: string, q: string | number, sign: number): void {
  switch (name) {
    case "cpu":
      r.milliCPU += sign * milliValue(q);
      break;
    case "memory":
      r.memory += sign * value(q);
      break;
    case "ephemeral-storage":
      r.ephemeralStorage += sign * value(q);
      break;
    case "pods":
      r.allowedPodNumber += sign * value(q);
      break;
    default:
      r.scalar.set(name, (r.scalar.get(name) ?? 0) + sign * value(q));
  }
}

function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  into.allowedPodNumber += sign * r.allowedPodNumber;
  for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
}

function maxResource(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

// biome-ignore lint/suspicious/noExplicitAny: container shapes are open JSON
type AnyContainer = any;

function containerRequests(c: AnyContainer, nonZero: boolean): Resource {
  // Requests default to limits (the API server's defaulting); tolerate objects stored without it.
  const list = { ...(c?.resources?.limits ?? {}), ...(c?.resources?.requests ?? {}) };
  const r = resourceFromList(list);
  if (nonZero) {
    if (list.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (list.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * A pod's effective requests (resourcehelper.PodRequests): the sum of its containers, raised to
 * the largest init container (plus the sidecars started before it), sidecars
 * (restartPolicy: Always init containers) added, plus spec.overhead. With nonZero, containers
 * without a cpu or memory request count the scheduler's defaults (used for scoring).
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const reqs = newResource();
  for (const c of pod.spec?.containers ?? []) addResource(reqs, containerRequests(c, nonZero));
  const sidecars = newResource();
  const initMax = newResource();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === "Always") {
      addResource(reqs, r);
      addResource(sidecars, r);
      maxResource(initMax, sidecars);
    } else {
      const tmp = newResource();
      addResource(tmp, r);
      addResource(tmp, sidecars);
      maxResource(initMax, tmp);
    }
  }
  maxResource(reqs, initMax);
  if (pod.spec?.overhead) addResource(reqs, resourceFromList(pod.spec.overhead as Record<string, string>));
  return reqs;
}

/** One pod (anti-)affinity term with its namespaces resolved (framework.AffinityTerm). */
export interface AffinityTerm {
  namespaces: Set<string>;
  selector: LabelSelector | undefined;
  topologyKey: string;
  /** Namespaces whose labels match also count; undefined matches none, {} every namespace. */
  namespaceSelector: LabelSelector | undefined;
}

/** A preferred term with its weight (framework.WeightedAffinityTerm). */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** Whether term selects pod (AffinityTerm.Matches). nsLabels are the labels of pod's namespace. */
export function termMatches(
  term: AffinityTerm,
  pod: PodInfo,
  nsLabels: Record<string, string> | undefined,
): boolean {
  if (
    term.namespaces.has(pod.namespace) ||
    (term.namespaceSelector !== undefined && matchesLabelSelector(term.namespaceSelector, nsLabels))
  )
    return matchesLabelSelector(term.selector, pod.labels);
  return false;
}

// biome-ignore lint/suspicious/noExplicitAny: PodAffinityTerm from JSON
function toTerm(pod: Pod, t: any): AffinityTerm {
  const namespaces = new Set<string>(t.namespaces ?? []);
  const nsSel = t.namespaceSelector ?? undefined;
  if (namespaces.size === 0 && nsSel === undefined) namespaces.add(pod.metadata.namespace ?? "default");
  // matchLabelKeys / mismatchLabelKeys merge into the selector (beta, on by default in v1.32).
  let selector: LabelSelector | undefined = t.labelSelector ?? undefined;
  const labels = pod.metadata.labels ?? {};
  if (selector && (t.matchLabelKeys?.length || t.mismatchLabelKeys?.length)) {
    const exprs = [...(selector.matchExpressions ?? [])];
    for (const k of t.matchLabelKeys ?? [])
      if (k in labels) exprs.push({ key: k, operator: "In", values: [labels[k] as string] });
    for (const k of t.mismatchLabelKeys ?? [])
      if (k in labels) exprs.push({ key: k, operator: "NotIn", values: [labels[k] as string] });
    selector = { ...selector, matchExpressions: exprs };
  }
  return { namespaces, selector, topologyKey: t.topologyKey ?? "", namespaceSelector: nsSel };
}

/** A host port a pod asks for. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** What the scheduler keeps of a pod (framework.PodInfo plus cached requests). */
export interface PodInfo {
  pod: Pod;
  /** "namespace/name". */
  key: string;
  uid: string;
  namespace: string;
  labels: Record<string, string>;
  priority: number;
  requests: Resource;
  nonZeroCPU: number;
  nonZeroMemory: number;
  ports: HostPort[];
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /**
   * What NodeInfo's add and remove look at, as PodFlags bits in one small integer: they run
   * for every pod bound and for each victim of a preemption dry run, and reading one number
   * beats fetching four term lists, the scalar requests and the ports from memory.
   */
  flags: number;
}

/** Bits of PodInfo.flags. */
export const PodFlags = {
  /** Any affinity or anti-affinity term. */
  Affinity: 1,
  /** Required anti-affinity terms. */
  RequiredAntiAffinity: 2,
  /** Terms that score other pods: required affinity, preferred affinity or anti-affinity. */
  ScoringAffinity: 4,
  /** Requests of extended (scalar) resources. */
  Scalar: 8,
  /** Host ports. */
  Ports: 16,
} as const;

/** The flags of a PodInfo from its fields. */
function podFlags(p: Omit<PodInfo, "flags">): number {
  let f = 0;
  if (
    p.requiredAffinityTerms.length > 0 ||
    p.requiredAntiAffinityTerms.length > 0 ||
    p.preferredAffinityTerms.length > 0 ||
    p.preferredAntiAffinityTerms.length > 0
  )
    f |= PodFlags.Affinity;
  if (p.requiredAntiAffinityTerms.length > 0) f |= PodFlags.RequiredAntiAffinity;
  if (
    p.requiredAffinityTerms.length > 0 ||
    p.preferredAffinityTerms.length > 0 ||
    p.preferredAntiAffinityTerms.length > 0
  )
    f |= PodFlags.ScoringAffinity;
  if (p.requests.scalar.size > 0) f |= PodFlags.Scalar;
  if (p.ports.length > 0) f |= PodFlags.Ports;
  return f;
}

/** A pod's priority (spec.priority, 0 when unset). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** Builds the PodInfo of a pod. */
export function newPodInfo(pod: Pod): PodInfo {
  const requests = podRequests(pod);
  const nz = podRequests(pod, true);
  const ports: HostPort[] = [];
  // Only spec.containers' host ports count in v1.32 (nodeports getContainerPorts, updateUsedPorts).
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if ((p.hostPort ?? 0) > 0)
        ports.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol || "TCP", port: p.hostPort as number });
  const aff = pod.spec?.affinity;
  const pa = aff?.podAffinity;
  const paa = aff?.podAntiAffinity;
  const info = {
    pod,
    key: `${pod.metadata.namespace}/${pod.metadata.name}`,
    uid: pod.metadata.uid ?? "",
    namespace: pod.metadata.namespace ?? "default",
    labels: pod.metadata.labels ?? {},
    priority: podPriority(pod),
    requests,
    nonZeroCPU: nz.milliCPU,
    nonZeroMemory: nz.memory,
    ports,
    requiredAffinityTerms: (pa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      toTerm(pod, t),
    ),
    requiredAntiAffinityTerms: (paa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      toTerm(pod, t),
    ),
    preferredAffinityTerms: (pa?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...toTerm(pod, w.podAffinityTerm),
      weight: w.weight,
    })),
    preferredAntiAffinityTerms: (paa?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...toTerm(pod, w.podAffinityTerm),
      weight: w.weight,
    })),
    flags: 0,
  };
  info.flags = podFlags(info);
  return info;
}

/** The normalized image name (ImageLocality): a tag-less name gets ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

/** Pods by namespace, then label key, then label value. */
type LabelIndex = Map<string, Map<string, Map<string, Set<PodInfo>>>>;

function indexPod(idx: LabelIndex, p: PodInfo, sign: number): void {
  let byKey = idx.get(p.namespace);
  if (!byKey) {
    if (sign < 0) return;
    byKey = new Map();
    idx.set(p.namespace, byKey);
  }
  for (const k in p.labels) {
    const v = p.labels[k] as string;
    let byValue = byKey.get(k);
    if (!byValue) {
      if (sign < 0) continue;
      byValue = new Map();
      byKey.set(k, byValue);
    }
    let set = byValue.get(v);
    if (sign > 0) {
      if (!set) {
        set = new Set();
        byValue.set(v, set);
      }
      set.add(p);
    } else if (set) {
      set.delete(p);
      if (set.size === 0) byValue.delete(v);
    }
  }
}

/**
 * A label key=value every pod a selector matches must carry (a matchLabels entry, or an In
 * expression with one value), to look candidates up in an index; undefined when there is none.
 */
export function selectorAnchor(selector: LabelSelector | undefined): [string, string] | undefined {
  if (!selector) return undefined;
  const hit = anchors.get(selector);
  if (hit !== undefined) return hit === null ? undefined : hit;
  let out: [string, string] | undefined;
  for (const k in selector.matchLabels ?? {}) {
    out = [k, (selector.matchLabels as Record<string, string>)[k] as string];
    break;
  }
  if (!out)
    for (const r of selector.matchExpressions ?? [])
      if (r.operator === "In" && r.values?.length === 1) {
        out = [r.key, r.values[0] as string];
        break;
      }
  anchors.set(selector, out ?? null);
  return out;
}

const anchors = new WeakMap<LabelSelector, [string, string] | null>();

const selectorSignatures = new WeakMap<LabelSelector, string>();

/** countMatching's cache key by selector object, for the namespace and mode it was made for. */
const countKeys = new WeakMap<
  LabelSelector,
  { namespace: string; includeTerminating: boolean; key: string }
>();

/** A string equal for equal selectors (a cache key). */
export function selectorSignature(selector: LabelSelector): string {
  let key = selectorSignatures.get(selector);
  if (key === undefined) {
    key = JSON.stringify(selector);
    selectorSignatures.set(selector, key);
  }
  return key;
}

/**
 * The fields the filters and scores read for every node, for every node of the cache side by side: one
 * typed array per field, indexed by the node's slot (its place in the round-robin list). The
 * scheduler's loops over hundreds of nodes read these contiguous numbers instead of fetching each
 * NodeInfo, and the boxed doubles it points to, from memory. A NodeInfo in the cache writes its
 * fields through on every change; a NodeInfo outside it (a copy, a test's) has no slot.
 */
export class NodeColumns {
  /** Slots in use: the nodes are at 0..size-1. */
  size = 0;
  /** Bumped when a node comes, goes or changes its labels (what is kept per slot may be stale). */
  epoch = 0;
  /** The node's name at each slot. */
  readonly names: string[] = [];
  /** The NodeInfo at each slot. */
  readonly infos: NodeInfo[] = [];
  numPods = new Float64Array(0);
  allocPods = new Float64Array(0);
  allocCPU = new Float64Array(0);
  allocMem = new Float64Array(0);
  allocEph = new Float64Array(0);
  reqCPU = new Float64Array(0);
  reqMem = new Float64Array(0);
  reqEph = new Float64Array(0);
  nzCPU = new Float64Array(0);
  nzMem = new Float64Array(0);
  /** 1 where the node is cordoned, or has a NoSchedule or NoExecute taint. */
  unschedulable = new Uint8Array(0);
  hardTaints = new Uint8Array(0);

  /** Makes room for slots 0..size-1 (growing by doubling) and sets size. */
  resize(size: number): void {
    if (size > this.numPods.length) {
      const cap = Math.max(size, 2 * this.numPods.length, 64);
      const grow = (a: Float64Array) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      };
      this.numPods = grow(this.numPods);
      this.allocPods = grow(this.allocPods);
      this.allocCPU = grow(this.allocCPU);
      this.allocMem = grow(this.allocMem);
      this.allocEph = grow(this.allocEph);
      this.reqCPU = grow(this.reqCPU);
      this.reqMem = grow(this.reqMem);
      this.reqEph = grow(this.reqEph);
      this.nzCPU = grow(this.nzCPU);
      this.nzMem = grow(this.nzMem);
      const flags = (a: Uint8Array) => {
        const b = new Uint8Array(cap);
        b.set(a);
        return b;
      };
      this.unschedulable = flags(this.unschedulable);
      this.hardTaints = flags(this.hardTaints);
    }
    this.size = size;
    this.names.length = size;
    this.infos.length = size;
  }

  /** Copies a NodeInfo's fields into its slot. */
  write(slot: number, ni: NodeInfo): void {
    this.names[slot] = ni.name;
    this.infos[slot] = ni;
    this.numPods[slot] = ni.numPods;
    this.allocPods[slot] = ni.allocPods;
    this.allocCPU[slot] = ni.allocCPU;
    this.allocMem[slot] = ni.allocMem;
    this.allocEph[slot] = ni.allocEph;
    this.reqCPU[slot] = ni.reqCPU;
    this.reqMem[slot] = ni.reqMem;
    this.reqEph[slot] = ni.reqEph;
    this.nzCPU[slot] = ni.nzCPU;
    this.nzMem[slot] = ni.nzMem;
    this.unschedulable[slot] = ni.unschedulable ? 1 : 0;
    this.hardTaints[slot] = ni.hardTaints ? 1 : 0;
  }
}

/**
 * For a filter's quick test (FilterPlugin.passingNodes): clears ok[i] for each of count nodes
 * from slot start on whose flag column (unschedulable, hardTaints) is set.
 */
export function clearFlagged(
  flag: Uint8Array,
  columns: NodeColumns,
  start: number,
  count: number,
  ok: Uint8Array,
): void {
  const size = columns.size;
  let slot = start;
  for (let j = 0; j < count; j++, slot++) {
    if (slot === size) slot = 0;
    if (flag[slot] === 1) ok[j] = 0;
  }
}

/** Aggregated information about one node (framework.NodeInfo), kept incrementally. */
export class NodeInfo {
  // Copies of what filters and scores read for every node, kept in step by setNode, addPod,
  // removePod and clone: the common case then reads this one object, not five (the scheduler
  // walks hundreds of nodes per pod, and the cost is in fetching them from memory). Declared
  // first, so they sit in the object itself, near its header.
  /** node.spec.unschedulable. */
  unschedulable = false;
  /** Whether the node has a NoSchedule or NoExecute taint. */
  hardTaints = false;
  /** Whether the node has a PreferNoSchedule taint. */
  softTaints = false;
  /** pods.size. */
  numPods = 0;
  /** allocatable's cpu (milli), memory, ephemeral storage and pods. */
  allocCPU = 0;
  allocMem = 0;
  allocEph = 0;
  allocPods = 0;
  /** requested's cpu (milli), memory and ephemeral storage. */
  reqCPU = 0;
  reqMem = 0;
  reqEph = 0;
  /** nonZeroRequested's cpu and memory. */
  nzCPU = 0;
  nzMem = 0;
  /** imageSizes.size. */
  numImages = 0;
  /** The cache's columns this node writes through to, at slot; undefined outside the cache. */
  columns: NodeColumns | undefined = undefined;
  slot = -1;

  node: Node | undefined;
  name: string;
  readonly pods = new Map<string, PodInfo>();
  /** Pods with any affinity or anti-affinity (InterPodAffinity's scoring walks only these). */
  readonly podsWithAffinity = new Set<PodInfo>();
  /** Pods with required anti-affinity (the symmetry check walks only these). */
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  requested: Resource = newResource();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource = newResource();
  /** "protocol/port" → host IP → count. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Normalized image name → size in bytes, from node.status.images. */
  imageSizes = new Map<string, number>();
  /** Bumped on every change (explanations and caches compare it). */
  generation = 0;
  /** Cached results by query key, valid while generation is unchanged. */
  private readonly memos = new Map<string, { generation: number; value: unknown }>();
  /** Pods whose affinity can change other pods' scores (required affinity or preferred terms). */
  readonly podsWithScoringAffinity = new Set<PodInfo>();
  /** Pods by namespace, label key and value: built on first use, then kept up to date. */
  private labelIndex: LabelIndex | undefined;

  constructor(name: string, node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
  }

  /** Sets or replaces the Node object. */
  setNode(node: Node): void {
    this.node = node;
    this.allocatable = resourceFromList(node.status?.allocatable as Record<string, string> | undefined);
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? [])
      for (const n of img.names ?? []) images.set(normalizedImageName(n), img.sizeBytes ?? 0);
    this.imageSizes = images;
    this.numImages = images.size;
    this.unschedulable = Boolean(node.spec?.unschedulable);
    this.hardTaints = false;
    this.softTaints = false;
    for (const t of node.spec?.taints ?? []) {
      if (t.effect === "PreferNoSchedule") this.softTaints = true;
      else if (t.effect === "NoSchedule" || t.effect === "NoExecute") this.hardTaints = true;
    }
    const a = this.allocatable;
    this.allocCPU = a.milliCPU;
    this.allocMem = a.memory;
    this.allocEph = a.ephemeralStorage;
    this.allocPods = a.allowedPodNumber;
    this.columns?.write(this.slot, this);
    this.generation++;
  }

  /** Adds a pod's requests, ports and affinity to the aggregates. */
  addPod(p: PodInfo): void {
    const old = this.pods.get(p.key);
    if (old) this.removePod(old.key);
    this.pods.set(p.key, p);
    this.update(p, 1);
  }

  /** Removes a pod by "namespace/name"; returns whether it was there. */
  removePod(key: string): boolean {
    const p = this.pods.get(key);
    if (!p) return false;
    this.pods.delete(key);
    this.update(p, -1);
    return true;
  }

  private update(p: PodInfo, sign: number): void {
    const into = this.requested;
    const r = p.requests;
    into.milliCPU += sign * r.milliCPU;
    into.memory += sign * r.memory;
    into.ephemeralStorage += sign * r.ephemeralStorage;
    into.allowedPodNumber += sign * r.allowedPodNumber;
    const flags = p.flags;
    if (flags & PodFlags.Scalar)
      for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
    this.nonZeroRequested.milliCPU += sign * p.nonZeroCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    this.reqCPU = into.milliCPU;
    this.reqMem = into.memory;
    this.reqEph = into.ephemeralStorage;
    this.nzCPU = this.nonZeroRequested.milliCPU;
    this.nzMem = this.nonZeroRequested.memory;
    this.numPods = this.pods.size;
    this.columns?.write(this.slot, this);
    if (flags & PodFlags.Ports)
      for (const hp of p.ports) {
        const k = `${hp.protocol}/${hp.port}`;
        let ips = this.usedPorts.get(k);
        if (!ips) {
          ips = new Map();
          this.usedPorts.set(k, ips);
        }
        const n = (ips.get(hp.ip) ?? 0) + sign;
        if (n > 0) ips.set(hp.ip, n);
        else ips.delete(hp.ip);
        if (ips.size === 0) this.usedPorts.delete(k);
      }
    if (sign > 0) {
      if (flags & PodFlags.Affinity) this.podsWithAffinity.add(p);
      if (flags & PodFlags.RequiredAntiAffinity) this.podsWithRequiredAntiAffinity.add(p);
      if (flags & PodFlags.ScoringAffinity) this.podsWithScoringAffinity.add(p);
    } else if (this.podsWithAffinity.size > 0) {
      this.podsWithScoringAffinity.delete(p);
      this.podsWithAffinity.delete(p);
      this.podsWithRequiredAntiAffinity.delete(p);
    }
    if (this.labelIndex) indexPod(this.labelIndex, p, sign);
    this.generation++;
  }

  /**
   * How many of the node's pods in namespace match selector, terminating ones left out (what
   * PodTopologySpread counts), cached until the node's pods change: scoring asks it of hundreds
   * of nodes per pod. Candidates come from the label index when the selector has a key=value.
   */
  countMatching(namespace: string, selector: LabelSelector, includeTerminating = false): number {
    if (this.pods.size === 0) return 0;
    // The key is made once per selector object (building and hashing it per call costs more
    // than the count it saves).
    let k = countKeys.get(selector);
    if (k === undefined || k.namespace !== namespace || k.includeTerminating !== includeTerminating) {
      const key = `pts\u0000${includeTerminating}\u0000${namespace}\u0000${selectorSignature(selector)}`;
      k = { namespace, includeTerminating, key };
      countKeys.set(selector, k);
    }
    return this.memo(k.key, () => {
      const match = (p: PodInfo) =>
        (includeTerminating || !p.pod.metadata.deletionTimestamp) && matchesLabelSelector(selector, p.labels);
      const anchor = selectorAnchor(selector);
      let n = 0;
      if (anchor) {
        for (const p of this.podsWithLabel(namespace, anchor[0], anchor[1]) ?? []) if (match(p)) n++;
      } else for (const p of this.pods.values()) if (p.namespace === namespace && match(p)) n++;
      return n;
    });
  }

  /** The node's pods in namespace with label key=value (terminating ones included), or undefined. */
  podsWithLabel(namespace: string, key: string, value: string): ReadonlySet<PodInfo> | undefined {
    let idx = this.labelIndex;
    if (!idx) {
      idx = new Map();
      for (const p of this.pods.values()) indexPod(idx, p, 1);
      this.labelIndex = idx;
    }
    return idx.get(namespace)?.get(key)?.get(value);
  }

  /** Whether a host port is taken (HostPortInfo.CheckConflict): 0.0.0.0 conflicts with any IP. */
  portConflict(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === "0.0.0.0") return ips.size > 0;
    return ips.has(hp.ip) || ips.has("0.0.0.0");
  }

  /** A copy whose pods can be removed and re-added (preemption's dry run); aggregates are copied, not recomputed. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.allocatable = this.allocatable;
    c.imageSizes = this.imageSizes;
    for (const [k, p] of this.pods) c.pods.set(k, p);
    for (const p of this.podsWithAffinity) c.podsWithAffinity.add(p);
    for (const p of this.podsWithRequiredAntiAffinity) c.podsWithRequiredAntiAffinity.add(p);
    for (const p of this.podsWithScoringAffinity) c.podsWithScoringAffinity.add(p);
    // Same-shaped objects as newResource() makes, so the hot paths stay monomorphic.
    const r = this.requested;
    const req = c.requested;
    req.milliCPU = r.milliCPU;
    req.memory = r.memory;
    req.ephemeralStorage = r.ephemeralStorage;
    req.allowedPodNumber = r.allowedPodNumber;
    for (const [k, v] of r.scalar) req.scalar.set(k, v);
    c.nonZeroRequested.milliCPU = this.nonZeroRequested.milliCPU;
    c.nonZeroRequested.memory = this.nonZeroRequested.memory;
    c.unschedulable = this.unschedulable;
    c.hardTaints = this.hardTaints;
    c.softTaints = this.softTaints;
    c.numPods = this.numPods;
    c.allocCPU = this.allocCPU;
    c.allocMem = this.allocMem;
    c.allocEph = this.allocEph;
    c.allocPods = this.allocPods;
    c.reqCPU = this.reqCPU;
    c.reqMem = this.reqMem;
    c.reqEph = this.reqEph;
    c.nzCPU = this.nzCPU;
    c.nzMem = this.nzMem;
    c.numImages = this.numImages;
    for (const [k, ips] of this.usedPorts) c.usedPorts.set(k, new Map(ips));
    c.generation = this.generation + 1;
    return c;
  }

  /**
   * How many of the node's pods satisfy match, cached under key until the node's pods change.
   * key must identify match completely (selector, namespaces...).
   */
  countPods(key: string, match: (p: PodInfo) => boolean): number {
    return this.memo(key, () => {
      let count = 0;
      for (const p of this.pods.values()) if (match(p)) count++;
      return count;
    });
  }

  /** compute(), cached under key until the node's pods change. */
  memo<T>(key: string, compute: () => T): T {
    const hit = this.memos.get(key);
    if (hit && hit.generation === this.generation) return hit.value as T;
    const value = compute();
    if (this.memos.size > 64) this.memos.clear();
    this.memos.set(key, { generation: this.generation, value });
    return value;
  }

  /** The node's labels. */
  labels(): Record<string, string> {
    return this.node?.metadata.labels ?? {};
  }
}
