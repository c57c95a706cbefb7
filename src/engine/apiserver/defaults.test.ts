/** Golden objects: what `kubectl get -o yaml` shows for fresh objects in a real v1.32 cluster. */
import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { defaultPullPolicy } from "./defaults";

const container = (extra = {}) => ({
  imagePullPolicy: "IfNotPresent",
  resources: {},
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
  ...extra,
});

const templateSpecDefaults = {
  dnsPolicy: "ClusterFirst",
  restartPolicy: "Always",
  schedulerName: "default-scheduler",
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

describe("defaultPullPolicy", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["localhost:5000/app", "Always"],
    ["localhost:5000/app:v1", "IfNotPresent"],
    ["nginx@sha256:abc", "IfNotPresent"],
  ])("%s → %s", (image, policy) => expect(defaultPullPolicy(image)).toBe(policy));
});

describe("Pod", () => {
  it("has the spec and status of a real pod", () => {
    const cluster = createCluster();
    const p = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
    });
    const volume = p.spec.volumes[0].name;
    expect(p.spec).toEqual({
      containers: [
        {
          name: "nginx",
          image: "nginx:1.27",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          ...container(),
          volumeMounts: [
            { name: volume, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
          ],
        },
      ],
      ...templateSpecDefaults,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
      priority: 0,
      serviceAccount: "default",
      serviceAccountName: "default",
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
              {
                downwardAPI: {
                  items: [
                    { path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
    expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("defaults requests to limits and computes the QoS class", () => {
    const cluster = createCluster();
    const p = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "g" },
      spec: { containers: [{ name: "a", image: "x", resources: { limits: { cpu: "1", memory: "1Gi" } } }] },
    });
    expect(p.spec.containers[0].resources.requests).toEqual({ cpu: "1", memory: "1Gi" });
    expect(p.status.qosClass).toBe("Guaranteed");
  });
});

describe("workloads", () => {
  const template = {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
  };
  const defaultedTemplate = {
    metadata: { creationTimestamp: null, labels: { app: "web" } },
    spec: { containers: [{ name: "nginx", image: "nginx:1.27", ...container() }], ...templateSpecDefaults },
  };

  it("Deployment", () => {
    const cluster = createCluster();
    const d = cluster.api.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template },
    });
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: defaultedTemplate,
    });
  });

  it("DaemonSet", () => {
    const cluster = createCluster();
    const ds = cluster.api.create({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template },
    });
    expect(ds.spec).toEqual({
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: "web" } },
      template: defaultedTemplate,
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    });
  });

  it("Job gets a generated selector and labels", () => {
    const cluster = createCluster();
    const job = cluster.api.create({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } } },
    });
    const uid = job.metadata.uid;
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    };
    expect(job.metadata.labels).toEqual(labels);
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: "NonIndexed",
      completions: 1,
      parallelism: 1,
      podReplacementPolicy: "TerminatingOrFailed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      suspend: false,
      template: { metadata: { labels } },
    });
  });
});

describe("Service", () => {
  it("allocates a cluster IP and node ports", () => {
    const cluster = createCluster();
    const svc = cluster.api.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(svc.spec).toMatchObject({
      clusterIPs: [svc.spec.clusterIP],
      externalTrafficPolicy: "Cluster",
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      sessionAffinity: "None",
      type: "NodePort",
    });
    const port = svc.spec.ports[0];
    expect(port).toMatchObject({ port: 80, protocol: "TCP", targetPort: 80 });
    expect(port.nodePort).toBeGreaterThanOrEqual(30000);
    expect(port.nodePort).toBeLessThanOrEqual(32767);
    expect(svc.status).toEqual({ loadBalancer: {} });
    // An update that leaves them out keeps them.
    const next = structuredClone(svc);
    delete next.spec.clusterIP;
    delete next.spec.ports[0].nodePort;
    const updated = cluster.api.update(next);
    expect(updated.spec.clusterIP).toBe(svc.spec.clusterIP);
    expect(updated.spec.ports[0].nodePort).toBe(port.nodePort);
  });

  it("refuses a taken cluster IP and node port", () => {
    const cluster = createCluster();
    expect(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "dup" },
        spec: { clusterIP: "10.96.0.1", ports: [{ port: 80 }] },
      }),
    ).toThrow(
      'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    expect(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "low" },
        spec: { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] },
      }),
    ).toThrow(
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("has the kubernetes Service", () => {
    const cluster = createCluster();
    expect(cluster.api.get("Service", "default", "kubernetes")?.spec.clusterIP).toBe("10.96.0.1");
  });
});

describe("Namespace and Node", () => {
  it("Namespace", () => {
    const cluster = createCluster();
    const ns = cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    expect(ns.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "team" });
    expect(ns.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(ns.status).toEqual({ phase: "Active" });
  });

  it("Node keeps its status and gets allocatable from capacity", () => {
    const cluster = createCluster();
    const node = cluster.api.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1" },
      status: { capacity: { cpu: "4", memory: "8Gi", pods: "110" } },
    });
    expect(node.status.allocatable).toEqual({ cpu: "4", memory: "8Gi", pods: "110" });
  });

  it("system PriorityClasses exist", () => {
    const cluster = createCluster();
    expect(cluster.api.get("PriorityClass", undefined, "system-node-critical")?.value).toBe(2000001000);
    expect(cluster.api.get("PriorityClass", undefined, "system-cluster-critical")?.value).toBe(2000000000);
  });
});

describe("Secret", () => {
  // Convert_v1_Secret_To_core_Secret (pkg/apis/core/v1/conversion.go): stringData overwrites data.
  it("merges stringData into data (stringData wins) and does not store it", () => {
    const cluster = createCluster();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "default" },
      data: { user: "b2xk", keep: "eA==" },
      stringData: { user: "admin", pass: "p@ss" },
    });
    const s = cluster.api.get("Secret", "default", "s");
    expect(s?.data).toEqual({ user: "YWRtaW4=", keep: "eA==", pass: "cEBzcw==" });
    expect(s?.stringData).toBeUndefined();
    expect(s?.type).toBe("Opaque");
  });
});
