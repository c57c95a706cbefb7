/**
 * Probe outcomes in the simulation: an exec probe runs against the container's files (the
 * canonical `cat /tmp/healthy` works once the program touched it and fails after it removed
 * it) and fails on `false`/`exit N`; httpGet, tcpSocket and grpc probes need a server process.
 */
import { pathExists, shellWords } from "./process";
import type { ContainerRecord, PodRuntime } from "./runtime";

// biome-ignore lint/suspicious/noExplicitAny: probes are open JSON
export type Probe = any;

/** A probe's result and, when it fails, the output the kubelet quotes in its event. */
export interface ProbeResult {
  ok: boolean;
  message: string;
}

const FILE_CHECKS = new Set(["cat", "test", "ls", "stat", "["]);

function execResult(argv: string[], c: ContainerRecord): ProbeResult {
  let commands: string[][] = [argv];
  if (["sh", "/bin/sh", "bash", "/bin/bash"].includes(argv[0] ?? "") && argv[1] === "-c") {
    commands = [[]];
    for (const w of shellWords(argv[2] ?? "")) {
      if (w === ";" || w === "&&") commands.push([]);
      else (commands[commands.length - 1] as string[]).push(w);
    }
  }
  const files = c.programState?.files;
  for (const cmd of commands) {
    const [name, ...args] = cmd;
    if (!name) continue;
    if (name === "false") return { ok: false, message: "" };
    if (name === "exit" && Number(args[0] ?? 0) !== 0) return { ok: false, message: "" };
    if (FILE_CHECKS.has(name.split("/").pop() as string)) {
      for (const path of args.filter((a) => a.startsWith("/")))
        if (!pathExists(files, path))
          return {
            ok: false,
            message: name === "cat" ? `cat: can't open '${path}': No such file or directory` : "",
          };
    }
  }
  return { ok: true, message: "" };
}

/** The outcome of probe against container c of the pod sandbox rt now. */
export function probeResult(probe: Probe, rt: PodRuntime, c: ContainerRecord): ProbeResult {
  if (probe.exec) return execResult(probe.exec.command ?? [], c);
  const server = Boolean(c.program?.handlesSigterm);
  if (probe.httpGet) {
    const host = probe.httpGet.host ?? rt.ip;
    const port = probe.httpGet.port;
    const scheme = (probe.httpGet.scheme ?? "HTTP").toLowerCase();
    return server
      ? { ok: true, message: "" }
      : {
          ok: false,
          message: `Get "${scheme}://${host}:${port}${probe.httpGet.path ?? "/"}": dial tcp ${host}:${port}: connect: connection refused`,
        };
  }
  if (probe.tcpSocket)
    return server
      ? { ok: true, message: "" }
      : { ok: false, message: `dial tcp ${rt.ip}:${probe.tcpSocket.port}: connect: connection refused` };
  if (probe.grpc)
    return server ? { ok: true, message: "" } : { ok: false, message: "timeout: failed to connect service" };
  return { ok: true, message: "" };
}
