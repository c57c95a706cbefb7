/**
 * The cluster's own images as processes: the control-plane binaries, etcd, CoreDNS, kube-proxy,
 * flanneld and the go-runner wrapper. They run until stopped, print the first lines their logs
 * show, and answer the health endpoints their probes use (kubeadm's manifests).
 */
import type { CommandContext, Proc } from "../../sh/interface";
import { klog, respond, stopWatch, untilStopped } from "./util";

interface Component {
  /** Lines printed at start (with the time stamp the component uses). */
  start(ctx: CommandContext): string[];
  /** Health ports and the body their /healthz, /livez, /readyz answer. */
  health: { port: number; body: string }[];
  /** Endpoints bound to 127.0.0.1 only, by port: path → body (kube-proxy's metrics server). */
  local?: Record<number, Record<string, string>>;
}

const flagValue = (ctx: CommandContext, name: string) =>
  ctx.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const COMPONENTS: Record<string, Component> = {
  "kube-apiserver": {
    start: (ctx) => [
      `${klog(ctx.sys.now(), "options.go:228")}external host was not specified, using ${flagValue(ctx, "advertise-address") ?? "192.168.1.10"}`,
    ],
    health: [{ port: 6443, body: "ok" }],
  },
  "kube-controller-manager": {
    start: (ctx) => [`${klog(ctx.sys.now(), "serving.go:386")}Generated self-signed cert in-memory`],
    health: [{ port: 10257, body: "ok" }],
  },
  "kube-scheduler": {
    start: (ctx) => [`${klog(ctx.sys.now(), "serving.go:386")}Generated self-signed cert in-memory`],
    health: [{ port: 10259, body: "ok" }],
  },
  "kube-proxy": {
    start: (ctx) => [`${klog(ctx.sys.now(), "server_linux.go:66")}"Using iptables proxy"`],
    health: [{ port: 10256, body: "ok" }],
    // --metrics-bind-address 127.0.0.1:10249: /proxyMode names the proxier (server.go).
    local: { 10249: { "/proxyMode": "iptables", "/healthz": "ok" } },
  },
  etcd: {
    start: (ctx) => [
      `{"level":"warn","ts":"${new Date(ctx.sys.now()).toISOString()}","caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}`,
      `{"level":"info","ts":"${new Date(ctx.sys.now()).toISOString()}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(ctx.argv)}}`,
    ],
    // The client port (2379) is the control plane's (etcd/listen.ts): it answers gRPC too.
    health: [{ port: 2381, body: '{"health":"true","reason":""}' }],
  },
  coredns: {
    start: (ctx) => [
      ".:53",
      "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908",
      `CoreDNS-${ctx.env.COREDNS_VERSION || "1.11.3"}`,
      "linux/amd64, go1.21.11, a6338e9",
    ],
    health: [
      { port: 8080, body: "OK" },
      { port: 8181, body: "OK" },
    ],
  },
  flanneld: {
    start: (ctx) => [
      `${klog(ctx.sys.now(), "main.go:211")}CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 kubeSubnetMgr:true iface:[] ipMasq:true}`,
    ],
    health: [],
  },
  weave: {
    start: (ctx) => [`INFO: ${new Date(ctx.sys.now()).toISOString()} - launching weave-kube`],
    health: [{ port: 6784, body: "" }],
  },
};

/** A component's program: its start-up lines on stderr, its health listeners, exit 0 on TERM. */
export function component(name: string) {
  const c = COMPONENTS[name] as Component;
  return function* (ctx: CommandContext): Proc {
    const watch = stopWatch(ctx.sys);
    for (const l of c.start(ctx)) ctx.stderr.write(`${l}\n`);
    // A port the component's process already serves (the control plane's hook runs it) stays its.
    const closers = c.health
      .filter((h) => !ctx.sys.portInUse?.(h.port))
      .map((h) => {
        // The health endpoints always answer the same (probes ask every second): one frozen response.
        const ok = Object.freeze(respond(200, h.body, { "Content-Type": "text/plain; charset=utf-8" }));
        return ctx.sys.listen({ port: h.port, protocol: "TCP", http: () => ok });
      });
    for (const [port, paths] of Object.entries(c.local ?? {}))
      if (!ctx.sys.portInUse?.(Number(port)))
        closers.push(
          ctx.sys.listen({
            port: Number(port),
            protocol: "TCP",
            loopback: true,
            http: (req) => {
              const body = paths[req.path.split("?")[0] as string];
              return body === undefined
                ? respond(404, "404 page not found\n", { "Content-Type": "text/plain; charset=utf-8" })
                : respond(200, body, { "Content-Type": "text/plain; charset=utf-8" });
            },
          }),
        );
    if (name === "coredns")
      closers.push(
        ctx.sys.listen({ port: 53, protocol: "UDP" }),
        ctx.sys.listen({ port: 53, protocol: "TCP" }),
      );
    yield* untilStopped(watch);
    for (const close of closers) close();
    return 0;
  };
}

/** The names of the components above. */
export const COMPONENT_NAMES = Object.keys(COMPONENTS);

/** go-runner: runs its arguments (after its own --flags) as the command. */
export function* goRunner(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  const i = args.findIndex((a) => !a.startsWith("--"));
  if (i < 0) {
    ctx.stderr.write("Error: no command specified\n");
    return 1;
  }
  return yield* ctx.exec(args.slice(i));
}
