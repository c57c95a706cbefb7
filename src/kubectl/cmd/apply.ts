/**
 * `kubectl apply -f` (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go): create what is missing
 * with the last-applied-configuration annotation, three-way merge what exists, report each object
 * (`pod/x created`, `deployment.apps/web configured`, `... unchanged`), and print the errors of
 * failed documents at the end while the others still apply.
 */

import { toServedVersion } from "../../engine/api/conversion";
import { type ResourceMapper, servedGroupVersions } from "../../engine/api/discovery";
import { ApiError } from "../../engine/api/errors";
import { groupVersion, type ResourceInfo } from "../../engine/api/resources";
import { clone, type KubeObject } from "../../engine/api/types";
import { patchDecodingError } from "../../engine/apiserver/schema/patch";
import { type ObjectError, reportErrors, sourceError } from "../checkerr";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import {
  fieldValidation,
  hasManifestSource,
  type ManifestObject,
  printWarnings,
  readManifests,
} from "../manifest";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual, diffPatch, sortedJson, threeWayMerge } from "../strategicmerge";

/** The annotation kubectl apply keeps the applied configuration in. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** IsValidPathSegmentName (apimachinery path validation), which client-go's Request.Name applies. */
export function pathSegmentErrors(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  return ["/", "%"].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** Resolves a manifest object to its resource or throws kubectl's mapping error. */
export function mapObject(m: ManifestObject, discovery: ResourceMapper): ResourceInfo {
  const { obj } = m;
  const res = discovery.forGVK(obj.apiVersion ?? "", obj.kind);
  if (!res) {
    const ns = obj.metadata?.namespace ?? "";
    throw new KubectlError(
      `resource mapping not found for name: "${obj.metadata?.name ?? ""}" namespace: "${ns}" from "${m.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ""}"\nensure CRDs are installed first`,
    );
  }
  return res;
}

/**
 * Sets the object's namespace as the builder does: -n or the default for namespaced kinds (and an
 * error when the object names another namespace than an explicit -n), none for cluster kinds.
 */
export function placeObject(inv: Invocation, res: ResourceInfo, obj: KubeObject): void {
  obj.metadata = obj.metadata ?? {};
  if (!res.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const ns = obj.metadata.namespace;
  if (ns && inv.explicitNamespace && ns !== inv.namespace)
    throw new KubectlError(
      `the namespace from the provided object "${ns}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
    );
  obj.metadata.namespace = ns || inv.namespace;
}

/**
 * The object with the annotation kubectl writes: the compact JSON (keys sorted, trailing newline)
 * of the object as given, without the annotation itself (util.GetModifiedConfiguration).
 */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = clone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  const applied = `${sortedJson(copy)}\n`;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: applied };
  return copy;
}

/** A server error for one object, as AddSourceToErr wraps it (`error when creating "STDIN": ...`). */
function serverError(e: unknown, verb: string, source: string): ObjectError {
  if (e instanceof ApiError) return sourceError(verb, source, e);
  throw e;
}

function suffix(mode: "none" | "client" | "server"): string {
  return mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "";
}

function kindResource(res: ResourceInfo): string {
  return `"${res.group ? `${res.group}/` : "/"}${res.version}, Resource=${res.plural}", GroupVersionKind: "${res.group ? `${res.group}/` : "/"}${res.version}, Kind=${res.kind}"`;
}

export const apply: Command = {
  name: "apply",
  flags: [
    F.filename,
    F.recursive,
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    F.validate,
    F.selector,
    F.record,
    { name: "server-side", type: "bool" },
    { name: "force-conflicts", type: "bool" },
    { name: "force", type: "bool" },
    { name: "overwrite", type: "bool" },
    { name: "prune", type: "bool" },
    { name: "all", type: "bool" },
    { name: "wait", type: "bool" },
    { name: "timeout", type: "string" },
    { name: "grace-period", type: "int" },
    { name: "cascade", type: "string" },
    { name: "kustomize", short: "k", type: "string" },
  ],
  run(inv) {
    if (!hasManifestSource(inv)) throw new KubectlError("must specify one of -f and -k");
    const mode = dryRunMode(inv);
    const { objects, errors } = readManifests(inv);
    if (objects.length === 0 && errors.length === 0) throw new KubectlError("no objects passed to apply");
    const output = inv.flags.str("output");
    const printed: KubeObject[] = [];
    const late: ObjectError[] = [];
    let done = 0;
    // The builder maps every object with the discovery it read once, before applying any: a CR
    // in the same file as its new CRD is not mapped yet ("ensure CRDs are installed first").
    const discovery = inv.mapper;
    const mapped = objects.map((m) => {
      try {
        return mapObject(m, discovery);
      } catch (e) {
        return e as Error;
      }
    });
    for (const [i, m] of objects.entries()) {
      inv.ctx.onProgress?.(done++, objects.length);
      let res: ResourceInfo;
      try {
        const found = mapped[i] as ResourceInfo | Error;
        if (found instanceof Error) throw found;
        res = found;
        placeObject(inv, res, m.obj);
      } catch (e) {
        late.push({ message: (e as Error).message });
        continue;
      }
      const result = applyOne(inv, res, m, mode);
      if ("error" in result) {
        late.push(result.error);
        continue;
      }
      if (result.warning) inv.err(result.warning);
      if (output && wantsObjectOutput(output)) printed.push(result.obj);
      else if (output === "name") inv.out(`${objectRef(res, result.obj)}\n`);
      else
        inv.out(
          `${objectRef(res, result.obj)} ${inv.flags.bool("server-side") ? "serverside-applied" : result.action}${suffix(mode)}\n`,
        );
    }
    inv.ctx.onProgress?.(objects.length, objects.length);
    if (printed.length) printObjects(inv, printed, output, { list: printed.length > 1 });
    reportErrors(inv, [...late, ...errors]);
  },
};

function objectRef(res: ResourceInfo, obj: KubeObject): string {
  return `${res.group ? `${res.singular}.${res.group}` : res.singular}/${obj.metadata.name}`;
}

type ApplyResult =
  | { obj: KubeObject; action: "created" | "configured" | "unchanged"; warning?: string }
  | { error: ObjectError };

/** Applies one object: create, or merge into the live one. */
export function applyOne(
  inv: Invocation,
  res: ResourceInfo,
  m: ManifestObject,
  mode: "none" | "client" | "server",
): ApplyResult {
  const api = inv.cluster.api;
  const obj = m.obj;
  // An older version the resource also serves (autoscaling/v1) is sent as written: the server converts it.
  if (!servedGroupVersions(res).includes(obj.apiVersion)) obj.apiVersion = groupVersion(res);
  const name = obj.metadata.name;
  const ns = res.namespaced ? obj.metadata.namespace : undefined;
  // The GET of the live object fails in the client for a name that is not a path segment.
  const badName = name ? pathSegmentErrors(name) : [];
  if (badName.length)
    return {
      error: {
        message: `error when retrieving current configuration of:\nResource: ${kindResource(res)}\nName: "${name}", Namespace: "${ns ?? ""}"\nfrom server for: "${m.source}": invalid resource name ${JSON.stringify(name)}: [${badName.join(" ")}]`,
      },
    };
  // The GET asks for the manifest's version: the server converts the stored object to it.
  const stored = name ? api.get(res.kind, ns, name) : undefined;
  const live = stored && toServedVersion(stored, res, obj.apiVersion);
  const modified = withLastApplied(obj);
  if (!live) {
    if (!name && !obj.metadata.generateName)
      return {
        error: {
          message: `error when retrieving current configuration of:\nResource: ${kindResource(res)}\nName: "", Namespace: "${ns ?? ""}"\nfrom server for: "${m.source}": resource name may not be empty`,
        },
      };
    if (mode === "client") return { obj: modified, action: "created" };
    try {
      const warnings: string[] = [];
      const created = api.create(modified, {
        dryRun: mode === "server",
        fieldManager: "kubectl-client-side-apply",
        fieldValidation: fieldValidation(inv),
        warnings,
      });
      printWarnings(inv, warnings);
      return { obj: created, action: "created" };
    } catch (e) {
      return { error: serverError(e, "creating", m.source) };
    }
  }
  let warning: string | undefined;
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  let original: unknown = {};
  if (lastText) {
    try {
      original = JSON.parse(lastText);
    } catch {
      original = {};
    }
  } else {
    warning = `Warning: resource ${res.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
  }
  const merged = threeWayMerge(original, modified, live) as KubeObject;
  // The identity the server keeps, whatever the manifest said.
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  if (deepEqual(merged, live)) return { obj: live, action: "unchanged", warning };
  if (mode === "client") return { obj: merged, action: "configured", warning };
  const patchMap = diffPatch(live, merged);
  try {
    // The server applies the patch to a map and converts it to the typed object first.
    const decodeError = patchDecodingError(patchMap, merged);
    if (decodeError) throw decodeError;
    const warnings: string[] = [];
    const updated = api.update(merged, {
      dryRun: mode === "server",
      fieldManager: "kubectl-client-side-apply",
      fieldValidation: fieldValidation(inv),
      warnings,
    });
    printWarnings(inv, warnings);
    return { obj: updated, action: "configured", warning };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const patch = sortedJson(patchMap);
    return {
      error: {
        message: `error when applying patch:\n${patch}\nto:\nResource: ${kindResource(res)}\nName: "${name}", Namespace: "${ns ?? ""}"\nfor: "${m.source}": error when patching "${m.source}": ${e.message}`,
        status: e,
      },
    };
  }
}
