/**
 * `kubectl describe` (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go): resolves the
 * objects (names are prefixes when no exact match, as upstream) and hands each to the describers
 * in src/kubectl/describe, separated by blank lines.
 */
import { notFound } from "../../engine/api/errors";
import { qualifiedPlural } from "../../engine/api/resources";
import { parseLabelSelector } from "../../engine/api/selectors";
import type { KubeObject } from "../../engine/api/types";
import { parseResourceArgs } from "../builder";
import { type Command, F, KubectlError } from "../command";
import { DESCRIBE_SEPARATOR, describeObject } from "../describe-bridge";

export const describe: Command = {
  name: "describe",
  flags: [
    F.filename,
    F.recursive,
    F.selector,
    F.allNamespaces,
    { name: "show-events", type: "bool" },
    { name: "chunk-size", type: "int" },
  ],
  run(inv) {
    if (inv.flags.args.length === 0)
      throw new KubectlError(
        `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`,
      );
    const requests = parseResourceArgs(inv.flags.args, inv.mapper);
    const allNs = inv.flags.bool("all-namespaces");
    const selectorText = inv.flags.str("selector");
    const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
    const objs: KubeObject[] = [];
    const errors: unknown[] = [];
    for (const req of requests) {
      const ns = req.res.namespaced && !allNs ? inv.namespace : undefined;
      const all = inv.cluster.api
        .list(req.res.kind, { namespace: ns, labelSelector: selector })
        .sort((a, b) =>
          `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
            `${b.metadata.namespace}/${b.metadata.name}`,
          ),
        );
      if (!req.names) {
        objs.push(...all);
        continue;
      }
      for (const name of req.names) {
        const exact = all.find((o) => o.metadata.name === name);
        if (exact) {
          objs.push(exact);
          continue;
        }
        // describe.go: no exact match → every object whose name starts with it.
        const prefixed = all.filter((o) => o.metadata.name?.startsWith(name));
        if (prefixed.length) objs.push(...prefixed);
        else errors.push(notFound(qualifiedPlural(req.res), name));
      }
    }
    const showEvents = inv.flags.bool("show-events", true);
    inv.out(objs.map((o) => describeObject(inv.cluster, o, showEvents)).join(DESCRIBE_SEPARATOR));
    if (objs.length === 0 && errors.length === 0)
      inv.err(
        allNs || !requests.every((r) => r.res.namespaced)
          ? "No resources found\n"
          : `No resources found in ${inv.namespace} namespace.\n`,
      );
    inv.reportAll(errors);
  },
};
