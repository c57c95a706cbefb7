/**
 * `kubectl label` and `kubectl annotate` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go,
 * annotate/annotate.go): `KEY=VALUE` sets, `KEY-` removes, an existing key needs --overwrite;
 * prints `node/node01 labeled` (`not labeled`, `unlabeled`) or `pod/x annotated`.
 */

import { notFound } from "../../engine/api/errors";
import type { ResourceInfo } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { clone } from "../../engine/api/types";
import { isQualifiedName, isValidLabelValue } from "../../engine/apiserver/field";
import { ChangeCauseAnnotation } from "../../engine/controllers/deployment/util";
import { objectName, parseResourceArgs } from "../builder";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import { hasManifestSource, readManifests } from "../manifest";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual } from "../strategicmerge";
import { mapObject } from "./apply";
import { fetchObjects } from "./get";

/** label.go / annotate.go Complete: --list prints keys, so it takes no -o. */
const LIST_AND_OUTPUT = "--list and --output may not be specified together";

/** Splits args into resources and KEY=VALUE / KEY- pairs (cmdutil.GetResourcesAndPairs). */
export function resourcesAndPairs(
  args: string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const isPair = s.includes("=") || s.endsWith("-");
    if (isPair) {
      foundPair = true;
      pairs.push(s);
    } else if (foundPair) {
      throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
    } else resources.push(s);
  }
  return { resources, pairs };
}

/** Parses KEY=VALUE and KEY- specs (label.go parseLabels / annotate.go parseAnnotations). */
export function parsePairs(
  specs: string[],
  kind: "label" | "annotation",
): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const i = spec.indexOf("=");
      const parts = spec.split("=");
      if (kind === "label" && parts.length !== 2) throw new KubectlError(`invalid label spec: ${spec}`);
      const key = spec.slice(0, i);
      const value = spec.slice(i + 1);
      if (kind === "label") {
        const errs = isValidLabelValue(value);
        if (errs.length) throw new KubectlError(`invalid label value: "${spec}": ${errs.join(";")}`);
      }
      if (!key) throw new KubectlError(`invalid ${kind} spec: ${spec}`);
      set[key] = value;
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else throw new KubectlError(`unknown ${kind} spec: ${spec}`);
  }
  for (const k of remove)
    if (k in set) throw new KubectlError(`can not both modify and remove ${kind}s in the same command`);
  return { set, remove };
}

function makeCommand(kind: "label" | "annotation"): Command {
  const field = kind === "label" ? "labels" : "annotations";
  const verb = kind === "label" ? "label" : "annotate";
  return {
    name: verb,
    flags: [
      F.overwrite,
      F.selector,
      F.all,
      F.allNamespaces,
      F.fieldSelector,
      ...PRINT_FLAGS,
      F.dryRun,
      F.filename,
      F.kustomize,
      F.recursive,
      F.fieldManager,
      { name: "local", type: "bool" },
      { name: "list", type: "bool" },
      { name: "resource-version", type: "string" },
    ],
    run(inv) {
      const mode = dryRunMode(inv);
      const list = inv.flags.bool("list");
      const { resources, pairs } = resourcesAndPairs(inv.flags.args, kind);
      const fromFiles = hasManifestSource(inv);
      if (resources.length < 1 && !fromFiles)
        throw new KubectlError(
          `one or more resources must be specified as <resource> <name> or <resource>/<name>`,
        );
      const { set, remove } = parsePairs(pairs, kind);
      if (list && inv.flags.str("output")) throw new KubectlError(LIST_AND_OUTPUT);
      if (pairs.length < 1 && !list) throw new KubectlError(`at least one ${kind} update is required`);
      for (const key of Object.keys(set)) {
        const errs = isQualifiedName(key);
        if (kind === "label" && errs.length)
          throw new KubectlError(`invalid label spec: ${key}=${set[key]}, ${errs.join("; ")}`);
      }
      const errors: unknown[] = [];
      let targets: KubeObject[];
      // The builder's IntoSingleItemImplied: one file, or one TYPE NAME / TYPE/NAME.
      let single: boolean;
      const local = inv.flags.bool("local");
      if (local && resources.length > 0)
        throw new KubectlError(
          "can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set",
        );
      if (fromFiles && local) {
        // label.go / annotate.go with --local: the files' objects are changed and printed, the
        // server is not asked.
        single = inv.flags.list("filename").length === 1;
        targets = readManifests(inv).objects.map((m) => m.obj);
      } else if (fromFiles) {
        single = inv.flags.list("filename").length === 1;
        const read = readManifests(inv);
        targets = [];
        for (const m of read.objects) {
          const res = mapObject(m, inv.mapper);
          const live = inv.cluster.api.get(
            res.kind,
            res.namespaced ? m.obj.metadata.namespace || inv.namespace : undefined,
            m.obj.metadata.name ?? "",
          );
          if (live) targets.push(live);
          else
            errors.push(
              notFound(res.group ? `${res.plural}.${res.group}` : res.plural, m.obj.metadata.name ?? ""),
            );
        }
      } else {
        const requests = parseResourceArgs(resources, inv.mapper);
        single = requests.length === 1 && requests[0]?.names?.length === 1;
        if (!inv.flags.bool("all") && !inv.flags.str("selector") && requests.some((r) => !r.names))
          throw new KubectlError(`resource(s) were provided, but no name was specified`);
        const { groups } = fetchObjects(inv, requests, errors);
        targets = groups.flatMap((g) => g.objects);
      }
      const output = inv.flags.str("output");
      for (const live of targets) {
        const current: Record<string, string> = { ...(live.metadata[field] ?? {}) };
        if (!inv.flags.bool("overwrite")) {
          // label.go's validateNoOverwrites and annotate.go's validateNoAnnotationOverwrites let the
          // same value through (v1.32); annotate always lets kubernetes.io/change-cause be overwritten.
          const clashes = Object.entries(set).filter(
            ([key, value]) =>
              key in current &&
              current[key] !== value &&
              !(kind === "annotation" && key === ChangeCauseAnnotation),
          );
          if (clashes.length && kind === "label")
            throw new KubectlError(
              clashes
                .map(([key]) => `'${key}' already has a value (${current[key]}), and --overwrite is false`)
                .join(", "),
            );
          if (clashes.length)
            throw new KubectlError(
              `--overwrite is false but found the following declared annotation(s): ${clashes.map(([key]) => `'${key}' already has a value (${current[key]})`).join("; ")}`,
            );
        }
        const next = clone(live);
        const updated: Record<string, string> = { ...current };
        for (const [k, v] of Object.entries(set)) updated[k] = v;
        for (const k of remove) {
          if (!(k in updated) && !list && mode !== "client" && kind === "label")
            inv.out(`${kind} "${k}" not found.\n`);
          delete updated[k];
        }
        if (Object.keys(updated).length) next.metadata[field] = updated;
        else delete next.metadata[field];
        const changed = !deepEqual(live.metadata[field] ?? {}, updated);
        let msg: string;
        if (kind === "annotation") msg = "annotated";
        else {
          msg = "not labeled";
          if (changed) {
            msg = "labeled";
            const oldLen = JSON.stringify(live).length;
            const newLen = JSON.stringify(next).length;
            if (!inv.flags.bool("overwrite") && newLen < oldLen) msg = "unlabeled";
          }
        }
        const res = inv.mapper.forKind(live.kind) as ResourceInfo;
        if (list) {
          // With --list the changes stay local (label.go / annotate.go RunLabel): print, send nothing.
          if (!single) inv.out(`Listing ${field} for ${live.kind}.${res.group}/${live.metadata.name}:\n`);
          const indent = single ? "" : " ";
          for (const k of Object.keys(updated).sort()) inv.out(`${indent}${k}=${updated[k]}\n`);
          continue;
        }
        let result = next;
        if (mode !== "client" && !local && changed)
          result = inv.cluster.api.update(next, { dryRun: mode === "server" });
        if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
        else if (output === "name") inv.out(`${objectName(res, live.metadata.name ?? "")}\n`);
        else
          inv.out(
            `${objectName(res, live.metadata.name ?? "")} ${msg}${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
          );
      }
      inv.reportAll(errors);
    },
  };
}

/** `kubectl label`. */
export const label = makeCommand("label");
/** `kubectl annotate`. */
export const annotate = makeCommand("annotation");

export type { Invocation };
