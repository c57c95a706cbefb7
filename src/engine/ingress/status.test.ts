// Which Ingresses ingress-nginx serves (store.go GetIngressClass with the IngressClass informer
// filtered by --controller-class) and the addresses it publishes (status.go runningAddresses,
// statusAddressFromService; k8s.GetNodeIPOrName).
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";
import type { KubeObject } from "../api/types";
import { parseControllerOptions } from "./options";
import { runningAddresses, servesIngress } from "./status";

const OPTIONS = parseControllerOptions(["--controller-class=k8s.io/ingress-nginx", "--ingress-class=nginx"]);

function ingress(spec: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "i", namespace: "default", annotations },
    spec,
  } as KubeObject;
}

function cluster(): TestCluster {
  const t = new TestCluster();
  t.apply(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: other}
spec: {controller: example.com/other}`);
  return t;
}

describe("servesIngress", () => {
  const api = cluster().cluster.api;
  it("serves an ingressClassName whose IngressClass names its controller", () => {
    expect(servesIngress(api, ingress({ ingressClassName: "nginx" }), OPTIONS)).toBe(true);
    expect(servesIngress(api, ingress({ ingressClassName: "other" }), OPTIONS)).toBe(false);
    expect(servesIngress(api, ingress({ ingressClassName: "missing" }), OPTIONS)).toBe(false);
  });

  it("serves the class annotation equal to --ingress-class", () => {
    expect(servesIngress(api, ingress({}, { "kubernetes.io/ingress.class": "nginx" }), OPTIONS)).toBe(true);
    expect(servesIngress(api, ingress({}, { "kubernetes.io/ingress.class": "traefik" }), OPTIONS)).toBe(
      false,
    );
  });

  it("ignores a class-less Ingress unless --watch-ingress-without-class", () => {
    expect(servesIngress(api, ingress({}), OPTIONS)).toBe(false);
    const watching = parseControllerOptions(["--watch-ingress-without-class=true"]);
    expect(servesIngress(api, ingress({}), watching)).toBe(true);
  });
});

describe("runningAddresses", () => {
  const pod = (node: string, ready: boolean) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `c-${node}`,
      namespace: "ingress-nginx",
      labels: { app: "c", "pod-template-hash": node },
    },
    spec: { nodeName: node, containers: [{ name: "c", image: "x" }] },
    status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });

  it("publishes the nodes of its Ready pods: ExternalIP, else InternalIP", () => {
    const t = new TestCluster();
    const api = t.cluster.api;
    api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ingress-nginx" } } as KubeObject);
    for (const [name, addresses] of [
      ["n1", [{ type: "InternalIP", address: "192.168.1.3" }]],
      [
        "n2",
        [
          { type: "InternalIP", address: "192.168.1.4" },
          { type: "ExternalIP", address: "203.0.113.4" },
        ],
      ],
      ["n3", [{ type: "InternalIP", address: "192.168.1.5" }]],
    ] as const)
      api.create({ apiVersion: "v1", kind: "Node", metadata: { name }, status: { addresses } } as KubeObject);
    for (const [node, ready] of [
      ["n1", true],
      ["n2", true],
      ["n3", false],
    ] as const)
      api.create(pod(node, ready) as unknown as KubeObject, {});
    for (const p of api.list("Pod", { namespace: "ingress-nginx" })) {
      const node = (p.spec as { nodeName: string }).nodeName;
      api.updateStatus({ ...p, status: pod(node, node !== "n3").status } as KubeObject);
    }
    const self = api.get("Pod", "ingress-nginx", "c-n1") as KubeObject;
    expect(runningAddresses(api, OPTIONS, self)).toEqual([{ ip: "192.168.1.3" }, { ip: "203.0.113.4" }]);
    const internal = parseControllerOptions(["--report-node-internal-ip-address"]);
    expect(runningAddresses(api, internal, self)).toEqual([{ ip: "192.168.1.3" }, { ip: "192.168.1.4" }]);
  });

  it("publishes --publish-service's address: nothing while its LoadBalancer is pending", () => {
    const t = new TestCluster();
    t.apply(`apiVersion: v1
kind: Service
metadata: {name: lb, namespace: default}
spec:
  type: LoadBalancer
  ports: [{port: 80}]`);
    const api = t.cluster.api;
    const options = parseControllerOptions(["--publish-service=default/lb"]);
    const self = { metadata: { name: "x", namespace: "default" } } as KubeObject;
    expect(runningAddresses(api, options, self)).toEqual([]);
    const svc = api.get("Service", "default", "lb") as KubeObject;
    api.updateStatus({
      ...svc,
      status: { loadBalancer: { ingress: [{ ip: "198.51.100.7" }] } },
    } as KubeObject);
    expect(runningAddresses(api, options, self)).toEqual([{ ip: "198.51.100.7" }]);
    expect(
      runningAddresses(api, parseControllerOptions(["--publish-status-address=10.0.0.9, lb.example"]), self),
    ).toEqual([{ ip: "10.0.0.9" }, { hostname: "lb.example" }]);
  });
});
