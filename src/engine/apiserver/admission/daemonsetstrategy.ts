/**
 * The DaemonSet registry strategy (pkg/registry/apps/daemonset/strategy.go): spec.templateGeneration
 * starts at 1 and goes up by one whenever the pod template changes. apps/v1 has no such field; the
 * conversion (pkg/apis/apps/v1/conversion.go) keeps it in the annotation
 * `deprecated.daemonset.template.generation`, which is what `kubectl get ds -o yaml` shows.
 */
import type { AdmissionPlugin } from "../../api/interface";

/** The annotation apps/v1 DaemonSets carry their template generation in. */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

/** Sets and bumps the DaemonSet template generation on create and on template changes. */
export const daemonSetStrategy: AdmissionPlugin = {
  name: "DaemonSetStrategy",
  mutate(request) {
    const ds = request.object;
    if (ds?.kind !== "DaemonSet" || request.subresource !== "") return;
    const old = request.oldObject;
    let generation = 1;
    if (request.operation === "UPDATE" && old) {
      const previous = Number(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 1) || 1;
      const changed = JSON.stringify(old.spec?.template ?? {}) !== JSON.stringify(ds.spec?.template ?? {});
      generation = changed ? previous + 1 : previous;
    } else if (request.operation !== "CREATE") return;
    ds.metadata.annotations = {
      ...(ds.metadata.annotations ?? {}),
      [TEMPLATE_GENERATION_ANNOTATION]: String(generation),
    };
  },
};
