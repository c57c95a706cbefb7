/**
 * The rules kube-proxy's iptables proxier keeps on a node (pkg/proxy/iptables/proxier.go
 * syncProxyRules), as `iptables-save` prints them: for each Service port with a cluster IP, a
 * KUBE-SERVICES jump to its KUBE-SVC- chain, which masquerades traffic from outside the cluster
 * CIDR and picks an endpoint at random (statistic probabilities 1/n, 1/(n-1)...), each endpoint's
 * KUBE-SEP- chain DNATing to it; a Service port with no endpoints is REJECTed in the filter table.
 * Chain names hash the port's name as kube-proxy does (base32 of SHA-256, 16 characters).
 */
import type { KubeObject } from "../api/types";
import { sha256 } from "../sh/applets/digest";

/** What the rules are built from: the cluster's Services and Endpoints, and kube-proxy's clusterCIDR. */
export interface ProxyState {
  services: KubeObject[];
  endpoints: KubeObject[];
  clusterCIDR?: string;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 of bytes (Go's base32.StdEncoding, no padding needed for 16 characters). */
function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function hash16(text: string): string {
  const hex = sha256(new TextEncoder().encode(text));
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return base32(bytes).slice(0, 16);
}

/** servicePortChainName: KUBE-SVC- and the hash of the port's name and protocol. */
export function servicePortChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${hash16(servicePortName + protocol)}`;
}

/** servicePortEndpointChainName: KUBE-SEP- and the hash of the port's name, protocol and endpoint. */
export function servicePortEndpointChainName(
  servicePortName: string,
  protocol: string,
  endpoint: string,
): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol + endpoint)}`;
}

/** iptables' print of a statistic probability (stored as a fraction of 2^31, shown with 11 decimals). */
export function iptablesProbability(p: number): string {
  const stored = Math.round(0x80000000 * p);
  return (stored / 0x80000000).toFixed(11);
}

interface PortRules {
  name: string;
  ip: string;
  port: number;
  protocol: string;
  endpoints: string[];
}

function servicePorts(state: ProxyState): PortRules[] {
  const out: PortRules[] = [];
  const sorted = [...state.services].sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1,
  );
  for (const svc of sorted) {
    const ip: string | undefined = svc.spec?.clusterIP;
    if (!ip || ip === "None" || svc.spec?.type === "ExternalName") continue;
    const ep = state.endpoints.find(
      (e) => e.metadata.namespace === svc.metadata.namespace && e.metadata.name === svc.metadata.name,
    );
    for (const p of svc.spec?.ports ?? []) {
      const protocol = String(p.protocol ?? "TCP").toLowerCase();
      const name = `${svc.metadata.namespace}/${svc.metadata.name}${p.name ? `:${p.name}` : ""}`;
      const endpoints: string[] = [];
      for (const subset of ep?.subsets ?? []) {
        const port = (subset.ports ?? []).find(
          (q: { name?: string; protocol?: string }) =>
            (q.name ?? "") === (p.name ?? "") && String(q.protocol ?? "TCP").toLowerCase() === protocol,
        );
        if (!port) continue;
        for (const a of subset.addresses ?? []) endpoints.push(`${a.ip}:${port.port}`);
      }
      endpoints.sort();
      out.push({ name, ip, port: p.port, protocol, endpoints });
    }
  }
  return out;
}

/** The nat and filter tables as `iptables-save` prints them (iptables v1.8.7, nf_tables). */
export function iptablesSave(state: ProxyState, nowText: string): string {
  const ports = servicePorts(state);
  const natChains = new Set<string>([
    "KUBE-KUBELET-CANARY",
    "KUBE-MARK-MASQ",
    "KUBE-NODEPORTS",
    "KUBE-POSTROUTING",
    "KUBE-PROXY-CANARY",
    "KUBE-SERVICES",
  ]);
  const rules = new Map<string, string[]>();
  const add = (chain: string, rule: string) => {
    natChains.add(chain);
    rules.set(chain, [...(rules.get(chain) ?? []), `-A ${chain} ${rule}`]);
  };
  add("KUBE-MARK-MASQ", "-j MARK --set-xmark 0x4000/0x4000");
  add("KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000 -j RETURN");
  add("KUBE-POSTROUTING", "-j MARK --set-xmark 0x4000/0x0");
  add(
    "KUBE-POSTROUTING",
    '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  );
  const filterRejects: string[] = [];
  for (const p of ports) {
    const proto = `-p ${p.protocol} -m comment --comment "${p.name} cluster IP" -m ${p.protocol} --dport ${p.port}`;
    if (p.endpoints.length === 0) {
      filterRejects.push(
        `-A KUBE-SERVICES -d ${p.ip}/32 -p ${p.protocol} -m comment --comment "${p.name} has no endpoints" -m ${p.protocol} --dport ${p.port} -j REJECT --reject-with icmp-port-unreachable`,
      );
      continue;
    }
    const svcChain = servicePortChainName(p.name, p.protocol);
    add("KUBE-SERVICES", `-d ${p.ip}/32 ${proto} -j ${svcChain}`);
    if (state.clusterCIDR)
      add(svcChain, `! -s ${state.clusterCIDR} -d ${p.ip}/32 ${proto} -j KUBE-MARK-MASQ`);
    const n = p.endpoints.length;
    p.endpoints.forEach((ep, i) => {
      const sep = servicePortEndpointChainName(p.name, p.protocol, ep);
      const statistic =
        i < n - 1 ? `-m statistic --mode random --probability ${iptablesProbability(1 / (n - i))} ` : "";
      add(svcChain, `-m comment --comment "${p.name} -> ${ep}" ${statistic}-j ${sep}`);
      add(sep, `-s ${ep.split(":")[0]}/32 -m comment --comment "${p.name}" -j KUBE-MARK-MASQ`);
      add(
        sep,
        `-p ${p.protocol} -m comment --comment "${p.name}" -m ${p.protocol} -j DNAT --to-destination ${ep}`,
      );
    });
  }
  add(
    "KUBE-SERVICES",
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  const userChains = [...natChains].sort();
  const nat = [
    `# Generated by iptables-save v1.8.7 on ${nowText}`,
    "*nat",
    ":PREROUTING ACCEPT [0:0]",
    ":INPUT ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":POSTROUTING ACCEPT [0:0]",
    ...userChains.map((c) => `:${c} - [0:0]`),
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    ...userChains.flatMap((c) => rules.get(c) ?? []),
    "COMMIT",
    `# Completed on ${nowText}`,
  ];
  const filter = [
    `# Generated by iptables-save v1.8.7 on ${nowText}`,
    "*filter",
    ":INPUT ACCEPT [0:0]",
    ":FORWARD ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":KUBE-EXTERNAL-SERVICES - [0:0]",
    ":KUBE-FIREWALL - [0:0]",
    ":KUBE-FORWARD - [0:0]",
    ":KUBE-KUBELET-CANARY - [0:0]",
    ":KUBE-NODEPORTS - [0:0]",
    ":KUBE-PROXY-CANARY - [0:0]",
    ":KUBE-PROXY-FIREWALL - [0:0]",
    ":KUBE-SERVICES - [0:0]",
    '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    "-A INPUT -j KUBE-FIREWALL",
    '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    "-A OUTPUT -j KUBE-FIREWALL",
    '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    "-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP",
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ...filterRejects,
    "COMMIT",
    `# Completed on ${nowText}`,
  ];
  return `${[...filter, ...nat].join("\n")}\n`;
}
