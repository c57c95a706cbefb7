import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import {
  iptablesProbability,
  iptablesSave,
  servicePortChainName,
  servicePortEndpointChainName,
} from "./iptables";

describe("kube-proxy's iptables rules", () => {
  it("names chains as proxier.go does (the Debug Services page's KUBE-SVC-NWV5X2332I4OT4T3)", () => {
    // The page's kube-proxy named the port "default/hostnames:" (ServicePortName.String() of its day).
    expect(servicePortChainName("default/hostnames:", "tcp")).toBe("KUBE-SVC-NWV5X2332I4OT4T3");
    expect(servicePortEndpointChainName("default/hostnames", "tcp", "10.244.1.3:9376")).toMatch(
      /^KUBE-SEP-[A-Z2-7]{16}$/,
    );
  });

  it("prints probabilities as iptables-save does (1/3 stored in 2^31ths)", () => {
    expect(iptablesProbability(1 / 3)).toBe("0.33333333349");
    expect(iptablesProbability(1 / 2)).toBe("0.50000000000");
  });

  it("jumps to each endpoint at random, rejects a port with none", () => {
    const svc = (name: string, ip: string): KubeObject =>
      ({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace: "default" },
        spec: { clusterIP: ip, ports: [{ port: 80, protocol: "TCP", targetPort: 9376 }] },
      }) as KubeObject;
    const endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [
        { addresses: [{ ip: "10.244.2.2" }, { ip: "10.244.1.3" }], ports: [{ port: 9376, protocol: "TCP" }] },
      ],
    } as KubeObject;
    const text = iptablesSave(
      {
        services: [svc("web", "10.96.0.50"), svc("none", "10.96.0.60")],
        endpoints: [endpoints],
        clusterCIDR: "10.244.0.0/16",
      },
      "Thu Jan  1 00:00:00 2026",
    );
    const chain = servicePortChainName("default/web", "tcp");
    expect(text).toContain(
      `-A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${chain}\n`,
    );
    expect(text).toContain(
      `-A ${chain} -m comment --comment "default/web -> 10.244.1.3:9376" -m statistic --mode random --probability 0.50000000000 -j `,
    );
    expect(text).toContain(
      '-A KUBE-SERVICES -d 10.96.0.60/32 -p tcp -m comment --comment "default/none has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\n',
    );
  });
});
