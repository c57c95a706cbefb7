/**
 * The engine's entry: createCluster() wires the API server, controllers, node agents and
 * schedulers onto a fresh Cluster, with the four namespaces every cluster starts with.
 */
import { installApiServer } from "./apiserver";
import { createNamespacePolicy } from "./apiserver/auth/namespace-policy";
import { Cluster, type ClusterOptions } from "./cluster";
import { installControllers } from "./controllers";
import { installControlPlane, KUBE_CONTROLLER_MANAGER } from "./controlplane";
import { installIngressNginx } from "./ingress";
import { installNodeAgents } from "./kubelet";
import { installLocalPathProvisioners } from "./localpath/provisioner";
import { installMetricsServers } from "./metrics/server";

export { Cluster, type ClusterOptions, type Component } from "./cluster";

/** The namespaces a new cluster has. */
export const INITIAL_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

/** A fresh, empty cluster: no nodes, the default scheduler running, time at options.start. */
export function createCluster(options: ClusterOptions = {}): Cluster {
  const cluster = new Cluster(options);
  installApiServer(cluster);
  for (const name of INITIAL_NAMESPACES)
    cluster.api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
    });
  // The RBAC post-start hook bootstraps kube-system's and kube-public's roles once they exist.
  createNamespacePolicy(cluster);
  cluster.withProcess(KUBE_CONTROLLER_MANAGER, () => installControllers(cluster));
  installNodeAgents(cluster);
  installControlPlane(cluster);
  installMetricsServers(cluster);
  installIngressNginx(cluster);
  installLocalPathProvisioners(cluster);
  cluster.settle();
  return cluster;
}
