/**
 * metrics-server as the container runtime runs it: a process hook that claims containers of the
 * metrics-server image, serves its secure port (health checks and the Metrics API) on the pod's
 * IP, and scrapes every kubelet each --metric-resolution through the pod's network, logging each
 * failure as v0.7.2 does. Its storage lives as long as its process.
 */
import type { Node } from "../api/kinds";
import type { TimerId } from "../clock/clock";
import type { Cluster } from "../cluster";
import { klog } from "../images/programs/util";
import { podNetwork } from "../kubelet/network";
import type { ContainerProcess, ProcessHook, ProcessOutcome } from "../processes";
import type { HttpRequest, HttpResponse, Network } from "../sh/interface";
import { metricsApiGet } from "./api";
import { type MetricsServerOptions, parseOptions } from "./options";
import { type NodeBatch, scrapeNode } from "./scrape";
import { MetricsStorage } from "./storage";

/** The image's short name (registry.k8s.io/metrics-server/metrics-server). */
export const METRICS_SERVER_IMAGE = "metrics-server";

/** The readyz check that fails until the storage holds two scrapes (pkg/server/health.go). */
export const METRIC_STORAGE_READY = "metric-storage-ready";
/** Its error while the storage is empty. */
export const NO_METRICS_TO_SERVE = "no metrics to serve";

/** One running metrics-server process. */
export class MetricsServerProcess {
  readonly storage: MetricsStorage;
  private timer?: TimerId;
  private readonly network: Network;

  constructor(
    private readonly cluster: Cluster,
    private readonly process: ContainerProcess,
    readonly options: MetricsServerOptions,
  ) {
    this.storage = new MetricsStorage(options.resolutionMs);
    this.network = podNetwork(cluster.api, process.pod, process.podIP);
  }

  /** Starts serving and scraping (the first tick at once, as RunUntil does). */
  start(): void {
    this.process.listen({ port: this.options.securePort, protocol: "TCP", http: (req) => this.serve(req) });
    this.tick();
  }

  /** Stops scraping. */
  stop(): void {
    this.cluster.clock.cancel(this.timer);
    this.timer = undefined;
  }

  private log(where: string, severity: string, text: string): void {
    this.process.log(`${klog(this.cluster.clock.now(), where, severity)}${text}`);
  }

  /** One scrape of every node, stored as one batch (server.tick). */
  private tick(): void {
    const batches = new Map<string, NodeBatch>();
    const nodes = this.cluster.api.list("Node", {}) as Node[];
    for (const node of nodes) {
      const name = node.metadata.name ?? "";
      const r = scrapeNode(this.network, node, this.options);
      if ("error" in r) {
        this.log(
          "scraper.go:149",
          "E",
          `"Failed to scrape node" err=${goQuote(r.error)} node=${goQuote(name)}`,
        );
        continue;
      }
      batches.set(name, r.batch);
    }
    this.storage.store(batches);
    this.timer = this.cluster.clock.after(
      this.options.resolutionMs / 1000,
      () => this.tick(),
      "metrics-server scrape",
    );
  }

  /** The secure port: health checks and the Metrics API. */
  private serve(req: HttpRequest): HttpResponse {
    const path = req.path.split("?")[0] ?? "";
    const text = (status: number, body: string): HttpResponse => ({
      status,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body,
    });
    if (path === "/livez" || path === "/healthz") return text(200, "ok");
    if (path === "/readyz") {
      if (this.storage.ready()) return text(200, "ok");
      this.log(
        "server.go:191",
        "I",
        `"Failed probe" probe="${METRIC_STORAGE_READY}" err="${NO_METRICS_TO_SERVE}"`,
      );
      return text(
        500,
        `[+]ping ok\n[+]log ok\n[-]${METRIC_STORAGE_READY} failed: reason withheld\nreadyz check failed\n`,
      );
    }
    if (path.startsWith("/apis/metrics.k8s.io/v1beta1")) {
      const r = metricsApiGet(req.path, this.storage, this.cluster.api, this.cluster.clock.now(), (ms) =>
        this.cluster.clock.timestamp(ms),
      );
      return { status: r.status, headers: { "content-type": "application/json" }, body: r.body };
    }
    return text(404, "404 page not found\n");
  }
}

/** Go's %q of a string (strconv.Quote for the texts metrics-server logs). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** The start-up lines metrics-server v0.7.2 logs before it serves. */
function startupLogs(ms: number, port: number): string[] {
  return [
    `${klog(ms, "serving.go:374")}Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)`,
    `${klog(ms, "handler.go:275")}Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager`,
    `${klog(ms, "requestheader_controller.go:169")}Starting RequestHeaderAuthRequestController`,
    `${klog(ms, "shared_informer.go:313")}Waiting for caches to sync for RequestHeaderAuthRequestController`,
    `${klog(ms, "dynamic_serving_content.go:132")}"Starting controller" name="serving-cert::/tmp/apiserver.crt::/tmp/apiserver.key"`,
    `${klog(ms, "secure_serving.go:213")}Serving securely on [::]:${port}`,
    `${klog(ms, "tlsconfig.go:243")}"Starting DynamicServingCertificateController"`,
  ];
}

/** The hook that runs metrics-server processes; one per cluster. */
export class MetricsServers implements ProcessHook {
  private readonly running = new Map<string, MetricsServerProcess>();

  constructor(private readonly cluster: Cluster) {}

  started(process: ContainerProcess): ProcessOutcome | undefined {
    if (process.image !== METRICS_SERVER_IMAGE) return undefined;
    const options = parseOptions(process.argv.slice(1));
    const server = new MetricsServerProcess(this.cluster, process, options);
    this.running.set(process.key, server);
    const logs = startupLogs(this.cluster.clock.now(), options.securePort);
    // The first scrape logs after the start-up lines: defer it past the hook's return.
    this.cluster.clock.after(
      0,
      () => this.running.get(process.key) === server && server.start(),
      "metrics-server start",
    );
    return { logs };
  }

  stopped(key: string): void {
    this.running.get(key)?.stop();
    this.running.delete(key);
  }
}

const HOOKS = new WeakMap<Cluster, MetricsServers>();

/** Installs the metrics-server hook in a cluster's container runtime (createCluster does). */
export function installMetricsServers(cluster: Cluster): MetricsServers {
  const hook = new MetricsServers(cluster);
  HOOKS.set(cluster, hook);
  cluster.processHooks.push(hook);
  return hook;
}
