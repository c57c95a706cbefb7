/**
 * The client configuration of one kubectl invocation (clientcmd's DeferredLoadingClientConfig):
 * which kubeconfig files it reads, which context it uses (`--context` or current-context), the
 * namespace that context gives `-n`, and whether its cluster's server reaches the simulated API
 * server.
 */
import type { Cluster } from "../../engine/cluster";
import { apiServerEndpoint } from "../../engine/controlplane";
import { adminKubeconfig } from "../../engine/scenarios/kubeconfig";
import { decodeBase64 } from "../../engine/sh/applets/codec";
import { KubectlError } from "../command";
import type { Flags } from "../flags";
import type { KubectlContext } from "../interface";
import { connectionRefusedMessage, type UnreachableServer } from "../unreachable";
import { type ConfigAccess, type ConfigFiles, configAccess, type Kubeconfig, loadConfig } from "./load";

/** The server kubectl falls back to when no context is set (clientcmd's DefaultCluster). */
export const DEFAULT_SERVER = "localhost:8080";

/** Host names that reach the API server besides the control-plane node's name and address. */
const API_SERVER_HOSTS = [
  "controlplane",
  "localhost",
  "127.0.0.1",
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
];

/** A kubeconfig as one invocation sees it, with where it is read from and written to. */
export interface ClientConfig {
  access: ConfigAccess;
  files: ConfigFiles;
  /** The merged kubeconfig (an empty one when a --kubeconfig file is missing). */
  config: Kubeconfig;
}

/**
 * The kubeconfig files through the invocation's file system. Where no kubeconfig file exists at
 * `~/.kube/config` and neither --kubeconfig nor $KUBECONFIG is set, the admin kubeconfig of the
 * cluster stands in (the workstation's own copy, written on first change).
 */
export function configFiles(ctx: KubectlContext, access: ConfigAccess, cluster: Cluster): ConfigFiles {
  const usesHome = !access.explicit && !ctx.env?.KUBECONFIG;
  const home = access.precedence[0];
  return {
    read(path) {
      try {
        if (!ctx.readFile) throw new Error("no file system");
        return ctx.readFile(path);
      } catch {
        return usesHome && path === home ? adminKubeconfig(cluster, apiServerUrl(cluster)) : undefined;
      }
    },
    write(path, text) {
      if (!ctx.writeFile) throw new KubectlError(`open ${path}: read-only file system`);
      ctx.writeFile(path, text);
    },
  };
}

/** The URL of the simulated API server (`https://controlplane:6443`, after the control-plane node). */
export function apiServerUrl(cluster: Cluster): string {
  return `https://${apiServerEndpoint(cluster).host}`;
}

/** Loads the client configuration an invocation's flags and environment select. Throws KubectlError. */
export function loadClientConfig(
  ctx: KubectlContext,
  flags: Flags,
  cluster: Cluster,
  tolerateMissing = false,
): ClientConfig {
  const access = configAccess(flags.str("kubeconfig") || undefined, ctx.env ?? {});
  const files = configFiles(ctx, access, cluster);
  return { access, files, config: loadConfig(access, files, tolerateMissing) };
}

/**
 * What a command needs from the kubeconfig: the context's namespace and, when its server is not
 * the simulated API server, how that server fails; or the error kubectl prints.
 */
export type ClientResolution =
  | { namespace?: string; unreachable?: UnreachableServer; clientCertificate?: string }
  | { error: string };

/**
 * The PEM client certificate of the context's user (client-certificate-data, else the
 * client-certificate file), or an error kubectl prints; {} when the user has none.
 */
export function clientCertificate(
  ctx: KubectlContext,
  config: Kubeconfig,
  userName: string,
): { pem?: string; error?: string } {
  const user = config.users.get(userName)?.body;
  const data = user?.["client-certificate-data"];
  if (typeof data === "string" && data) {
    const bytes = decodeBase64(data.replace(/\s/g, ""));
    return bytes
      ? { pem: new TextDecoder().decode(bytes) }
      : { error: "illegal base64 data in client-certificate-data" };
  }
  const file = user?.["client-certificate"];
  if (typeof file === "string" && file) {
    try {
      if (!ctx.readFile) throw new Error("no file system");
      return { pem: ctx.readFile(file) };
    } catch {
      return {
        error: `error: unable to read client-cert ${file} for ${userName} due to open ${file}: no such file or directory\n`,
      };
    }
  }
  return {};
}

/**
 * Resolves the context an API command uses and checks that its server is the simulated API
 * server, with kubectl's messages for a missing file and a missing context.
 */
export function resolveClient(ctx: KubectlContext, flags: Flags, cluster: Cluster): ClientResolution {
  let cc: ClientConfig;
  try {
    cc = loadClientConfig(ctx, flags, cluster);
  } catch (e) {
    if (e instanceof KubectlError) return { error: `error: ${e.message}\n` };
    throw e;
  }
  const { config } = cc;
  const name = flags.str("context") || config.currentContext;
  if (flags.str("context") && !config.contexts.has(name))
    return { error: `Error in configuration: context was not found for specified context: ${name}\n` };
  const context = config.contexts.get(name)?.body;
  const namespace =
    typeof context?.namespace === "string" && context.namespace ? context.namespace : undefined;
  const userName = flags.str("user") || (context?.user as string | undefined) || "";
  const cert = clientCertificate(ctx, config, userName);
  if (cert.error) return { error: cert.error.startsWith("error: ") ? cert.error : `error: ${cert.error}\n` };
  const clusterName = flags.str("cluster") || (context?.cluster as string | undefined) || "";
  const server =
    flags.str("server") || (config.clusters.get(clusterName)?.body.server as string | undefined) || "";
  // No context: clientcmd's default cluster, plain HTTP on localhost:8080.
  if (!server)
    return {
      namespace,
      unreachable: {
        baseUrl: `http://${DEFAULT_SERVER}`,
        dial: "dial tcp 127.0.0.1:8080: connect: connection refused",
        final: connectionRefusedMessage(DEFAULT_SERVER),
      },
    };
  return { namespace, unreachable: serverProblem(server, cluster), clientCertificate: cert.pem };
}

/** How a kubeconfig server URL fails when it is not the simulated API server; undefined when it is. */
export function serverProblem(server: string, cluster: Cluster): UnreachableServer | undefined {
  const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(server);
  const scheme = m?.[1] ?? "https";
  const host = m?.[2] ?? server;
  const port = m?.[3] ?? (scheme === "https" ? "443" : "80");
  const ep = apiServerEndpoint(cluster);
  const [epName, epPort] = ep.host.split(":");
  const epIp = ep.address.split(":")[0] as string;
  const addresses = new Map<string, string>([...API_SERVER_HOSTS.map((h) => [h, epIp] as [string, string])]);
  addresses.set("localhost", "127.0.0.1");
  addresses.set("127.0.0.1", "127.0.0.1");
  addresses.set(epName as string, epIp);
  addresses.set(epIp, epIp);
  for (const node of cluster.api.list("Node"))
    for (const a of (node.status as { addresses?: { address: string }[] } | undefined)?.addresses ?? [])
      addresses.set(node.metadata.name as string, addresses.get(node.metadata.name as string) ?? a.address);
  const baseUrl = `${scheme}://${host}:${port}`;
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith("[");
  const ip = addresses.get(host) ?? (isIp ? host : undefined);
  if (!ip) {
    const dial = `dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
    return { baseUrl, dial, final: `Unable to connect to the server: ${dial}` };
  }
  const reaches = (ip === epIp || host === epName || API_SERVER_HOSTS.includes(host)) && port === epPort;
  if (reaches) return undefined;
  return {
    baseUrl,
    dial: `dial tcp ${ip}:${port}: connect: connection refused`,
    final: connectionRefusedMessage(`${host}:${port}`),
  };
}
