/**
 * The Roles and RoleBindings the API server bootstraps into kube-system and kube-public
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go): delegated
 * authentication, leader locking, the bootstrap signer, the cloud provider and the token
 * cleaner. Rules are as rbacv1helpers.NewRule builds them (each list sorted).
 */
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import type { PolicyRule } from "./rbac";

const RBAC = "rbac.authorization.k8s.io/v1";
const RBAC_GROUP = "rbac.authorization.k8s.io";
const SYSTEM = "kube-system";
const PUBLIC = "kube-public";
/** saRolePrefix: the roles of the controllers' service accounts. */
const SA_ROLE_PREFIX = "system:controller:";

/** addDefaultMetadata: what every bootstrap policy object carries. */
function defaultMetadata(name: string, namespace: string) {
  return {
    name,
    namespace,
    labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
    annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
  };
}

function rule(verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule {
  return {
    verbs: [...verbs].sort(),
    apiGroups: [...groups].sort(),
    resources: [...resources].sort(),
    ...(names ? { resourceNames: [...names].sort() } : {}),
  };
}

/** policy.go eventsRule: writing events in both event API groups. */
const eventsRule = rule(["create", "update", "patch"], ["", "events.k8s.io"], ["events"]);

function role(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: RBAC, kind: "Role", metadata: defaultMetadata(name, namespace), rules };
}

type Subject = { kind: string; name: string; apiGroup?: string; namespace?: string };
const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "User", name });
const sa = (name: string): Subject => ({ kind: "ServiceAccount", name, namespace: SYSTEM });

/** NewRoleBinding(roleName, namespace): a binding named as its role unless name says otherwise. */
function binding(namespace: string, roleName: string, subjects: Subject[], name = roleName): KubeObject {
  return {
    apiVersion: RBAC,
    kind: "RoleBinding",
    metadata: defaultMetadata(name, namespace),
    roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: roleName },
    subjects,
  };
}

/** NamespaceRoles(): the bootstrap Roles of kube-system and kube-public. */
export const BOOTSTRAP_NAMESPACE_ROLES: KubeObject[] = [
  role(SYSTEM, "extension-apiserver-authentication-reader", [
    rule(["get", "list", "watch"], [""], ["configmaps"], ["extension-apiserver-authentication"]),
  ]),
  role(SYSTEM, `${SA_ROLE_PREFIX}bootstrap-signer`, [rule(["get", "list", "watch"], [""], ["secrets"])]),
  role(SYSTEM, `${SA_ROLE_PREFIX}cloud-provider`, [
    rule(["create", "get", "list", "watch"], [""], ["configmaps"]),
  ]),
  role(SYSTEM, `${SA_ROLE_PREFIX}token-cleaner`, [
    rule(["get", "list", "watch", "delete"], [""], ["secrets"]),
    eventsRule,
  ]),
  role(SYSTEM, "system::leader-locking-kube-controller-manager", [
    rule(["watch"], [""], ["configmaps"]),
    rule(["get", "update"], [""], ["configmaps"], ["kube-controller-manager"]),
    rule(["get", "watch", "list", "create", "update"], ["coordination.k8s.io"], ["leases"]),
  ]),
  role(SYSTEM, "system::leader-locking-kube-scheduler", [
    rule(["watch"], [""], ["configmaps"]),
    rule(["get", "update"], [""], ["configmaps"], ["kube-scheduler"]),
  ]),
  role(PUBLIC, `${SA_ROLE_PREFIX}bootstrap-signer`, [
    rule(["get", "list", "watch"], [""], ["configmaps"]),
    rule(["update"], [""], ["configmaps"], ["cluster-info"]),
    eventsRule,
  ]),
];

/** NamespaceRoleBindings(): their bindings to the control plane's users and service accounts. */
export const BOOTSTRAP_NAMESPACE_ROLE_BINDINGS: KubeObject[] = [
  binding(
    SYSTEM,
    "extension-apiserver-authentication-reader",
    [user("system:kube-controller-manager"), user("system:kube-scheduler")],
    "system::extension-apiserver-authentication-reader",
  ),
  binding(SYSTEM, "system::leader-locking-kube-controller-manager", [
    user("system:kube-controller-manager"),
    sa("kube-controller-manager"),
    sa("leader-election-controller"),
  ]),
  binding(SYSTEM, "system::leader-locking-kube-scheduler", [
    user("system:kube-scheduler"),
    sa("kube-scheduler"),
  ]),
  binding(SYSTEM, `${SA_ROLE_PREFIX}bootstrap-signer`, [sa("bootstrap-signer")]),
  binding(SYSTEM, `${SA_ROLE_PREFIX}cloud-provider`, [sa("cloud-provider")]),
  binding(SYSTEM, `${SA_ROLE_PREFIX}token-cleaner`, [sa("token-cleaner")]),
  binding(PUBLIC, `${SA_ROLE_PREFIX}bootstrap-signer`, [sa("bootstrap-signer")]),
];

/**
 * The RBAC post-start hook's namespace part: creates the bootstrap Roles and RoleBindings that
 * are missing, in the namespaces that exist.
 */
export function createNamespacePolicy(cluster: Cluster): void {
  for (const obj of [...BOOTSTRAP_NAMESPACE_ROLES, ...BOOTSTRAP_NAMESPACE_ROLE_BINDINGS]) {
    const ns = obj.metadata.namespace as string;
    if (!cluster.api.get("Namespace", undefined, ns)) continue;
    if (!cluster.api.get(obj.kind, ns, obj.metadata.name as string)) cluster.api.create(obj);
  }
}
