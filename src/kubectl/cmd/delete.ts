/**
 * `kubectl delete` (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go): by name, -f, -l,
 * --all; `pod "x" deleted`; --force --grace-period=0 with its warning; --now; --cascade; and
 * --wait (the default): waits for the objects to be gone, advancing simulated time.
 */
import { ApiError } from "../../engine/api/errors";
import type { DeleteOptions } from "../../engine/api/interface";
import type { ResourceInfo } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { parseResourceArgs, type ResourceRequest } from "../builder";
import { type Command, dryRunMode, F, KubectlError, parseDuration } from "../command";
import { hasManifestSource, readManifests } from "../manifest";
import { mapObject } from "./apply";
import { fetchObjects } from "./get";

/** delete.go's warning for --force with grace period 0. */
export const FORCE_WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

/**
 * How long a delete waits (simulated seconds) without --timeout, beyond the longest grace period
 * of the pods it deleted. Real kubectl waits up to a week; a simulated hour-long jump would
 * change the cluster far more than the person asked for, so we give up sooner and say so.
 */
export const DELETE_WAIT_MARGIN_SECONDS = 120;

function deletedName(res: ResourceInfo): string {
  return res.group ? `${res.singular}.${res.group}` : res.singular;
}

export const del: Command = {
  name: "delete",
  flags: [
    F.filename,
    F.recursive,
    F.selector,
    F.all,
    F.allNamespaces,
    F.fieldSelector,
    F.dryRun,
    F.output,
    { name: "force", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "now", type: "bool" },
    { name: "cascade", type: "string", noOptDefault: "background" },
    { name: "wait", type: "bool" },
    { name: "timeout", type: "string" },
    { name: "ignore-not-found", type: "bool" },
    { name: "interactive", short: "i", type: "bool" },
    { name: "raw", type: "string" },
    { name: "kustomize", short: "k", type: "string" },
  ],
  run(inv) {
    const mode = dryRunMode(inv);
    let grace = inv.flags.int("grace-period", -1);
    const force = inv.flags.bool("force");
    if (inv.flags.bool("now")) {
      if (grace !== -1) throw new KubectlError("--now and --grace-period cannot be specified together");
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    let cascade = inv.flags.str("cascade", "background");
    if (cascade === "true") cascade = "background";
    if (cascade === "false") {
      inv.err(
        "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n",
      );
      cascade = "orphan";
    }
    const policies: Record<string, DeleteOptions["propagationPolicy"]> = {
      background: "Background",
      orphan: "Orphan",
      foreground: "Foreground",
    };
    const propagationPolicy = policies[cascade];
    if (!propagationPolicy)
      throw new KubectlError(
        `invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`,
      );

    const errors: unknown[] = [];
    let targets: { res: ResourceInfo; obj: KubeObject }[] = [];
    const all = inv.flags.bool("all");
    const selector = inv.flags.str("selector");
    if (hasManifestSource(inv)) {
      const read = readManifests(inv);
      for (const e of read.errors) inv.err(`${e}\n`);
      if (read.errors.length) inv.exit = 1;
      for (const m of read.objects) {
        const res = mapObject(m, inv.mapper);
        const ns = res.namespaced ? m.obj.metadata.namespace || inv.namespace : undefined;
        const name = m.obj.metadata.name ?? "";
        const obj = inv.cluster.api.get(res.kind, ns, name);
        if (obj) targets.push({ res, obj });
        else
          errors.push(
            new ApiError(
              "NotFound",
              `error when deleting "${m.source}": ${res.group ? `${res.plural}.${res.group}` : res.plural} "${name}" not found`,
            ),
          );
      }
    } else {
      if (inv.flags.args.length === 0)
        throw new KubectlError(
          `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
        );
      const requests: ResourceRequest[] = parseResourceArgs(inv.flags.args, inv.mapper);
      if (!all && !selector && !inv.flags.str("field-selector") && requests.some((r) => !r.names))
        throw new KubectlError("resource(s) were provided, but no name was specified");
      if (all && requests.some((r) => r.names))
        throw new KubectlError("cannot set --all and --selector at the same time");
      const { groups } = fetchObjects(inv, requests, errors);
      targets = groups.flatMap((g) => g.objects.map((obj) => ({ res: g.res, obj })));
    }
    if (inv.flags.bool("ignore-not-found"))
      for (let i = errors.length - 1; i >= 0; i--) {
        const e = errors[i];
        if (e instanceof ApiError && e.reason === "NotFound") errors.splice(i, 1);
      }

    if (force && grace === 0) inv.err(`${FORCE_WARNING}\n`);
    const deleted: KubeObject[] = [];
    for (const { res, obj } of targets) {
      const name = obj.metadata.name ?? "";
      const options: DeleteOptions = { propagationPolicy, dryRun: mode === "server" };
      if (grace >= 0) options.gracePeriodSeconds = grace;
      try {
        if (mode !== "client") inv.cluster.api.delete(res.kind, obj.metadata.namespace, name, options);
      } catch (e) {
        errors.push(e);
        continue;
      }
      deleted.push(obj);
      if (inv.flags.str("output") === "name") inv.out(`${deletedName(res)}/${name}\n`);
      else
        inv.out(
          `${deletedName(res)} "${name}" ${force && grace === 0 ? "force deleted" : "deleted"}${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
        );
    }
    if (targets.length === 0 && errors.length === 0 && (all || selector || inv.flags.str("field-selector")))
      inv.out("No resources found\n");

    // --wait: block until every deleted object is gone (uid gone or replaced).
    if (mode === "none" && inv.flags.bool("wait", true) && deleted.length) {
      const timeout = inv.flags.has("timeout") ? parseDuration(inv.flags.str("timeout")) : 0;
      const grace = Math.max(
        0,
        ...deleted.filter((o) => o.kind === "Pod").map((o) => o.spec?.terminationGracePeriodSeconds ?? 30),
      );
      const limit = timeout > 0 ? timeout : grace + DELETE_WAIT_MARGIN_SECONDS;
      const start = inv.cluster.clock.now();
      const gone = () =>
        deleted.every((o) => {
          const live = inv.cluster.api.get(o.kind, o.metadata.namespace, o.metadata.name ?? "");
          return !live || live.metadata.uid !== o.metadata.uid;
        });
      inv.cluster.settle();
      while (!gone() && inv.cluster.clock.now() - start < limit * 1000) inv.cluster.advance(1);
      if (!gone()) {
        for (const o of deleted) {
          const live = inv.cluster.api.get(o.kind, o.metadata.namespace, o.metadata.name ?? "");
          if (live && live.metadata.uid === o.metadata.uid) {
            const res = inv.mapper.forKind(o.kind) as ResourceInfo;
            errors.push(
              new KubectlError(`timed out waiting for the condition on ${res.plural}/${o.metadata.name}`),
            );
          }
        }
      }
    }
    inv.reportAll(errors);
  },
};
