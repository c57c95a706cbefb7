/**
 * Where clients reach the API server: the control-plane node's name (kubeadm's
 * controlPlaneEndpoint in the lab kubeconfig, https://controlplane:6443) and its address.
 */
import type { Cluster } from "../cluster";

/** The API server's address as a kubeconfig names it and as it resolves. */
export interface ApiServerEndpoint {
  /** controlplane:6443 */
  host: string;
  /** 192.168.1.2:6443 */
  address: string;
}

/** The secure port kubeadm gives the API server. */
export const API_SERVER_PORT = 6443;

/** The API server's endpoint: the control-plane node's name and InternalIP (else the first node's). */
export function apiServerEndpoint(cluster: Cluster): ApiServerEndpoint {
  const nodes = cluster.api.list("Node");
  const cp =
    nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) ?? nodes[0];
  const name = (cp?.metadata.name as string | undefined) ?? "controlplane";
  const ip =
    (cp?.status?.addresses as { type: string; address: string }[] | undefined)?.find(
      (a) => a.type === "InternalIP",
    )?.address ?? "127.0.0.1";
  return { host: `${name}:${API_SERVER_PORT}`, address: `${ip}:${API_SERVER_PORT}` };
}
