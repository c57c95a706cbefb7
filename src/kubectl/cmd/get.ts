/**
 * `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): tables per resource type,
 * separated by a blank line; `-o yaml|json|name|jsonpath|custom-columns` print one object when a
 * single name was asked for, else a v1 List; NotFound errors follow what was found;
 * `No resources found in NS namespace.` on stderr when nothing was printed.
 */

import type { ResourceMapper } from "../../engine/api/discovery";
import { ApiError, notFound } from "../../engine/api/errors";
import type { ResourceInfo } from "../../engine/api/resources";
import { groupVersion, qualifiedPlural } from "../../engine/api/resources";
import { parseFieldSelector, parseLabelSelector, unsupportedField } from "../../engine/api/selectors";
import type { KubeObject } from "../../engine/api/types";
import { parseResourceArgs, type ResourceRequest } from "../builder";
import { type Command, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import { hasManifestSource, readManifests } from "../manifest";
import { formatTable, printObjects, sortObjects } from "../render";
import { mapObject } from "./apply";
import { runWatch } from "./get-watch";
import { rawOutput } from "./raw";

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

/** One group of objects of one resource type, as fetched. */
export interface Fetched {
  res: ResourceInfo;
  objects: KubeObject[];
  /** A list request (TYPE, not TYPE/NAME): kubectl gets one Table for it even when empty. */
  listed?: boolean;
}

/**
 * Fetches what resource args (or -f) ask for, in order; NotFound and other per-object errors go
 * to errors. Lists honour -n/-A, -l and --field-selector.
 */
export function fetchObjects(
  inv: Invocation,
  requests: ResourceRequest[],
  errors: unknown[],
): { groups: Fetched[]; singleItem: boolean } {
  const allNs = inv.flags.bool("all-namespaces");
  const selectorText = inv.flags.str("selector");
  const labelSelector = selectorText ? parseLabelSelector(selectorText) : undefined;
  const fieldText = inv.flags.str("field-selector");
  const fieldSelector = fieldText ? parseFieldSelector(fieldText) : undefined;
  const groups: Fetched[] = [];
  let count = 0;
  for (const req of requests) {
    const { res } = req;
    const ns = res.namespaced ? inv.namespace : undefined;
    if (res.custom && !inv.cluster.api.discovery.forGVK(groupVersion(res), res.kind)) {
      // Mapped from kubectl's discovery cache, but the server no longer serves it (CRD deleted).
      const gone = `the server could not find the requested resource (get ${qualifiedPlural(res)}`;
      for (const name of req.names ?? []) errors.push(new ApiError("NotFound", `${gone} ${name})`));
      if (!req.names)
        errors.push(
          new ApiError(
            "NotFound",
            `Unable to list "${res.group}/${res.version}, Resource=${res.plural}": ${gone})`,
          ),
        );
      count += req.names ? req.names.length : 2;
      continue;
    }
    if (req.names) {
      if (labelSelector || fieldSelector)
        throw new KubectlError(
          "selectors and the all flag cannot be used when passing resource/name arguments",
        );
      const objects: KubeObject[] = [];
      for (const name of req.names) {
        count++;
        const obj = inv.cluster.api.get(res.kind, ns, name);
        if (obj) objects.push(inVersion(obj, res));
        else errors.push(notFound(qualifiedPlural(res), name));
      }
      groups.push({ res, objects });
      continue;
    }
    if (fieldSelector)
      for (const f of fieldSelector) {
        const msg = unsupportedField(res.kind, f.field);
        if (msg)
          throw new ApiError(
            "BadRequest",
            `Unable to find "${res.group ? `${res.group}/` : "/"}${res.version}, Resource=${res.plural}" that match label selector "${selectorText}", field selector "${fieldText}": ${msg}`,
          );
      }
    count += 2;
    const objects = inv.cluster.api.list(res.kind, {
      namespace: res.namespaced && !allNs ? ns : undefined,
      labelSelector,
      fieldSelector,
    });
    groups.push({ res, objects: sortObjects(objects.map((o) => inVersion(o, res))), listed: true });
  }
  return { groups, singleItem: count === 1 };
}

/**
 * A custom resource as the API server returns it in the version asked for: with conversion
 * strategy None only apiVersion changes (the stored object is in the storage version).
 */
function inVersion(obj: KubeObject, res: ResourceInfo): KubeObject {
  const apiVersion = groupVersion(res);
  return res.custom && obj.apiVersion !== apiVersion ? { ...obj, apiVersion } : obj;
}

export const get: Command = {
  name: "get",
  flags: [
    ...PRINT_FLAGS,
    F.filename,
    F.kustomize,
    F.recursive,
    F.selector,
    F.allNamespaces,
    F.fieldSelector,
    { name: "show-labels", type: "bool" },
    { name: "show-kind", type: "bool" },
    { name: "no-headers", type: "bool" },
    { name: "sort-by", type: "string" },
    { name: "label-columns", short: "L", type: "stringArray" },
    { name: "watch", short: "w", type: "bool" },
    { name: "watch-only", type: "bool" },
    { name: "ignore-not-found", type: "bool" },
    { name: "chunk-size", type: "int" },
    { name: "raw", type: "string" },
    { name: "subresource", type: "string" },
    { name: "output-watch-events", type: "bool" },
  ],
  run(inv) {
    if (inv.flags.bool("output-watch-events") && !inv.flags.bool("watch") && !inv.flags.bool("watch-only"))
      throw new KubectlError(
        "--output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples",
      );
    if (inv.flags.has("raw")) {
      if (inv.flags.args.length)
        throw new KubectlError("arguments may not be passed when --raw is specified");
      inv.out(rawOutput(inv, inv.flags.str("raw")));
      return;
    }
    if (inv.flags.bool("watch") || inv.flags.bool("watch-only")) {
      runWatch(inv);
      return;
    }
    const errors: unknown[] = [];
    let requests: ResourceRequest[];
    let fromFiles: KubeObject[] | undefined;
    if (hasManifestSource(inv)) {
      const { objects, errors: readErrors } = readManifests(inv);
      for (const e of readErrors) errors.push(new KubectlError(e.replace(/^error: /, "")));
      requests = [];
      fromFiles = [];
      for (const m of objects) {
        const res = mapObject(m, inv.mapper);
        const ns = res.namespaced ? m.obj.metadata.namespace || inv.namespace : undefined;
        const live = inv.cluster.api.get(res.kind, ns, m.obj.metadata.name ?? "");
        if (live) fromFiles.push(live);
        else errors.push(notFound(qualifiedPlural(res), m.obj.metadata.name ?? ""));
        requests.push({ res, names: [m.obj.metadata.name ?? ""] });
      }
    } else {
      if (inv.flags.args.length === 0) throw new KubectlError(NO_TYPE, true);
      requests = parseResourceArgs(inv.flags.args, inv.mapper);
    }
    const { groups, singleItem } = fromFiles
      ? { groups: groupByKind(fromFiles, inv.mapper), singleItem: fromFiles.length === 1 }
      : fetchObjects(inv, requests, errors);
    const ignoreNotFound = inv.flags.bool("ignore-not-found");
    const shownErrors = errors.filter(
      (e) => !(ignoreNotFound && e instanceof ApiError && e.reason === "NotFound"),
    );
    const output = inv.flags.str("output");
    const sortBy = inv.flags.str("sort-by");
    if (output && output !== "wide") {
      // printGeneric: one object when a single name was asked for, else a List.
      let all = groups.flatMap((g) => g.objects);
      if (sortBy) all = sortObjects(all, sortBy);
      // A single name that is not there returns its error before anything is printed (no List).
      if (singleItem && all.length === 0) {
        for (const e of shownErrors) inv.report(e);
        return;
      }
      printObjects(inv, all, output, {
        list: !(singleItem && all.length === 1),
        noHeaders: inv.flags.bool("no-headers"),
      });
      for (const e of shownErrors) inv.report(e);
      return;
    }
    const now = inv.cluster.clock.now();
    // multipleGVKsRequested(infos): a list request yields one info (a Table) even when empty, so
    // `kubectl get all` prints service/kubernetes with its kind when no other objects exist.
    const kinds = new Set(groups.filter((g) => g.listed || g.objects.length > 0).map((g) => g.res.kind));
    const multipleKinds = kinds.size > 1 || inv.flags.bool("show-kind");
    let written = false;
    for (const g of groups) {
      if (g.objects.length === 0) continue;
      const objects = sortBy ? sortObjects(g.objects, sortBy) : g.objects;
      const text = formatTable(g.res, objects, now, {
        output,
        wide: output === "wide",
        showLabels: inv.flags.bool("show-labels"),
        noHeaders: inv.flags.bool("no-headers"),
        withNamespace: inv.flags.bool("all-namespaces") && g.res.namespaced,
        withKind: multipleKinds,
        labelColumns: inv.flags.list("label-columns").flatMap((l) => l.split(",")),
      });
      if (!text) continue;
      if (written && !inv.flags.bool("no-headers")) inv.out("\n");
      inv.out(text);
      written = true;
    }
    for (const e of shownErrors) inv.report(e);
    if (!written && shownErrors.length === 0 && !ignoreNotFound) {
      const allNamespaced = !inv.flags.bool("all-namespaces") && groups.every((g) => g.res.namespaced);
      inv.err(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : "No resources found\n");
    }
  },
};

function groupByKind(objs: KubeObject[], discovery: ResourceMapper): Fetched[] {
  const out: Fetched[] = [];
  for (const o of objs) {
    const res = mapObject({ obj: o, source: "" }, discovery);
    const last = out[out.length - 1];
    if (last && last.res === res) last.objects.push(o);
    else out.push({ res, objects: [o] });
  }
  return out;
}
