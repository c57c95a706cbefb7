/**
 * `kubectl top node|pod` (staging/src/k8s.io/kubectl/pkg/cmd/top, v1.32): discovery must list
 * metrics.k8s.io/v1beta1 (an APIService whose backend answers), then NodeMetrics or PodMetrics are
 * read through the API server's aggregator and printed by top-printer.ts.
 */
import { ApiError } from "../../engine/api/errors";
import { matchesSelector, parseLabelSelector } from "../../engine/api/selectors";
import { apiServiceFor, proxyGet } from "../../engine/apiserver/aggregator";
import { goDuration } from "../../engine/images/programs/util";
import { clusterNetwork } from "../../engine/kubelet/network";
import { type Command, type Invocation, KubectlError } from "../command";
import { type NodeMetrics, type PodMetrics, printNodeMetrics, printPodMetrics } from "./top-printer";

/** RunTopNode/RunTopPod's error when discovery does not list the Metrics API. */
export const METRICS_API_NOT_AVAILABLE = "Metrics API not available";
/** Their error when the API answers with no metrics (new pods, a fresh metrics-server). */
export const METRICS_NOT_AVAILABLE_YET = "metrics not available yet";
/** metricsCreationDelay: a pod older than this without metrics is reported by name. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

const SORT_BY_ERROR = "--sort-by accepts only cpu or memory";

/** GET of a Metrics API path through the aggregator; ApiErrors as client-go words them. */
function metricsGet(inv: Invocation, path: string, resource: string): unknown {
  const api = inv.cluster.api;
  const svc = apiServiceFor(api, "metrics.k8s.io", "v1beta1");
  if (!svc) throw new ApiError("NotFound", "the server could not find the requested resource");
  const res = proxyGet(api, clusterNetwork(inv.ctx.cluster.api), svc, path);
  if (res.status === 503)
    throw new ApiError(
      "ServiceUnavailable",
      `the server is currently unable to handle the request (get ${resource}.metrics.k8s.io)`,
    );
  const body = JSON.parse(res.body) as { message?: string; reason?: string };
  if (res.status === 404) throw new ApiError("NotFound", body.message ?? "not found");
  return body;
}

/** SupportedMetricsAPIVersionAvailable over ServerGroups: the group is discovered while its backend answers. */
function metricsApiAvailable(inv: Invocation): boolean {
  const api = inv.cluster.api;
  const svc = apiServiceFor(api, "metrics.k8s.io", "v1beta1");
  return (
    !!svc &&
    proxyGet(api, clusterNetwork(inv.ctx.cluster.api), svc, "/apis/metrics.k8s.io/v1beta1").status === 200
  );
}

function validateSortBy(sortBy: string): void {
  if (sortBy && sortBy !== "cpu" && sortBy !== "memory") throw new KubectlError(SORT_BY_ERROR);
}

function runTopNode(inv: Invocation, name: string | undefined): void {
  const selector = inv.flags.str("selector");
  const sortBy = inv.flags.str("sort-by");
  validateSortBy(sortBy);
  if (name && selector) throw new KubectlError("only one of NAME or --selector can be provided");
  if (selector) parseLabelSelector(selector);
  if (!metricsApiAvailable(inv)) throw new KubectlError(METRICS_API_NOT_AVAILABLE);
  const base = "/apis/metrics.k8s.io/v1beta1/nodes";
  const items: NodeMetrics[] = name
    ? [metricsGet(inv, `${base}/${name}`, "nodes") as NodeMetrics]
    : (
        metricsGet(
          inv,
          selector ? `${base}?labelSelector=${encodeURIComponent(selector)}` : base,
          "nodes",
        ) as {
          items: NodeMetrics[];
        }
      ).items;
  if (items.length === 0) throw new KubectlError(METRICS_NOT_AVAILABLE_YET);
  const api = inv.cluster.api;
  let nodes = name ? [api.get("Node", undefined, name)] : api.list("Node", {});
  if (name && !nodes[0]) throw new ApiError("NotFound", `nodes "${name}" not found`);
  if (selector) {
    const sel = parseLabelSelector(selector);
    nodes = nodes.filter((n) => n && matchesSelector(sel, n.metadata.labels));
  }
  const field = inv.flags.bool("show-capacity") ? "capacity" : "allocatable";
  const available = new Map<string, Record<string, string>>();
  for (const n of nodes)
    if (n)
      available.set(
        n.metadata.name ?? "",
        (n.status as Record<string, Record<string, string>>)?.[field] ?? {},
      );
  inv.out(printNodeMetrics(items, available, inv.flags.bool("no-headers"), sortBy));
}

function runTopPod(inv: Invocation, name: string | undefined): void {
  const selector = inv.flags.str("selector");
  const fieldSelector = inv.flags.str("field-selector");
  const sortBy = inv.flags.str("sort-by");
  validateSortBy(sortBy);
  if (name && (selector || fieldSelector))
    throw new KubectlError("only one of NAME or selector can be provided");
  if (selector) parseLabelSelector(selector);
  if (!metricsApiAvailable(inv)) throw new KubectlError(METRICS_API_NOT_AVAILABLE);
  const all = inv.flags.bool("all-namespaces");
  const ns = inv.namespace;
  const base = all
    ? "/apis/metrics.k8s.io/v1beta1/pods"
    : `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`;
  const items: PodMetrics[] = name
    ? [metricsGet(inv, `${base}/${name}`, "pods") as PodMetrics]
    : (
        metricsGet(
          inv,
          selector ? `${base}?labelSelector=${encodeURIComponent(selector)}` : base,
          "pods",
        ) as {
          items: PodMetrics[];
        }
      ).items;
  if (items.length === 0) {
    verifyEmptyMetrics(inv, name, selector);
    inv.err(all ? "No resources found\n" : `No resources found in ${ns} namespace.\n`);
  }
  inv.out(
    printPodMetrics(items, {
      containers: inv.flags.bool("containers"),
      withNamespace: all,
      noHeaders: inv.flags.bool("no-headers"),
      sortBy,
      sum: inv.flags.bool("sum"),
    }),
  );
}

/** verifyEmptyMetrics: why the list was empty (pods in the current namespace, as upstream asks). */
function verifyEmptyMetrics(inv: Invocation, name: string | undefined, selector: string): void {
  const api = inv.cluster.api;
  const ns = inv.namespace;
  let pods = name ? [api.get("Pod", ns, name)] : api.list("Pod", { namespace: ns });
  if (name && !pods[0]) throw new ApiError("NotFound", `pods "${name}" not found`);
  if (selector) {
    const sel = parseLabelSelector(selector);
    pods = pods.filter((p) => p && matchesSelector(sel, p.metadata.labels));
  }
  if (pods.length === 0) return;
  const now = inv.cluster.clock.now();
  for (const p of pods) {
    if (!p) continue;
    const age = now - Date.parse(p.metadata.creationTimestamp ?? "");
    if (age > METRICS_CREATION_DELAY_MS)
      throw new KubectlError(
        `Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`,
      );
  }
  throw new KubectlError(METRICS_NOT_AVAILABLE_YET);
}

/** `kubectl top`. */
export const top: Command = {
  name: "top",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "field-selector", type: "string" },
    { name: "containers", type: "bool" },
    { name: "no-headers", type: "bool" },
    { name: "sort-by", type: "string" },
    { name: "show-capacity", type: "bool" },
    { name: "sum", type: "bool" },
    { name: "use-protocol-buffers", type: "bool" },
  ],
  run(inv) {
    const [sub, ...args] = inv.flags.args;
    const isNode = ["node", "nodes", "no"].includes(sub ?? "");
    const isPod = ["pod", "pods", "po"].includes(sub ?? "");
    if (!isNode && !isPod)
      throw new KubectlError(
        sub ? `unknown command "${sub}" for "kubectl top"` : "you must specify a resource type: node or pod",
      );
    if (args.length > 1) throw new KubectlError(isNode ? "node [NAME | -l label]" : "pod [NAME | -l label]");
    if (isNode) runTopNode(inv, args[0]);
    else runTopPod(inv, args[0]);
  },
};
