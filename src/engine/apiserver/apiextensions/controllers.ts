/**
 * The apiextensions-apiserver's CRD controllers, run by kube-apiserver: the naming controller
 * (pkg/controller/status/naming_controller.go: acceptedNames and NamesAccepted), the establishing
 * controller (pkg/controller/establish: Established) and the finalizer
 * (pkg/controller/finalizer/crd_finalizer.go: deleting a CRD deletes its objects, then lets it go).
 */
import { CRD_CLEANUP_FINALIZER, CRD_KIND, crdConditionTrue } from "../../api/discovery";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { Controller } from "../../controllers/lib/queue";

// biome-ignore lint/suspicious/noExplicitAny: CustomResourceDefinitions are open JSON here
type Json = any;

/** A CRD condition as the controllers set it. */
export interface CRDCondition {
  type: "NamesAccepted" | "Established" | "Terminating";
  status: "True" | "False";
  reason: string;
  message: string;
}

/** NamesAccepted when nothing conflicts. */
export const NoConflicts: CRDCondition = {
  type: "NamesAccepted",
  status: "True",
  reason: "NoConflicts",
  message: "no conflicts found",
};
/** Established, set by the establishing controller. */
export const InitialNamesAccepted: CRDCondition = {
  type: "Established",
  status: "True",
  reason: "InitialNamesAccepted",
  message: "the initial names have been accepted",
};
/** Established while the names are accepted but the establishing controller has not run. */
export const Installing: CRDCondition = {
  type: "Established",
  status: "False",
  reason: "Installing",
  message: "the initial names have been accepted",
};
/** Established when the names are not accepted. */
export const NotAccepted: CRDCondition = {
  type: "Established",
  status: "False",
  reason: "NotAccepted",
  message: "not all names are accepted",
};
/** Terminating, set by the CRD's REST Delete. */
export const InstanceDeletionPending: CRDCondition = {
  type: "Terminating",
  status: "True",
  reason: "InstanceDeletionPending",
  message: "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
};
/** Terminating while the finalizer deletes the objects. */
export const InstanceDeletionInProgress: CRDCondition = {
  type: "Terminating",
  status: "True",
  reason: "InstanceDeletionInProgress",
  message: "CustomResource deletion is in progress",
};
/** Terminating once every object is gone. */
export const InstanceDeletionCompleted: CRDCondition = {
  type: "Terminating",
  status: "False",
  reason: "InstanceDeletionCompleted",
  message: "removed all instances",
};

/** The naming controller's name. */
export const NamingController = "crd-naming-controller";
/** The establishing controller's name. */
export const EstablishingController = "crd-establishing-controller";
/** The finalizer's name. */
export const CRDFinalizer = "crd-finalizer";

/**
 * apihelpers.SetCRDCondition: replaces the condition of that type, keeping lastTransitionTime
 * when the status did not change; new conditions are appended.
 */
export function setCRDCondition(crd: KubeObject, cond: CRDCondition, now: string): void {
  const conditions: Json[] = [...(crd.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === cond.type);
  const existing = i >= 0 ? conditions[i] : undefined;
  const next = {
    type: cond.type,
    status: cond.status,
    lastTransitionTime: existing && existing.status === cond.status ? existing.lastTransitionTime : now,
    reason: cond.reason,
    message: cond.message,
  };
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  crd.status = { ...(crd.status ?? {}), conditions };
}

/** A conflict the naming controller found: its reason and message, or undefined. */
function nameConflict(
  crd: KubeObject,
  others: KubeObject[],
): { reason: string; message: string } | undefined {
  const names: Json = crd.spec?.names ?? {};
  const accepted: Json = crd.status?.acceptedNames ?? {};
  const group = crd.spec?.group;
  const used = {
    plural: new Set<string>(),
    singular: new Set<string>(),
    kind: new Set<string>(),
    list: new Set<string>(),
    short: new Set<string>(),
  };
  for (const o of others) {
    if (o.metadata.name === crd.metadata.name || o.spec?.group !== group) continue;
    const a: Json = o.status?.acceptedNames ?? {};
    if (a.plural) used.plural.add(a.plural);
    if (a.singular) used.singular.add(a.singular);
    if (a.kind) used.kind.add(a.kind);
    if (a.listKind) used.list.add(a.listKind);
    for (const s of a.shortNames ?? []) used.short.add(s);
  }
  // equalToAcceptedOrFresh: a name already accepted for this CRD stays accepted.
  const taken = (requested: string | undefined, acceptedName: string | undefined, set: Set<string>) =>
    requested !== undefined && requested !== acceptedName && (set.has(requested) || false);
  const inUse = (n: string) => ({ message: `"${n}" is already in use` });
  if (taken(names.plural, accepted.plural, used.plural))
    return { reason: "PluralConflict", ...inUse(names.plural) };
  if (taken(names.singular, accepted.singular, used.singular))
    return { reason: "SingularConflict", ...inUse(names.singular) };
  for (const s of names.shortNames ?? [])
    if (
      !(accepted.shortNames ?? []).includes(s) &&
      (used.short.has(s) || used.plural.has(s) || used.singular.has(s))
    )
      return { reason: "ShortNamesConflict", ...inUse(s) };
  if (taken(names.kind, accepted.kind, used.kind)) return { reason: "KindConflict", ...inUse(names.kind) };
  if (taken(names.listKind, accepted.listKind, used.list))
    return { reason: "ListKindConflict", ...inUse(names.listKind) };
  return undefined;
}

function statusChanged(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a.status) !== JSON.stringify(b.status);
}

/** Starts the naming and establishing controllers and the CRD finalizer. */
export function installCustomResourceDefinitionControllers(cluster: Cluster): void {
  const api = cluster.api;
  const establishing = new Controller(EstablishingController, cluster, (name) => {
    const crd = api.get(CRD_KIND, undefined, name);
    if (!crd || crdConditionTrue(crd, "Established") || !crdConditionTrue(crd, "NamesAccepted")) return;
    const next = clone(crd);
    setCRDCondition(next, InitialNamesAccepted, cluster.clock.timestamp());
    api.updateStatus(next, { fieldManager: EstablishingController });
  });

  const naming = new Controller(NamingController, cluster, (name) => {
    const crd = api.get(CRD_KIND, undefined, name);
    if (!crd) return;
    const now = cluster.clock.timestamp();
    const next = clone(crd);
    const conflict = nameConflict(crd, api.list(CRD_KIND));
    if (conflict) {
      setCRDCondition(next, { type: "NamesAccepted", status: "False", ...conflict }, now);
      if (!crdConditionTrue(crd, "Established")) setCRDCondition(next, NotAccepted, now);
    } else {
      next.status = { ...(next.status ?? {}), acceptedNames: clone(crd.spec?.names ?? {}) };
      setCRDCondition(next, NoConflicts, now);
      if (!crdConditionTrue(crd, "Established")) setCRDCondition(next, Installing, now);
    }
    if (statusChanged(next, crd)) api.updateStatus(next, { fieldManager: NamingController });
    establishing.enqueue(name);
  });

  const finalizer = new Controller(CRDFinalizer, cluster, (name) => {
    const crd = api.get(CRD_KIND, undefined, name);
    if (!crd?.metadata.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER))
      return;
    const now = cluster.clock.timestamp();
    let current = clone(crd);
    setCRDCondition(current, InstanceDeletionInProgress, now);
    if (statusChanged(current, crd))
      current = clone(api.updateStatus(current, { fieldManager: CRDFinalizer }));
    const kind = crd.status?.acceptedNames?.kind;
    if (kind && crdConditionTrue(crd, "Established")) {
      for (const obj of api.list(kind)) {
        if (obj.metadata.deletionTimestamp) continue;
        api.delete(kind, obj.metadata.namespace, obj.metadata.name as string, { fieldManager: CRDFinalizer });
      }
      // Objects held by their own finalizers keep the CRD until they go.
      if (api.list(kind).length > 0) {
        finalizer.enqueueAfter(name, 5);
        return;
      }
    }
    setCRDCondition(current, InstanceDeletionCompleted, now);
    current = clone(api.updateStatus(current, { fieldManager: CRDFinalizer }));
    current.metadata.finalizers = (current.metadata.finalizers ?? []).filter(
      (f: string) => f !== CRD_CLEANUP_FINALIZER,
    );
    if (current.metadata.finalizers.length === 0) delete current.metadata.finalizers;
    api.update(current, { fieldManager: CRDFinalizer });
  });

  api.watch(CRD_KIND, (e) => {
    if (e.type === "DELETED") {
      // Names a deleted CRD held may now be free for others in its group.
      for (const other of api.list(CRD_KIND))
        if (other.spec?.group === e.object.spec?.group) naming.enqueue(other.metadata.name as string);
      return;
    }
    const name = e.object.metadata.name as string;
    naming.enqueue(name);
    if (e.object.metadata.deletionTimestamp) finalizer.enqueue(name);
  });
  for (const crd of api.list(CRD_KIND)) naming.enqueue(crd.metadata.name as string);
  cluster.addComponent(naming);
  cluster.addComponent(establishing);
  cluster.addComponent(finalizer);
}
