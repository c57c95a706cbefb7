/**
 * `kubectl get --watch` and `--watch-only` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go
 * watch()): one resource type only; the list (or the named object) prints first, unless
 * --watch-only, then one print per change the API server's watch sends, until Ctrl+C or the
 * --request-timeout ends the request (kubectl then exits 0 without a word: watch() ignores the
 * error UntilWithoutRetry returns). Where nobody can press Ctrl+C (ctx.follow absent: the app's
 * actions, a script's line into a file) it prints the list and returns, as `kubectl logs -f` does.
 */
import type { WatchEvent } from "../../engine/api/interface";
import {
  type FieldRequirement,
  matchesFieldSelector,
  matchesSelector,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
} from "../../engine/api/selectors";
import type { KubeObject } from "../../engine/api/types";
import { parseResourceArgs, type ResourceRequest } from "../builder";
import { type Invocation, KubectlError, parseDuration } from "../command";
import type { LogStream } from "../interface";
import { hasManifestSource, readManifests } from "../manifest";
import { sortObjects } from "../render";
import { mapObject } from "./apply";
import { fetchObjects } from "./get";
import { type WatchEventType, WatchPrinter } from "./watch-printer";

/** builder.go resourceMappings with SingleResourceType(): `get pods,svc -w`, `get all -w`. */
export const SINGLE_RESOURCE_TYPE = "you may only specify a single resource type";
/** get.go watch(): objects of several kinds from -f. */
export const MULTIPLE_GVKS =
  "watch is only supported on individual resources and resource collections - more than 1 resource was found";
/** resource.Result.Watch: several sources (`get pods a b -w`). */
export const SINGLE_SOURCE = "you may only watch a single resource or type of resource at a time";
/** get.go Complete: --sort-by does not apply to changes. */
export const SORT_IGNORED = "warning: --watch or --watch-only requested, --sort-by will be ignored\n";
/** clientcmd's message for a --request-timeout it cannot read. */
export const INVALID_TIMEOUT =
  "invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)";

/** What a watch passes on: events of one kind that match its namespace, names and selectors. */
interface WatchFilter {
  kind: string;
  /** Only this namespace; undefined for -A or cluster-scoped kinds. */
  namespace?: string;
  names?: string[];
  labels?: Selector;
  fields?: FieldRequirement[];
}

/** Whether an object is in the watch's scope. */
function inScope(f: WatchFilter, obj: KubeObject): boolean {
  if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
  if (f.names && !f.names.includes(obj.metadata.name ?? "")) return false;
  if (f.labels && !matchesSelector(f.labels, obj.metadata.labels)) return false;
  if (f.fields && !matchesFieldSelector(obj, f.fields)) return false;
  return true;
}

/**
 * The event a filtered watch sends for a change (the watch cache's convertToWatchEvent): an
 * object that starts matching is ADDED, one that stops matching is DELETED with its old content.
 */
export function filteredEvent(
  f: WatchFilter,
  e: WatchEvent,
): { type: WatchEventType; object: KubeObject } | undefined {
  const now = inScope(f, e.object);
  if (e.type !== "MODIFIED") return now ? { type: e.type, object: e.object } : undefined;
  const before = e.old ? inScope(f, e.old) : now;
  if (now) return { type: before ? "MODIFIED" : "ADDED", object: e.object };
  return before && e.old ? { type: "DELETED", object: e.old } : undefined;
}

/** The --request-timeout in virtual ms; undefined for none (unset or 0). */
function requestTimeout(inv: Invocation): number | undefined {
  const text = inv.flags.str("request-timeout");
  if (!text) return undefined;
  let seconds: number;
  try {
    seconds = parseDuration(text);
  } catch {
    throw new KubectlError(INVALID_TIMEOUT);
  }
  return seconds > 0 ? seconds * 1000 : undefined;
}

/** Runs `kubectl get -w` / `--watch-only`. */
export function runWatch(inv: Invocation): void {
  const timeout = requestTimeout(inv);
  if (inv.flags.str("sort-by")) inv.err(SORT_IGNORED);
  const errors: unknown[] = [];
  let requests: ResourceRequest[];
  if (hasManifestSource(inv)) {
    const { objects, errors: readErrors } = readManifests(inv);
    if (readErrors.length) throw new KubectlError((readErrors[0] as string).replace(/^error: /, ""));
    requests = [];
    for (const m of objects) {
      const res = mapObject(m, inv.mapper);
      const name = m.obj.metadata.name ?? "";
      const same = requests.find((r) => r.res === res);
      if (same) same.names?.push(name);
      else requests.push({ res, names: [name] });
    }
    if (requests.length > 1) throw new KubectlError(MULTIPLE_GVKS);
  } else {
    if (inv.flags.args.length === 0)
      throw new KubectlError(
        `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
        true,
      );
    const typeWords = inv.flags.args.filter((a) => !a.includes("/"));
    if (
      (inv.flags.args.length === typeWords.length && (typeWords[0] ?? "").split(",").length > 1) ||
      (typeWords[0] ?? "").split(",").includes("all")
    )
      throw new KubectlError(SINGLE_RESOURCE_TYPE);
    requests = parseResourceArgs(inv.flags.args, inv.mapper);
    // TYPE/NAME of several types: get.go's multipleGVKsRequested.
    if (requests.length > 1) throw new KubectlError(MULTIPLE_GVKS);
  }
  const request = requests[0];
  if (!request) return;
  const { groups } = fetchObjects(inv, [request], errors);
  // The builder does not continue on error: a name that is not there ends it before printing.
  if (errors.length) throw errors[0];
  const { res } = request;
  const output = inv.flags.str("output");
  const allNamespaces = inv.flags.bool("all-namespaces");
  const printer = new WatchPrinter(
    {
      res,
      output,
      events: inv.flags.bool("output-watch-events"),
      noHeaders: inv.flags.bool("no-headers"),
      showLabels: inv.flags.bool("show-labels"),
      showKind: inv.flags.bool("show-kind"),
      allNamespaces: allNamespaces && res.namespaced,
      labelColumns: inv.flags.list("label-columns").flatMap((l) => l.split(",")),
    },
    inv,
  );
  const cluster = inv.cluster;
  if (!inv.flags.bool("watch-only")) {
    const sortBy = inv.flags.str("sort-by");
    let objects = groups[0]?.objects ?? [];
    // SortingPrinter still sorts the first table (the warning is about the changes).
    if (sortBy) objects = sortObjects(objects, sortBy);
    inv.out(printer.print(objects, "ADDED", cluster.clock.now()));
  }
  if ((request.names?.length ?? 0) > 1) throw new KubectlError(SINGLE_SOURCE);
  if (!inv.ctx.follow) return;
  const selectorText = inv.flags.str("selector");
  const fieldText = inv.flags.str("field-selector");
  const filter: WatchFilter = {
    kind: res.kind,
    namespace: res.namespaced && !allNamespaces ? inv.namespace : undefined,
    names: request.names,
    labels: selectorText ? parseLabelSelector(selectorText) : undefined,
    fields: fieldText ? parseFieldSelector(fieldText) : undefined,
  };
  const deadline = timeout === undefined ? undefined : cluster.clock.now() + timeout;
  inv.ctx.follow(watchStream(inv, filter, printer, deadline));
}

/** The changes of a watch as they come, printed at the instant each came. */
function watchStream(
  inv: Invocation,
  filter: WatchFilter,
  printer: WatchPrinter,
  deadline: number | undefined,
): LogStream {
  const clock = inv.cluster.clock;
  const queue: { type: WatchEventType; object: KubeObject; at: number }[] = [];
  let failed = false;
  const over = () => failed || (deadline !== undefined && clock.now() >= deadline);
  const unsubscribe = inv.cluster.api.watch(
    filter.kind,
    (e) => {
      if (over()) return;
      const event = filteredEvent(filter, e);
      if (event) queue.push({ ...event, at: clock.now() });
    },
    { namespace: filter.namespace },
  );
  return {
    next() {
      let text = "";
      try {
        for (const e of queue) text += printer.print([e.object], e.type, e.at);
      } catch {
        // A print that fails ends the watch; kubectl's watch() returns nil all the same.
        failed = true;
      }
      queue.length = 0;
      return text;
    },
    ended: over,
    deadline,
    close: unsubscribe,
  };
}
