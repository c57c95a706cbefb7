/**
 * kubectl with the API server down (its static pod stopped or crashing, or etcd down): what each
 * verb prints before giving up, as kubectl v1.32 does against a refused port. Most verbs first
 * try discovery (client-go's memory cache logs `couldn't get current server API group list` for
 * each attempt), then print `The connection to the server HOST was refused - did you specify the
 * right host or port?` and exit 1. apply and create -f fail downloading the OpenAPI schema to
 * validate with; `create KIND NAME` fails on its POST. Client-side verbs work.
 */
import type { Cluster } from "../engine/cluster";
import { apiServerEndpoint } from "../engine/controlplane";
import type { Flags } from "./flags";
import type { CommandResult } from "./interface";
import { KUBECTL_PID } from "./klog";

/** How many discovery attempts each verb logs before it gives up (measured with kubectl v1.32.4). */
const DISCOVERY_ATTEMPTS: Record<string, number> = {
  logs: 4,
  cordon: 4,
  uncordon: 4,
  drain: 4,
  rollout: 4,
  exec: 4,
  attach: 4,
  "port-forward": 4,
  cp: 4,
  explain: 2,
  taint: 2,
  auth: 2,
  "api-resources": 1,
  "api-versions": 1,
  run: 1,
  top: 0,
  version: 0,
  proxy: 0,
};

/** Generators of `kubectl create KIND`: the collection they POST to. */
const CREATE_PATHS: Record<string, { path: string; namespaced: boolean }> = {
  deployment: { path: "apis/apps/v1", namespaced: true },
  job: { path: "apis/batch/v1", namespaced: true },
  cronjob: { path: "apis/batch/v1", namespaced: true },
  configmap: { path: "api/v1", namespaced: true },
  secret: { path: "api/v1", namespaced: true },
  serviceaccount: { path: "api/v1", namespaced: true },
  namespace: { path: "api/v1", namespaced: false },
  quota: { path: "api/v1", namespaced: true },
  priorityclass: { path: "apis/scheduling.k8s.io/v1", namespaced: false },
  role: { path: "apis/rbac.authorization.k8s.io/v1", namespaced: true },
  rolebinding: { path: "apis/rbac.authorization.k8s.io/v1", namespaced: true },
  clusterrole: { path: "apis/rbac.authorization.k8s.io/v1", namespaced: false },
  clusterrolebinding: { path: "apis/rbac.authorization.k8s.io/v1", namespaced: false },
  poddisruptionbudget: { path: "apis/policy/v1", namespaced: true },
  ingress: { path: "apis/networking.k8s.io/v1", namespaced: true },
};

/** Plural resource names of the generators whose kind name differs. */
const CREATE_RESOURCES: Record<string, string> = {
  quota: "resourcequotas",
  poddisruptionbudget: "poddisruptionbudgets",
  ingress: "ingresses",
  priorityclass: "priorityclasses",
};

/** Verbs that never talk to the API server. */
const CLIENT_ONLY = new Set(["config", "completion", "options", "plugin", "kustomize", "help"]);

/** `The connection to the server controlplane:6443 was refused - did you specify the right host or port?` */
export function connectionRefusedMessage(host: string): string {
  return `The connection to the server ${host} was refused - did you specify the right host or port?`;
}

/**
 * A server kubectl cannot reach: the base URL it dials, net.Dial's error, and the line kubectl
 * ends with. The kubeconfig may name one (a wrong port, an unknown host, no context at all).
 */
export interface UnreachableServer {
  /** https://controlplane:6443 */
  baseUrl: string;
  /** `dial tcp 192.168.1.2:6443: connect: connection refused` */
  dial: string;
  /** `The connection to the server controlplane:6443 was refused - ...` or `Unable to connect to the server: ...` */
  final: string;
}

/** The API server's own endpoint, refusing connections (its static pod is down). */
function apiServerDown(cluster: Cluster): UnreachableServer {
  const ep = apiServerEndpoint(cluster);
  return {
    baseUrl: `https://${ep.host}`,
    dial: `dial tcp ${ep.address}: connect: connection refused`,
    final: connectionRefusedMessage(ep.host),
  };
}

/**
 * What kubectl prints when it cannot reach the API server (down, or target: the server the
 * kubeconfig names is not it), or undefined when it need not.
 */
export function unreachableResult(
  cluster: Cluster,
  verb: string,
  flags: Flags,
  namespace: string,
  target?: UnreachableServer,
): CommandResult | undefined {
  if ((!target && cluster.api.reachable) || CLIENT_ONLY.has(verb)) return undefined;
  const server = target ?? apiServerDown(cluster);
  const dial = server.dial;
  const refused = `${server.final}\n`;
  if (verb === "version") return flags.bool("client") ? undefined : { stdout: "", stderr: refused, exit: 1 };
  const files = flags.list("filename").length > 0;
  if ((verb === "apply" || verb === "create" || verb === "replace") && files) {
    if (verb === "create" && flags.str("dry-run") === "client") return undefined;
    return {
      stdout: "",
      stderr: `error: error validating "${fileName(flags)}": error validating data: failed to download openapi: Get "${server.baseUrl}/openapi/v2?timeout=32s": ${dial}; if you choose to ignore these errors, turn validation off with --validate=false\n`,
      exit: 1,
    };
  }
  if (verb === "create") {
    const kind = flags.args[0] ?? "";
    if (flags.str("dry-run") === "client") return undefined;
    const path = CREATE_PATHS[kind];
    if (path) {
      const resource = CREATE_RESOURCES[kind] ?? `${kind}s`;
      const ns = path.namespaced ? `namespaces/${namespace}/` : "";
      return {
        stdout: "",
        stderr: `error: failed to create ${kind}: Post "${server.baseUrl}/${path.path}/${ns}${resource}?fieldManager=kubectl-create&fieldValidation=Strict": ${dial}\n`,
        exit: 1,
      };
    }
  }
  const attempts = DISCOVERY_ATTEMPTS[verb] ?? 5;
  let stderr = "";
  const now = cluster.clock.now();
  for (let i = 0; i < attempts; i++) stderr += `${discoveryError(now + i, server.baseUrl, dial)}\n`;
  return { stdout: "", stderr: stderr + refused, exit: 1 };
}

/** The file named by -f, as kubectl quotes it in its validation error. */
function fileName(flags: Flags): string {
  return flags.list("filename")[0] ?? "";
}

/** client-go's memcache.go line for one failed discovery attempt, at ms. */
function discoveryError(ms: number, baseUrl: string, dial: string): string {
  const iso = new Date(ms).toISOString();
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}${String(ms % 1000).padStart(3, "0")}`;
  return `E${stamp} ${String(KUBECTL_PID).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"${baseUrl}/api?timeout=32s\\": ${dial}"`;
}
