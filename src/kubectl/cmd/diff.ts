/**
 * `kubectl diff -f FILE` (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go): each object is applied
 * with a server dry run; the live object goes into /tmp/LIVE-NNNN and the result into
 * /tmp/MERGED-NNNN, one YAML file each named GROUP.VERSION.KIND.NAMESPACE.NAME, and the host's
 * `diff -u -N` (or $KUBECTL_EXTERNAL_DIFF) compares the two directories. managedFields are left
 * out unless --show-managed-fields; a Secret's data values are masked (Masker). Exit 0 when
 * nothing differs, 1 when something does, 2 when kubectl or diff failed (CheckDiffErr).
 */
import { ApiError } from "../../engine/api/errors";
import { matchesSelector, parseLabelSelector } from "../../engine/api/selectors";
import { clone, type KubeObject } from "../../engine/api/types";
import { invalidMessage } from "../checkerr";
import { type Command, F, type Invocation, KubectlError } from "../command";
import type { CommandResult } from "../interface";
import { hasManifestSource, readManifests } from "../manifest";
import { printYaml } from "../output";
import { applyOne, mapObject, placeObject } from "./apply";

/** diff.go's masks of a Secret's data values. */
export const SENSITIVE_MASK_DEFAULT = "***";
export const SENSITIVE_MASK_BEFORE = "*** (before)";
export const SENSITIVE_MASK_AFTER = "*** (after)";

/** CheckDiffErr: kubectl's own failures exit with 2, as 1 means "differences found". */
const DIFF_ERROR_EXIT = 2;

/** getCommand: KUBECTL_EXTERNAL_DIFF's extra words must be alphanumeric, dash or equal. */
const VALID_ARG = /^[a-zA-Z0-9-=]+$/;

/** An error kubectl diff prints before it exits with 2. */
class DiffError extends Error {}

export const diff: Command = {
  name: "diff",
  flags: [
    F.filename,
    F.kustomize,
    F.recursive,
    F.selector,
    F.fieldManager,
    { name: "server-side", type: "bool" },
    { name: "force-conflicts", type: "bool" },
    { name: "show-managed-fields", type: "bool" },
    { name: "concurrency", type: "int" },
    { name: "prune", type: "bool" },
    { name: "prune-allowlist", type: "stringArray" },
    { name: "validate", type: "string" },
  ],
  // A flag error is a usage error through CheckDiffErr: status 2, as 1 means "differences found".
  flagError: (message) => ({
    stdout: "",
    stderr: `error: ${message}\nSee 'kubectl diff -h' for help and examples\n`,
    exit: DIFF_ERROR_EXIT,
  }),
  run(inv) {
    try {
      runDiff(inv);
    } catch (e) {
      const text =
        e instanceof ApiError
          ? e.reason === "Invalid" && e.details
            ? invalidMessage(e)
            : e.toKubectl()
          : e instanceof DiffError
            ? e.message
            : e instanceof KubectlError
              ? `error: ${e.message}`
              : undefined;
      if (text === undefined) throw e;
      inv.err(`${text}\n`);
      inv.exit = DIFF_ERROR_EXIT;
    }
  },
};

/** InfoObject.Name(): `apps.v1.Deployment.default.web`, `v1.Namespace..dev` for cluster kinds. */
export function diffFileName(obj: KubeObject): string {
  const [group, version] = obj.apiVersion.includes("/")
    ? (obj.apiVersion.split("/") as [string, string])
    : ["", obj.apiVersion];
  return `${group ? `${group}.` : ""}${version}.${obj.kind}.${obj.metadata.namespace ?? ""}.${obj.metadata.name ?? ""}`;
}

/**
 * Masker.run: every value of a Secret's data becomes `***`, and a key on both sides whose values
 * differ becomes `*** (before)` / `*** (after)`, so a change shows without its value.
 */
export function maskSecrets(
  from: KubeObject | undefined,
  to: KubeObject | undefined,
): [KubeObject | undefined, KubeObject | undefined] {
  const f = from && clone(from);
  const t = to && clone(to);
  const fd = (f as { data?: Record<string, string> } | undefined)?.data;
  const td = (t as { data?: Record<string, string> } | undefined)?.data;
  for (const k of Object.keys(fd ?? {})) {
    if (td && k in td) {
      if (fd?.[k] !== td[k]) {
        (fd as Record<string, string>)[k] = SENSITIVE_MASK_BEFORE;
        td[k] = SENSITIVE_MASK_AFTER;
        continue;
      }
      td[k] = SENSITIVE_MASK_DEFAULT;
    }
    (fd as Record<string, string>)[k] = SENSITIVE_MASK_DEFAULT;
  }
  for (const k of Object.keys(td ?? {}))
    if (!fd || !(k in fd)) (td as Record<string, string>)[k] = SENSITIVE_MASK_DEFAULT;
  return [f, t];
}

/** omitManagedFields: the object without metadata.managedFields. */
function withoutManagedFields(obj: KubeObject | undefined): KubeObject | undefined {
  if (!obj?.metadata.managedFields) return obj;
  const copy = clone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

/** DiffProgram.getCommand: `diff -u -N FROM TO`, or $KUBECTL_EXTERNAL_DIFF's program and words. */
export function diffCommand(env: Record<string, string> | undefined, from: string, to: string): string[] {
  const external = env?.KUBECTL_EXTERNAL_DIFF;
  if (!external) return ["diff", "-u", "-N", from, to];
  const [program, ...words] = external.split(" ");
  return [program ?? "", from, to, ...words.filter((w) => VALID_ARG.test(w))];
}

function runDiff(inv: Invocation): void {
  if (inv.flags.args.length)
    throw new DiffError(
      `error: Unexpected args: [${inv.flags.args.join(" ")}]\nSee 'kubectl diff -h' for help and examples`,
    );
  if (!hasManifestSource(inv)) throw new KubectlError("must specify one of -f and -k");
  if (inv.flags.bool("force-conflicts") && !inv.flags.bool("server-side"))
    throw new KubectlError("--force-conflicts only works with --server-side");
  const { objects, errors } = readManifests(inv);
  if (errors.length) throw new DiffError(errors[0] as string);
  const selectorText = inv.flags.str("selector");
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  const pairs: { name: string; live?: KubeObject; merged?: KubeObject }[] = [];
  for (const m of objects) {
    if (selector && !matchesSelector(selector, m.obj.metadata?.labels)) continue;
    const res = mapObject(m, inv.mapper);
    placeObject(inv, res, m.obj);
    const ns = res.namespaced ? m.obj.metadata.namespace : undefined;
    const live = m.obj.metadata.name ? inv.cluster.api.get(res.kind, ns, m.obj.metadata.name) : undefined;
    const result = applyOne(inv, res, { ...m, obj: clone(m.obj) }, "server");
    if ("error" in result) {
      // A dry-run create fails with the server's own error; a patch with the patcher's text.
      if (!live && result.error.status) throw result.error.status;
      throw new DiffError(
        result.error.status
          ? `Error from server (${result.error.status.reason}): ${result.error.message}`
          : `error: ${result.error.message}`,
      );
    }
    let from: KubeObject | undefined = live;
    let to: KubeObject | undefined = result.obj;
    if (!inv.flags.bool("show-managed-fields")) {
      from = withoutManagedFields(from);
      to = withoutManagedFields(to);
    }
    if (result.obj.apiVersion === "v1" && result.obj.kind === "Secret") [from, to] = maskSecrets(from, to);
    pairs.push({ name: diffFileName(result.obj), live: from, merged: to });
  }
  const fs = inv.ctx.localFs;
  if (!fs) throw new KubectlError(`failed to run "diff": exec: "diff": executable file not found in $PATH`);
  const rng = inv.cluster.rng;
  // os.MkdirTemp("", "LIVE-"): a random number after the prefix.
  const tempDir = (prefix: string): string => {
    let dir: string;
    do dir = `/tmp/${prefix}-${rng.int(4294967296)}`;
    while (fs.exists(dir));
    fs.mkdir(dir, true);
    return dir;
  };
  const from = tempDir("LIVE");
  const to = tempDir("MERGED");
  let ran: CommandResult | undefined;
  const argv = diffCommand(inv.ctx.env, from, to);
  try {
    for (const p of pairs) {
      // Printer.Print writes nothing for an object that is not there: the file stays empty.
      fs.write(`${from}/${p.name}`, p.live ? printYaml(p.live) : "");
      fs.write(`${to}/${p.name}`, p.merged ? printYaml(p.merged) : "");
    }
    ran = inv.ctx.runProgram?.(argv);
  } finally {
    fs.remove(from, true);
    fs.remove(to, true);
  }
  const program = argv[0] ?? "";
  if (!ran)
    throw new KubectlError(
      `failed to run "${program}": exec: "${program}": executable file not found in $PATH`,
    );
  writeOrdered(inv, ran);
  // diffError: status 1 is "differences found", passed on without a word; above it kubectl fails.
  if (ran.exit > 1) throw new KubectlError(`failed to run "${program}": exit status ${ran.exit}`);
  inv.exit = ran.exit;
}

/** The diff program's output, its two streams in the order it wrote them. */
function writeOrdered(inv: Invocation, r: CommandResult): void {
  if (r.combined === undefined) {
    inv.out(r.stdout);
    inv.err(r.stderr);
    return;
  }
  let o = r.stdout;
  let e = r.stderr;
  for (const line of r.combined.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (e.startsWith(line)) {
      inv.err(line);
      e = e.slice(line.length);
    } else if (o.startsWith(line)) {
      inv.out(line);
      o = o.slice(line.length);
    }
  }
  inv.out(o);
  inv.err(e);
}
