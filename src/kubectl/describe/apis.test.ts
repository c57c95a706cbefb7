// describe of NetworkPolicy, Ingress, IngressClass and HorizontalPodAutoscaler. Expected texts
// are ported from kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/describe/describe_test.go
// (TestDescribeNetworkPolicies, TestDescribeIngress, TestDescribeIngressClass,
// TestDescribeHorizontalPodAutoscaler), with v1.32's wording: egress peers are "not restricted by
// destination", Ingress describe has an "Ingress Class:" line, times in UTC.
import { describe, expect, it } from "vitest";
import type { ApiReader } from "../../engine/api/interface";
import type { KubeObject } from "../../engine/api/types";
import { describe as describeObject } from "./index";

const NOW = Date.parse("2026-01-01T00:10:00Z");

function reader(objs: KubeObject[]): ApiReader {
  return {
    get: (kind, ns, name) =>
      objs.find(
        (o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? "") === (ns ?? ""),
      ),
    list: (kind) => objs.filter((x) => x.kind === kind),
    resourceVersion: () => "1",
  };
}

const sel = (matchLabels: object, matchExpressions?: object[]) =>
  matchExpressions ? { matchLabels, matchExpressions } : { matchLabels };

describe("describe networkpolicy (TestDescribeNetworkPolicies)", () => {
  const peers = [
    { podSelector: sel({ id: "pod1", id2: "pod2" }), namespaceSelector: sel({ id: "ns1", id2: "ns2" }) },
    { podSelector: sel({ id: "app2", id2: "app3" }) },
    { namespaceSelector: sel({ id: "app2", id2: "app3" }) },
    {
      namespaceSelector: sel({ id: "app2", id2: "app3" }, [
        { key: "foo", operator: "In", values: ["bar1", "bar2"] },
      ]),
    },
    { ipBlock: { cidr: "192.168.0.0/16", except: ["192.168.3.0/24", "192.168.4.0/24"] } },
  ];
  const ports = [{ port: 80 }, { port: 82, protocol: "TCP" }];
  const np = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "network-policy-1", namespace: "default", creationTimestamp: "2017-06-05T04:45:56Z" },
    spec: {
      podSelector: sel({ id1: "app1", id2: "app2" }, [
        { key: "foo", operator: "In", values: ["bar1", "bar2"] },
        { key: "foo2", operator: "NotIn", values: ["bar1", "bar2"] },
      ]),
      ingress: [{ ports, from: peers }, {}],
      egress: [{ ports, to: peers }, {}],
      policyTypes: ["Ingress", "Egress"],
    },
  } as KubeObject;

  it("prints the spec in words", () => {
    expect(describeObject(np, { api: reader([np]), now: NOW })).toBe(`Name:         network-policy-1
Namespace:    default
Created on:   2017-06-05 04:45:56 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     foo in (bar1,bar2),foo2 notin (bar1,bar2),id1=app1,id2=app2
  Allowing ingress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    From:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    From:
      PodSelector: id=app2,id2=app3
    From:
      NamespaceSelector: id=app2,id2=app3
    From:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    From:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    From: <any> (traffic not restricted by source)
  Allowing egress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    To:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    To:
      PodSelector: id=app2,id2=app3
    To:
      NamespaceSelector: id=app2,id2=app3
    To:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    To:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    To: <any> (traffic not restricted by destination)
  Policy Types: Ingress, Egress
`);
  });

  it("describes a default-deny policy (empty selector, no rules)", () => {
    const deny = {
      ...np,
      metadata: { ...np.metadata, name: "deny" },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    } as KubeObject;
    expect(describeObject(deny, { api: reader([]), now: NOW })).toContain(`Spec:
  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)
  Allowing ingress traffic:
    <none> (Selected pods are isolated for ingress connectivity)
  Not affecting egress traffic
  Policy Types: Ingress
`);
  });
});

describe("describe ingress (TestDescribeIngress)", () => {
  const backend = { service: { name: "default-backend", port: { number: 80 } } };
  const ing = (spec: object) =>
    ({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "bar", namespace: "foo", uid: "i1" },
      spec,
    }) as KubeObject;

  it("names a backend whose endpoints do not exist", () => {
    const i = ing({
      defaultBackend: backend,
      rules: [{ host: "foo.bar.com", http: { paths: [{ path: "/foo", pathType: "Exact", backend }] } }],
    });
    expect(describeObject(i, { api: reader([i]), now: NOW })).toBe(`Name:             bar
Labels:           <none>
Namespace:        foo
Address:          
Ingress Class:    <none>
Default backend:  default-backend:80 (<error: endpoints "default-backend" not found>)
Rules:
  Host         Path  Backends
  ----         ----  --------
  foo.bar.com  
               /foo   default-backend:80 (<error: endpoints "default-backend" not found>)
Annotations:   <none>
Events:        <none>
`);
  });

  it("prints resource backends, <default>, TLS and the endpoints of the service port", () => {
    const resource = { resource: { apiGroup: undefined, kind: "foo", name: "bar" } };
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "foo" },
      spec: { ports: [{ name: "http", port: 80 }] },
    } as KubeObject;
    const ep = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "foo" },
      subsets: [{ addresses: [{ ip: "10.244.1.2" }], ports: [{ name: "http", port: 8080 }] }],
    } as KubeObject;
    const i = ing({
      ingressClassName: "nginx",
      tls: [{ hosts: ["a.com"], secretName: "cert" }, { hosts: ["b.com"] }],
      rules: [
        {
          http: {
            paths: [
              { path: "/r", pathType: "Prefix", backend: resource },
              {
                path: "/w",
                pathType: "Prefix",
                backend: { service: { name: "web", port: { name: "http" } } },
              },
            ],
          },
        },
      ],
    });
    const out = describeObject(i, { api: reader([i, svc, ep]), now: NOW });
    expect(out).toContain(
      "Ingress Class:    nginx\nDefault backend:  <default>\nTLS:\n  cert terminates a.com\n  SNI routes b.com\n",
    );
    expect(out).toContain("  *           \n              /r   APIGroup: <none>, Kind: foo, Name: bar\n");
    expect(out).toContain("              /w   web:http (10.244.1.2:8080)\n");
  });

  it("prints * * <default> without rules", () => {
    const i = ing({ defaultBackend: backend });
    expect(describeObject(i, { api: reader([]), now: NOW })).toContain(
      'Rules:\n  Host        Path  Backends\n  ----        ----  --------\n  *           *     default-backend:80 (<error: endpoints "default-backend" not found>)\n',
    );
  });
});

describe("describe ingressclass (TestDescribeIngressClass)", () => {
  it("prints the controller and parameters", () => {
    const ic = {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: "example-class", uid: "c1" },
      spec: {
        controller: "example.com/controller",
        parameters: { apiGroup: "v1", kind: "ConfigMap", name: "example-parameters" },
      },
    } as KubeObject;
    expect(describeObject(ic, { api: reader([ic]), now: NOW })).toBe(`Name:         example-class
Labels:       <none>
Annotations:  <none>
Controller:   example.com/controller
Parameters:
  APIGroup:  v1
  Kind:      ConfigMap
  Name:      example-parameters
Events:      <none>
`);
  });
});

describe("describe hpa (describeHorizontalPodAutoscalerV2)", () => {
  const hpa = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "default", uid: "h1", creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: {
      scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
        },
        {
          type: "Resource",
          resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } },
        },
        {
          type: "Pods",
          pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10" } },
        },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: "Max",
          policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
        },
      },
    },
    status: {
      currentReplicas: 2,
      desiredReplicas: 0,
      currentMetrics: [{ type: "" }, { type: "" }, { type: "" }],
      conditions: [
        { type: "AbleToScale", status: "True", reason: "SucceededGetScale", message: "m1" },
        { type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: "m2" },
      ],
    },
  } as KubeObject;

  // A line without a tab (Behavior:, Conditions:) ends the tabwriter's column block, so the
  // lines after it align on their own.
  it("prints metrics, behavior, pods and conditions", () => {
    expect(
      describeObject(hpa, { api: reader([hpa]), now: NOW }),
    ).toBe(`Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Thu, 01 Jan 2026 00:00:00 +0000
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 80%
  resource memory on pods:                             <unknown> / 100Mi
  "qps" on pods:                                       <unknown> / 10
Min replicas:                                          2
Max replicas:                                          5
Behavior:
  Scale Down:
    Stabilization Window: 300 seconds
    Select Policy: Max
    Policies:
      - Type: Percent  Value: 100  Period: 15 seconds
Deployment pods:       2 current / 0 desired
Conditions:
  Type           Status  Reason                   Message
  ----           ------  ------                   -------
  AbleToScale    True    SucceededGetScale        m1
  ScalingActive  False   FailedGetResourceMetric  m2
Events:          <none>
`);
  });
});
