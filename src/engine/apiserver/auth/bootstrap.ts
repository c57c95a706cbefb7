/**
 * The RBAC objects the API server's post-start hook creates (bootstrappolicy: ClusterRoles,
 * ClusterRoleBindings, the controllers' roles and bindings), generated from upstream's golden
 * files into bootstrap-policy.generated.ts, and kubeadm's `kubeadm:cluster-admins` binding,
 * whose group the admin kubeconfig's user is in. Only objects that are missing are created.
 *
 * Provenance of the generated data: release-1.32's golden files could not be read when it was
 * made (the stored kubernetes/kubernetes copies are of other releases). It is the newest stored
 * golden content (v1.34-era cluster-roles.yaml and controller-roles.yaml) less what belongs to
 * features off by default in v1.32 — DRA (resource.k8s.io rules, resource-claim-controller),
 * MultiCIDRServiceAllocator (service-cidrs-controller, node-proxier's servicecidrs),
 * SELinuxChangePolicy (selinux-warning-controller), VolumeAttributesClass
 * (volumeattributesclass-protection-controller), KubeletFineGrainedAuthz (kubelet-api-admin's
 * nodes/configz, healthz, pods), system:monitoring's /statusz and nodes/metrics, system:node's
 * serviceaccounts get, and the later events.k8s.io rule of the aggregated edit and view roles —
 * checked against a v1.32.2 cluster's `kubectl get clusterroles`, `get clusterrolebindings` and
 * `describe clusterrole system:kube-scheduler`. The namespace roles are the earlier hand port of
 * namespace_policy.go. Regenerate from a release-1.32 checkout to be exact:
 * `node scripts/gen-bootstrap-policy.mjs <kubernetes>/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata`.
 */
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import {
  BOOTSTRAP_CONTROLLER_ROLE_BINDINGS,
  BOOTSTRAP_CONTROLLER_ROLES,
  BOOTSTRAP_CLUSTER_ROLE_BINDINGS as POLICY_BINDINGS,
  BOOTSTRAP_CLUSTER_ROLES as POLICY_ROLES,
} from "./bootstrap-policy.generated";

/** kubeadmconstants.ClusterAdminsGroupAndClusterRoleBinding. */
export const KUBEADM_CLUSTER_ADMINS = "kubeadm:cluster-admins";

/**
 * kubeadm's binding of its admins' group to cluster-admin (phases/kubeconfig
 * EnsureAdminClusterRoleBinding); kubeadm sets no labels on it.
 */
export const KUBEADM_CLUSTER_ADMINS_BINDING: KubeObject = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name: KUBEADM_CLUSTER_ADMINS },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
  subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: KUBEADM_CLUSTER_ADMINS }],
};

/** Every bootstrap ClusterRole: policy.go's and controller_policy.go's. */
export const BOOTSTRAP_CLUSTER_ROLES: readonly KubeObject[] = [
  ...POLICY_ROLES,
  ...BOOTSTRAP_CONTROLLER_ROLES,
];

/** Every bootstrap ClusterRoleBinding: policy.go's and controller_policy.go's. */
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly KubeObject[] = [
  ...POLICY_BINDINGS,
  ...BOOTSTRAP_CONTROLLER_ROLE_BINDINGS,
];

/** Creates the bootstrap policy objects that are missing (and kubeadm's admins' binding). */
export function createBootstrapPolicy(cluster: Cluster): void {
  for (const obj of [
    ...BOOTSTRAP_CLUSTER_ROLES,
    ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
    KUBEADM_CLUSTER_ADMINS_BINDING,
  ])
    if (!cluster.api.get(obj.kind, undefined, obj.metadata.name as string)) cluster.api.create(clone(obj));
}
