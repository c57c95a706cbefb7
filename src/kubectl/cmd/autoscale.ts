/**
 * `kubectl autoscale (TYPE NAME | TYPE/NAME | -f FILE) [--min=N] --max=N [--cpu-percent=N]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go, v1.32): builds an autoscaling/v2
 * HorizontalPodAutoscaler for each scalable target and creates it.
 */

import { type ResourceInfo, resourceForKind } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { customScale } from "../../engine/apiserver/apiextensions/scale";
import { objectName } from "../builder";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import { printObjects, wantsObjectOutput } from "../render";
import { withLastApplied } from "./apply";
import { targets } from "./workloads";

/** The kinds whose scale subresource discovery lists. */
const SCALE_SUBRESOURCE = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

/** Validate's errors. */
export function validateAutoscaleBounds(min: number, max: number): string | undefined {
  if (max < 1) return `--max=MAXPODS is required and must be at least 1, max: ${max}`;
  if (max < min) return `--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`;
  return undefined;
}

/** createHorizontalPodAutoscalerV2: the object kubectl sends, keys in the Go structs' order. */
export function buildHorizontalPodAutoscaler(
  target: { res: ResourceInfo; name: string },
  opts: { name?: string; min: number; max: number; cpuPercent: number },
): KubeObject {
  // ObjectMeta{Name: name}: no namespace, even with -n (the client sets it on the request).
  const metadata: Record<string, unknown> = { name: opts.name || target.name, creationTimestamp: null };
  const spec: Record<string, unknown> = {
    scaleTargetRef: {
      kind: target.res.kind,
      name: target.name,
      apiVersion: target.res.group ? `${target.res.group}/${target.res.version}` : target.res.version,
    },
  };
  if (opts.min > 0) spec.minReplicas = opts.min;
  spec.maxReplicas = opts.max;
  if (opts.cpuPercent >= 0)
    spec.metrics = [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: opts.cpuPercent } },
      },
    ];
  return {
    kind: "HorizontalPodAutoscaler",
    apiVersion: "autoscaling/v2",
    metadata,
    spec,
    status: { desiredReplicas: 0 },
  } as KubeObject;
}

function gvrString(res: ResourceInfo): string {
  return `${res.group}/${res.version}, Resource=${res.plural}`;
}

function emit(inv: Invocation, hpa: KubeObject): void {
  const mode = dryRunMode(inv);
  const res = resourceForKind("HorizontalPodAutoscaler") as ResourceInfo;
  const output = inv.flags.str("output");
  let result = hpa;
  if (mode !== "client") {
    const body = inv.flags.bool("save-config") ? withLastApplied(hpa) : hpa;
    body.metadata.namespace = body.metadata.namespace || inv.namespace;
    result = inv.cluster.api.create(body, {
      dryRun: mode === "server",
      fieldManager: inv.flags.str("field-manager") || "kubectl-autoscale",
    });
  }
  if (output && wantsObjectOutput(output)) printObjects(inv, [result], output, { typed: mode === "client" });
  else if (output === "name") inv.out(`${objectName(res, result.metadata.name ?? "")}\n`);
  else if (output)
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
    );
  else {
    const verb =
      mode === "client"
        ? "created (dry run)"
        : mode === "server"
          ? "autoscaled (server dry run)"
          : "autoscaled";
    inv.out(`${objectName(res, result.metadata.name ?? "")} ${verb}\n`);
  }
}

/** `kubectl autoscale`. */
export const autoscale: Command = {
  name: "autoscale",
  flags: [
    F.filename,
    F.recursive,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    F.record,
    { name: "save-config", type: "bool" },
    { name: "min", type: "int" },
    { name: "max", type: "int" },
    { name: "cpu-percent", type: "int" },
    { name: "name", type: "string" },
  ],
  run(inv) {
    if (!inv.flags.has("max")) throw new KubectlError('required flag(s) "max" not set');
    const min = inv.flags.int("min", -1);
    const max = inv.flags.int("max", -1);
    const cpuPercent = inv.flags.int("cpu-percent", -1);
    const invalid = validateAutoscaleBounds(min, max);
    if (invalid) throw new KubectlError(invalid);
    const list = targets(inv, inv.flags.args);
    if (list.length === 0) throw new KubectlError("no objects passed to autoscale");
    for (const { res, obj } of list) {
      if (!SCALE_SUBRESOURCE.has(res.kind) && !customScale(res))
        throw new KubectlError(
          `cannot autoscale a ${res.kind}: could not find scale subresource for ${gvrString(res)} in discovery information`,
        );
      const hpa = buildHorizontalPodAutoscaler(
        { res, name: obj.metadata.name ?? "" },
        { name: inv.flags.str("name"), min, max, cpuPercent },
      );
      emit(inv, hpa);
    }
  },
};
