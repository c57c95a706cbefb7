/**
 * metrics-server's command-line options (cmd/metrics-server/app/options, v0.7.2) that change what
 * the simulation does: where it serves, how often it scrapes, and how it reaches kubelets.
 */

/** The options a metrics-server process started with. */
export interface MetricsServerOptions {
  /** --secure-port (default 10250). */
  securePort: number;
  /** --metric-resolution in ms (default 60s; components.yaml sets 15s). */
  resolutionMs: number;
  /** --kubelet-insecure-tls: do not verify the kubelets' serving certificates. */
  insecureTls: boolean;
  /** --kubelet-preferred-address-types, in order. */
  addressTypes: string[];
  /** --kubelet-use-node-status-port: the port from the Node's status.daemonEndpoints. */
  useNodeStatusPort: boolean;
  /** --kubelet-port (default 10250). */
  kubeletPort: number;
}

/** The defaults of cmd/metrics-server/app/options (KubeletClientOptions, Options). */
export const DEFAULT_OPTIONS: MetricsServerOptions = {
  securePort: 10250,
  resolutionMs: 60_000,
  insecureTls: false,
  addressTypes: ["Hostname", "InternalDNS", "InternalIP", "ExternalDNS", "ExternalIP"],
  useNodeStatusPort: false,
  kubeletPort: 10250,
};

/** Go's time.ParseDuration for the simple forms flags take (15s, 1m, 500ms, 1m30s); NaN if bad. */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  if (!rest) return Number.NaN;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) return Number.NaN;
    total += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** Reads the flags metrics-server understands from its argv; unknown flags are ignored. */
export function parseOptions(argv: readonly string[]): MetricsServerOptions {
  const o: MetricsServerOptions = { ...DEFAULT_OPTIONS, addressTypes: [...DEFAULT_OPTIONS.addressTypes] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) continue;
    const name = m[1] as string;
    const value = () => m[2] ?? argv[++i] ?? "";
    switch (name) {
      case "secure-port":
        o.securePort = Number(value()) || o.securePort;
        break;
      case "metric-resolution": {
        const ms = parseGoDuration(value());
        if (ms > 0) o.resolutionMs = ms;
        break;
      }
      case "kubelet-insecure-tls":
        o.insecureTls = m[2] === undefined || m[2] === "true";
        break;
      case "kubelet-preferred-address-types":
        o.addressTypes = value().split(",").filter(Boolean);
        break;
      case "kubelet-use-node-status-port":
        o.useNodeStatusPort = m[2] === undefined || m[2] === "true";
        break;
      case "kubelet-port":
        o.kubeletPort = Number(value()) || o.kubeletPort;
        break;
    }
  }
  return o;
}
