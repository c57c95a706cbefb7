/**
 * Workload verbs: `kubectl scale` (cmd/scale), `kubectl set image` (cmd/set/set_image.go) and
 * `kubectl rollout status|history|undo|restart|pause|resume` (cmd/rollout,
 * polymorphichelpers/{rollout_status.go,history.go,rollback.go}). `rollout status` waits as the
 * real command does, advancing simulated time until the rollout finishes or --timeout.
 */

import { ApiError } from "../../engine/api/errors";
import type { DaemonSet, Deployment } from "../../engine/api/kinds";
import type { ResourceInfo } from "../../engine/api/resources";
import { clone, type KubeObject } from "../../engine/api/types";
import { customScale, readPath, writePath } from "../../engine/apiserver/apiextensions/scale";
import {
  daemonSetStatusText,
  deploymentStatusText,
  rolloutHistory,
  rolloutUndo as undoDeployment,
} from "../../engine/controllers/deployment/rollout";
import { objectName, parseResourceArgs } from "../builder";
import {
  type Command,
  dryRunMode,
  F,
  type Invocation,
  KubectlError,
  PRINT_FLAGS,
  parseDuration,
} from "../command";
import { describePodTemplate } from "../describe/pod";
import { PrefixWriter } from "../describe/writer";
import { readManifests } from "../manifest";
import { DESCRIBE_TABWRITER, tabwrite } from "../printers";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual } from "../strategicmerge";
import { mapObject } from "./apply";
import { fetchObjects } from "./get";
import { SET_ENV_FLAGS, setEnv } from "./set-env";
import { SET_RESOURCES_FLAGS, setResources } from "./set-resources";

/** Objects named by resource args or -f (the builder of scale, rollout and autoscale). */
export function targets(inv: Invocation, args: string[]): { res: ResourceInfo; obj: KubeObject }[] {
  const errors: unknown[] = [];
  let out: { res: ResourceInfo; obj: KubeObject }[];
  if (inv.flags.list("filename").length) {
    out = [];
    for (const m of readManifests(inv).objects) {
      const res = mapObject(m, inv.mapper);
      const obj = inv.cluster.api.get(
        res.kind,
        res.namespaced ? m.obj.metadata.namespace || inv.namespace : undefined,
        m.obj.metadata.name ?? "",
      );
      if (!obj)
        throw new ApiError(
          "NotFound",
          `${res.group ? `${res.plural}.${res.group}` : res.plural} "${m.obj.metadata.name}" not found`,
        );
      out.push({ res, obj });
    }
  } else {
    if (args.length === 0) throw new KubectlError("required resource not specified");
    const requests = parseResourceArgs(args, inv.mapper);
    if (!inv.flags.bool("all") && !inv.flags.str("selector") && requests.some((r) => !r.names))
      throw new KubectlError("resource(s) were provided, but no name was specified");
    const { groups } = fetchObjects(inv, requests, errors);
    out = groups.flatMap((g) => g.objects.map((obj) => ({ res: g.res, obj })));
  }
  for (const e of errors) throw e;
  return out;
}

function suffix(mode: string): string {
  return mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "";
}

const SCALABLE = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

export const scale: Command = {
  name: "scale",
  flags: [
    F.filename,
    F.recursive,
    F.selector,
    F.all,
    ...PRINT_FLAGS,
    F.dryRun,
    { name: "replicas", type: "int" },
    { name: "current-replicas", type: "int" },
    { name: "resource-version", type: "string" },
    { name: "timeout", type: "string" },
  ],
  run(inv) {
    if (!inv.flags.has("replicas")) throw new KubectlError(`required flag(s) "replicas" not set`);
    const replicas = inv.flags.int("replicas", 0);
    if (replicas < 0)
      throw new KubectlError(
        "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
      );
    const mode = dryRunMode(inv);
    const list = targets(inv, inv.flags.args);
    if (list.length === 0) throw new KubectlError("no objects passed to scale");
    for (const { res, obj } of list) {
      const scaleSub = customScale(res);
      if (res.custom && !scaleSub)
        throw new ApiError("NotFound", "the server could not find the requested resource");
      if (!res.custom && !SCALABLE.has(res.kind)) throw new KubectlError(`cannot scale ${res.kind}`);
      // A custom resource's /scale reads and writes the paths its CRD names.
      const specPath = scaleSub ? scaleSub.specReplicasPath : ".spec.replicas";
      const current = readPath(obj, specPath) ?? (res.custom ? 0 : 1);
      if (inv.flags.has("current-replicas") && inv.flags.int("current-replicas", -1) !== current)
        throw new KubectlError(
          `Expected replicas to be ${inv.flags.int("current-replicas", -1)}, was ${current}`,
        );
      const next = clone(obj);
      writePath(next, specPath, replicas);
      if (mode !== "client") inv.cluster.api.update(next, { dryRun: mode === "server" });
      inv.out(`${objectName(res, obj.metadata.name ?? "")} scaled${suffix(mode)}\n`);
    }
  },
};

/** The pod template (or pod spec holder) of a workload object. */
function podSpecOf(obj: KubeObject):
  | {
      containers?: { name: string; image?: string }[];
      initContainers?: { name: string; image?: string }[];
      serviceAccountName?: string;
    }
  | undefined {
  if (obj.kind === "Pod") return obj.spec;
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

export const set: Command = {
  name: "set",
  flags: [
    F.filename,
    F.recursive,
    F.selector,
    F.all,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    { name: "local", type: "bool" },
    F.record,
    ...SET_RESOURCES_FLAGS,
    ...SET_ENV_FLAGS,
  ],
  run(inv) {
    const [sub, ...args] = inv.flags.args;
    if (sub === "resources") {
      setResources(inv, targets(inv, args));
      return;
    }
    if (sub === "env") {
      setEnv(inv, args, (resources) => targets(inv, resources));
      return;
    }
    if (sub === "serviceaccount" || sub === "sa") {
      setServiceAccount(inv, args);
      return;
    }
    if (sub !== "image")
      throw new KubectlError(
        sub
          ? `unknown command "${sub}" for "kubectl set"`
          : "you must specify a subcommand (image, resources, serviceaccount)",
      );
    const resources: string[] = [];
    const pairs: Record<string, string> = {};
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq > 0) pairs[a.slice(0, eq)] = a.slice(eq + 1);
      else if (Object.keys(pairs).length)
        throw new KubectlError(`all resources must be specified before image changes: ${a}`);
      else resources.push(a);
    }
    if (Object.keys(pairs).length === 0) throw new KubectlError("at least one image update is required");
    const mode = dryRunMode(inv);
    const output = inv.flags.str("output");
    for (const { res, obj } of targets(inv, resources)) {
      const next = clone(obj);
      const spec = podSpecOf(next);
      if (!spec) throw new KubectlError(`error: ${res.kind} is not a workload`);
      for (const [name, image] of Object.entries(pairs)) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          if (name === "*" || c.name === name) {
            c.image = image;
            found = true;
          }
        }
        if (!found) inv.err(`error: unable to find container named "${name}"\n`);
      }
      if (inv.stderr) {
        inv.exit = 1;
        return;
      }
      if (inv.flags.bool("record")) recordChangeCause(inv, "set image", next);
      const changed = !deepEqual(next, obj);
      const result =
        mode !== "client" && changed ? inv.cluster.api.update(next, { dryRun: mode === "server" }) : next;
      if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
      else if (changed) inv.out(`${objectName(res, obj.metadata.name ?? "")} image updated${suffix(mode)}\n`);
    }
  },
};

/** `kubectl set serviceaccount TYPE NAME SA` (set_serviceaccount.go): the pod template's serviceAccountName. */
function setServiceAccount(inv: Invocation, args: string[]): void {
  const fromFiles = inv.flags.list("filename").length > 0;
  const sa = args[args.length - 1];
  if (!sa || (!fromFiles && args.length < 2)) throw new KubectlError("serviceaccount is required");
  const mode = dryRunMode(inv);
  const output = inv.flags.str("output");
  for (const { res, obj } of targets(inv, args.slice(0, -1))) {
    const next = clone(obj);
    const spec = podSpecOf(next);
    if (!spec) throw new KubectlError(`error: ${res.kind} is not a workload`);
    spec.serviceAccountName = sa;
    if (inv.flags.bool("record")) recordChangeCause(inv, "set serviceaccount", next);
    const changed = !deepEqual(next, obj);
    const result =
      mode !== "client" && changed ? inv.cluster.api.update(next, { dryRun: mode === "server" }) : next;
    if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
    else inv.out(`${objectName(res, obj.metadata.name ?? "")} serviceaccount updated${suffix(mode)}\n`);
  }
}

// --- rollout ---

const CHANGE_CAUSE = "kubernetes.io/change-cause";

/**
 * --record (deprecated): the command line as RecordFlags.parseCommandArguments writes it
 * (`kubectl set image deploy/web nginx=nginx:1.25 --record=true`) in the object's
 * kubernetes.io/change-cause annotation, which the deployment copies to its new ReplicaSet.
 */
export function recordChangeCause(inv: Invocation, path: string, obj: KubeObject): void {
  inv.warnOnce("Flag --record has been deprecated, --record will be removed in the future\n");
  const flags = [...inv.flags.parsed.flags.entries()]
    .map(([name, value]) => `--${name}=${Array.isArray(value) ? `[${value.join(",")}]` : String(value)}`)
    .join(" ");
  const args = inv.flags.args.slice(path.split(" ").length - 1).join(" ");
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [CHANGE_CAUSE]: `kubectl ${path}${args ? ` ${args}` : ""}${flags ? ` ${flags}` : ""}`,
  };
}

/** rollout_status.go's status of a Deployment or DaemonSet (from the controllers' helper), line ending in "\n". */
export function rolloutStatusLine(obj: KubeObject): { message: string; done: boolean; error?: string } {
  const s =
    obj.kind === "Deployment"
      ? deploymentStatusText(obj as Deployment)
      : obj.kind === "DaemonSet"
        ? daemonSetStatusText(obj as DaemonSet)
        : obj.kind === "StatefulSet"
          ? statefulSetStatusText(obj)
          : { done: true, message: "", error: `no status viewer has been implemented for ${obj.kind}` };
  return { ...s, message: s.message ? `${s.message}\n` : "" };
}

/** StatefulSetStatusViewer.Status (polymorphichelpers/rollout_status.go). */
export function statefulSetStatusText(sts: KubeObject): { done: boolean; message: string; error?: string } {
  const spec = sts.spec ?? {};
  const st = sts.status ?? {};
  if (spec.updateStrategy?.type !== "RollingUpdate")
    return {
      done: true,
      message: "",
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration)
    return { done: false, message: "Waiting for statefulset spec update to be observed..." };
  const replicas = spec.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  if (ready < replicas)
    return { done: false, message: `Waiting for ${replicas - ready} pods to be ready...` };
  const updated = st.updatedReplicas ?? 0;
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (spec.updateStrategy?.rollingUpdate) {
    if (partition !== undefined && updated < replicas - partition)
      return {
        done: false,
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
      };
    return { done: true, message: `partitioned roll out complete: ${updated} new pods have been updated...` };
  }
  if (st.updateRevision !== st.currentRevision)
    return {
      done: false,
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...`,
    };
  return {
    done: true,
    message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`,
  };
}

/** The longest `rollout status` waits (simulated seconds) without --timeout (kubectl: forever). */
export const MAX_ROLLOUT_WAIT_SECONDS = 600;

/** A DaemonSet's or StatefulSet's ControllerRevisions. */
function ownedRevisions(inv: Invocation, ds: KubeObject): KubeObject[] {
  return inv.cluster.api
    .list("ControllerRevision", { namespace: ds.metadata.namespace })
    .filter((cr) =>
      (cr.metadata.ownerReferences ?? []).some((r: { uid: string }) => r.uid === ds.metadata.uid),
    );
}

function historyOf(inv: Invocation, obj: KubeObject): Map<number, KubeObject> {
  const out = new Map<number, KubeObject>();
  if (obj.kind === "Deployment") {
    for (const r of rolloutHistory(inv.cluster, obj as Deployment))
      out.set(r.revision, {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { annotations: r.changeCause ? { [CHANGE_CAUSE]: r.changeCause } : {} },
        spec: { template: r.template },
      });
  } else if (obj.kind === "DaemonSet" || obj.kind === "StatefulSet") {
    for (const cr of ownedRevisions(inv, obj)) out.set(Number(cr.revision ?? 0), cr);
  }
  return out;
}

const ROLLOUT_KINDS = new Set(["Deployment", "DaemonSet", "StatefulSet"]);

export const rollout: Command = {
  name: "rollout",
  flags: [
    F.filename,
    F.recursive,
    F.selector,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    { name: "watch", short: "w", type: "bool" },
    { name: "timeout", type: "string" },
    { name: "revision", type: "int" },
    { name: "to-revision", type: "int" },
  ],
  run(inv) {
    const [sub, ...args] = inv.flags.args;
    const subs = ["status", "history", "undo", "restart", "pause", "resume"];
    if (!sub || !subs.includes(sub))
      throw new KubectlError(
        sub ? `unknown command "${sub}" for "kubectl rollout"` : "Required resource not specified.",
      );
    const mode = dryRunMode(inv);
    for (const { res, obj } of targets(inv, args)) {
      const ref = objectName(res, obj.metadata.name ?? "");
      if (!ROLLOUT_KINDS.has(res.kind))
        throw new KubectlError(
          `no ${sub === "status" ? "status viewer" : sub === "history" ? "history viewer" : "rollbacker"} has been implemented for ${res.kind}`,
        );
      if (sub === "status") {
        rolloutStatus(inv, obj);
        continue;
      }
      if (sub === "history") {
        const hist = historyOf(inv, obj);
        const revs = [...hist.keys()].sort((a, b) => a - b);
        if (inv.flags.has("revision")) {
          const r = inv.flags.int("revision", 0);
          const h = hist.get(r);
          if (!h) throw new KubectlError(`unable to find the specified revision`);
          inv.out(`${ref} with revision #${r}\n${describeTemplate(h)}`);
          continue;
        }
        if (revs.length === 0) {
          inv.out(`No rollout history found.\n`);
          continue;
        }
        const table = tabwrite(
          `REVISION\tCHANGE-CAUSE\n${revs.map((r) => `${r}\t${hist.get(r)?.metadata.annotations?.[CHANGE_CAUSE] || "<none>"}\n`).join("")}`,
          DESCRIBE_TABWRITER,
        );
        inv.out(`${ref} \n${table}\n`);
        continue;
      }
      if (sub === "undo") {
        rolloutUndo(inv, res, obj, mode);
        continue;
      }
      const next = clone(obj);
      if (sub === "restart") {
        if (obj.spec?.paused)
          throw new KubectlError(
            `${res.plural}.${res.group} "${obj.metadata.name}" can't restart paused deployment (run rollout resume first)`,
          );
        next.spec.template.metadata = next.spec.template.metadata ?? {};
        next.spec.template.metadata.annotations = {
          ...(next.spec.template.metadata.annotations ?? {}),
          "kubectl.kubernetes.io/restartedAt": inv.cluster.now(),
        };
        if (mode !== "client") inv.cluster.api.update(next, { dryRun: mode === "server" });
        inv.out(`${ref} restarted${suffix(mode)}\n`);
        continue;
      }
      if (res.kind !== "Deployment")
        throw new KubectlError(`${sub === "pause" ? "pausing" : "resuming"} is not supported`);
      const want = sub === "pause";
      if (Boolean(obj.spec?.paused) === want) {
        inv.out(`${ref} already ${want ? "paused" : "resumed"}\n`);
        continue;
      }
      if (want) next.spec.paused = true;
      else delete next.spec.paused;
      if (mode !== "client") inv.cluster.api.update(next, { dryRun: mode === "server" });
      inv.out(`${ref} ${want ? "paused" : "resumed"}${suffix(mode)}\n`);
    }
  },
};

/**
 * history.go printTemplate: describe.DescribePodTemplate of the revision's template, written
 * through a PrefixWriter over a plain buffer (no alignment), then the name printer's newline.
 */
function describeTemplate(h: KubeObject): string {
  const tpl = h.kind === "ReplicaSet" ? h.spec?.template : h.data?.spec?.template;
  const w = new PrefixWriter(false);
  describePodTemplate(tpl, w);
  return `${w.string()}\n`;
}

function rolloutStatus(inv: Invocation, start: KubeObject): void {
  const watch = inv.flags.bool("watch", true);
  const timeout = inv.flags.has("timeout") ? parseDuration(inv.flags.str("timeout")) : 0;
  const limit = timeout > 0 ? timeout : MAX_ROLLOUT_WAIT_SECONDS;
  const t0 = inv.cluster.clock.now();
  let last = "";
  for (;;) {
    const obj = inv.cluster.api.get(start.kind, start.metadata.namespace, start.metadata.name ?? "");
    if (!obj)
      throw new ApiError("NotFound", `${start.kind.toLowerCase()}s.apps "${start.metadata.name}" not found`);
    const s = rolloutStatusLine(obj);
    if (s.error) throw new KubectlError(s.error);
    if (s.message !== last) inv.out(s.message);
    last = s.message;
    if (s.done || !watch) return;
    if (inv.cluster.clock.now() - t0 >= limit * 1000)
      throw new KubectlError("timed out waiting for the condition");
    inv.cluster.advance(1);
  }
}

function rolloutUndo(inv: Invocation, res: ResourceInfo, obj: KubeObject, mode: string): void {
  const ref = objectName(res, obj.metadata.name ?? "");
  if (res.kind === "Deployment" && mode === "none") {
    const r = undoDeployment(inv.cluster, obj as Deployment, inv.flags.int("to-revision", 0));
    if (!r.ok) throw new KubectlError(r.error);
    inv.out(`${ref} ${r.message}\n`);
    return;
  }
  const hist = historyOf(inv, obj);
  const toRevision = inv.flags.int("to-revision", 0);
  const revs = [...hist.keys()].sort((a, b) => a - b);
  let target: KubeObject | undefined;
  if (toRevision > 0) {
    target = hist.get(toRevision);
    if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  } else {
    if (revs.length < 2)
      throw new KubectlError(`no rollout history found for ${res.kind.toLowerCase()} "${obj.metadata.name}"`);
    target = hist.get(revs[revs.length - 2] as number);
  }
  if (obj.spec?.paused)
    throw new KubectlError(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
    );
  const template = clone(res.kind === "Deployment" ? target?.spec?.template : target?.data?.spec?.template);
  if (template?.metadata?.labels) delete template.metadata.labels["pod-template-hash"];
  if (template?.metadata?.labels && res.kind === "DaemonSet")
    delete template.metadata.labels["controller-revision-hash"];
  if (deepEqual(template, obj.spec?.template)) {
    inv.out(
      `${ref} skipped rollback (current template already matches revision ${toRevision || revs[revs.length - 2]})\n`,
    );
    return;
  }
  const next = clone(obj);
  next.spec.template = template;
  if (mode !== "client") inv.cluster.api.update(next, { dryRun: mode === "server" });
  inv.out(`${ref} rolled back${suffix(mode)}\n`);
}
