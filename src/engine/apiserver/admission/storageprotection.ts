/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): new
 * claims get the pvc-protection finalizer and new volumes the pv-protection one. And
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim created
 * without a class gets the default class, when there is one (the newest, if several).
 */
import { claimHasClass, getDefaultClass } from "../../api/helpers/defaultclass";
import type { AdmissionPlugin } from "../../api/interface";
import { PVCProtectionFinalizer, PVProtectionFinalizer } from "../../controllers/volume/protection";

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
    if (claimHasClass(obj)) return;
    const chosen = getDefaultClass(request.api.list("StorageClass"));
    if (chosen) obj.spec = { ...(obj.spec ?? {}), storageClassName: chosen.metadata.name };
  },
};
