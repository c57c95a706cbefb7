/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): a claim's
 * storage request may grow only when it is bound and its StorageClass allows volume expansion.
 */

import { claimClass } from "../../api/helpers/storage";
import type { AdmissionPlugin } from "../../api/interface";
import { parseQuantity } from "../quantity";
import { admissionForbidden } from "./forbidden";

/** The plugin's refusal. */
export const ResizeForbidden =
  "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize";

/** The PersistentVolumeClaimResize admission plugin. */
export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: "PersistentVolumeClaimResize",
  validate(request) {
    const pvc = request.object;
    const old = request.oldObject;
    if (
      request.operation !== "UPDATE" ||
      request.subresource !== "" ||
      pvc?.kind !== "PersistentVolumeClaim" ||
      !old
    )
      return;
    const size = parseQuantity(pvc.spec?.resources?.requests?.storage);
    const before = parseQuantity(old.spec?.resources?.requests?.storage);
    if (size <= before) return;
    // Growing an unbound claim is refused by validation (its spec is immutable).
    if (old.status?.phase !== "Bound") return;
    const sc = request.api.get("StorageClass", undefined, claimClass(pvc));
    if (!sc?.allowVolumeExpansion) throw admissionForbidden(request, ResizeForbidden);
  },
};
