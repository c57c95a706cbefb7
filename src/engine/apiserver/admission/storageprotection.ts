/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): new
 * claims get the pvc-protection finalizer and new volumes the pv-protection one. And
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim created
 * without a class gets the default class, when there is one (the newest, if several).
 */
import type { AdmissionPlugin } from "../../api/interface";
import { PVCProtectionFinalizer, PVProtectionFinalizer } from "../../controllers/volume/protection";

const IsDefaultClass = "storageclass.kubernetes.io/is-default-class";
const BetaIsDefaultClass = "storageclass.beta.kubernetes.io/is-default-class";

/** The StorageObjectInUseProtection admission plugin. */
export const storageObjectInUseProtection: AdmissionPlugin = {
  name: "StorageObjectInUseProtection",
  mutate(request) {
    const obj = request.object;
    if (request.operation !== "CREATE" || request.subresource !== "" || !obj) return;
    const finalizer =
      obj.kind === "PersistentVolumeClaim"
        ? PVCProtectionFinalizer
        : obj.kind === "PersistentVolume"
          ? PVProtectionFinalizer
          : undefined;
    if (!finalizer) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer];
  },
};

/** The DefaultStorageClass admission plugin. */
export const defaultStorageClass: AdmissionPlugin = {
  name: "DefaultStorageClass",
  mutate(request) {
    const obj = request.object;
    if (request.operation !== "CREATE" || request.subresource !== "" || obj?.kind !== "PersistentVolumeClaim")
      return;
    if (obj.spec?.storageClassName != null) return;
    if (obj.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] !== undefined) return;
    const defaults = request.api
      .list("StorageClass")
      .filter((sc) => {
        const a = sc.metadata.annotations ?? {};
        return a[IsDefaultClass] === "true" || a[BetaIsDefaultClass] === "true";
      })
      .sort((a, b) => {
        const ta = a.metadata.creationTimestamp ?? "";
        const tb = b.metadata.creationTimestamp ?? "";
        return ta !== tb ? (ta > tb ? -1 : 1) : (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
      });
    const chosen = defaults[0];
    if (chosen) obj.spec = { ...(obj.spec ?? {}), storageClassName: chosen.metadata.name };
  },
};
