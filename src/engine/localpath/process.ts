/**
 * One local-path-provisioner process: the flags of `local-path-provisioner [--debug] start`
 * (main.go), where it runs, the event source the external provisioner library gives it, its
 * configuration from the ConfigMap, and logrus' log line format.
 */
import { parse as parseYaml } from "yaml";
import type { Pod } from "../api/kinds";
import type { Cluster } from "../cluster";
import type { ContainerProcess } from "../processes";
import { type LocalPathConfig, parseConfig } from "./config";
import {
  DefaultConfigFileKey,
  DefaultConfigMapName,
  DefaultHelperPodFile,
  DefaultNamespace,
  DefaultProvisionerName,
  DefaultServiceAccount,
} from "./names";

/** What reading objects takes (the API store). */
type ApiReader = Pick<Cluster["api"], "get">;

/** One running provisioner process. */
export interface ProvisionerProcess {
  readonly process: ContainerProcess;
  readonly provisionerName: string;
  readonly namespace: string;
  readonly configMapName: string;
  readonly serviceAccountName: string;
  /** The event source: provisioner name, host name and a uuid (NewProvisionController). */
  readonly component: string;
}

/** The flags of `local-path-provisioner [--debug] start [flags]` this simulation reads. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  let args = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith("-")) {
      flags.set(`command:${args++}`, a);
      continue;
    }
    const bare = a.replace(/^--?/, "");
    const eq = bare.indexOf("=");
    if (eq >= 0) flags.set(bare.slice(0, eq), bare.slice(eq + 1));
    else if (bare === "debug") flags.set("debug", "true");
    else flags.set(bare, argv[++i] ?? "");
  }
  return flags;
}

/** logrus' TextFormatter{FullTimestamp: true} line, as the provisioner logs to stderr. */
export function logrus(cluster: Cluster, level: string, msg: string): string {
  const quoted = /^[A-Za-z0-9\-._/@^+]+$/.test(msg) ? msg : JSON.stringify(msg);
  return `time="${cluster.clock.timestamp()}" level=${level} msg=${quoted}`;
}

/**
 * The process's settings: --namespace, else POD_NAMESPACE (the manifest sets it from
 * metadata.namespace), else local-path-storage; the provisioner, ConfigMap and service account
 * names; the event source `<provisioner>_<hostname>_<uuid>`.
 */
export function provisionerProcess(
  process: ContainerProcess,
  flags: Map<string, string>,
  uuid: string,
): ProvisionerProcess {
  const pod = process.pod;
  const envNamespace = (process.container.env ?? []).find((e) => e.name === "POD_NAMESPACE");
  const namespace =
    flags.get("namespace") ??
    envNamespace?.value ??
    (envNamespace?.valueFrom?.fieldRef?.fieldPath === "metadata.namespace"
      ? pod.metadata.namespace
      : undefined) ??
    DefaultNamespace;
  const provisionerName = flags.get("provisioner-name") ?? DefaultProvisionerName;
  return {
    process,
    provisionerName,
    namespace,
    configMapName: flags.get("configmap-name") ?? DefaultConfigMapName,
    serviceAccountName: flags.get("service-account-name") ?? DefaultServiceAccount,
    component: `${provisionerName}_${pod.spec?.hostname ?? pod.metadata.name}_${uuid}`,
  };
}

/** config.json and helperPod.yaml from the process's ConfigMap (the files it mounts at /etc/config). */
export function loadConfig(
  api: ApiReader,
  p: ProvisionerProcess,
):
  | { ok: true; config: LocalPathConfig; template: Pod }
  | {
      ok: false;
      error: string;
    } {
  const cm = api.get("ConfigMap", p.namespace, p.configMapName);
  const data = (cm?.data ?? {}) as Record<string, string>;
  const configText = data[DefaultConfigFileKey];
  if (configText === undefined)
    return {
      ok: false,
      error: `invalid empty flag config and it also does not exist at ConfigMap ${p.namespace}/${p.configMapName} with err: ${DefaultConfigFileKey} is not exist in local-path-config ConfigMap`,
    };
  const config = parseConfig(configText);
  if (!config.ok) return config;
  const podText = data[DefaultHelperPodFile];
  if (podText === undefined)
    return {
      ok: false,
      error: `invalid empty flag helper-pod-file and it also does not exist at ConfigMap ${p.namespace}/${p.configMapName} with err: ${DefaultHelperPodFile} is not exist in local-path-config ConfigMap`,
    };
  let template: Pod;
  try {
    template = parseYaml(podText) as Pod;
  } catch {
    return { ok: false, error: `invalid YAMLToJSON the helper pod with helperPodYaml: ${podText}` };
  }
  if (!template?.spec?.containers?.length)
    return { ok: false, error: "helper pod template does not specify any container" };
  return { ok: true, config: config.value, template };
}
