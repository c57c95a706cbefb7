/**
 * `kubectl cordon`, `uncordon` and `drain` (staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go,
 * pkg/drain/{drain.go,cordon.go}). Drain cordons, picks pods with the filters, evicts them
 * (retrying every 5 s while a PodDisruptionBudget refuses), and waits for them to be gone,
 * advancing simulated time as the real command would wait.
 */
import { ApiError } from "../../engine/api/errors";
import type { Node, Pod } from "../../engine/api/kinds";
import { matchesLabelSelector, parseLabelSelector } from "../../engine/api/selectors";
import { clone, type KubeObject } from "../../engine/api/types";
import { evictPod } from "../../engine/apiserver/eviction";
import type { Cluster } from "../../engine/cluster";
import { type Command, dryRunMode, F, type Invocation, KubectlError, parseDuration } from "../command";
import { podsForDeletion } from "../drain/filters";

type Mode = "none" | "client" | "server";

function dry(mode: Mode): string {
  return mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "";
}

/** The nodes named by args or -l (drain/cordon take node names only). */
function selectNodes(inv: Invocation): Node[] {
  const selector = inv.flags.str("selector");
  const args = inv.flags.args.map((a) =>
    a.startsWith("node/") || a.startsWith("nodes/") ? (a.split("/")[1] as string) : a,
  );
  if (args.length && selector)
    throw new KubectlError("error: cannot specify both a node name and a --selector option");
  if (!args.length && !selector)
    throw new KubectlError(
      `USAGE: ${inv.command} NODE [flags]\nSee 'kubectl ${inv.command} -h' for help and examples`,
    );
  if (selector) {
    const sel = parseLabelSelector(selector);
    return inv.cluster.api
      .list("Node", { labelSelector: sel })
      .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1)) as Node[];
  }
  return args.map((name) => {
    const node = inv.cluster.api.get("Node", undefined, name);
    if (!node) throw new ApiError("NotFound", `nodes "${name}" not found`);
    return node as Node;
  });
}

/** Cordons or uncordons each node, printing as RunCordonOrUncordon does. */
function cordonNodes(inv: Invocation, nodes: Node[], desired: boolean, mode: Mode): void {
  for (const node of nodes) {
    const name = node.metadata.name;
    const current = Boolean(node.spec?.unschedulable);
    if (current === desired) {
      inv.out(`node/${name} already ${desired ? "cordoned" : "uncordoned"}${dry(mode)}\n`);
      continue;
    }
    if (mode !== "client") {
      const next = clone(inv.cluster.api.get("Node", undefined, name ?? "") as Node);
      next.spec = next.spec ?? {};
      if (desired) next.spec.unschedulable = true;
      else delete next.spec.unschedulable;
      try {
        inv.cluster.api.update(next, { dryRun: mode === "server" });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        inv.err(`error: unable to ${desired ? "cordon" : "uncordon"} node "${name}": ${e.message}\n`);
        inv.exit = 1;
        continue;
      }
    }
    inv.out(`node/${name} ${desired ? "cordoned" : "uncordoned"}${dry(mode)}\n`);
  }
}

const CORDON_FLAGS = [F.selector, F.dryRun];

export const cordon: Command = {
  name: "cordon",
  flags: CORDON_FLAGS,
  run(inv) {
    cordonNodes(inv, selectNodes(inv), true, dryRunMode(inv));
  },
};

export const uncordon: Command = {
  name: "uncordon",
  flags: CORDON_FLAGS,
  run(inv) {
    cordonNodes(inv, selectNodes(inv), false, dryRunMode(inv));
  },
};

/**
 * The longest a drain waits in simulated seconds when --timeout is 0 (real kubectl waits
 * forever; here it reports a timeout instead of jumping the cluster's clock arbitrarily far).
 */
export const UNBOUNDED_DRAIN_SECONDS = 600;

export const drain: Command = {
  name: "drain",
  flags: [
    F.selector,
    F.dryRun,
    { name: "force", type: "bool" },
    { name: "ignore-daemonsets", type: "bool" },
    { name: "delete-emptydir-data", type: "bool" },
    { name: "delete-local-data", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "timeout", type: "string" },
    { name: "pod-selector", type: "string" },
    { name: "disable-eviction", type: "bool" },
    { name: "skip-wait-for-delete-timeout", type: "int" },
    { name: "ignore-errors", type: "bool" },
    { name: "chunk-size", type: "int" },
  ],
  run(inv) {
    const mode = dryRunMode(inv);
    const podSelectorText = inv.flags.str("pod-selector");
    let podSelector: ReturnType<typeof parseLabelSelector> | undefined;
    if (podSelectorText) {
      try {
        podSelector = parseLabelSelector(podSelectorText);
      } catch {
        throw new KubectlError("--pod-selector=<pod_selector> must be a valid label selector");
      }
    }
    const nodes = selectNodes(inv);
    cordonNodes(inv, nodes, true, mode);
    const timeout = inv.flags.has("timeout") ? parseDuration(inv.flags.str("timeout")) : 0;
    const drained = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name as string;
      const err = drainNode(inv, name, mode, podSelector, timeout);
      if (!err) {
        drained.add(name);
        inv.out(`node/${name} drained${dry(mode)}\n`);
        continue;
      }
      if (inv.flags.bool("ignore-errors") && nodes.length > 1) {
        inv.err(
          `error: unable to drain node "${name}" due to error:${aggregate(err)}, continuing command...\n`,
        );
        inv.exit = 1;
        continue;
      }
      inv.err(`error: unable to drain node "${name}", aborting command...\n\n`);
      const remaining = nodes.map((n) => n.metadata.name as string).filter((n) => !drained.has(n));
      if (remaining.length)
        inv.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join("")}`);
      // CheckErr prints an aggregate's errors one per line.
      inv.err(err.map((l) => `error: ${l}\n`).join(""));
      inv.exit = 1;
      return;
    }
  },
};

/** The pods on a node that drain considers. */
function nodePods(
  cluster: Cluster,
  nodeName: string,
  selector?: ReturnType<typeof parseLabelSelector>,
): Pod[] {
  return (
    cluster.api.list("Pod", {
      fieldSelector: [{ field: "spec.nodeName", op: "=", value: nodeName }],
      labelSelector: selector,
    }) as Pod[]
  )
    .slice()
    .sort((a, b) => {
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

/** utilerrors.Aggregate's Error(): the message, or `[a, b]` for several. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? (errs[0] as string) : `[${errs.join(", ")}]`;
}

/** Drains one node; returns the errors (without "error: ") or undefined. */
function drainNode(
  inv: Invocation,
  nodeName: string,
  mode: Mode,
  selector: ReturnType<typeof parseLabelSelector> | undefined,
  timeout: number,
): string[] | undefined {
  const cluster = inv.cluster;
  const opts = {
    force: inv.flags.bool("force"),
    ignoreAllDaemonSets: inv.flags.bool("ignore-daemonsets"),
    deleteEmptyDirData: inv.flags.bool("delete-emptydir-data") || inv.flags.bool("delete-local-data"),
    skipWaitForDeleteTimeoutSeconds: inv.flags.int("skip-wait-for-delete-timeout", 0),
    now: cluster.clock.now(),
    daemonSetExists: (ns: string, n: string) => Boolean(cluster.api.get("DaemonSet", ns, n)),
  };
  const list = podsForDeletion(nodePods(cluster, nodeName, selector), opts);
  if (list.errors.length) return list.errors;
  if (list.warnings) inv.err(`Warning: ${list.warnings}\n`);
  if (mode === "client") {
    for (const pod of list.pods)
      inv.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`);
    return undefined;
  }
  const useEviction = !inv.flags.bool("disable-eviction");
  const grace = inv.flags.int("grace-period", -1);
  const limit = timeout > 0 ? timeout : UNBOUNDED_DRAIN_SECONDS;
  const start = cluster.clock.now();
  const elapsed = () => (cluster.clock.now() - start) / 1000;
  const pending = new Map<string, Pod>();
  const errors: string[] = [];
  for (const pod of list.pods) {
    const ns = pod.metadata.namespace as string;
    const name = pod.metadata.name as string;
    inv.out(
      `${useEviction ? "evicting" : "deleting"} pod ${ns}/${name}${mode === "server" ? " (server dry run)" : ""}\n`,
    );
  }
  // Evict each pod; retry refused evictions every 5 s until the timeout.
  let toEvict = [...list.pods];
  for (;;) {
    const retry: Pod[] = [];
    for (const pod of toEvict) {
      const ns = pod.metadata.namespace as string;
      const name = pod.metadata.name as string;
      try {
        const options = { gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: mode === "server" };
        if (useEviction) evictPod(cluster, ns, name, options);
        else cluster.api.delete("Pod", ns, name, options);
        pending.set(`${ns}/${name}`, pod);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.reason === "NotFound") continue;
        if (e.reason === "TooManyRequests" && useEviction) {
          inv.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.message}\n`);
          retry.push(pod);
          continue;
        }
        errors.push(
          `error when ${useEviction ? "evicting" : "deleting"} pods/"${name}" -n "${ns}": ${e.message}`,
        );
      }
    }
    if (retry.length === 0) break;
    if (elapsed() + 5 > limit) {
      for (const pod of retry)
        errors.push(
          `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": global timeout reached: ${formatGoDuration(limit)}`,
        );
      break;
    }
    cluster.advance(5);
    toEvict = retry;
  }
  if (mode === "server") {
    for (const key of pending.keys())
      inv.out(`pod/${key.split("/")[1]} ${useEviction ? "evicted" : "deleted"}\n`);
    return errors.length ? errors : undefined;
  }
  // Wait for the pods to be gone (waitForDelete polls every second).
  cluster.settle();
  for (;;) {
    for (const [key, pod] of [...pending]) {
      const [ns, name] = key.split("/") as [string, string];
      const live = cluster.api.get("Pod", ns, name) as KubeObject | undefined;
      if (!live || live.metadata.uid !== pod.metadata.uid) {
        inv.out(`pod/${name} ${useEviction ? "evicted" : "deleted"}\n`);
        pending.delete(key);
      }
    }
    if (pending.size === 0 || elapsed() >= limit) break;
    cluster.advance(1);
  }
  for (const key of pending.keys()) {
    const [ns, name] = key.split("/");
    errors.push(
      `error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${formatGoDuration(limit)}`,
    );
  }
  if (errors.length) {
    const remaining = nodePods(cluster, nodeName, selector);
    const pods = podsForDeletion(remaining, { ...opts, now: cluster.clock.now() }).pods;
    if (pods.length) {
      inv.err(`There are pending pods in node "${nodeName}" when an error occurred: ${aggregate(errors)}\n`);
      for (const p of pods) inv.err(`pod/${p.metadata.name}\n`);
    }
    return errors;
  }
  return undefined;
}

/** Go's time.Duration String for whole seconds: "1m0s", "30s", "1h0m0s". */
export function formatGoDuration(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return `${m}m${sec}s`;
  return `${sec}s`;
}

export { matchesLabelSelector };
