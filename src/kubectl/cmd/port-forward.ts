/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...` (staging/src/k8s.io/kubectl/pkg/
 * cmd/portforward/portforward.go, client-go tools/portforward/portforward.go): picks the pod
 * (a Service or workload names one of its pods), translates a Service port to its target port
 * and named ports to numbers, listens on the terminal host's loopback (or --address), and
 * relays each connection into the pod's network namespace until it is stopped. Connections land
 * on what listens in the pod on that port; if nothing does, kubectl reports the kubelet's error
 * and loses its connection to the pod, as it does on a real cluster.
 */
import type { Pod, Service } from "../../engine/api/kinds";
import { clusterNetwork } from "../../engine/kubelet/network";
import type { Listener, Output } from "../../engine/sh/interface";
import { mustResolve } from "../builder";
import { type Command, type Invocation, KubectlError } from "../command";
import type { KubectlServer } from "../interface";
import { klogLine } from "../klog";
import { podFor } from "./containers";

/** client-go's error when the forwarding stream closes (the pod went away, a relay failed). */
export const LOST_CONNECTION = "lost connection to pod";

/** One forwarded port: where it listens on the host, where it goes in the pod. */
interface ForwardedPort {
  local: number;
  remote: number;
}

/** portforward.go splitPort: `8080:80` → ["8080", "80"]; `80` → ["80", "80"]. */
function splitPort(port: string): [string, string] {
  const parts = port.split(":");
  if (parts.length === 2) return [parts[0] as string, parts[1] as string];
  return [parts[0] as string, parts[0] as string];
}

const isNumber = (s: string) => /^-?\d+$/.test(s);

/** util.LookupContainerPortNumberByName. */
function containerPortByName(pod: Pod, name: string): number {
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** translateServicePortToTargetPort: a Service port becomes the pod's target port. */
function translateServicePorts(ports: string[], svc: Service, pod: Pod): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let portnum: number;
    if (isNumber(remote)) portnum = Number(remote);
    else {
      const named = (svc.spec?.ports ?? []).find((p) => p.name === remote);
      if (!named)
        throw new KubectlError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      portnum = named.port;
      if (local === remote) local = String(portnum);
    }
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === portnum);
    if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${portnum}`);
    let container: number;
    if (svc.spec?.clusterIP === "None") container = portnum;
    else if (sp.targetPort === undefined || typeof sp.targetPort === "number")
      container = sp.targetPort ? Number(sp.targetPort) : sp.port;
    else if (isNumber(String(sp.targetPort))) container = Number(sp.targetPort);
    else container = containerPortByName(pod, String(sp.targetPort));
    remote = String(container);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** convertPodNamedPortToNumber. */
function convertNamedPorts(ports: string[], pod: Pod): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === "") throw new KubectlError("remote port cannot be empty");
    const number = isNumber(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${number}` : number;
  });
}

/** client-go parsePorts: `:80` asks for any free local port (0). */
function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((text) => {
    const parts = text.split(":");
    if (parts.length > 2) throw new KubectlError(`invalid port format '${text}'`);
    const localText = parts.length === 1 ? (parts[0] as string) : parts[0] || "0";
    const remoteText = parts[parts.length - 1] as string;
    const parse = (s: string, what: string) => {
      const n = /^\d+$/.test(s) ? Number(s) : Number.NaN;
      if (!(n >= 0 && n <= 65535))
        throw new KubectlError(
          `error parsing ${what} port '${s}': strconv.ParseUint: parsing "${s}": ${/^\d+$/.test(s) ? "value out of range" : "invalid syntax"}`,
        );
      return n;
    };
    const local = parse(localText, "local");
    const remote = parse(remoteText, "remote");
    if (remote === 0) throw new KubectlError("remote port must be > 0");
    return { local, remote };
  });
}

/** Where --address listens: localhost is 127.0.0.1 and ::1 (either is enough), an IP itself. */
function listenAddresses(addresses: string[]): { address: string; shown: string; loopback: boolean }[] {
  const out: { address: string; shown: string; loopback: boolean }[] = [];
  for (const a of addresses.flatMap((x) => x.split(",")).filter(Boolean)) {
    if (a === "localhost") {
      out.push({ address: "127.0.0.1", shown: "127.0.0.1", loopback: true });
      out.push({ address: "::1", shown: "[::1]", loopback: true });
    } else if (/^\d+\.\d+\.\d+\.\d+$/.test(a))
      out.push({ address: a, shown: a, loopback: a.startsWith("127.") });
    else if (a.includes(":")) out.push({ address: a, shown: `[${a}]`, loopback: a === "::1" });
    else throw new KubectlError(`${a} is not a valid IP`);
  }
  return out;
}

/** The pod a TYPE/NAME forwards to, and the Service when it is one (its ports translate). */
function target(inv: Invocation, arg: string): { pod: Pod; svc?: Service } {
  const [type, name] = arg.includes("/") ? (arg.split("/") as [string, string]) : ["pods", arg];
  const res = mustResolve(type, inv.mapper);
  const pod = podFor(inv, arg);
  if (res.kind !== "Service") return { pod };
  return { pod, svc: inv.cluster.api.get("Service", inv.namespace, name) as Service };
}

/** `kubectl port-forward`. */
export const portForward: Command = {
  name: "port-forward",
  flags: [
    { name: "address", type: "stringArray" },
    { name: "pod-running-timeout", type: "string" },
  ],
  run(inv) {
    const args = inv.flags.args;
    if (args.length < 2)
      throw new KubectlError(
        "TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples",
      );
    const { pod, svc } = target(inv, args[0] as string);
    const ports = parsePorts(
      svc ? translateServicePorts(args.slice(1), svc, pod) : convertNamedPorts(args.slice(1), pod),
    );
    const current = inv.cluster.api.get("Pod", pod.metadata.namespace, pod.metadata.name ?? "") as Pod;
    if (current.status?.phase !== "Running")
      throw new KubectlError(
        `unable to forward port because pod is not running. Current status=${current.status?.phase ?? ""}`,
      );
    const host = inv.ctx.host;
    if (!host)
      throw new KubectlError(
        "kubectl port-forward needs a terminal to keep running in; run it in the terminal (with & to keep the prompt)",
      );
    const forwarder = new PortForwarder(inv, current, host.listen.bind(host));
    const addresses = listenAddresses(
      inv.flags.list("address").length ? inv.flags.list("address") : ["localhost"],
    );
    let any = false;
    for (const port of ports) {
      if (port.local === 0) port.local = host.freePort();
      const opened = forwarder.listenOn(port, addresses);
      if (opened.ok) any = true;
      else inv.err(`Unable to listen on port ${port.local}: ${opened.error}\n`);
    }
    if (!any) {
      forwarder.close();
      throw new KubectlError(
        `unable to listen on any of the requested ports: [${ports.map((p) => `{${p.local} ${p.remote}}`).join(" ")}]`,
      );
    }
    host.keep(forwarder);
  },
};

/**
 * client-go's PortForwarder: the listeners, and what a connection does (it is relayed to what
 * listens in the pod on the remote port). It ends with "lost connection to pod" when a relay
 * fails or the pod is gone.
 */
class PortForwarder implements KubectlServer {
  private readonly closers: (() => void)[] = [];
  private out: Output;
  private err: Output;
  private status: number | undefined;

  constructor(
    private readonly inv: Invocation,
    private readonly pod: Pod,
    private readonly listen: (l: Listener) => (() => void) | undefined,
  ) {
    this.out = { write: (t) => inv.out(t) };
    this.err = { write: (t) => inv.err(t) };
  }

  /** listenOnPort: every address; localhost succeeds if either loopback address does. */
  listenOn(port: ForwardedPort, addresses: { address: string; shown: string; loopback: boolean }[]) {
    const errors: string[] = [];
    let opened = 0;
    let v4Loopback: boolean | undefined;
    for (const a of addresses) {
      const family = a.address.includes(":") ? "tcp6" : "tcp4";
      // The simulated hosts have one loopback: ::1 shares 127.0.0.1's listener.
      const close =
        a.address === "::1" && v4Loopback !== undefined
          ? v4Loopback
            ? () => {}
            : undefined
          : this.listen(this.listener(port, a.loopback));
      if (a.address === "127.0.0.1") v4Loopback = close !== undefined;
      if (!close) {
        errors.push(
          `unable to create listener: Error listen ${family} ${a.shown}:${port.local}: bind: address already in use`,
        );
        continue;
      }
      opened++;
      this.closers.push(close);
      this.out.write(`Forwarding from ${a.shown}:${port.local} -> ${port.remote}\n`);
    }
    if (opened === 0)
      return {
        ok: false as const,
        error: `Listeners failed to create with the following errors: [${errors.join(" ")}]`,
      };
    return { ok: true as const };
  }

  /**
   * The host's listener for a port. Its handlers are looked up per connection: a client asks
   * for `http` (or `tcp`) as it connects, and gets the pod's own handler, or none when nothing
   * in the pod answers that way (curl: Empty reply from server; wget: Connection reset by peer).
   */
  private listener(port: ForwardedPort, loopback: boolean): Listener {
    const handler = <K extends "http" | "tcp">(kind: K): NonNullable<Listener[K]> | undefined => {
      const inPod = this.connect(port);
      const h = inPod?.[kind];
      if (!h) return undefined;
      return ((arg: never) => {
        this.out.write(`Handling connection for ${port.local}\n`);
        return (h as (a: never) => unknown)(arg);
      }) as NonNullable<Listener[K]>;
    };
    return {
      port: port.local,
      protocol: "TCP",
      loopback,
      get http() {
        return handler("http");
      },
      get tcp() {
        return handler("tcp");
      },
    };
  }

  /** The pod's listener on the remote port; when there is none, the connection fails and kubectl ends. */
  private connect(port: ForwardedPort): Listener | undefined {
    if (this.status !== undefined) return undefined;
    const live = this.inv.ctx.cluster.api.get(
      "Pod",
      this.pod.metadata.namespace,
      this.pod.metadata.name ?? "",
    ) as Pod | undefined;
    const same = live !== undefined && live.metadata.uid === this.pod.metadata.uid;
    const ip = same ? live?.status?.podIP : undefined;
    const inPod = ip ? clusterNetwork(this.inv.ctx.cluster.api).listening(ip, port.remote) : undefined;
    if (!inPod) {
      this.out.write(`Handling connection for ${port.local}\n`);
      this.fail(port, ip);
    }
    return inPod;
  }

  /** The kubelet's error for a port nothing listens on (or a pod that is gone); kubectl then exits. */
  private fail(port: ForwardedPort, ip: string | undefined): void {
    const uid = this.pod.metadata.uid ?? "";
    const sandbox = uid.replace(/-/g, "").padEnd(64, "0").slice(0, 64);
    const why = ip
      ? `failed to execute portforward in network namespace "/var/run/netns/cni-${uid}": failed to connect to localhost:${port.remote} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${port.remote}: connect: connection refused `
      : `failed to find sandbox "${sandbox}" in store: not found`;
    this.err.write(
      klogLine(
        "E",
        this.inv.cluster.clock.now(),
        "portforward.go",
        413,
        `"Unhandled Error" err="an error occurred forwarding ${port.local} -> ${port.remote}: error forwarding port ${port.remote} to pod ${sandbox}, uid : ${why.replace(/"/g, '\\"')}"`,
      ),
    );
    this.err.write(`error: ${LOST_CONNECTION}\n`);
    this.status = 1;
    this.close();
  }

  attach(out: Output, err: Output): void {
    this.out = out;
    this.err = err;
  }

  ended(): number | undefined {
    return this.status;
  }

  close(): void {
    for (const c of this.closers.splice(0)) c();
  }
}
