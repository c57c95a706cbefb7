/**
 * Probes as the kubelet's probers run them (pkg/kubelet/prober, pkg/probe/{exec,http,tcp}):
 * an exec probe runs its command in the container (so `cat /tmp/healthy` sees the container's
 * files), an httpGet probe asks the listener on the pod's IP and port (2xx and 3xx succeed), a
 * tcpSocket probe succeeds when something listens there.
 */
import type { Container } from "../api/kinds";
import type { HttpRequest } from "../sh/interface";
import type { ClusterNetwork } from "./network";
import type { ContainerRecord, PodRuntime } from "./runtime";

// biome-ignore lint/suspicious/noExplicitAny: probes are open JSON
export type Probe = any;

/** A probe's result and, when it fails, the output the kubelet quotes in its event. */
export interface ProbeResult {
  ok: boolean;
  message: string;
}

/** The kubelet's User-Agent on HTTP probes (prober.go: "kube-probe/<major>.<minor>"). */
export const PROBE_USER_AGENT = "kube-probe/1.32";

/** A named port of the container (`port: http`) as its number; undefined when it has none. */
function portOf(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === "number") return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The outcome of a probe against container c of the pod sandbox rt now. */
export function probeResult(
  probe: Probe,
  rt: PodRuntime,
  c: ContainerRecord,
  network: ClusterNetwork,
): ProbeResult {
  if (probe.exec) return execProbe(probe.exec.command ?? [], c);
  if (probe.httpGet) {
    const host = probe.httpGet.host || rt.ip;
    const port = portOf(probe.httpGet.port, c.spec);
    const path = probe.httpGet.path ?? "/";
    // The failure texts are built only when a probe fails.
    const url = () =>
      `${String(probe.httpGet.scheme ?? "HTTP").toLowerCase()}://${host}:${port ?? probe.httpGet.port}${path.startsWith("/") ? path : `/${path}`}`;
    const refused = () =>
      `Get "${url()}": dial tcp ${host}:${port ?? probe.httpGet.port}: connect: connection refused`;
    if (port === undefined) return { ok: false, message: refused() };
    const listener = network.listening(local(host, rt), port);
    if (!listener) return { ok: false, message: refused() };
    if (!listener.http) return { ok: false, message: `Get "${url()}": EOF` };
    const res = listener.http(probeRequest(probe, path, rt.ip));
    if (res.status >= 200 && res.status < 400) return PASSED;
    return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket) {
    const host = probe.tcpSocket.host || rt.ip;
    const port = portOf(probe.tcpSocket.port, c.spec);
    if (port !== undefined && network.listening(local(host, rt), port)) return { ok: true, message: "" };
    return {
      ok: false,
      message: `dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused`,
    };
  }
  if (probe.grpc) {
    const port = Number(probe.grpc.port);
    if (network.listening(rt.ip, port)) return { ok: true, message: "" };
    return { ok: false, message: `timeout: failed to connect service ":${port}" within 1s` };
  }
  return { ok: true, message: "" };
}

/** A passing result (shared: probes run often). */
const PASSED: ProbeResult = Object.freeze({ ok: true, message: "" });

const requests = new WeakMap<object, HttpRequest>();

/** The request an httpGet probe sends (built once per probe spec: probes run every period). */
function probeRequest(probe: Probe, path: string, from: string): HttpRequest {
  let req = requests.get(probe.httpGet);
  if (!req || req.remoteAddress !== from) {
    const headers: Record<string, string> = { "user-agent": PROBE_USER_AGENT, accept: "*/*" };
    for (const h of probe.httpGet.httpHeaders ?? []) headers[String(h.name).toLowerCase()] = String(h.value);
    req = { method: "GET", path, headers, body: "", remoteAddress: from };
    requests.set(probe.httpGet, req);
  }
  return req;
}

/** The pod's own address for a loopback probe host (a hostNetwork pod's 127.0.0.1 is its node's). */
function local(host: string, rt: PodRuntime): string {
  return host === "127.0.0.1" || host === "localhost" ? rt.ip : host;
}

/** Runs an exec probe's command in the container; a command still running is cut off (timeoutSeconds). */
function execProbe(argv: string[], c: ContainerRecord): ProbeResult {
  const sandbox = c.sandbox;
  // A container without a sandbox is a component run by a process hook (a control-plane binary):
  // its exec probes are the binaries' own health commands, taken to pass.
  if (!sandbox) return { ok: true, message: "" };
  let output = "";
  const sink = { write: (t: string) => (output += t.length + output.length > 10_240 ? "" : t) };
  let code: number | undefined;
  const r = sandbox.spawn(argv, { stdout: sink, stderr: sink }, (exit) => (code = exit));
  if ("message" in r) return { ok: false, message: r.message };
  if (code === undefined) {
    r.kill();
    return { ok: false, message: `command "${argv.join(" ")}" timed out` };
  }
  return { ok: code === 0, message: output.replace(/\n$/, "") };
}
