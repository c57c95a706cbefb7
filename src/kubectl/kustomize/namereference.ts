/**
 * Fixing back references (api/filters/nameref, accumulator.FixBackReferences): once prefixes,
 * suffixes and hashes renamed a ConfigMap, Secret, ServiceAccount or other referral, every field
 * that named it by an old name (a Deployment's envFrom, volumes, serviceAccountName...) takes the
 * new name. Only renames are followed; a referral with several candidates keeps the one in the
 * referrer's namespace.
 */
import { NAME_REFERENCES } from "./fieldspecs";
import { isClusterScoped, nameOf, namespaceOf, type Obj, type Res, selects, visitPath } from "./resource";

function oldNames(r: Res): string[] {
  return [r.orgName, ...r.previousNames].filter((n) => n !== nameOf(r.obj));
}

/** The new name for a reference by an old name, or undefined when no single referral had it. */
function resolve(candidates: Res[], value: string, referrer: Obj): string | undefined {
  let found = candidates.filter((c) => oldNames(c).includes(value));
  if (found.length > 1) {
    const ns = namespaceOf(referrer);
    found = found.filter((c) => isClusterScoped(String(c.obj.kind)) || namespaceOf(c.obj) === ns);
  }
  return found.length === 1 ? nameOf((found[0] as Res).obj) : undefined;
}

/** Updates every reference to a renamed resource. */
export function fixNameReferences(resources: Res[]): void {
  for (const ref of NAME_REFERENCES) {
    const candidates = resources.filter((r) => r.obj.kind === ref.kind && oldNames(r).length);
    if (!candidates.length) continue;
    for (const referrer of resources) {
      for (const spec of ref.fieldSpecs) {
        if (!selects(spec, referrer.obj)) continue;
        visitPath(referrer.obj, spec.path, false, (value, set) => {
          if (typeof value === "string") {
            const next = resolve(candidates, value, referrer.obj);
            if (next !== undefined) set(next);
          } else if (Array.isArray(value)) {
            set(value.map((v) => (typeof v === "string" ? (resolve(candidates, v, referrer.obj) ?? v) : v)));
          }
        });
      }
    }
  }
  fixRbacReferences(resources);
}

/** roleRef of (Cluster)RoleBindings and their ServiceAccount subjects. */
function fixRbacReferences(resources: Res[]): void {
  for (const binding of resources) {
    const { obj } = binding;
    if (obj.kind !== "RoleBinding" && obj.kind !== "ClusterRoleBinding") continue;
    const roleRef = obj.roleRef;
    if (roleRef && typeof roleRef.name === "string") {
      const roles = resources.filter((r) => r.obj.kind === roleRef.kind && oldNames(r).length);
      const next = resolve(roles, roleRef.name, obj);
      if (next !== undefined) roleRef.name = next;
    }
    const accounts = resources.filter((r) => r.obj.kind === "ServiceAccount" && oldNames(r).length);
    for (const s of Array.isArray(obj.subjects) ? obj.subjects : []) {
      if (s?.kind !== "ServiceAccount" || typeof s.name !== "string") continue;
      const found = accounts.filter(
        (a) =>
          oldNames(a).includes(s.name) &&
          (!s.namespace || namespaceOf(a.obj) === s.namespace || !namespaceOf(a.obj)),
      );
      if (found.length === 1) s.name = nameOf((found[0] as Res).obj);
    }
  }
}
