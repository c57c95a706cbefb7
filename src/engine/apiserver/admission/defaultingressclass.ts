/**
 * DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): an Ingress created
 * without spec.ingressClassName (and without the legacy kubernetes.io/ingress.class annotation)
 * gets the default IngressClass, the newest one when several carry the default annotation.
 */
import type { AdmissionPlugin, ApiReader } from "../../api/interface";
import type { KubeObject } from "../../api/types";

/** networkingv1.AnnotationIsDefaultIngressClass. */
export const IS_DEFAULT_INGRESS_CLASS = "ingressclass.kubernetes.io/is-default-class";
/** networkingv1beta1.AnnotationIngressClass: the class annotation of older Ingresses. */
export const LEGACY_INGRESS_CLASS = "kubernetes.io/ingress.class";

/** getDefaultClass: the newest class marked default (ties: the smaller name), or undefined. */
export function defaultIngressClass(api: ApiReader): KubeObject | undefined {
  const defaults = api
    .list("IngressClass")
    .filter((c) => c.metadata.annotations?.[IS_DEFAULT_INGRESS_CLASS] === "true");
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? "") || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? "") || 0;
    if (ta === tb) return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
    return tb - ta;
  });
  return defaults[0];
}

/** The DefaultIngressClass admission plugin (create only). */
export const defaultIngressClassAdmission: AdmissionPlugin = {
  name: "DefaultIngressClass",
  mutate(request) {
    const obj = request.object;
    if (!obj || obj.kind !== "Ingress" || request.subresource !== "" || request.operation !== "CREATE")
      return;
    if (obj.spec?.ingressClassName !== undefined && obj.spec?.ingressClassName !== null) return;
    if (obj.metadata.annotations?.[LEGACY_INGRESS_CLASS] !== undefined) return;
    const def = defaultIngressClass(request.api);
    if (!def) return;
    // IngressSpec field order: ingressClassName first.
    obj.spec = { ingressClassName: def.metadata.name, ...(obj.spec ?? {}) };
  },
};
