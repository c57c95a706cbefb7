// Tables of NetworkPolicy, Ingress, IngressClass and HorizontalPodAutoscaler. Rows ported from
// kubernetes/kubernetes pkg/printers/internalversion/printers_test.go (TestPrintIngress,
// TestPrintIngressClass, TestPrintHPA, TestPrintNetworkPolicy), v1.32, where formatHPAMetrics
// prefixes resource metrics with their name.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { API_TABLE_HANDLERS, formatHosts, formatHPAMetrics, ingressAddress } from "./apis";
import { printTable } from "./table";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const obj = (kind: string, name: string, body: object): KubeObject =>
  ({
    apiVersion: "x",
    kind,
    metadata: { name, namespace: "default", creationTimestamp: "2016-01-01T01:00:00Z" },
    ...body,
  }) as KubeObject;

describe("Ingress", () => {
  it("prints class, hosts, the address and ports (TestPrintIngress)", () => {
    const ing = obj("Ingress", "test1", {
      spec: {
        ingressClassName: "foo",
        defaultBackend: {
          service: { name: "default-backend", port: { name: "default-backend", number: 80 } },
        },
      },
      status: { loadBalancer: { ingress: [{ ip: "2.3.4.5", hostname: "localhost.localdomain" }] } },
    });
    const row = API_TABLE_HANDLERS.Ingress?.row(ing, { now: NOW, wide: false });
    expect(row).toEqual(["test1", "foo", "*", "2.3.4.5", "80", "10y"]);
  });

  it("lists at most three hosts, then ' + N more...'", () => {
    const rules = ["a", "b", "", "c", "d", "e"].map((host) => ({ host }));
    expect(formatHosts(rules)).toBe("a,b,c + 3 more...");
    expect(formatHosts([{ host: "" }])).toBe("*");
  });

  it("cuts a long address to 16 bytes without -o wide", () => {
    const status = {
      loadBalancer: { ingress: [{ ip: "10.0.0.2" }, { hostname: "lb.example.com" }, { ip: "10.0.0.1" }] },
    };
    expect(ingressAddress(status, true)).toBe("10.0.0.1,10.0.0.2,lb.example.com");
    expect(ingressAddress(status, false)).toBe("10.0.0.1,10.0...");
  });

  it("prints 80, 443 with TLS, <none> without a class", () => {
    const ing = obj("Ingress", "web", {
      spec: { tls: [{ hosts: ["a.com"] }], rules: [{ host: "a.com" }] },
      status: {},
    });
    expect(printTable([ing], { now: NOW })).toBe(
      "NAME   CLASS    HOSTS   ADDRESS   PORTS     AGE\nweb    <none>   a.com             80, 443   10y\n",
    );
  });
});

describe("IngressClass", () => {
  it("prints the controller and Kind[.APIGroup]/Name parameters (TestPrintIngressClass)", () => {
    const withParams = obj("IngressClass", "test1", {
      spec: { controller: "example.com/controller", parameters: { kind: "customgroup", name: "example" } },
    });
    const withGroup = obj("IngressClass", "test2", {
      spec: {
        controller: "example.com/controller",
        parameters: { apiGroup: "example.com", kind: "customgroup", name: "example" },
      },
    });
    const bare = obj("IngressClass", "test3", { spec: { controller: "example.com/controller" } });
    const o = { now: NOW, wide: false };
    expect(API_TABLE_HANDLERS.IngressClass?.row(withParams, o)).toEqual([
      "test1",
      "example.com/controller",
      "customgroup/example",
      "10y",
    ]);
    expect(API_TABLE_HANDLERS.IngressClass?.row(withGroup, o)[2]).toBe("customgroup.example.com/example");
    expect(API_TABLE_HANDLERS.IngressClass?.row(bare, o)[2]).toBe("<none>");
  });
});

describe("NetworkPolicy", () => {
  it("prints the pod selector, <none> when it selects every pod", () => {
    const all = obj("NetworkPolicy", "default-deny", { spec: { podSelector: {} } });
    const web = obj("NetworkPolicy", "web", { spec: { podSelector: { matchLabels: { app: "web" } } } });
    expect(printTable([all, web], { now: NOW })).toBe(
      "NAME           POD-SELECTOR   AGE\ndefault-deny   <none>         10y\nweb            app=web        10y\n",
    );
  });
});

describe("formatHPAMetrics (TestPrintHPA)", () => {
  const resource = (name: string, target: object) => ({ type: "Resource", resource: { name, target } });
  it("names what is missing", () => {
    expect(formatHPAMetrics(undefined, undefined)).toBe("<none>");
    expect(formatHPAMetrics([resource("cpu", { type: "Utilization", averageUtilization: 80 })], [])).toBe(
      "cpu: <unknown>/80%",
    );
    // A status entry without a resource (what the controller writes when metrics fail).
    expect(
      formatHPAMetrics([resource("cpu", { type: "Utilization", averageUtilization: 80 })], [{ type: "" }]),
    ).toBe("cpu: <unknown>/80%");
  });

  it("prints current/target for each source type", () => {
    const specs = [
      {
        type: "External",
        external: { metric: { name: "q" }, target: { type: "AverageValue", averageValue: "100m" } },
      },
      {
        type: "Pods",
        pods: { metric: { name: "p" }, target: { type: "AverageValue", averageValue: "100m" } },
      },
    ];
    expect(formatHPAMetrics(specs, [])).toBe("<unknown>/100m (avg), <unknown>/100m");
    expect(
      formatHPAMetrics(
        [resource("cpu", { type: "AverageValue", averageValue: "100m" })],
        [{ type: "Resource", resource: { name: "cpu", current: { averageValue: "50m" } } }],
      ),
    ).toBe("cpu: 50m/100m");
    expect(
      formatHPAMetrics(
        [resource("cpu", { type: "Utilization", averageUtilization: 80 })],
        [
          {
            type: "Resource",
            resource: { name: "cpu", current: { averageUtilization: 50, averageValue: "10m" } },
          },
        ],
      ),
    ).toBe("cpu: 50%/80%");
  });

  it("shows two metrics, then ' + N more...'", () => {
    const specs = ["cpu", "memory", "ephemeral-storage"].map((n) =>
      resource(n, { type: "Utilization", averageUtilization: 10 }),
    );
    expect(formatHPAMetrics(specs, [])).toBe("cpu: <unknown>/10%, memory: <unknown>/10% + 1 more...");
  });

  it("prints the HPA row: reference, <unset> minimum, replicas", () => {
    const hpa = obj("HorizontalPodAutoscaler", "web", {
      spec: { scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" }, maxReplicas: 5 },
      status: { currentReplicas: 2, desiredReplicas: 2 },
    });
    expect(printTable([hpa], { now: NOW })).toBe(
      "NAME   REFERENCE        TARGETS   MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   <none>    <unset>   5         2          10y\n",
    );
  });
});
