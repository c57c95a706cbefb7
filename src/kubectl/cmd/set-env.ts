/**
 * `kubectl set env` (cmd/set/set_env.go, cmd/set/env/env_parse.go, env_resolve.go): adds,
 * replaces and removes container environment variables in the pod templates of workloads,
 * imports a ConfigMap's or Secret's keys with --from, and lists them with --list.
 */
import { ApiError } from "../../engine/api/errors";
import type { ResourceInfo } from "../../engine/api/resources";
import { clone, type KubeObject } from "../../engine/api/types";
import { objectName } from "../builder";
import { dryRunMode, type Invocation, KubectlError } from "../command";
import type { Any } from "../describe/common";
import { printObjects, wantsObjectOutput } from "../render";
import { deepEqual } from "../strategicmerge";

/** The flags `set env` adds to `kubectl set` (-c comes with `set resources`). */
export const SET_ENV_FLAGS = [
  { name: "from", type: "string" as const },
  { name: "prefix", type: "string" as const },
  { name: "env", short: "e", type: "stringArray" as const },
  { name: "keys", type: "stringArray" as const },
  { name: "list", type: "bool" as const },
  { name: "resolve", type: "bool" as const },
  { name: "overwrite", type: "bool" as const },
];

/** A container's env entry. */
export type EnvVar = { name: string; value?: string; valueFrom?: Any };
type Container = { name: string; env?: EnvVar[] };

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** validation.IsEnvVarName's message (apimachinery/pkg/util/validation/validation.go). */
export const ErrEnvVarName =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** envutil.SplitEnvironmentFromResources: resources first, then KEY=VALUE and KEY- arguments. */
export function splitEnvironmentFromResources(
  args: string[],
): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^.+=/s.test(s) || s.endsWith("-");
    if (isEnv) envArgs.push(s);
    else if (envArgs.length > 0) return undefined;
    else resources.push(s);
  }
  return { resources, envArgs };
}

/** envutil.ParseEnv: the variables to set and the names to remove ("-" reads KEY=VALUE lines from stdin). */
export function parseEnv(spec: string[], stdin: string): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const set = new Set<string>();
  for (const s of spec) {
    if (s === "-") {
      for (const raw of stdin.split("\n")) {
        const line = raw.includes("#") ? raw.slice(0, raw.indexOf("#")) : raw;
        const eq = line.indexOf("=");
        if (eq >= 0) env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
      }
    } else if (s.includes("=")) {
      const eq = s.indexOf("=");
      const name = s.slice(0, eq);
      if (!ENV_VAR_NAME.test(name))
        throw new KubectlError(`"${name}" is not a valid key name: ${ErrEnvVarName}`);
      set.add(name);
      env.push({ name, value: s.slice(eq + 1) });
    } else if (s.endsWith("-")) remove.push(s.slice(0, -1));
    else throw new KubectlError(`unknown environment variable: ${s}`);
  }
  if (remove.some((r) => set.has(r)))
    throw new KubectlError(
      "can not both modify and remove the same environment variable in the same command",
    );
  return { env, remove };
}

/** set_env.go updateEnv: existing variables keep their place, replaced in place; new ones go last. */
export function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** set_env.go keyToEnvName: a ConfigMap or Secret key as a variable name. */
export function keyToEnvName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, "_").toUpperCase();
}

/** envutil.GetEnvVarRefString: how --list shows a valueFrom. */
export function envVarRefString(from: Any): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const c = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : "";
    return `resource field ${c}${from.resourceFieldRef.resource}`;
  }
  return "invalid valueFrom";
}

/** path.Match for container names: `*` and `?` wildcards. */
function globMatches(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  return new RegExp(`^${re}$`).test(name);
}

/** The pod spec inside a workload (polymorphichelpers.UpdatePodSpecForObject's kinds). */
function podSpecOf(obj: KubeObject): { containers?: Container[]; initContainers?: Container[] } | undefined {
  if (obj.kind === "Pod") return obj.spec;
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec;
  if (
    ["Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"].includes(
      obj.kind,
    )
  )
    return obj.spec?.template?.spec;
  return undefined;
}

/** The variables --from imports: every key (or the --keys) of a ConfigMap or Secret, by reference. */
function envFrom(inv: Invocation, from: string, keys: string[]): EnvVar[] {
  const slash = from.indexOf("/");
  const type = slash > 0 ? from.slice(0, slash) : from;
  const res = inv.mapper.resolve(type);
  const name = slash > 0 ? from.slice(slash + 1) : "";
  if (!res || !name) throw new KubectlError("unsupported resource specified in --from");
  const obj = inv.cluster.api.get(res.kind, inv.namespace, name);
  if (!obj) throw new ApiError("NotFound", `${res.plural} "${name}" not found`);
  if (res.kind !== "ConfigMap" && res.kind !== "Secret")
    throw new KubectlError("unsupported resource specified in --from");
  const ref = res.kind === "ConfigMap" ? "configMapKeyRef" : "secretKeyRef";
  // Go ranges over the Data map in no fixed order; sorted here.
  return Object.keys((obj as Any).data ?? {})
    .sort()
    .filter((k) => keys.length === 0 || keys.includes(k))
    .map((key) => ({ name: keyToEnvName(key), valueFrom: { [ref]: { name, key } } }));
}

/** --list --resolve: the value a ConfigMap or Secret reference holds. */
function resolveRef(inv: Invocation, from: Any): string | undefined {
  const cm = from.configMapKeyRef;
  if (cm) return (inv.cluster.api.get("ConfigMap", inv.namespace, cm.name) as Any)?.data?.[cm.key];
  const sec = from.secretKeyRef;
  const data = sec && (inv.cluster.api.get("Secret", inv.namespace, sec.name) as Any)?.data?.[sec.key];
  return data === undefined ? undefined : atob(data);
}

/** Runs `kubectl set env` on the resource arguments (or -f objects) given by targets. */
export function setEnv(
  inv: Invocation,
  args: string[],
  targets: (resources: string[]) => { res: ResourceInfo; obj: KubeObject }[],
): void {
  if (inv.flags.bool("all") && inv.flags.str("selector"))
    throw new KubectlError("cannot set --all and --selector at the same time");
  const split = splitEnvironmentFromResources(args);
  if (!split)
    throw new KubectlError(`all resources must be specified before environment changes: ${args.join(" ")}`);
  if (inv.flags.list("filename").length === 0 && split.resources.length === 0)
    throw new KubectlError(
      "one or more resources must be specified as <resource> <name> or <resource>/<name>",
    );
  const list = inv.flags.bool("list");
  const output = inv.flags.str("output");
  if (list && output) throw new KubectlError("--list and --output may not be specified together");
  const keys = inv.flags.list("keys").flatMap((k) => k.split(","));
  const from = inv.flags.str("from");
  if (keys.length > 0 && !from)
    throw new KubectlError("when specifying --keys, a configmap or secret must be provided with --from");
  const { env, remove } = parseEnv([...inv.flags.list("env"), ...split.envArgs], inv.stdin);
  if (from) env.push(...envFrom(inv, from, keys));
  const prefix = inv.flags.str("prefix");
  for (const e of env) e.name = `${prefix}${e.name}`;
  const selector = inv.flags.str("containers", "*") || "*";
  const overwrite = inv.flags.bool("overwrite", true);
  const mode = dryRunMode(inv);
  const errors: string[] = [];
  for (const { res, obj } of targets(split.resources)) {
    const next = clone(obj);
    const spec = podSpecOf(next);
    const name = objectName(res, obj.metadata.name ?? "");
    if (!spec) {
      errors.push(`error: ${name} ${res.kind} is not a workload`);
      continue;
    }
    const chosen = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) =>
      globMatches(selector, c.name),
    );
    if (chosen.length === 0)
      inv.err(
        `warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching "${selector}"\n`,
      );
    let failed = false;
    for (const c of chosen) {
      if (!overwrite) {
        const clash = env.find((e) => {
          const cur = (c.env ?? []).find((x) => x.name === e.name);
          return cur && cur.value !== e.value;
        });
        const current = clash && (c.env ?? []).find((x) => x.name === clash.name);
        if (current) {
          errors.push(
            `error: ${name} '${current.name}' already has a value (${current.value ?? ""}), and --overwrite is false`,
          );
          failed = true;
          break;
        }
      }
      const updated = updateEnv(c.env ?? [], env, remove);
      if (updated.length > 0) c.env = updated;
      else delete c.env;
      if (list) {
        inv.out(`# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`);
        for (const e of c.env ?? []) {
          const resolved =
            e.valueFrom && inv.flags.bool("resolve") ? resolveRef(inv, e.valueFrom) : undefined;
          if (!e.valueFrom) inv.out(`${e.name}=${e.value ?? ""}\n`);
          else if (resolved !== undefined) inv.out(`${e.name}=${resolved}\n`);
          else inv.out(`# ${e.name} from ${envVarRefString(e.valueFrom)}\n`);
        }
      }
    }
    if (list || failed || deepEqual(next, obj)) continue;
    let result: KubeObject = next;
    if (mode !== "client")
      try {
        result = inv.cluster.api.update(next, { dryRun: mode === "server" });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(`failed to patch env update to pod template: ${e.message}`);
        continue;
      }
    if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
    else
      inv.out(
        `${name} env updated${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
      );
  }
  if (errors.length === 0) return;
  const text = errors.length === 1 ? (errors[0] as string) : `[${errors.join(", ")}]`;
  inv.err(`${text.startsWith("error: ") ? text : `error: ${text}`}\n`);
  inv.exit = 1;
}
