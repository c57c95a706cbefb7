/**
 * One scrape of one kubelet (pkg/scraper/client/resource/client.go and decode.go, v0.7.2): pick
 * the node's address by the preferred types, GET https://ADDRESS:PORT/metrics/resource through
 * the pod's network, verify the kubelet's certificate as Go's crypto/tls does unless
 * --kubelet-insecure-tls, and decode the Prometheus text into metric points.
 */
import type { Node } from "../api/kinds";
import type { Network } from "../sh/interface";
import type { MetricsServerOptions } from "./options";

/** A cumulative CPU and memory sample (storage.MetricsPoint). */
export interface MetricsPoint {
  /** When the container started (ms); undefined for a node. */
  startMs?: number;
  timestampMs: number;
  /** Cumulative CPU, core-seconds. */
  cpuSeconds: number;
  memoryBytes: number;
}

/** One node's scrape: its point and its containers' points by `namespace/pod` then container. */
export interface NodeBatch {
  node?: MetricsPoint;
  pods: Map<string, Map<string, MetricsPoint>>;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The address metrics-server dials for a node: the first of the preferred types the node has. */
export function kubeletHost(node: Node, addressTypes: readonly string[]): string | undefined {
  const addresses = node.status?.addresses ?? [];
  for (const type of addressTypes) {
    const a = addresses.find((x) => x.type === type);
    if (a?.address) return a.address;
  }
  return undefined;
}

/** The Prometheus text of /metrics/resource as points (decode.go: decodeBatch). */
export function decodeResourceMetrics(text: string): NodeBatch {
  const batch: NodeBatch = { pods: new Map() };
  const containers = new Map<string, MetricsPoint>();
  const key = (labels: Record<string, string>) =>
    `${labels.namespace ?? ""}/${labels.pod ?? ""}\u0000${labels.container ?? ""}`;
  const point = (k: string) => {
    let p = containers.get(k);
    if (!p) {
      p = { timestampMs: 0, cpuSeconds: 0, memoryBytes: 0 };
      containers.set(k, p);
    }
    return p;
  };
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)(?: (\d+))?$/.exec(line);
    if (!m) continue;
    const [, name, labelText = "", valueText, tsText] = m;
    const labels: Record<string, string> = {};
    for (const l of labelText.matchAll(/([a-z_]+)="([^"]*)"/g)) labels[l[1] as string] = l[2] as string;
    const value = Number(valueText);
    const ts = tsText === undefined ? 0 : Number(tsText);
    switch (name) {
      case "node_cpu_usage_seconds_total":
        batch.node = { ...(batch.node ?? { memoryBytes: 0 }), cpuSeconds: value, timestampMs: ts };
        break;
      case "node_memory_working_set_bytes":
        batch.node = { ...(batch.node ?? { cpuSeconds: 0, timestampMs: ts }), memoryBytes: value };
        break;
      case "container_cpu_usage_seconds_total": {
        const p = point(key(labels));
        p.cpuSeconds = value;
        p.timestampMs = ts;
        break;
      }
      case "container_memory_working_set_bytes":
        point(key(labels)).memoryBytes = value;
        break;
      case "container_start_time_seconds":
        point(key(labels)).startMs = value * 1000;
        break;
    }
  }
  for (const [k, p] of containers) {
    const [pod, container] = k.split("\u0000") as [string, string];
    let byName = batch.pods.get(pod);
    if (!byName) {
      byName = new Map();
      batch.pods.set(pod, byName);
    }
    byName.set(container, p);
  }
  return batch;
}

/** Scrapes one node's kubelet from a pod's network: its points, or the error metrics-server logs. */
export function scrapeNode(
  network: Network,
  node: Node,
  options: MetricsServerOptions,
): { batch: NodeBatch } | { error: string } {
  const host = kubeletHost(node, options.addressTypes);
  if (!host) return { error: `unable to extract connection information for node "${node.metadata.name}"` };
  const port = options.useNodeStatusPort
    ? (node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? options.kubeletPort)
    : options.kubeletPort;
  const url = `https://${host}:${port}/metrics/resource`;
  const get = (cause: string) => ({ error: `Get "${url}": ${cause}` });
  const isIP = IPV4.test(host);
  if (!isIP && !network.resolve(host))
    return get(`dial tcp: lookup ${host} on ${network.dnsServer.address}:53: no such host`);
  const address = isIP ? host : (network.resolve(host)?.addresses[0] ?? host);
  const conn = network.connect(address, port);
  if (conn === "refused") return get(`dial tcp ${address}:${port}: connect: connection refused`);
  if (conn === "timeout" || conn === "unresolved") return get(`dial tcp ${address}:${port}: i/o timeout`);
  if (!options.insecureTls) {
    const failure = verifyCertificate(conn.certificate, host);
    if (failure) return get(`tls: failed to verify certificate: ${failure}`);
  }
  if (!conn.http) return get("EOF");
  const res = conn.http({ method: "GET", path: "/metrics/resource", headers: {}, body: "" });
  if (res.status !== 200) return { error: `request failed, status: "${res.status} ${res.statusText ?? ""}"` };
  return { batch: decodeResourceMetrics(res.body) };
}

/**
 * crypto/x509's Certificate.Verify as a client with the cluster CA sees a server's certificate:
 * the host name (or IP) is checked first, then the chain. Undefined when it verifies.
 */
export function verifyCertificate(
  cert: { dnsNames: string[]; ipAddresses: string[]; selfSigned: boolean } | undefined,
  host: string,
): string | undefined {
  if (!cert) return undefined;
  if (IPV4.test(host)) {
    if (cert.ipAddresses.length === 0)
      return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    if (!cert.ipAddresses.includes(host))
      return `x509: certificate is valid for ${cert.ipAddresses.join(", ")}, not ${host}`;
  } else if (!cert.dnsNames.includes(host)) {
    return `x509: certificate is valid for ${cert.dnsNames.join(", ")}, not ${host}`;
  }
  return cert.selfSigned ? "x509: certificate signed by unknown authority" : undefined;
}
