/**
 * NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle). The store already refuses
 * objects in missing or terminating namespaces; this plugin keeps the immortal namespaces.
 */
import type { AdmissionPlugin } from "../../api/interface";
import { admissionForbidden } from "./forbidden";

/** Namespaces that may not be deleted. */
export const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];

/** The NamespaceLifecycle admission plugin. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: "NamespaceLifecycle",
  validate(request) {
    const ns = request.oldObject;
    if (request.operation !== "DELETE" || ns?.kind !== "Namespace") return;
    if (IMMORTAL_NAMESPACES.includes(ns.metadata.name as string))
      throw admissionForbidden(request, "this namespace may not be deleted");
  },
};
