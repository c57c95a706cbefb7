/**
 * ingress-nginx's controller as the container runtime runs it: a process hook that claims the
 * controller image's `/nginx-ingress-controller`, serves HTTP and HTTPS on the pod's ports through
 * the nginx configuration its Ingresses make (routing.ts), answers /healthz, records the `Sync`
 * events of its Ingresses and publishes their status every 60 s (status.go UpdateInterval), and
 * serves the validating admission webhook (webhook.ts).
 */
import type { KubeObject } from "../api/types";
import type { TimerId } from "../clock/clock";
import type { Cluster } from "../cluster";
import { clfTime, httpDate, respond, utf8Length } from "../images/programs/util";
import { podNetwork } from "../kubelet/network";
import type { ContainerProcess, ProcessHook, ProcessOutcome } from "../processes";
import type { HttpRequest, HttpResponse, Network } from "../sh/interface";
import { type CertificateTable, certificateForName, certificatesFor, fakeCertificate } from "./certificates";
import { type ControllerOptions, parseControllerOptions } from "./options";
import { ingressNginxErrorPage, STATUS_TEXT } from "./pages";
import { buildServers, type Route, route, type Server } from "./routing";
import { runningAddresses, servesIngress, sortLoadBalancerIngress } from "./status";
import { serviceUpstream, upstreamName } from "./upstream";
import { admissionReview } from "./webhook";

/** The program the controller image runs (rootfs/Dockerfile CMD). */
export const CONTROLLER_PROGRAM = "/nginx-ingress-controller";
/** The event source of the controller's events (store.go's recorder component). */
export const CONTROLLER_COMPONENT = "nginx-ingress-controller";
/** The event store.go records when an Ingress of its class is added or changes. */
export const SYNC_REASON = "Sync";
/** Its message. */
export const SCHEDULED_FOR_SYNC = "Scheduled for sync";
/** Where nginx's internal default backend server listens (the controller's --default-server-port). */
export const DEFAULT_BACKEND_ADDRESS = "127.0.0.1:8181";
/** status.go UpdateInterval: seconds between status syncs. */
export const STATUS_UPDATE_INTERVAL = 60;

/**
 * What clients know of the controller's default certificate without its PEM ("Kubernetes Ingress
 * Controller Fake Certificate", SAN ingress.local; internal/net/ssl). The served one is real:
 * fakeCertificate(); hosts of an Ingress's spec.tls get their Secret's (certificates.ts).
 */
export const FAKE_CERTIFICATE = { dnsNames: ["ingress.local"], ipAddresses: [], selfSigned: true };

// biome-ignore lint/suspicious/noExplicitAny: Ingress status is written as open JSON
type Json = any;

/** One running controller. */
export class IngressNginxProcess {
  private readonly network: Network;
  private timer?: TimerId;
  private unwatch?: () => void;
  private unwatchSecrets?: () => void;
  private requests = 0;
  /** The warnings last logged about TLS Secrets (logged again when they change). */
  private tlsWarnings = "";
  private stopped = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly process: ContainerProcess,
    readonly options: ControllerOptions,
  ) {
    this.network = podNetwork(cluster.api, process.pod, process.podIP);
  }

  /** Opens its ports, records a Sync for every Ingress it serves, and starts the status loop. */
  start(): void {
    const o = this.options;
    this.process.listen({
      port: o.httpPort,
      protocol: "TCP",
      http: (req) => this.serve("http", o.httpPort, req),
    });
    const fake = fakeCertificate(this.cluster.clock.now());
    this.process.listen({
      port: o.httpsPort,
      protocol: "TCP",
      http: (req) => this.serve("https", o.httpsPort, req),
      certificate: fake,
      certificateFor: (serverName) => certificateForName(this.certificates(), serverName) ?? fake,
    });
    this.process.listen({ port: o.healthzPort, protocol: "TCP", http: (req) => this.healthz(req) });
    if (o.webhookPort)
      this.process.listen({
        port: o.webhookPort,
        protocol: "TCP",
        http: (req) => admissionReview(this.cluster.api, o, req),
      });
    for (const ing of this.ingresses()) this.recordSync(ing);
    this.syncCertificates();
    this.unwatchSecrets = this.cluster.api.watch("Secret", () =>
      this.cluster.clock.after(0, () => this.syncCertificates(), "ingress-nginx secret sync"),
    );
    this.unwatch = this.cluster.api.watch("Ingress", (e) => {
      this.cluster.clock.after(0, () => this.syncCertificates(), "ingress-nginx secret sync");
      if (e.type === "DELETED") return;
      const ing = e.object;
      const served = servesIngress(this.cluster.api, ing, o);
      const changed = !e.old || JSON.stringify(e.old) !== JSON.stringify(ing);
      if (served && changed)
        this.cluster.clock.after(0, () => this.recordSync(ing), "ingress-nginx sync event");
    });
    this.syncStatus();
  }

  /**
   * statusSync.Shutdown with --update-status-on-shutdown (default true): the last controller
   * running takes its address out of its Ingresses' status.
   */
  clearStatus(): void {
    for (const ing of this.ingresses()) {
      if (!((ing as Json).status?.loadBalancer?.ingress ?? []).length) continue;
      const next: Json = structuredClone(ing);
      next.status = { loadBalancer: {} };
      try {
        this.cluster.api.updateStatus(next);
      } catch {
        // Gone or changed meanwhile: nothing to clear.
      }
    }
  }

  /** The certificates its Ingresses' spec.tls Secrets give, by host. */
  certificates(): CertificateTable {
    return certificatesFor(
      this.ingresses(),
      (ns, name) => this.cluster.api.get("Secret", ns, name),
      this.cluster.clock.now(),
    );
  }

  /** Logs the controller's warnings about TLS Secrets when they change (each sync logs them). */
  private syncCertificates(): void {
    if (this.stopped) return;
    const { warnings } = this.certificates();
    const key = warnings.map((w) => w.replace(/^W\S+ \S+/, "")).join("\n");
    if (key === this.tlsWarnings) return;
    this.tlsWarnings = key;
    for (const w of warnings) this.process.log(w);
  }

  /** Stops watching and syncing. */
  stop(): void {
    this.stopped = true;
    this.unwatch?.();
    this.unwatch = undefined;
    this.unwatchSecrets?.();
    this.unwatchSecrets = undefined;
    this.cluster.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** The Ingresses of its class. */
  ingresses(): KubeObject[] {
    return this.cluster.api
      .list("Ingress", {})
      .filter((i) => servesIngress(this.cluster.api, i, this.options));
  }

  /** The nginx servers its Ingresses make now. */
  servers(): Server[] {
    return buildServers(this.ingresses());
  }

  private recordSync(ing: KubeObject): void {
    const now = this.cluster.api.get("Ingress", ing.metadata.namespace, ing.metadata.name ?? "");
    if (!now || now.metadata.uid !== ing.metadata.uid) return;
    this.cluster.events.record(now, "Normal", SYNC_REASON, SCHEDULED_FOR_SYNC, {
      component: CONTROLLER_COMPONENT,
    });
  }

  /** statusSync.sync: writes the running addresses into every served Ingress whose status differs. */
  private syncStatus(): void {
    const addresses = sortLoadBalancerIngress(
      runningAddresses(this.cluster.api, this.options, this.process.pod),
    );
    for (const ing of this.ingresses()) {
      const current = JSON.stringify((ing as Json).status?.loadBalancer?.ingress ?? []);
      if (current === JSON.stringify(addresses)) continue;
      const next: Json = structuredClone(ing);
      next.status = { loadBalancer: addresses.length ? { ingress: addresses } : {} };
      try {
        this.cluster.api.updateStatus(next);
      } catch {
        // A conflict or a deleted Ingress: the next sync tries again.
      }
    }
    this.timer = this.cluster.clock.after(
      STATUS_UPDATE_INTERVAL,
      () => this.syncStatus(),
      "ingress-nginx status",
    );
  }

  /** The controller's health endpoint (--healthz-port). */
  private healthz(req: HttpRequest): HttpResponse {
    const path = req.path.split("?")[0];
    if (path === "/healthz")
      return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "ok" };
    return {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: "404 page not found\n",
    };
  }

  /** One request to nginx on the HTTP or HTTPS port. */
  serve(scheme: "http" | "https", port: number, req: HttpRequest): HttpResponse {
    const host = req.headers.host ?? "";
    const r = route(this.servers(), scheme, host, req.path || "/");
    const res = this.answer(r, scheme, port, req);
    this.accessLog(req, res, r);
    return res;
  }

  private page(status: number, extra: Record<string, string> = {}): HttpResponse {
    const res = respond(status, ingressNginxErrorPage(status), {
      Date: httpDate(this.cluster.clock.now()),
      "Content-Type": "text/html",
    });
    return {
      ...res,
      statusText: STATUS_TEXT[status],
      headers: { ...res.headers, Connection: "keep-alive", ...extra },
    };
  }

  private answer(r: Route, scheme: "http" | "https", port: number, req: HttpRequest): HttpResponse {
    if (r.kind === "redirect") return this.page(r.status, { Location: r.location });
    if (r.kind === "default") return this.page(404);
    const targets = serviceUpstream(this.cluster.api, r.backend);
    if (targets.length === 0) return this.page(503);
    const start = this.requests++;
    // round_robin over the upstream's endpoints; proxy_next_upstream tries the others on error.
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(start + i) % targets.length] as { ip: string; port: number };
      const conn = this.network.connect(t.ip, t.port);
      if (typeof conn === "string" || !conn.http) continue;
      const res = conn.http({
        method: req.method,
        path: r.path,
        headers: this.upstreamHeaders(req, scheme, port),
        body: req.body,
        remoteAddress: this.process.podIP,
      });
      this.lastUpstream = {
        addr: `${t.ip}:${t.port}`,
        status: res.status,
        length: utf8Length(res.body),
      };
      return this.downstream(res);
    }
    return this.page(502);
  }

  private lastUpstream?: { addr: string; status: number; length: number };

  /** proxy_set_header lines of nginx.tmpl's location block. */
  private upstreamHeaders(req: HttpRequest, scheme: string, port: number): Record<string, string> {
    const client = req.remoteAddress ?? "";
    const headers: Record<string, string> = { ...req.headers };
    delete headers.connection;
    return {
      ...headers,
      host: req.headers.host ?? "",
      "x-request-id": this.cluster.rng.chars(32, "0123456789abcdef"),
      "x-real-ip": client,
      "x-forwarded-for": client,
      "x-forwarded-host": req.headers.host ?? "",
      "x-forwarded-port": String(port),
      "x-forwarded-proto": scheme,
      "x-forwarded-scheme": scheme,
      "x-scheme": scheme,
    };
  }

  /** The upstream's answer as nginx passes it on: its own Date and Connection, no Server (more_clear_headers). */
  private downstream(res: HttpResponse): HttpResponse {
    const headers: Record<string, string> = { Date: httpDate(this.cluster.clock.now()) };
    for (const [k, v] of Object.entries(res.headers)) {
      const lower = k.toLowerCase();
      if (lower === "server" || lower === "date" || lower === "connection" || lower === "keep-alive")
        continue;
      headers[k] = v;
    }
    headers.Connection = "keep-alive";
    return { ...res, headers };
  }

  /** log-format-upstream, ingress-nginx's default access log line, to the container's log. */
  private accessLog(req: HttpRequest, res: HttpResponse, r: Route): void {
    // The default backend is nginx's internal server on 127.0.0.1:8181 (ListenPorts.Default).
    const up =
      r.kind === "proxy"
        ? this.lastUpstream
        : r.kind === "default"
          ? { addr: DEFAULT_BACKEND_ADDRESS, length: utf8Length(res.body), status: res.status }
          : undefined;
    this.lastUpstream = undefined;
    const backend = r.kind === "redirect" ? r.from?.backend : r.kind === "proxy" ? r.backend : undefined;
    const name = backend?.kind === "service" ? upstreamName(backend) : "upstream-default-backend";
    const requestLength =
      utf8Length(`${req.method} ${req.path} HTTP/1.1\r\n`) +
      Object.entries(req.headers).reduce((n, [k, v]) => n + utf8Length(`${k}: ${v}\r\n`), 2) +
      utf8Length(req.body);
    const fields = [
      `${req.remoteAddress ?? "-"} - - [${clfTime(this.cluster.clock.now())}]`,
      `"${req.method} ${req.path} HTTP/1.1" ${res.status} ${utf8Length(res.body)}`,
      `"${req.headers.referer ?? "-"}" "${req.headers["user-agent"] ?? "-"}" ${requestLength} 0.000`,
      `[${name}] []`,
      up ? `${up.addr} ${up.length} 0.000 ${up.status}` : "- - - -",
      this.cluster.rng.chars(32, "0123456789abcdef"),
    ];
    this.process.log(fields.join(" "));
  }
}

/** Whether argv runs the controller (directly or under the image's dumb-init). */
export function runsController(argv: readonly string[]): number {
  return argv.findIndex((a) => a === CONTROLLER_PROGRAM || a.endsWith("/nginx-ingress-controller"));
}

/** The hook that runs ingress-nginx controller processes; one per cluster. */
export class IngressNginxControllers implements ProcessHook {
  private readonly running = new Map<string, IngressNginxProcess>();

  constructor(private readonly cluster: Cluster) {}

  started(process: ContainerProcess): ProcessOutcome | undefined {
    const at = runsController(process.argv);
    if (at < 0) return undefined;
    const tag = /:([^@/]+)(@|$)/.exec(process.container.image ?? "")?.[1] ?? "";
    const options = parseControllerOptions(process.argv.slice(at + 1), tag);
    const controller = new IngressNginxProcess(this.cluster, process, options);
    this.running.set(process.key, controller);
    this.cluster.clock.after(
      0,
      () => this.running.get(process.key) === controller && controller.start(),
      "ingress-nginx start",
    );
    return { logs: [] };
  }

  stopped(key: string): void {
    const controller = this.running.get(key);
    if (!controller) return;
    controller.stop();
    this.running.delete(key);
    if (this.running.size === 0)
      this.cluster.clock.after(
        0,
        () => this.running.size === 0 && controller.clearStatus(),
        "ingress-nginx shutdown",
      );
  }

  /** The running controllers (for tests and the UI). */
  processes(): IngressNginxProcess[] {
    return [...this.running.values()];
  }
}
