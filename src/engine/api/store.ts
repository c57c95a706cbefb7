/**
 * The in-memory API server: objects by kind, resourceVersions, watches and the admission chain.
 * Pure: time comes from the injected clock and uids and generated names from the seeded Rng.
 */
import type { Clock } from "../clock/clock";
import type { Rng } from "../clock/random";
import { toStorageVersion } from "./conversion";
import {
  CRD_CLEANUP_FINALIZER,
  CRD_DELETION_PENDING,
  CRD_KIND,
  crdConditionTrue,
  Discovery,
} from "./discovery";
import { ApiError, alreadyExists, conflict, invalid, notFound } from "./errors";
import type {
  AdmissionPlugin,
  AdmissionRequest,
  ApiStore,
  DeleteOptions,
  ListOptions,
  WatchEvent,
  WatchHandler,
  WriteOptions,
} from "./interface";
import { jsonEqual } from "./jsonequal";
import { groupVersion, qualifiedPlural, type ResourceInfo } from "./resources";
import { matchesFieldSelector, matchesSelector } from "./selectors";
import { clone, type KubeObject } from "./types";

/** Kinds whose status is written only through the /status subresource. */
const STATUS_SUBRESOURCE = new Set([
  "Pod",
  "Node",
  "Namespace",
  "Service",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "Job",
  "CronJob",
  "ResourceQuota",
  "PodDisruptionBudget",
  "PersistentVolumeClaim",
  "PersistentVolume",
  "HorizontalPodAutoscaler",
  "Ingress",
  "CertificateSigningRequest",
  CRD_KIND,
]);

/** Kinds whose metadata.generation counts spec changes. */
const HAS_GENERATION = new Set([
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "Job",
  "CronJob",
  "PodDisruptionBudget",
  "PriorityClass",
  "Ingress",
  "IngressClass",
  "NetworkPolicy",
  CRD_KIND,
]);

/** Whether a resource has the /status subresource (a custom resource when its CRD says so). */
function hasStatusSubresource(res: ResourceInfo): boolean {
  if (res.custom) return Boolean(res.custom.definition?.subresources?.status);
  return STATUS_SUBRESOURCE.has(res.kind);
}

/** Whether metadata.generation counts changes (every custom resource has one). */
function hasGeneration(res: ResourceInfo): boolean {
  return res.custom !== undefined || HAS_GENERATION.has(res.kind);
}

/** The apiVersion a resource's objects are stored in: a custom resource's storage version. */
function storedApiVersion(res: ResourceInfo): string {
  return res.custom ? `${res.group}/${res.custom.storageVersion}` : groupVersion(res);
}

/** The crdHandler's refusal of a create while the CRD is being deleted. */
export const CREATE_WHILE_TERMINATING = "create not allowed while custom resource definition is terminating";

/** What a request gets while the API server is down. */
export const CONNECTION_REFUSED = "connect: connection refused";

/** Kinds whose status given on create is kept (node strategy keeps it; KWOK relies on it). */
const KEEP_STATUS_ON_CREATE = new Set(["Node", "Event"]);

function specPart(obj: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = obj;
  return JSON.stringify(rest);
}

/** An object without its resourceVersion, to compare contents. */
function withoutRv(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } };
}

/** The simulated API server. */
export class MemoryStore implements ApiStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly watchers = new Map<string, Set<WatchHandler>>();
  private readonly plugins: AdmissionPlugin[] = [];
  private rv = 0;
  /** What this API server serves: the built-in resources and those its CRDs add. */
  readonly discovery = new Discovery();
  /**
   * Whether the API server answers (its static pod and etcd run). While it does not, every
   * write is refused; reads stand for the informer caches components keep.
   */
  reachable = true;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  addAdmissionPlugin(plugin: AdmissionPlugin): void {
    this.plugins.push(plugin);
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  /** The kinds of which some object is stored (custom resources included). */
  kinds(): string[] {
    return [...this.objects].filter(([, bucket]) => bucket.size > 0).map(([kind]) => kind);
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(kind)?.get(this.slot(kind, namespace, name));
  }

  list(kind: string, options: ListOptions = {}): KubeObject[] {
    const bucket = this.objects.get(kind);
    if (!bucket) return [];
    const out: KubeObject[] = [];
    for (const obj of bucket.values()) {
      if (options.namespace !== undefined && obj.metadata.namespace !== options.namespace) continue;
      if (options.labelSelector && !matchesSelector(options.labelSelector, obj.metadata.labels)) continue;
      if (options.fieldSelector && !matchesFieldSelector(obj, options.fieldSelector)) continue;
      out.push(obj);
    }
    return out;
  }

  watch(kind: string, handler: WatchHandler, _options?: { namespace?: string }): () => void {
    let set = this.watchers.get(kind);
    if (!set) {
      set = new Set();
      this.watchers.set(kind, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  create(input: KubeObject, options: WriteOptions = {}): KubeObject {
    this.checkReachable();
    const res = this.resourceOf(input);
    if (res.custom) this.checkNotTerminating(res);
    const obj = toStorageVersion(clone(input), res);
    // Decoded and admitted in the version asked for; stored in the storage version.
    obj.apiVersion = groupVersion(res);
    this.decode(obj, options);
    obj.metadata = obj.metadata ?? {};
    const meta = obj.metadata;
    if (res.namespaced) meta.namespace = meta.namespace || "default";
    else delete meta.namespace;
    if (!meta.name) {
      if (!meta.generateName)
        throw invalid(this.kindName(res), "", [
          {
            type: "FieldValueRequired",
            field: "metadata.name",
            message: "Required value: name or generateName is required",
          },
        ]);
      meta.name = this.uniqueGeneratedName(res.kind, meta.namespace, meta.generateName);
    }
    if (res.namespaced) this.checkNamespace(meta.namespace as string, res.kind);
    if (this.get(res.kind, meta.namespace, meta.name)) throw alreadyExists(qualifiedPlural(res), meta.name);
    if (!KEEP_STATUS_ON_CREATE.has(res.kind) && hasStatusSubresource(res)) delete obj.status;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.rng.uuid();
    meta.creationTimestamp = this.clock.timestamp();
    if (hasGeneration(res)) meta.generation = 1;
    else delete meta.generation;
    const request = this.admit("CREATE", obj, undefined, "", options);
    if (this.get(res.kind, meta.namespace, meta.name as string))
      throw alreadyExists(qualifiedPlural(res), meta.name as string);
    if (options.dryRun) return obj;
    obj.apiVersion = storedApiVersion(res);
    meta.resourceVersion = this.nextRv();
    this.put(obj);
    this.emit({ type: "ADDED", object: obj });
    this.committed(request, obj);
    return obj;
  }

  update(input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.replace(input, "", options);
  }

  updateStatus(input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.replace(input, "status", options);
  }

  updateEphemeralContainers(input: KubeObject, options: WriteOptions = {}): KubeObject {
    if (input?.kind !== "Pod")
      throw new ApiError("NotFound", "the server could not find the requested resource");
    return this.replace(input, "ephemeralcontainers", options);
  }

  updateApproval(input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.replace(input, "approval", options);
  }

  bind(namespace: string, podName: string, nodeName: string, options: WriteOptions = {}): KubeObject {
    this.checkReachable();
    const old = this.get("Pod", namespace, podName);
    if (!old) throw notFound("pods", podName);
    if (old.metadata.deletionTimestamp)
      throw new ApiError(
        "Conflict",
        `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is being deleted, cannot be assigned to a host`,
      );
    if (old.spec?.nodeName)
      throw new ApiError(
        "Conflict",
        `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${old.spec.nodeName}"`,
      );
    const pod = clone(old);
    pod.spec.nodeName = nodeName;
    const conditions = (pod.status?.conditions ?? []).filter(
      (c: { type: string }) => c.type !== "PodScheduled",
    );
    conditions.push({
      type: "PodScheduled",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: this.clock.timestamp(),
    });
    pod.status = { ...(pod.status ?? {}), conditions };
    const request = this.admit("UPDATE", pod, old, "binding", options);
    if (options.dryRun) return pod;
    pod.metadata.resourceVersion = this.nextRv();
    this.put(pod);
    this.emit({ type: "MODIFIED", object: pod, old });
    this.committed(request, pod);
    return pod;
  }

  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject | undefined {
    this.checkReachable();
    const res = this.discovery.forKind(kind);
    if (!res) throw new ApiError("NotFound", `the server doesn't have a resource type "${kind}"`);
    const ns = res.namespaced ? (namespace ?? "default") : undefined;
    const old = this.get(kind, ns, name);
    if (!old) throw notFound(qualifiedPlural(res), name);
    if (options.uid && old.metadata.uid !== options.uid)
      throw new ApiError(
        "Conflict",
        `Operation cannot be fulfilled on ${qualifiedPlural(res)} "${name}": Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    const request = this.admit("DELETE", undefined, old, "", options);
    if (options.dryRun) return old;

    const finalizers = [...(old.metadata.finalizers ?? [])];
    // A CRD's REST Delete: the finalizer deletes its objects first.
    if (kind === CRD_KIND && !finalizers.includes(CRD_CLEANUP_FINALIZER))
      finalizers.push(CRD_CLEANUP_FINALIZER);
    if (options.propagationPolicy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
    if (options.propagationPolicy === "Foreground" && !finalizers.includes("foregroundDeletion"))
      finalizers.push("foregroundDeletion");

    const grace = kind === "Pod" ? this.podGrace(old, options) : 0;
    // A namespace stays Terminating until the namespace controller empties spec.finalizers.
    const namespaceHeld = kind === "Namespace" && (old.spec?.finalizers ?? []).length > 0;
    if (grace > 0 || finalizers.length > 0 || namespaceHeld) {
      const current = old.metadata.deletionTimestamp;
      const deadline = this.clock.now() + grace * 1000;
      // A second delete may only shorten the grace period.
      if (
        current &&
        Date.parse(current) <= deadline &&
        finalizers.length === (old.metadata.finalizers ?? []).length
      )
        return old;
      const obj = clone(old);
      obj.metadata.deletionTimestamp = this.clock.timestamp(deadline);
      obj.metadata.deletionGracePeriodSeconds = grace;
      if (finalizers.length) obj.metadata.finalizers = finalizers;
      if (kind === "Namespace") obj.status = { ...(obj.status ?? {}), phase: "Terminating" };
      if (kind === CRD_KIND) this.markTerminating(obj);
      obj.metadata.resourceVersion = this.nextRv();
      this.put(obj);
      this.emit({ type: "MODIFIED", object: obj, old });
      this.committed(request, obj);
      return obj;
    }
    this.remove(old);
    this.committed(request, undefined);
    return undefined;
  }

  /**
   * Puts an object back exactly as it was saved (uid, resourceVersion, status and all), for
   * scenario files. Not part of the API: no admission runs. Watchers see ADDED or MODIFIED.
   */
  restore(obj: KubeObject): void {
    const old = this.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string);
    const copy = clone(obj);
    this.rv = Math.max(this.rv, Number(copy.metadata.resourceVersion) || 0);
    copy.metadata.resourceVersion = this.nextRv();
    this.put(copy);
    this.emit(old ? { type: "MODIFIED", object: copy, old } : { type: "ADDED", object: copy });
  }

  /**
   * Makes the stored objects exactly these (etcd started on another data directory): objects
   * not among them are removed (watchers see DELETED), the others put back as restore() does
   * (ADDED or MODIFIED); objects already stored as given are left alone. Not part of the API.
   */
  replaceContents(objects: readonly KubeObject[], order: (kind: string) => number): void {
    const keep = new Set(
      objects.map((o) => `${o.kind}|${this.slot(o.kind, o.metadata.namespace, o.metadata.name as string)}`),
    );
    for (const [kind, bucket] of [...this.objects])
      for (const [slot, obj] of [...bucket]) if (!keep.has(`${kind}|${slot}`)) this.remove(obj);
    for (const obj of [...objects].sort((a, b) => order(a.kind) - order(b.kind))) {
      const old = this.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string);
      if (old && jsonEqual(withoutRv(old), withoutRv(obj))) continue;
      this.restore(obj);
    }
  }

  private podGrace(pod: KubeObject, options: DeleteOptions): number {
    // pkg/registry/core/pod/strategy.go CheckGracefulDelete: unscheduled and terminal pods go at once.
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return 0;
    const grace = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, grace);
  }

  /** Refuses a request while the API server is down (the client sees connection refused). */
  private checkReachable(): void {
    if (!this.reachable) throw new ApiError("ServiceUnavailable", CONNECTION_REFUSED);
  }

  private replace(
    body: KubeObject,
    subresource: "" | "status" | "ephemeralcontainers" | "approval",
    options: WriteOptions,
  ): KubeObject {
    this.checkReachable();
    const res = this.resourceOf(body);
    let input = body;
    if (subresource === "") {
      // The body is decoded before the registry reads it.
      input = toStorageVersion(clone(body), res);
      input.apiVersion = groupVersion(res);
      this.decode(input, options);
    }
    const ns = res.namespaced ? (input.metadata?.namespace ?? "default") : undefined;
    const name = input.metadata?.name ?? "";
    const old = this.get(res.kind, ns, name);
    if (!old) throw notFound(qualifiedPlural(res), name);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedPlural(res), name);
    // A decoded body is already the store's own copy.
    const obj = input === body ? clone(input) : input;
    obj.apiVersion = groupVersion(res);
    const meta = obj.metadata;
    if (res.namespaced) meta.namespace = ns;
    else delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    if (subresource === "status") {
      // Only status changes through /status; everything else is the stored object's.
      const kept = clone(old);
      kept.status = obj.status;
      return this.commitReplace(kept, old, "status", options);
    }
    if (subresource === "ephemeralcontainers") {
      // dropNonEphemeralContainerUpdates: only spec.ephemeralContainers changes here.
      const kept = clone(old);
      const list = obj.spec?.ephemeralContainers;
      if (Array.isArray(list) && list.length > 0) kept.spec.ephemeralContainers = list;
      else delete kept.spec.ephemeralContainers;
      return this.commitReplace(kept, old, "ephemeralcontainers", options);
    }
    if (subresource === "approval") {
      // Only the conditions change through /approval (a CSR's approve and deny).
      const kept = clone(old);
      kept.status = { ...(old.status ?? {}), conditions: obj.status?.conditions };
      if (kept.status.conditions === undefined) delete kept.status.conditions;
      return this.commitReplace(kept, old, "approval", options);
    }
    const statusSubresource = hasStatusSubresource(res);
    if (statusSubresource) {
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status;
    }
    if (hasGeneration(res)) {
      // A custom resource without /status counts status changes too (customresource strategy).
      const changed =
        res.custom && !statusSubresource
          ? JSON.stringify({ ...obj, metadata: undefined }) !==
            JSON.stringify({ ...old, metadata: undefined })
          : specPart(obj) !== specPart(old);
      meta.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    return this.commitReplace(obj, old, "", options);
  }

  private commitReplace(
    obj: KubeObject,
    old: KubeObject,
    subresource: string,
    options: WriteOptions,
  ): KubeObject {
    const request = this.admit("UPDATE", obj, old, subresource, options);
    if (options.dryRun) return obj;
    obj.apiVersion = old.apiVersion;
    if (obj.metadata.deletionTimestamp && this.releasable(obj)) {
      this.remove(old);
      this.committed(request, undefined);
      return obj;
    }
    if (jsonEqual(obj, old)) return old;
    obj.metadata.resourceVersion = this.nextRv();
    this.put(obj);
    this.emit({ type: "MODIFIED", object: obj, old });
    this.committed(request, obj);
    return obj;
  }

  /** Whether a deleting object has nothing left holding it (finalizers, grace, namespace finalizers). */
  private releasable(obj: KubeObject): boolean {
    if ((obj.metadata.finalizers ?? []).length > 0) return false;
    if (obj.kind === "Pod") return obj.metadata.deletionGracePeriodSeconds === 0;
    if (obj.kind === "Namespace") return (obj.spec?.finalizers ?? []).length === 0;
    return true;
  }

  private admit(
    operation: AdmissionRequest["operation"],
    object: KubeObject | undefined,
    oldObject: KubeObject | undefined,
    subresource: string,
    options: WriteOptions,
  ): AdmissionRequest {
    const request: AdmissionRequest = {
      operation,
      object,
      oldObject,
      subresource,
      dryRun: Boolean(options.dryRun),
      api: this,
    };
    if (options.user) request.user = options.user;
    if (options.warnings) request.warnings = options.warnings;
    for (const p of this.plugins) p.mutate?.(request);
    for (const p of this.plugins) p.validate?.(request);
    return request;
  }

  /** Runs the plugins' decode step on a request body (a copy the store owns). */
  private decode(object: KubeObject, options: WriteOptions): void {
    for (const p of this.plugins) p.decode?.(object, options);
  }

  private committed(request: AdmissionRequest, stored: KubeObject | undefined): void {
    for (const p of this.plugins) p.committed?.(request, stored);
  }

  private remove(old: KubeObject): void {
    this.objects
      .get(old.kind)
      ?.delete(this.slot(old.kind, old.metadata.namespace, old.metadata.name as string));
    if (old.kind === CRD_KIND) this.refreshDiscovery();
    this.nextRv();
    this.emit({ type: "DELETED", object: old, old });
  }

  private resourceOf(obj: KubeObject): ResourceInfo {
    const kind = obj?.kind;
    const apiVersion = obj?.apiVersion;
    if (!kind) throw new ApiError("BadRequest", "Object 'Kind' is missing in the object");
    const res = apiVersion ? this.discovery.forGVK(apiVersion, kind) : this.discovery.forKind(kind);
    if (!res)
      throw new ApiError("NotFound", `no matches for kind "${kind}" in version "${apiVersion ?? ""}"`);
    return res;
  }

  private kindName(res: ResourceInfo): string {
    return res.group ? `${res.kind}.${res.group}` : res.kind;
  }

  private checkNamespace(namespace: string, kind: string): void {
    if (kind === "Event") return;
    const ns = this.get("Namespace", undefined, namespace);
    if (!ns) throw notFound("namespaces", namespace);
    if (ns.metadata.deletionTimestamp)
      throw new ApiError(
        "Forbidden",
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
  }

  private uniqueGeneratedName(kind: string, namespace: string | undefined, prefix: string): string {
    for (;;) {
      const name = `${prefix}${this.rng.nameSuffix()}`;
      if (!this.get(kind, namespace, name)) return name;
    }
  }

  /** Sets a deleted CRD's Terminating condition, as its REST Delete does. */
  private markTerminating(crd: KubeObject): void {
    const now = this.clock.timestamp();
    const conditions = (crd.status?.conditions ?? []).filter(
      (c: { type: string }) => c.type !== "Terminating",
    );
    conditions.push({ ...CRD_DELETION_PENDING, lastTransitionTime: now });
    crd.status = { ...(crd.status ?? {}), conditions };
  }

  /** crdHandler: no new objects while their CRD is being deleted. */
  private checkNotTerminating(res: ResourceInfo): void {
    const crd = this.get(CRD_KIND, undefined, res.custom?.crd ?? "");
    if (crd && crdConditionTrue(crd, "Terminating"))
      throw new ApiError("MethodNotAllowed", CREATE_WHILE_TERMINATING);
  }

  /** Serves what the stored CustomResourceDefinitions now define. */
  private refreshDiscovery(): void {
    this.discovery.setCustomResourceDefinitions([...(this.objects.get(CRD_KIND)?.values() ?? [])]);
  }

  private slot(kind: string, namespace: string | undefined, name: string): string {
    const res = this.discovery.forKind(kind);
    return res?.namespaced ? `${namespace ?? "default"}/${name}` : name;
  }

  private put(obj: KubeObject): void {
    let bucket = this.objects.get(obj.kind);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(obj.kind, bucket);
    }
    bucket.set(this.slot(obj.kind, obj.metadata.namespace, obj.metadata.name as string), obj);
    if (obj.kind === CRD_KIND) this.refreshDiscovery();
  }

  private nextRv(): string {
    this.rv += 1;
    return String(this.rv);
  }

  private emit(event: WatchEvent): void {
    for (const h of this.watchers.get(event.object.kind) ?? []) h(event);
    for (const h of this.watchers.get("*") ?? []) h(event);
  }
}
