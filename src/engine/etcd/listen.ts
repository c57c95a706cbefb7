/**
 * An etcd process's client port: its flags read as etcd reads them, its data directory opened
 * (server.ts), and a listener per port of --listen-client-urls answering gRPC (the etcd field)
 * and /health over HTTP.
 */

import type { Cluster } from "../cluster";
import { commandArgv } from "../controlplane/components";
import type { ContainerProcess } from "../processes";
import type { Listener } from "../sh/interface";
import { startEtcd } from "./server";

/** etcd's flags (Go's flag package: `--name=value`, `-name value`), by name. */
export function etcdFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const next = argv[i + 1];
    if (m[2] !== undefined) flags.set(m[1] as string, m[2]);
    else if (next !== undefined && !next.startsWith("-")) {
      flags.set(m[1] as string, next);
      i++;
    } else flags.set(m[1] as string, "true");
  }
  return flags;
}

/** The ports of etcd's --listen-client-urls (default http://localhost:2379). */
export function clientPorts(flags: ReadonlyMap<string, string>): number[] {
  const urls = (flags.get("listen-client-urls") ?? "http://localhost:2379").split(",");
  const ports = urls.map((u) => Number(/:(\d+)\/?$/.exec(u)?.[1] ?? 2379));
  return [...new Set(ports.filter((p) => Number.isInteger(p) && p > 0))];
}

/** Starts etcd's server on its data directory; returns the listeners of its client ports. */
export function etcdClientListeners(cluster: Cluster, process: ContainerProcess): Listener[] {
  const flags = etcdFlags(commandArgv(process.argv).slice(1));
  const server = startEtcd(cluster, process, flags);
  return clientPorts(flags).map((port) => ({
    port,
    protocol: "TCP",
    etcd: server,
    http: (req) =>
      req.path.split("?")[0] === "/health"
        ? {
            status: 200,
            headers: { "content-type": "text/plain; charset=utf-8" },
            body: '{"health":"true","reason":""}',
          }
        : {
            status: 404,
            headers: { "content-type": "text/plain; charset=utf-8" },
            body: "404 page not found\n",
          },
  }));
}
