/**
 * The cluster's data plane as processes see it: cluster DNS (what CoreDNS answers for Services,
 * headless Services and pods), Service VIPs and NodePorts load-balanced to ready endpoints (what
 * kube-proxy's rules do), and the listeners server programs open on their pods' IPs.
 *
 * It is not an API object: like a real CNI and kube-proxy it is state below the API. It reads
 * Services, Endpoints, Pods and Nodes from the store when a process connects, so it is always as
 * current as the objects are.
 *
 * DNS answers while the kube-dns Service has a ready endpoint; without one (CoreDNS scaled to
 * zero, or not ready) queries time out as the tools print it, and only IPs, localhost and the
 * pod's own name resolve. Simplifications, documented: names outside the cluster do not resolve
 * (there is no internet); UDP listeners answer like TCP ones.
 *
 * NetworkPolicies are not consulted on purpose: the cka scenario's CNI is flannel, which does not
 * enforce them, so traffic flows as it does on a real flannel cluster whatever policies exist.
 */
import type { Endpoints, Node, Pod, Service } from "../api/kinds";
import type { MemoryStore } from "../api/store";
import { Rng } from "../clock/random";
import type { ConnectError, DnsServer, Listener, Network, Resolved } from "../sh/interface";

/** The seed of kube-proxy's endpoint picks. */
const KUBE_PROXY_SEED = 0x6b707278;

/** The cluster domain (kubelet --cluster-domain). */
export const CLUSTER_DOMAIN = "cluster.local";
/** kube-dns' ClusterIP in a kubeadm cluster (kubelet clusterDNS). */
export const CLUSTER_DNS_IP = "10.96.0.10";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Where a process sits in the cluster: its pod, or a node's host network. */
export interface NetworkLocation {
  namespace: string;
  /** The pod's IP (the node's for hostNetwork pods and node shells). */
  ip: string;
  /** The host name the pod resolves for itself (its /etc/hosts entry). */
  hostname: string;
  /** resolv.conf's search list; default: the pod's ClusterFirst list. */
  search?: string[];
}

/** The cluster-wide fabric: listeners by IP and port, and the lookups over the store. */
export class ClusterNetwork {
  private readonly listeners = new Map<string, Map<number, Listener>>();
  /** Listeners bound to a host's 127.0.0.1, by the host's address. */
  private readonly loopback = new Map<string, Map<number, Listener>>();
  /**
   * kube-proxy's pick among a Service's endpoints: its iptables rules (`-m statistic --mode
   * random`, probability 1/n, then 1/(n-1)...) and nftables' `numgen random` choose one uniformly
   * at random per connection. Seeded, so a scenario replays the same picks.
   */
  private readonly pick = new Rng(KUBE_PROXY_SEED);

  constructor(private readonly api: MemoryStore) {}

  /** Opens a listener on ip:port; returns its close function. A second listener on a port replaces the first. */
  listen(ip: string, listener: Listener): () => void {
    const table = listener.loopback ? this.loopback : this.listeners;
    let ports = table.get(ip);
    if (!ports) {
      ports = new Map();
      table.set(ip, ports);
    }
    ports.set(listener.port, listener);
    return () => {
      const now = table.get(ip);
      if (now?.get(listener.port) === listener) now.delete(listener.port);
      if (now && now.size === 0) table.delete(ip);
    };
  }

  /** Whether a listener holds port on the host at ip, on its address or its loopback (bind would fail). */
  bound(ip: string, port: number): boolean {
    return Boolean(this.listeners.get(ip)?.has(port) || this.loopback.get(ip)?.has(port));
  }

  /** Whether something listens on ip:port (probes, `nc -z`). */
  listening(ip: string, port: number): Listener | undefined {
    return this.listeners.get(ip)?.get(port);
  }

  /** The listeners open on an address (a node's host-network servers, for ss and netstat). */
  listenersOn(ip: string): Listener[] {
    return [...(this.listeners.get(ip)?.values() ?? [])];
  }

  /** The Network a process at this location sees. */
  at(location: NetworkLocation): Network {
    const search = location.search ?? [
      `${location.namespace}.svc.${CLUSTER_DOMAIN}`,
      `svc.${CLUSTER_DOMAIN}`,
      CLUSTER_DOMAIN,
    ];
    const dnsServer: DnsServer = { address: CLUSTER_DNS_IP, name: this.reverse(CLUSTER_DNS_IP) ?? "" };
    return {
      dnsServer,
      dnsAnswers: () => this.dnsAnswers(),
      ping: (address) => this.ping(location, address),
      resolve: (name) => this.resolveFrom(location, search, name),
      reverse: (address) => this.reverse(address),
      connect: (host, port) => this.connect(location, search, host, port),
      listeners: () => [...(this.listeners.get(location.ip)?.values() ?? [])],
    };
  }

  private resolveFrom(location: NetworkLocation, search: string[], raw: string): Resolved | undefined {
    const name = raw.replace(/\.$/, "").toLowerCase();
    if (!name) return undefined;
    if (IPV4.test(name)) return { name, addresses: [name] };
    if (name === "localhost") return { name, addresses: ["127.0.0.1"] };
    if (name === location.hostname.toLowerCase()) return { name, addresses: [location.ip] };
    if (!this.dnsAnswers()) return undefined;
    // ndots:5: a name with fewer dots tries the search list first (resolv.conf(5)).
    const dots = name.split(".").length - 1;
    const candidates = raw.endsWith(".")
      ? [name]
      : dots >= 5
        ? [name, ...search.map((s) => `${name}.${s}`)]
        : [...search.map((s) => `${name}.${s}`), name];
    for (const fqdn of candidates) {
      const addresses = this.lookup(fqdn);
      if (addresses) return { name: fqdn, addresses };
    }
    return undefined;
  }

  /**
   * An ICMP echo from a location: pods and nodes answer, Service VIPs do not (kube-proxy's rules
   * translate TCP and UDP only). A pod on the same node answers through the bridge (TTL 64),
   * one elsewhere through both nodes' routing (62), a node itself with 63.
   */
  ping(from: NetworkLocation, address: string): { ttl: number } | undefined {
    if (address === "127.0.0.1" || address === from.ip) return { ttl: 64 };
    const here = this.podByIP(from.ip)?.spec?.nodeName ?? this.nodeByIP(from.ip)?.metadata.name;
    const pod = this.podByIP(address);
    if (pod) return { ttl: pod.spec?.nodeName === here ? 64 : 62 };
    const node = this.nodeByIP(address);
    if (node) return { ttl: node.metadata.name === here ? 64 : 63 };
    return undefined;
  }

  /**
   * Whether a ready endpoint serves the cluster DNS address. A cluster with no Service at that
   * address (a bare test cluster without the DNS add-on's objects) is taken to have DNS.
   */
  dnsAnswers(): boolean {
    const svc = this.serviceByIP(CLUSTER_DNS_IP);
    return !svc || this.readyAddresses(svc).length > 0;
  }

  /** CoreDNS' kubernetes plugin: A records for a fully qualified name, or undefined (NXDOMAIN). */
  lookup(fqdn: string): string[] | undefined {
    const suffix = `.${CLUSTER_DOMAIN}`;
    if (!fqdn.endsWith(suffix)) return undefined;
    const labels = fqdn.slice(0, -suffix.length).split(".");
    // a-b-c-d.NS.pod.cluster.local
    if (labels.length === 3 && labels[2] === "pod") {
      const ip = (labels[0] as string).replace(/-/g, ".");
      return IPV4.test(ip) && this.api.get("Namespace", "", labels[1] as string) ? [ip] : undefined;
    }
    // SVC.NS.svc.cluster.local and HOST.SVC.NS.svc.cluster.local (headless, pods with hostname/subdomain).
    if (labels[labels.length - 1] !== "svc") return undefined;
    if (labels.length === 3) {
      const [svcName, ns] = labels as [string, string];
      const svc = this.api.get("Service", ns, svcName) as Service | undefined;
      if (!svc) return undefined;
      if (svc.spec?.type === "ExternalName") return undefined;
      const ip = svc.spec?.clusterIP;
      if (ip && ip !== "None") return [ip];
      const ready = this.readyAddresses(svc).map((a) => a.ip);
      return ready.length ? ready : undefined;
    }
    if (labels.length === 4) {
      // An endpoint's name: its hostname, or its dashed IP, under any Service (CoreDNS findServices).
      const [host, svcName, ns] = labels as [string, string, string];
      const svc = this.api.get("Service", ns, svcName) as Service | undefined;
      if (!svc || svc.spec?.type === "ExternalName") return undefined;
      const match = this.readyAddresses(svc).filter((a) => endpointHostname(a) === host);
      return match.length ? match.map((a) => a.ip) : undefined;
    }
    return undefined;
  }

  /**
   * The PTR answer for an address, as CoreDNS v1.11's kubernetes plugin gives it
   * (serviceRecordForIP): a Service's FQDN for its cluster IP, else the name of the first
   * endpoint with that address (`web-0.nginx.default.svc.cluster.local`, or
   * `10-244-1-5.web.default.svc.cluster.local` without a hostname); other addresses have none.
   */
  reverse(address: string): string | undefined {
    for (const svc of this.api.list("Service") as Service[]) {
      const ips = svc.spec?.clusterIPs ?? [svc.spec?.clusterIP];
      if (ips.includes(address))
        return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
    }
    for (const ep of this.api.list("Endpoints") as Endpoints[])
      for (const subset of ep.subsets ?? [])
        for (const a of subset.addresses ?? [])
          if (a.ip === address)
            return `${endpointHostname(a)}.${ep.metadata.name}.${ep.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
    return undefined;
  }

  private connect(
    location: NetworkLocation,
    search: string[],
    host: string,
    port: number,
  ): Listener | ConnectError {
    const resolved = this.resolveFrom(location, search, host);
    if (!resolved) return "unresolved";
    const ip = resolved.addresses[0] as string;
    if (ip === "127.0.0.1" || ip === location.ip) {
      // A listener bound to the loopback only (kubectl port-forward) answers localhost alone.
      const loop = ip === "127.0.0.1" ? this.loopback.get(location.ip)?.get(port) : undefined;
      if (loop) return loop;
      const local = this.listening(location.ip, port);
      if (local) return local;
      // On a node (or a host-network pod) its own address and localhost serve NodePorts too
      // (kube-proxy's iptables rules, --iptables-localhost-nodeports defaulting to true).
      const node = this.nodeByIP(location.ip);
      const viaNodePort = node ? this.serviceByNodePort(port) : undefined;
      if (node && viaNodePort) return this.throughService(viaNodePort.svc, (p) => p.nodePort === port, node);
      return "refused";
    }
    const svc = this.serviceByIP(ip);
    if (svc) return this.throughService(svc, (p) => p.port === port);
    const node = this.nodeByIP(ip);
    if (node) {
      const viaNodePort = this.serviceByNodePort(port);
      if (viaNodePort) return this.throughService(viaNodePort.svc, (p) => p.nodePort === port, node);
      return this.listening(ip, port) ?? "refused";
    }
    if (this.listening(ip, port)) return this.listening(ip, port) as Listener;
    return this.podByIP(ip) ? "refused" : "timeout";
  }

  /**
   * kube-proxy: a matching Service port goes to a ready endpoint's target port; none ready is
   * refused. Through a node's port (viaNode), externalTrafficPolicy Cluster masquerades the
   * client as the node's address towards the endpoint (the outgoing interface: the pod bridge's
   * .1 for a local endpoint, flannel.1's .0 for one elsewhere); Local keeps the client's address
   * and only reaches endpoints on that node, dropping the packet when it has none.
   */
  private throughService(
    svc: Service,
    matches: (p: { port: number; nodePort?: number; name?: string }) => boolean,
    viaNode?: Node,
  ): Listener | ConnectError {
    const sp = (svc.spec?.ports ?? []).find((p) => matches(p as { port: number; nodePort?: number }));
    if (!sp) return "timeout";
    const targets: { ip: string; port: number; node?: string }[] = [];
    const ep = this.api.get("Endpoints", svc.metadata.namespace ?? "", svc.metadata.name ?? "") as
      | Endpoints
      | undefined;
    const local = viaNode !== undefined && svc.spec?.externalTrafficPolicy === "Local";
    const onNode = (a: { ip: string; nodeName?: string }) => a.nodeName ?? this.podByIP(a.ip)?.spec?.nodeName;
    for (const subset of ep?.subsets ?? []) {
      const epPort = (subset.ports ?? []).find((p) => (sp.name ? p.name === sp.name : true));
      if (!epPort) continue;
      for (const a of subset.addresses ?? []) {
        if (local && onNode(a) !== viaNode?.metadata.name) continue;
        targets.push({ ip: a.ip, port: epPort.port, node: onNode(a) });
      }
    }
    // Local with no endpoint on this node: kube-proxy drops the packet.
    if (targets.length === 0) return local ? "timeout" : "refused";
    const t = targets[this.pick.int(targets.length)] as { ip: string; port: number; node?: string };
    const listener = this.listening(t.ip, t.port);
    if (!listener) return "refused";
    const snat = viaNode && !local ? masqueradeAddress(viaNode, t.node === viaNode.metadata.name) : undefined;
    if (!snat || !listener.http) return listener;
    const http = listener.http;
    return { ...listener, http: (req) => http({ ...req, remoteAddress: snat }) };
  }

  private readyAddresses(svc: Service): { ip: string; hostname?: string }[] {
    const ep = this.api.get("Endpoints", svc.metadata.namespace ?? "", svc.metadata.name ?? "") as
      | Endpoints
      | undefined;
    return (ep?.subsets ?? []).flatMap((s) => s.addresses ?? []);
  }

  private serviceByIP(ip: string): Service | undefined {
    for (const svc of this.api.list("Service") as Service[]) {
      const ips = svc.spec?.clusterIPs ?? [svc.spec?.clusterIP];
      if (ips.includes(ip)) return svc;
    }
    return undefined;
  }

  private serviceByNodePort(port: number): { svc: Service } | undefined {
    for (const svc of this.api.list("Service") as Service[])
      if ((svc.spec?.ports ?? []).some((p) => p.nodePort === port)) return { svc };
    return undefined;
  }

  private nodeByIP(ip: string): Node | undefined {
    for (const node of this.api.list("Node") as Node[])
      if ((node.status?.addresses ?? []).some((a) => a.address === ip)) return node;
    return undefined;
  }

  private podByIP(ip: string): Pod | undefined {
    for (const pod of this.api.list("Pod") as Pod[])
      if (pod.status?.podIP === ip && !pod.spec?.hostNetwork) return pod;
    return undefined;
  }
}

/**
 * The address MASQUERADE gives traffic a node forwards to a pod: the pod bridge's (cni0, the
 * podCIDR's .1) for a pod on the node, flannel.1's (the podCIDR's .0) for one on another node;
 * the node's own address when it has no pod CIDR.
 */
function masqueradeAddress(node: Node, localPod: boolean): string | undefined {
  const cidr = /^(\d+\.\d+\.\d+)\.0\/\d+$/.exec(node.spec?.podCIDR ?? "");
  if (cidr) return `${cidr[1]}.${localPod ? 1 : 0}`;
  return node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
}

/** An endpoint's DNS label: its hostname, or its IP with dashes (CoreDNS endpointHostname). */
function endpointHostname(a: { ip: string; hostname?: string }): string {
  return a.hostname || a.ip.replace(/\./g, "-");
}

const networks = new WeakMap<MemoryStore, ClusterNetwork>();

/**
 * The property a view of a store (a client's impersonating wrapper) answers with the store it
 * wraps, so the view and the store share one data plane.
 */
export const VIEWED_STORE: unique symbol = Symbol("viewed store");

/**
 * The network as a pod at podIP sees it (its namespace's search path, its hostname): what a
 * process a hook runs in a container (metrics-server, ingress-nginx) connects through.
 */
export function podNetwork(api: MemoryStore, pod: Pod, podIP: string): Network {
  return clusterNetwork(api).at({
    namespace: pod.metadata.namespace ?? "default",
    ip: podIP,
    hostname: pod.spec?.hostname ?? pod.metadata.name ?? "",
  });
}

/** The data plane of the cluster whose API store this is (one per cluster, made on first use). */
export function clusterNetwork(view: MemoryStore): ClusterNetwork {
  const api = (view as { [VIEWED_STORE]?: MemoryStore })[VIEWED_STORE] ?? view;
  let net = networks.get(api);
  if (!net) {
    net = new ClusterNetwork(api);
    networks.set(api, net);
  }
  return net;
}
