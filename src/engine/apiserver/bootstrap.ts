/**
 * What the control plane creates on its own in a fresh cluster: the system PriorityClasses, and
 * for every namespace its `default` ServiceAccount (serviceaccounts-controller) and the
 * kube-root-ca.crt ConfigMap (root-ca-cert-publisher), plus the `kubernetes` Service in default.
 */
import type { Cluster, Component } from "../cluster";
import { CA_CERT_PATH } from "../pki/cluster";
import { SYSTEM_PRIORITY_CLASSES } from "./admission/priority";
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from "./admission/serviceaccount";
import { KUBERNETES_SERVICE_IP } from "./admission/services";
import { FRONT_PROXY_CA_CERT_PATH, publishExtensionApiserverAuthentication } from "./extensionauth";
import { ensureLegacyTokenTracking } from "./legacytokentracking";

const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/** A stand-in CA bundle for a cluster without a control-plane node's PKI (a bare engine in tests). */
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

  /** The control-plane node whose /etc/kubernetes/pki/ca.crt is the cluster CA, once one registers. */
  private controlPlaneNode?: string;
  /** The CA bundle last published (a change re-publishes every namespace's, as the publisher does). */
  private publishedCa = "";

  constructor(private readonly cluster: Cluster) {
    cluster.api.watch("Node", (e) => {
      if (
        e.type === "ADDED" &&
        e.object.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined
      )
        this.controlPlaneNode ??= e.object.metadata.name as string;
    });
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

  /**
   * The root CA the controller manager publishes (--root-ca-file, kubeadm's
   * /etc/kubernetes/pki/ca.crt on the control-plane node); the stand-in without one.
   */
  private rootCa(): string {
    const name = this.controlPlaneNode;
    const fs = name ? this.cluster.hosts.get(name)?.fs : undefined;
    if (fs?.isFile(CA_CERT_PATH)) {
      const text = fs.read(CA_CERT_PATH);
      if (text.includes("-----BEGIN CERTIFICATE-----")) return text;
    }
    return FAKE_CA_PEM;
  }

  /** A CA certificate file of the control-plane node (kubeadm's PKI), when there is one. */
  private controlPlaneCa(path: string): string | undefined {
    const name = this.controlPlaneNode;
    const fs = name ? this.cluster.hosts.get(name)?.fs : undefined;
    if (!fs?.isFile(path)) return undefined;
    const text = fs.read(path);
    return text.includes("-----BEGIN CERTIFICATE-----") ? text : undefined;
  }

  process(): boolean {
    const ca = this.rootCa();
    if (ca !== this.publishedCa) {
      this.publishedCa = ca;
      for (const ns of this.cluster.api.list("Namespace")) this.queue.add(ns.metadata.name as string);
    }
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
    const ca = this.publishedCa || this.rootCa();
    const published = api.get("ConfigMap", namespace, ROOT_CA_CONFIGMAP);
    if (!published)
      api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace,
          annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION },
        },
        data: { "ca.crt": ca },
      });
    else if (published.data?.["ca.crt"] !== ca)
      api.update({ ...published, data: { ...published.data, "ca.crt": ca } });
    if (namespace === "kube-system") {
      ensureLegacyTokenTracking(this.cluster);
      publishExtensionApiserverAuthentication(
        this.cluster,
        this.controlPlaneCa(CA_CERT_PATH),
        this.controlPlaneCa(FRONT_PROXY_CA_CERT_PATH),
      );
    }
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
