/**
 * The contract of the simulated API server: the one place components meet. Controllers, the
 * scheduler, kubelets, kubectl and the UI read and write objects only through it.
 *
 * Objects returned by the store are shared and must never be mutated: clone() first, then
 * update(). Watch handlers run synchronously during the write that caused them; they must only
 * record work (enqueue a key) and never write to the store themselves.
 */
import type { Discovery } from "./discovery";
import type { FieldRequirement, Selector } from "./selectors";
import type { KubeObject } from "./types";

/** What a watch delivers: the object after the change (before deletion for DELETED). */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
  /** The object before the change, for MODIFIED and DELETED. */
  old?: KubeObject;
}

/** A watch callback. Runs inside the write; must only enqueue work. */
export type WatchHandler = (event: WatchEvent) => void;

/** Filters for list(). */
export interface ListOptions {
  /** Only this namespace (namespaced kinds); all namespaces when undefined. */
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

/** Options of a write. */
export interface WriteOptions {
  /** Run defaulting, validation and admission but store nothing (`--dry-run=server`). */
  dryRun?: boolean;
  /** Who made the change, shown in managedFields-like places and event sources. */
  fieldManager?: string;
  /** The authenticated user making the request (the CSR strategy records it); absent for components. */
  user?: RequestUser;
  /**
   * The fieldValidation query parameter: unknown fields in a body are an error (Strict, what
   * kubectl sends by default), a warning (Warn) or silently dropped (Ignore). Strict if unset.
   */
  fieldValidation?: FieldValidation;
  /** Where the API server's warnings for this request go (kubectl prints `Warning: ...`). */
  warnings?: string[];
}

/** metav1.FieldValidation* values. */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** Who makes a request, as the API server's authenticator found them (user.Info). */
export interface RequestUser {
  name: string;
  groups: string[];
  uid?: string;
}

/** Options of delete(), as metav1.DeleteOptions. */
export interface DeleteOptions extends WriteOptions {
  /** Seconds before a pod is removed; 0 removes it at once (`--force --grace-period=0`). */
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  /** Only delete if the stored uid still matches. */
  uid?: string;
}

/** What an admission plugin sees for one write. */
export interface AdmissionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  /** The incoming object; mutating plugins change it in place. Absent for DELETE. */
  object?: KubeObject;
  /** The stored object, for UPDATE and DELETE. */
  oldObject?: KubeObject;
  /** "status", "approval", "binding" or "ephemeralcontainers" when a subresource is written; "" otherwise. */
  subresource: string;
  /** The authenticated user, when the request says (WriteOptions.user). */
  user?: RequestUser;
  dryRun: boolean;
  /** Where admission warnings go (the write's WriteOptions.warnings; kubectl prints `Warning: ...`). */
  warnings?: string[];
  /** Read access for plugins that need other objects (PriorityClass, ResourceQuota...). */
  api: ApiReader;
}

/**
 * One step of the API server's write path. Mutating plugins (defaulting, DefaultTolerationSeconds,
 * LimitRanger, Priority) run first, in registration order; then validating plugins (validation,
 * ResourceQuota). Either kind rejects a write by throwing an ApiError.
 */
export interface AdmissionPlugin {
  name: string;
  /**
   * Decode a create or update body of a main resource before anything else reads it (typed and
   * strict decoding); may rewrite values in canonical form; throw ApiError to refuse.
   */
  decode?(object: KubeObject, options?: WriteOptions): void;
  /** Mutate request.object (defaulting and mutating admission). */
  mutate?(request: AdmissionRequest): void;
  /** Check the final object; throw ApiError to refuse. */
  validate?(request: AdmissionRequest): void;
  /** Called after a write was stored (not on dry run): e.g. quota usage bookkeeping. */
  committed?(request: AdmissionRequest, stored: KubeObject | undefined): void;
}

/** Read-only access to the store. */
export interface ApiReader {
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(kind: string, options?: ListOptions): KubeObject[];
  /** The newest resourceVersion written. */
  resourceVersion(): string;
}

/** The simulated API server. Every write returns the stored object or throws an ApiError. */
export interface ApiStore extends ApiReader {
  /** What the API server serves: built-in resources and those its CRDs add. */
  readonly discovery: Discovery;
  /** Creates an object (metadata.generateName honoured); AlreadyExists when the name is taken. */
  create(obj: KubeObject, options?: WriteOptions): KubeObject;
  /**
   * Replaces an object's spec and metadata (status is kept from the stored object for kinds with
   * a status subresource). A non-empty metadata.resourceVersion that is stale gives a Conflict.
   */
  update(obj: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces only the status (the /status subresource). */
  updateStatus(obj: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces only a CertificateSigningRequest's conditions (the /approval subresource). */
  updateApproval(obj: KubeObject, options?: WriteOptions): KubeObject;
  /**
   * Replaces a pod's spec.ephemeralContainers (the pods/ephemeralcontainers subresource): new
   * ones may be appended; existing ones may be neither changed nor removed.
   */
  updateEphemeralContainers(pod: KubeObject, options?: WriteOptions): KubeObject;
  /**
   * Deletes an object. Pods bound to a node get deletionTimestamp and stay (Terminating) until
   * their kubelet deletes them with gracePeriodSeconds 0; objects with finalizers stay until the
   * last finalizer is removed. Returns the object as it is after the call (undefined if removed).
   */
  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    options?: DeleteOptions,
  ): KubeObject | undefined;
  /** Binds a pod to a node (the pods/binding subresource the scheduler writes). */
  bind(namespace: string, podName: string, nodeName: string, options?: WriteOptions): KubeObject;
  /**
   * Subscribes to changes of one kind ("*" for every kind). Returns an unsubscribe function.
   * options.namespace says which namespace a client's watch is for (authorization); the handler
   * still sees every change of the kind.
   */
  watch(kind: string, handler: WatchHandler, options?: { namespace?: string }): () => void;
  /** Adds a step to the write path. */
  addAdmissionPlugin(plugin: AdmissionPlugin): void;
}
