/**
 * What the control plane creates on its own in a fresh cluster: the system PriorityClasses, and
 * for every namespace its `default` ServiceAccount (serviceaccounts-controller) and the
 * kube-root-ca.crt ConfigMap (root-ca-cert-publisher), plus the `kubernetes` Service in default.
 */
import type { Cluster, Component } from "../cluster";
import { SYSTEM_PRIORITY_CLASSES } from "./admission/priority";
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from "./admission/serviceaccount";
import { KUBERNETES_SERVICE_IP } from "./admission/services";

const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/** A stand-in cluster CA (the simulator has no TLS); the shape of a PEM bundle. */
const FAKE_CA_PEM =
  "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIS2dsYXNzLWNhMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMw\n-----END CERTIFICATE-----\n";

/** Creates the system PriorityClasses (as the API server's bootstrap hook does). */
export function createSystemPriorityClasses(cluster: Cluster): void {
  for (const pc of SYSTEM_PRIORITY_CLASSES)
    if (!cluster.api.get("PriorityClass", undefined, pc.name))
      cluster.api.create({
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
        preemptionPolicy: "PreemptLowerPriority",
      });
}

/** The per-namespace publisher: default ServiceAccount, root CA ConfigMap, `kubernetes` Service. */
export class NamespaceBootstrap implements Component {
  readonly name = "namespace-bootstrap";
  private readonly queue = new Set<string>();

  constructor(private readonly cluster: Cluster) {
    cluster.api.watch("Namespace", (e) => {
      if (e.type !== "DELETED") this.queue.add(e.object.metadata.name as string);
    });
    cluster.api.watch("ServiceAccount", (e) => {
      if (e.type === "DELETED" && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT)
        this.queue.add(e.object.metadata.namespace as string);
    });
    cluster.api.watch("ConfigMap", (e) => {
      if (e.type === "DELETED" && e.object.metadata.name === ROOT_CA_CONFIGMAP)
        this.queue.add(e.object.metadata.namespace as string);
    });
  }

  process(): boolean {
    if (this.queue.size === 0) return false;
    const names = [...this.queue];
    this.queue.clear();
    for (const name of names) this.sync(name);
    return true;
  }

  private sync(namespace: string): void {
    const api = this.cluster.api;
    const ns = api.get("Namespace", undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (!api.get("ServiceAccount", namespace, DEFAULT_SERVICE_ACCOUNT))
      api.create({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
      });
    if (!api.get("ConfigMap", namespace, ROOT_CA_CONFIGMAP))
      api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace,
          annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION },
        },
        data: { "ca.crt": FAKE_CA_PEM },
      });
    if (namespace === "default" && !api.get("Service", "default", "kubernetes"))
      api.create({
        apiVersion: "v1",
        kind: "Service",
        metadata: {
          name: "kubernetes",
          namespace: "default",
          labels: { component: "apiserver", provider: "kubernetes" },
        },
        spec: {
          clusterIP: KUBERNETES_SERVICE_IP,
          ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
          sessionAffinity: "None",
          type: "ClusterIP",
        },
      });
  }
}
