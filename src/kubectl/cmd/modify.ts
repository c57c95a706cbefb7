/**
 * `kubectl replace` (cmd/replace), `kubectl patch` (cmd/patch), `kubectl expose` (cmd/expose)
 * and `kubectl wait` (cmd/wait): the other ways a learner changes or watches objects.
 */
import { ApiError } from "../../engine/api/errors";
import type { ResourceInfo } from "../../engine/api/resources";
import { clone, type KubeObject } from "../../engine/api/types";
import { jsonPatchDecodingError, patchDecodingError } from "../../engine/apiserver/schema/patch";
import { objectName, parseResourceArgs } from "../builder";
import { type ObjectError, reportErrors, sourceError } from "../checkerr";
import { type Command, dryRunMode, F, KubectlError, PRINT_FLAGS, parseDuration } from "../command";
import { hasManifestSource, readManifests } from "../manifest";
import { JsonPath } from "../output";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual, threeWayMerge } from "../strategicmerge";
import { mapObject, placeObject } from "./apply";
import { fetchObjects } from "./get";

function suffix(mode: string): string {
  return mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "";
}

export const replace: Command = {
  name: "replace",
  flags: [
    F.filename,
    F.kustomize,
    F.recursive,
    ...PRINT_FLAGS,
    F.dryRun,
    F.validate,
    F.fieldManager,
    F.timeout,
    { name: "force", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "cascade", type: "string" },
    { name: "wait", type: "bool" },
    { name: "save-config", type: "bool" },
    { name: "raw", type: "string" },
  ],
  run(inv) {
    if (!hasManifestSource(inv)) throw new KubectlError("must specify --filename to replace");
    const mode = dryRunMode(inv);
    const { objects, errors } = readManifests(inv);
    if (inv.flags.bool("force") && objects.length === 0 && errors.length === 0) {
      // forceReplace deletes what the builder found (none: delete's "No resources found"), then
      // counts what it created (replace.go). A plain replace of nothing succeeds.
      inv.out("No resources found\n");
      throw new KubectlError("no objects passed to replace");
    }
    const late: (ObjectError | string)[] = [...errors];
    for (const m of objects) {
      try {
        const res = mapObject(m, inv.mapper);
        placeObject(inv, res, m.obj);
        const ns = res.namespaced ? m.obj.metadata.namespace : undefined;
        const name = m.obj.metadata.name ?? "";
        if (inv.flags.bool("force")) {
          // replace --force: delete, wait until gone, create.
          const live = inv.cluster.api.get(res.kind, ns, name);
          if (live) {
            const grace = inv.flags.int("grace-period", -1);
            inv.cluster.api.delete(res.kind, ns, name, grace >= 0 ? { gracePeriodSeconds: grace } : {});
            inv.out(`${res.group ? `${res.singular}.${res.group}` : res.singular} "${name}" deleted\n`);
            const start = inv.cluster.clock.now();
            inv.cluster.settle();
            while (
              inv.cluster.api.get(res.kind, ns, name)?.metadata.uid === live.metadata.uid &&
              inv.cluster.clock.now() - start < 3600_000
            )
              inv.cluster.advance(1);
          }
          const obj = clone(m.obj);
          delete obj.metadata.resourceVersion;
          delete obj.metadata.uid;
          const created = inv.cluster.api.create(obj, { dryRun: mode === "server" });
          inv.out(`${objectName(res, created.metadata.name ?? "")} replaced\n`);
          continue;
        }
        const live = inv.cluster.api.get(res.kind, ns, name);
        if (!live)
          throw new ApiError(
            "NotFound",
            `${res.group ? `${res.plural}.${res.group}` : res.plural} "${name}" not found`,
          );
        const obj = clone(m.obj);
        if (mode !== "client") inv.cluster.api.update(obj, { dryRun: mode === "server" });
        const output = inv.flags.str("output");
        if (output && wantsObjectOutput(output)) printObjects(inv, [obj], output);
        else inv.out(`${objectName(res, name)} replaced${suffix(mode)}\n`);
      } catch (e) {
        if (e instanceof ApiError) late.push(sourceError("replacing", m.source, e));
        else if (e instanceof KubectlError) late.push({ message: e.message });
        else throw e;
      }
    }
    reportErrors(inv, late);
  },
};

/** Applies an RFC 6902 JSON patch. */
function jsonPatch(
  doc: unknown,
  ops: { op: string; path: string; value?: unknown; from?: string }[],
): unknown {
  const root = clone(doc);
  const parse = (p: string) =>
    p
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const parentOf = (segs: string[]) => {
    let cur = root as Record<string, unknown>;
    for (const s of segs.slice(0, -1)) {
      cur = (cur as Record<string, unknown>)?.[s] as Record<string, unknown>;
      if (cur === undefined) throw new KubectlError(`jsonpatch: doc is missing path: "/${segs.join("/")}"`);
    }
    // Only a map or a list holds a key (a string or a number has no children to patch).
    if (cur === null || typeof cur !== "object")
      throw new KubectlError(`jsonpatch: doc is missing path: "/${segs.join("/")}"`);
    return cur;
  };
  for (const op of ops) {
    const segs = parse(op.path);
    // json-patch's findObject finds no container for the whole document ("" has no parent).
    if (segs.length === 0)
      throw new KubectlError(
        `jsonpatch ${op.op} operation does not apply: doc is missing path: "${op.path}"`,
      );
    const parent = parentOf(segs);
    const last = segs[segs.length - 1] as string;
    const isArr = Array.isArray(parent);
    switch (op.op) {
      case "add":
        if (isArr)
          (parent as unknown[]).splice(
            last === "-" ? (parent as unknown[]).length : Number(last),
            0,
            op.value,
          );
        else parent[last] = op.value;
        break;
      case "replace":
        if (isArr) (parent as unknown[])[Number(last)] = op.value;
        else {
          if (!(last in parent))
            throw new KubectlError(
              `jsonpatch replace operation does not apply: doc is missing key: ${op.path}`,
            );
          parent[last] = op.value;
        }
        break;
      case "remove":
        if (isArr) (parent as unknown[]).splice(Number(last), 1);
        else {
          if (!(last in parent))
            throw new KubectlError(
              `jsonpatch remove operation does not apply: doc is missing path: "${op.path}"`,
            );
          delete parent[last];
        }
        break;
      case "test":
        if (!deepEqual(parent[last], op.value)) throw new KubectlError("testing value failed");
        break;
      default:
        throw new KubectlError(`Unexpected kind: ${op.op}`);
    }
  }
  return root;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export const patch: Command = {
  name: "patch",
  flags: [
    F.filename,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    { name: "patch", short: "p", type: "string" },
    { name: "patch-file", type: "string" },
    { name: "type", type: "string" },
    { name: "local", type: "bool" },
    { name: "subresource", type: "string" },
  ],
  run(inv) {
    let text = inv.flags.str("patch");
    if (inv.flags.has("patch-file")) text = inv.ctx.readFile?.(inv.flags.str("patch-file")) ?? "";
    if (!text) throw new KubectlError("must specify -p to patch");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new KubectlError(`unable to parse "${text}": yaml: did not find expected node content`);
    }
    const type = inv.flags.str("type", "strategic");
    if (!["strategic", "merge", "json"].includes(type))
      throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    const mode = dryRunMode(inv);
    const errors: unknown[] = [];
    const { groups } = fetchObjects(inv, parseResourceArgs(inv.flags.args, inv.mapper), errors);
    for (const e of errors) throw e;
    for (const g of groups)
      for (const live of g.objects) {
        const res: ResourceInfo = g.res;
        // Custom resources have no patch strategy: the server takes JSON and merge patches only.
        if (res.custom && type === "strategic" && mode !== "client")
          throw new ApiError("UnsupportedMediaType", UNSUPPORTED_PATCH_MEDIA_TYPE);
        let next: KubeObject;
        if (type === "json") next = jsonPatch(live, body as never) as KubeObject;
        else if (type === "merge") next = mergePatch(live, body) as KubeObject;
        else next = threeWayMerge({}, body, live) as KubeObject;
        const subresource = inv.flags.str("subresource");
        if (mode !== "client" && subresource !== "status") {
          // The server decodes the patched object before anything else (patch.go): a strategic
          // merge patch through the unstructured converter, JSON and merge patches as JSON.
          const decodeError =
            type === "strategic" ? patchDecodingError(body, next, live) : jsonPatchDecodingError(next, live);
          if (decodeError) throw decodeError;
        }
        const changed = !deepEqual(next, live);
        let result = next;
        if (changed && mode !== "client")
          result =
            subresource === "status"
              ? inv.cluster.api.updateStatus(next, { dryRun: mode === "server" })
              : inv.cluster.api.update(next, { dryRun: mode === "server" });
        const output = inv.flags.str("output");
        if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
        else
          inv.out(
            `${objectName(res, live.metadata.name ?? "")} ${changed ? "patched" : "patched (no change)"}${suffix(mode)}\n`,
          );
      }
  },
};

/** The API server's answer to a strategic merge patch of a custom resource. */
export const UNSUPPORTED_PATCH_MEDIA_TYPE =
  "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

export const expose: Command = {
  name: "expose",
  flags: [
    F.filename,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    F.selector,
    { name: "port", type: "string" },
    { name: "target-port", type: "string" },
    { name: "type", type: "string" },
    { name: "name", type: "string" },
    { name: "protocol", type: "string" },
    { name: "labels", short: "l", type: "string" },
    { name: "cluster-ip", type: "string" },
    { name: "external-ip", type: "string" },
    { name: "session-affinity", type: "string" },
    { name: "load-balancer-ip", type: "string" },
    { name: "override-type", type: "string" },
    { name: "overrides", type: "string" },
  ],
  run(inv) {
    const errors: unknown[] = [];
    // The resource builder's error when neither an argument nor -f names anything.
    if (inv.flags.args.length === 0 && inv.flags.list("filename").length === 0)
      throw new KubectlError(
        `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    const { groups } = fetchObjects(inv, parseResourceArgs(inv.flags.args, inv.mapper), errors);
    for (const e of errors) throw e;
    const target = groups[0]?.objects[0];
    const res = groups[0]?.res;
    if (!target || !res) throw new KubectlError("no objects passed to expose");
    let selector: Record<string, string> | undefined;
    if (inv.flags.str("selector"))
      selector = Object.fromEntries(
        inv.flags
          .str("selector")
          .split(",")
          .map((kv) => kv.split("=") as [string, string]),
      );
    else if (res.kind === "Pod") selector = target.metadata.labels;
    else if (res.kind === "Service") selector = target.spec?.selector;
    else selector = target.spec?.selector?.matchLabels ?? target.spec?.template?.metadata?.labels;
    if (!selector || Object.keys(selector).length === 0)
      throw new KubectlError(
        `couldn't retrieve selectors via --selector flag or introspection: the ${res.kind} has no labels`,
      );
    let port = inv.flags.str("port");
    if (!port) {
      const containers =
        (res.kind === "Pod" ? target.spec?.containers : target.spec?.template?.spec?.containers) ?? [];
      const p = containers.flatMap((c: { ports?: { containerPort: number }[] }) => c.ports ?? [])[0];
      if (res.kind === "Service") port = String(target.spec?.ports?.[0]?.port ?? "");
      else if (p) port = String(p.containerPort);
    }
    if (!port)
      throw new KubectlError(
        `couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`,
      );
    const name = inv.flags.str("name") || (target.metadata.name as string);
    const targetPort = inv.flags.str("target-port");
    const tp = targetPort ? (/^\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : Number(port);
    // createService parses each port with strconv.Atoi before anything is sent.
    for (const p of port.split(","))
      if (!/^[+-]?\d+$/.test(p))
        throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
    const ports = port.split(",").map((p, i, all) => {
      const entry: Record<string, unknown> = {};
      if (all.length > 1) entry.name = `port-${i + 1}`;
      entry.port = Number(p);
      entry.protocol = inv.flags.str("protocol") || "TCP";
      entry.targetPort = targetPort ? tp : Number(p);
      return entry;
    });
    const labels = inv.flags.str("labels")
      ? Object.fromEntries(
          inv.flags
            .str("labels")
            .split(",")
            .map((kv) => kv.split("=") as [string, string]),
        )
      : target.metadata.labels;
    const metadata: Record<string, unknown> = { name };
    if (inv.explicitNamespace) metadata.namespace = inv.namespace;
    metadata.creationTimestamp = null;
    if (labels) metadata.labels = labels;
    const spec: Record<string, unknown> = { ports, selector };
    if (inv.flags.str("cluster-ip")) spec.clusterIP = inv.flags.str("cluster-ip");
    if (inv.flags.str("type")) spec.type = inv.flags.str("type");
    const svc = {
      kind: "Service",
      apiVersion: "v1",
      metadata,
      spec,
      status: { loadBalancer: {} },
    } as KubeObject;
    const mode = dryRunMode(inv);
    let result = svc;
    if (mode !== "client") {
      const toCreate = clone(svc);
      toCreate.metadata.namespace = target.metadata.namespace ?? inv.namespace;
      result = inv.cluster.api.create(toCreate, { dryRun: mode === "server" });
    }
    const output = inv.flags.str("output");
    if (output && wantsObjectOutput(output))
      printObjects(inv, [result], output, { typed: mode === "client" });
    else inv.out(`service/${name} exposed${suffix(mode)}\n`);
  },
};

/** The longest `kubectl wait` waits without --timeout (kubectl's default is 30s). */
const DEFAULT_WAIT_SECONDS = 30;

export const wait: Command = {
  name: "wait",
  flags: [
    F.filename,
    F.selector,
    F.all,
    F.allNamespaces,
    F.fieldSelector,
    F.output,
    F.timeout,
    { name: "for", type: "string" },
    { name: "local", type: "bool" },
  ],
  run(inv) {
    const cond = inv.flags.str("for");
    if (!cond) throw new KubectlError("--for must be specified");
    const timeout = inv.flags.has("timeout") ? parseDuration(inv.flags.str("timeout")) : DEFAULT_WAIT_SECONDS;
    const errors: unknown[] = [];
    const requests = parseResourceArgs(inv.flags.args, inv.mapper);
    const { groups } = fetchObjects(inv, requests, errors);
    for (const e of errors) throw e;
    const targets = groups.flatMap((g) => g.objects.map((o) => ({ res: g.res, obj: o })));
    if (targets.length === 0) throw new KubectlError("no matching resources found");
    const check = (obj: KubeObject | undefined, orig: KubeObject): boolean => {
      if (cond === "delete") return !obj || obj.metadata.uid !== orig.metadata.uid;
      if (!obj) return false;
      const cm = /^condition=([^=]+)(?:=(.*))?$/.exec(cond);
      if (cm) {
        const want = (cm[2] ?? "True").toLowerCase();
        return (obj.status?.conditions ?? []).some(
          (c: { type: string; status: string }) =>
            c.type.toLowerCase() === (cm[1] as string).toLowerCase() && c.status.toLowerCase() === want,
        );
      }
      const jm = /^jsonpath=(\{.*\}|[^=]*)(?:=(.*))?$/.exec(cond);
      if (jm) {
        const expr = (jm[1] as string).startsWith("{") ? (jm[1] as string) : `{${jm[1]}}`;
        const got = new JsonPath(expr, { allowMissingKeys: true }).execute(obj as never);
        return jm[2] === undefined ? got !== "" : got === jm[2].replace(/^'|'$/g, "");
      }
      if (cond === "create") return true;
      throw new KubectlError(`unrecognized condition: "${cond}"`);
    };
    const start = inv.cluster.clock.now();
    for (const { res, obj } of targets) {
      const get = () => inv.cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name ?? "");
      while (!check(get(), obj) && inv.cluster.clock.now() - start < timeout * 1000) inv.cluster.advance(1);
      if (check(get(), obj)) inv.out(`${objectName(res, obj.metadata.name ?? "")} condition met\n`);
      else {
        inv.report(
          new KubectlError(`timed out waiting for the condition on ${res.plural}/${obj.metadata.name}`),
        );
      }
    }
  },
};
