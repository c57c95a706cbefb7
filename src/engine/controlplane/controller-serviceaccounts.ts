/**
 * The ServiceAccounts kube-controller-manager makes in kube-system when it runs with
 * --use-service-account-credentials=true (kubeadm's default): each controller it starts gets its
 * own account through the SAControllerClientBuilder (cmd/kube-controller-manager/app/*.go,
 * ClientOrDie(name)), bound by the RBAC bootstrap policy's system:controller:NAME bindings.
 *
 * The list is what `kubectl get sa -n kube-system` shows on a v1.32 kubeadm cluster started with
 * --controllers=*,bootstrapsigner,tokencleaner (hence bootstrap-signer and token-cleaner), less
 * the add-ons' coredns and kube-proxy and the namespace's default: no cloud controllers
 * (service-controller, route-controller), and no service-cidrs-controller (ServiceCIDR is off by
 * default before v1.33).
 */
import type { KubeObject } from "../api/types";

/** The controllers' account names, as ClientOrDie names them. */
export const CONTROLLER_SERVICE_ACCOUNTS: readonly string[] = [
  "attachdetach-controller",
  "bootstrap-signer",
  "certificate-controller",
  "clusterrole-aggregation-controller",
  "cronjob-controller",
  "daemon-set-controller",
  "deployment-controller",
  "disruption-controller",
  "endpoint-controller",
  "endpointslice-controller",
  "endpointslicemirroring-controller",
  "ephemeral-volume-controller",
  "expand-controller",
  "generic-garbage-collector",
  "horizontal-pod-autoscaler",
  "job-controller",
  "legacy-service-account-token-cleaner",
  "namespace-controller",
  "node-controller",
  "persistent-volume-binder",
  "pod-garbage-collector",
  "pv-protection-controller",
  "pvc-protection-controller",
  "replicaset-controller",
  "replication-controller",
  "resourcequota-controller",
  "root-ca-cert-publisher",
  "service-account-controller",
  "statefulset-controller",
  "token-cleaner",
  "ttl-after-finished-controller",
  "ttl-controller",
  "validatingadmissionpolicy-status-controller",
];

/** The ServiceAccount objects the controller manager creates (name and namespace only, as it does). */
export function controllerServiceAccounts(): KubeObject[] {
  return CONTROLLER_SERVICE_ACCOUNTS.map((name) => ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace: "kube-system" },
  }));
}
