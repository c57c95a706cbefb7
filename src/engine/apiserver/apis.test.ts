// Defaults and validation of NetworkPolicy, Ingress, IngressClass (pkg/apis/networking/v1/defaults.go,
// pkg/apis/networking/validation/validation.go) and HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/
// defaults.go, pkg/apis/autoscaling/validation/validation.go), v1.32 texts.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";

function create(t: TestCluster, obj: object): KubeObject {
  return t.cluster.api.create(obj as KubeObject);
}

function causes(t: TestCluster, obj: object): string[] {
  try {
    create(t, obj);
  } catch (e) {
    if (e instanceof ApiError) return e.causes.map((c) => `${c.field}: ${c.message}`);
    throw e;
  }
  return [];
}

const np = (spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "np" },
  spec,
});
const ing = (spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "i" },
  spec,
});
const hpa = (spec: object) => ({
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "h" },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    maxReplicas: 3,
    ...spec,
  },
});

describe("NetworkPolicy", () => {
  it("defaults policyTypes (Egress only with egress rules), port protocols and the pod selector", () => {
    const t = new TestCluster();
    const a = create(t, np({ ingress: [{ ports: [{ port: 80 }] }] }));
    expect(a.spec).toEqual({
      podSelector: {},
      ingress: [{ ports: [{ port: 80, protocol: "TCP" }] }],
      policyTypes: ["Ingress"],
    });
    expect(a.metadata.generation).toBe(1);
    const b = create(t, { ...np({ egress: [{}] }), metadata: { name: "b" } });
    expect(b.spec?.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  it("refuses peers, ports and policy types as ValidateNetworkPolicySpec does", () => {
    const t = new TestCluster();
    expect(causes(t, np({ podSelector: {}, ingress: [{ from: [{}] }] }))).toEqual([
      "spec.ingress[0].from[0]: Required value: must specify a peer",
    ]);
    expect(
      causes(
        t,
        np({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] }),
      ),
    ).toEqual(["spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer"]);
    expect(
      causes(
        t,
        np({
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["11.0.0.0/16"] } }] }],
        }),
      ),
    ).toEqual([
      'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "11.0.0.0/16": must be a strict subset of `cidr`',
    ]);
    expect(
      causes(t, np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0" } }] }] })),
    ).toEqual([
      'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(
      causes(t, np({ podSelector: {}, ingress: [{ ports: [{ port: 70000, protocol: "ICMP" }] }] })),
    ).toEqual([
      'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      "spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ]);
    expect(causes(t, np({ podSelector: {}, policyTypes: ["Ingress", "Other"] }))).toEqual([
      'spec.policyTypes[1]: Unsupported value: "Other": supported values: "Ingress", "Egress"',
    ]);
  });
});

describe("Ingress and IngressClass", () => {
  const backend = { service: { name: "web", port: { number: 80 } } };
  it("requires a default backend or rules, a pathType and an absolute path", () => {
    const t = new TestCluster();
    expect(causes(t, ing({}))).toEqual([
      "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
    ]);
    expect(causes(t, ing({ rules: [{ http: { paths: [{ path: "/", backend }] } }] }))).toEqual([
      "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
    ]);
    expect(
      causes(t, ing({ rules: [{ http: { paths: [{ path: "x", pathType: "Prefix", backend }] } }] })),
    ).toEqual(['spec.rules[0].http.paths[0].path: Invalid value: "x": must be an absolute path']);
    expect(
      causes(t, ing({ rules: [{ http: { paths: [{ path: "/", pathType: "Regex", backend }] } }] })),
    ).toEqual([
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ]);
    expect(causes(t, ing({ defaultBackend: { service: { name: "web", port: {} } } }))).toEqual([
      "spec.defaultBackend: Required value: port name or number is required",
    ]);
    expect(
      causes(
        t,
        ing({ rules: [{ host: "1.2.3.4", http: { paths: [{ path: "/", pathType: "Exact", backend }] } }] }),
      ),
    ).toEqual(['spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address']);
  });

  it("starts with an empty load balancer status and generation 1", () => {
    const t = new TestCluster();
    const i = create(t, {
      ...ing({ defaultBackend: backend }),
      status: { loadBalancer: { ingress: [{ ip: "1.1.1.1" }] } },
    });
    expect(i.status).toEqual({ loadBalancer: {} });
    expect(i.metadata.generation).toBe(1);
  });

  it("gives a class-less Ingress the newest default IngressClass (DefaultIngressClass admission)", () => {
    const t = new TestCluster();
    const cls = (name: string) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name, annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
      spec: { controller: "k8s.io/ingress-nginx" },
    });
    expect(
      create(t, { ...ing({ defaultBackend: backend }), metadata: { name: "none" } }).spec?.ingressClassName,
    ).toBe(undefined);
    create(t, cls("old"));
    t.advance(1);
    create(t, cls("new"));
    expect(
      create(t, { ...ing({ defaultBackend: backend }), metadata: { name: "a" } }).spec?.ingressClassName,
    ).toBe("new");
    const legacy = {
      ...ing({ defaultBackend: backend }),
      metadata: { name: "b", annotations: { "kubernetes.io/ingress.class": "x" } },
    };
    expect(create(t, legacy).spec?.ingressClassName).toBe(undefined);
    const own = create(t, {
      ...ing({ defaultBackend: backend, ingressClassName: "old" }),
      metadata: { name: "c" },
    });
    expect(own.spec?.ingressClassName).toBe("old");
  });

  it("defaults an IngressClass's parameter scope and keeps its controller immutable", () => {
    const t = new TestCluster();
    const ic = create(t, {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: "nginx" },
      spec: { controller: "k8s.io/ingress-nginx", parameters: { kind: "ConfigMap", name: "p" } },
    });
    expect(ic.spec?.parameters.scope).toBe("Cluster");
    const changed = { ...ic, spec: { ...ic.spec, controller: "example.com/other" } };
    expect(() => t.cluster.api.update(changed)).toThrow(
      'IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable',
    );
    expect(
      causes(t, {
        apiVersion: "networking.k8s.io/v1",
        kind: "IngressClass",
        metadata: { name: "x" },
        spec: { controller: "nginx" },
      }),
    ).toEqual([
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
  });
});

describe("HorizontalPodAutoscaler", () => {
  it("defaults minReplicas 1, an 80% CPU metric and a given behavior's rules; status starts empty", () => {
    const t = new TestCluster();
    const h = create(t, hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } }));
    expect(h.spec?.minReplicas).toBe(1);
    expect(h.spec?.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
      },
    ]);
    expect(h.spec?.behavior).toEqual({
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
      },
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ],
      },
    });
    expect(h.status).toEqual({ desiredReplicas: 0 });
  });

  it("refuses bounds, references and metrics as validateHorizontalPodAutoscalerSpec does", () => {
    const t = new TestCluster();
    expect(causes(t, hpa({ minReplicas: 0 }))).toEqual([
      "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
    ]);
    expect(causes(t, hpa({ minReplicas: 4, maxReplicas: 3 }))).toEqual([
      "spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`",
    ]);
    expect(causes(t, hpa({ scaleTargetRef: { kind: "Deployment" }, maxReplicas: 0 }))).toEqual([
      "spec.maxReplicas: Invalid value: 0: must be greater than 0",
      "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`",
      "spec.scaleTargetRef.name: Required value",
    ]);
    expect(
      causes(
        t,
        hpa({
          metrics: [
            {
              type: "Resource",
              resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 0 } },
            },
          ],
        }),
      ),
    ).toEqual([
      "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
    ]);
  });
});
