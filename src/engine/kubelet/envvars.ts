/**
 * A container's environment, built in one place in the kubelet's fixed order
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, release-1.32): Service link variables
 * (pkg/kubelet/envvars FromServices), envFrom, then env with `$(VAR)` expansion and valueFrom;
 * then containerd's merge with HOSTNAME and the image's Env (container env wins).
 */
import type { EnvVar } from "kubernetes-types/core/v1";
import type { Container, Node, Pod, Service } from "../api/kinds";
import { expand, mappingFuncFor } from "./expansion";
import { containerResourceRuntimeValue, podAddresses, podFieldSelectorRuntimeValue } from "./fieldpath";
import { configMapNotFound, type PodSources, secretEntries, secretNotFound } from "./podsources";

/** One variable of a process's environment. */
export interface EnvPair {
  name: string;
  value: string;
}

/** The waiting reason of a container whose environment (or mounts) cannot be made. */
export const CreateContainerConfigError = "CreateContainerConfigError";

/** Why a container's environment cannot be made: the container waits with this reason and message. */
export interface EnvError {
  reason: typeof CreateContainerConfigError;
  message: string;
}

/** The Service whose variables every pod gets, whatever enableServiceLinks says. */
const MASTER_SERVICE = { namespace: "default", name: "kubernetes" };

/** containerd's default PATH (oci.defaultUnixEnv), before the image's Env. */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A Service or port name as part of a variable name: upper case, `-` to `_` (makeEnvVariableName). */
export function makeEnvVariableName(name: string): string {
  return name.replace(/-/g, "_").toUpperCase();
}

/** True when a Service has a ClusterIP (not headless, not empty): IsServiceIPSet. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== "None";
}

/**
 * The Docker-link style variables for Services (FromServices): `{SVC}_SERVICE_HOST`,
 * `_SERVICE_PORT`, `_SERVICE_PORT_{NAME}` per named port, `_PORT`, and per port
 * `_PORT_{port}_{PROTO}` with `_PROTO`, `_PORT` and `_ADDR`.
 */
export function fromServices(services: Service[]): EnvPair[] {
  const out: EnvPair[] = [];
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const ports = svc.spec?.ports ?? [];
    if (!ports.length) continue;
    const ip = svc.spec?.clusterIP as string;
    const prefix = makeEnvVariableName(svc.metadata.name ?? "");
    out.push({ name: `${prefix}_SERVICE_HOST`, value: ip });
    const portName = `${prefix}_SERVICE_PORT`;
    out.push({ name: portName, value: String(ports[0]?.port) });
    for (const sp of ports)
      if (sp.name) out.push({ name: `${portName}_${makeEnvVariableName(sp.name)}`, value: String(sp.port) });
    ports.forEach((sp, i) => {
      const protocol = sp.protocol || "TCP";
      const url = `${protocol.toLowerCase()}://${ip}:${sp.port}`;
      if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
      const pp = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
      out.push(
        { name: pp, value: url },
        { name: `${pp}_PROTO`, value: protocol.toLowerCase() },
        { name: `${pp}_PORT`, value: String(sp.port) },
        { name: `${pp}_ADDR`, value: ip },
      );
    });
  }
  return out;
}

/**
 * The Service variables a pod in namespace ns sees (getServiceEnvVarMap): the `kubernetes`
 * Service of `default` always, and with enableServiceLinks every Service of the pod's namespace
 * (a Service of the pod's namespace named `kubernetes` takes the master's place). Services are
 * taken in name order (upstream iterates a map).
 */
export function serviceEnvVars(ns: string, enableServiceLinks: boolean, sources: PodSources): EnvPair[] {
  const byName = new Map<string, Service>();
  for (const svc of sources.services(MASTER_SERVICE.namespace))
    if (svc.metadata.name === MASTER_SERVICE.name && isServiceIPSet(svc))
      byName.set(MASTER_SERVICE.name, svc);
  if (enableServiceLinks)
    for (const svc of sources.services(ns)) {
      if (!isServiceIPSet(svc)) continue;
      if (ns === MASTER_SERVICE.namespace && svc.metadata.name === MASTER_SERVICE.name) continue;
      byName.set(svc.metadata.name ?? "", svc);
    }
  const sorted = [...byName.keys()].sort().map((k) => byName.get(k) as Service);
  return fromServices(sorted);
}

/**
 * The variables the kubelet hands the runtime for a container (makeEnvironmentVariables):
 * envFrom then env in declaration order (a later duplicate replaces the value of an earlier
 * one, keeping its place), `$(VAR)` in values expanded against what is defined so far and the
 * Service variables, then the Service variables no declared variable overrides.
 * A missing non-optional ConfigMap, Secret or key is an error: the container waits with
 * CreateContainerConfigError. Since v1.30 envFrom keys that are not C identifiers are passed
 * through (RelaxedEnvironmentVariableValidation), with no InvalidEnvironmentVariableNames event.
 */
export function makeEnvironmentVariables(
  pod: Pod,
  container: Container,
  sources: PodSources,
): { env: EnvPair[] } | EnvError {
  const ns = pod.metadata.namespace ?? "default";
  const serviceEnv: Record<string, string> = {};
  for (const e of serviceEnvVars(ns, pod.spec?.enableServiceLinks ?? true, sources))
    serviceEnv[e.name] = e.value;

  const tmpEnv: Record<string, string> = {};
  const configMaps = new Map<string, Record<string, string>>();
  const secrets = new Map<string, Record<string, string>>();
  const configMap = (name: string) => {
    if (!configMaps.has(name)) {
      const cm = sources.configMap(ns, name);
      // Env reads a ConfigMap's data only; binaryData is for volumes.
      if (cm) configMaps.set(name, { ...(cm.data ?? {}) });
    }
    return configMaps.get(name);
  };
  const secret = (name: string) => {
    if (!secrets.has(name)) {
      const s = sources.secret(ns, name);
      if (s) secrets.set(name, secretEntries(s));
    }
    return secrets.get(name);
  };

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? "";
      const data = configMap(name);
      if (!data) {
        if (from.configMapRef.optional) continue;
        return configError(configMapNotFound(name));
      }
      for (const [k, v] of Object.entries(data)) tmpEnv[prefix + k] = v;
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? "";
      const data = secret(name);
      if (!data) {
        if (from.secretRef.optional) continue;
        return configError(secretNotFound(name));
      }
      for (const [k, v] of Object.entries(data)) tmpEnv[prefix + k] = v;
    }
  }

  const mapping = mappingFuncFor(tmpEnv, serviceEnv);
  const addrs = podAddresses(pod, sources.node());
  for (const envVar of container.env ?? []) {
    const value = runtimeValue(envVar, pod, container, ns, addrs, sources.node(), mapping, configMap, secret);
    if (value === SKIP) continue;
    if (typeof value !== "string") return value;
    tmpEnv[envVar.name] = value;
  }

  const env: EnvPair[] = Object.entries(tmpEnv).map(([name, value]) => ({ name, value }));
  for (const [name, value] of Object.entries(serviceEnv)) if (!(name in tmpEnv)) env.push({ name, value });
  return { env };
}

const SKIP = Symbol("skip");

/** One env entry's value: its expanded value, a valueFrom's, SKIP (optional and missing), or an error. */
function runtimeValue(
  envVar: EnvVar,
  pod: Pod,
  container: Container,
  ns: string,
  addrs: ReturnType<typeof podAddresses>,
  node: Node | undefined,
  mapping: (name: string) => string,
  configMap: (name: string) => Record<string, string> | undefined,
  secret: (name: string) => Record<string, string> | undefined,
): string | typeof SKIP | EnvError {
  if (envVar.value) return expand(envVar.value, mapping);
  const from = envVar.valueFrom;
  if (!from) return "";
  if (from.fieldRef) {
    const r = podFieldSelectorRuntimeValue(from.fieldRef, pod, addrs);
    return "error" in r ? configError(r.error) : r.value;
  }
  if (from.resourceFieldRef) {
    const r = containerResourceRuntimeValue(from.resourceFieldRef, pod, container, node);
    return "error" in r ? configError(r.error) : r.value;
  }
  if (from.configMapKeyRef) {
    const { name = "", key, optional } = from.configMapKeyRef;
    const data = configMap(name);
    if (!data) return optional ? SKIP : configError(configMapNotFound(name));
    if (!Object.hasOwn(data, key))
      return optional ? SKIP : configError(missingKey(key, "ConfigMap", ns, name));
    return data[key] as string;
  }
  if (from.secretKeyRef) {
    const { name = "", key, optional } = from.secretKeyRef;
    const data = secret(name);
    if (!data) return optional ? SKIP : configError(secretNotFound(name));
    if (!Object.hasOwn(data, key)) return optional ? SKIP : configError(missingKey(key, "Secret", ns, name));
    return data[key] as string;
  }
  return "";
}

/** The kubelet's error for a key a ConfigMap or Secret does not have. */
export function missingKey(key: string, kind: "ConfigMap" | "Secret", ns: string, name: string): string {
  return `couldn't find key ${key} in ${kind} ${ns}/${name}`;
}

function configError(message: string): EnvError {
  return { reason: CreateContainerConfigError, message };
}

/**
 * Sets variables the way containerd's oci.WithEnv does: a name already present takes the new
 * value in its place, a new name is appended, and `NAME` without `=` unsets it.
 */
export function replaceOrAppendEnv(env: EnvPair[], updates: (EnvPair | string)[]): EnvPair[] {
  const out = env.map((e) => ({ ...e }));
  for (const update of updates) {
    let pair: EnvPair;
    if (typeof update === "string") {
      const eq = update.indexOf("=");
      if (eq < 0) {
        const i = out.findIndex((e) => e.name === update);
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      pair = { name: update.slice(0, eq), value: update.slice(eq + 1) };
    } else pair = { ...update };
    const i = out.findIndex((e) => e.name === pair.name);
    if (i >= 0) out[i] = pair;
    else out.push(pair);
  }
  return out;
}

/**
 * The environment a container's processes see: containerd's default PATH, TERM=xterm for a
 * container with a terminal (oci.WithTTY, `tty: true`), HOSTNAME (the pod's host name), the
 * image's Env (`NAME=value` strings, replacing PATH in place), then the kubelet's variables (the
 * container's own win), then HOME if still unset (runc sets it from the user's home directory).
 */
export function containerEnvironment(
  kubeletEnv: EnvPair[],
  opts: { hostname: string; imageEnv?: string[]; home?: string; tty?: boolean },
): EnvPair[] {
  let env: EnvPair[] = [{ name: "PATH", value: DEFAULT_PATH }];
  if (opts.tty) env.push({ name: "TERM", value: "xterm" });
  env = replaceOrAppendEnv(env, [{ name: "HOSTNAME", value: opts.hostname }]);
  env = replaceOrAppendEnv(env, [...(opts.imageEnv ?? []), ...kubeletEnv]);
  if (!env.some((e) => e.name === "HOME")) env.push({ name: "HOME", value: opts.home ?? "/root" });
  return env;
}

/** An environment as a record in its order, for a process (ContainerSandbox's env). */
export function envRecord(env: EnvPair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) out[e.name] = e.value;
  return out;
}

/**
 * A container's command and args with `$(VAR)` expanded against the kubelet's variables
 * (ExpandContainerCommandAndArgs); unknown references stay as written. Undefined when unset.
 */
export function expandContainerCommandAndArgs(
  container: Pick<Container, "command" | "args">,
  env: EnvPair[],
): { command?: string[]; args?: string[] } {
  const mapping = mappingFuncFor(envRecord(env));
  return {
    command: container.command?.length ? container.command.map((c) => expand(c, mapping)) : undefined,
    args: container.args?.length ? container.args.map((a) => expand(a, mapping)) : undefined,
  };
}

/**
 * A volumeMount's subPathExpr expanded against the kubelet's variables
 * (ExpandContainerVolumeMounts): a reference to a variable that is unset or empty is an error.
 */
export function expandContainerVolumeMounts(
  subPathExpr: string,
  env: EnvPair[],
): { subPath: string } | { error: string } {
  const vars = envRecord(env);
  const missing = new Set<string>();
  const subPath = expand(subPathExpr, (key) => {
    const value = Object.hasOwn(vars, key) ? vars[key] : undefined;
    if (!value) missing.add(key);
    return value ?? "";
  });
  if (missing.size) return { error: `missing value for ${[...missing].sort().join(", ")}` };
  return { subPath };
}

/**
 * An exec's environment with a terminal: containerd's execInternal adds TERM=xterm to the
 * container's process environment (replacing one, else appended), and runc then adds HOME when
 * the spec has none, so a HOME that runc gave the container stays last.
 */
export function ttyExecEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  if (env.TERM !== undefined) return { ...env, TERM: "xterm" };
  const entries = Object.entries(env);
  const last = entries[entries.length - 1];
  if (last?.[0] === "HOME") entries.splice(entries.length - 1, 0, ["TERM", "xterm"]);
  else entries.push(["TERM", "xterm"]);
  return Object.fromEntries(entries);
}
