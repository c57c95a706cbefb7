/**
 * The Roles and RoleBindings the API server bootstraps into kube-system and kube-public
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go): delegated
 * authentication, leader locking, the bootstrap signer, the cloud provider and the token
 * cleaner, generated from upstream's golden files into bootstrap-policy.generated.ts.
 */
import { clone } from "../../api/types";
import type { Cluster } from "../../cluster";
import { BOOTSTRAP_NAMESPACE_ROLE_BINDINGS, BOOTSTRAP_NAMESPACE_ROLES } from "./bootstrap-policy.generated";

export { BOOTSTRAP_NAMESPACE_ROLE_BINDINGS, BOOTSTRAP_NAMESPACE_ROLES };

/**
 * The RBAC post-start hook's namespace part: creates the bootstrap Roles and RoleBindings that
 * are missing, in the namespaces that exist.
 */
export function createNamespacePolicy(cluster: Cluster): void {
  for (const obj of [...BOOTSTRAP_NAMESPACE_ROLES, ...BOOTSTRAP_NAMESPACE_ROLE_BINDINGS]) {
    const ns = obj.metadata.namespace as string;
    if (!cluster.api.get("Namespace", undefined, ns)) continue;
    if (!cluster.api.get(obj.kind, ns, obj.metadata.name as string)) cluster.api.create(clone(obj));
  }
}
