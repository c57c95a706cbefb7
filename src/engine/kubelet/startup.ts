/**
 * What the kubelet's unit and start-up check before the kubelet runs (systemd's ExecStart, then
 * cmd/kubelet/app/server.go): the binary the drop-in's ExecStart names, the --config file, the
 * kubeconfig or bootstrap kubeconfig, and the client CA file of the configuration. A failure is
 * what systemd and the kubelet print to the journal.
 */
import { parseAllDocuments } from "yaml";
import type { NodeFileSystem } from "../node/fs";
import { KUBELET_CONFIG_PATH } from "./constants";

/** The kubeadm drop-in of the kubelet unit. */
export const KUBELET_DROPIN_PATH = "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf";
/** The kubelet binary the packages install. */
export const KUBELET_BINARY = "/usr/bin/kubelet";

/** Why the kubelet did not start: systemd's exit status and the journal lines (ident, text). */
export interface StartFailure {
  status: "203/EXEC" | "1/FAILURE";
  journal: { ident: "systemd" | "kubelet"; text: string }[];
}

/** The drop-in's text on disk ("" when it is gone). */
export function readDropInText(fs: NodeFileSystem): string {
  try {
    return fs.read(KUBELET_DROPIN_PATH);
  } catch {
    return "";
  }
}

/** The ExecStart binary and the --flag=value pairs of the drop-in's environment lines. */
export function parseDropIn(text: string): { binary: string; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  let binary = KUBELET_BINARY;
  for (const line of text.split("\n")) {
    const exec = /^ExecStart=(\S+)/.exec(line.trim());
    if (exec) binary = exec[1] as string;
    const env = /^Environment="?[A-Z_]+=(.*?)"?$/.exec(line.trim());
    if (env)
      for (const m of (env[1] as string).matchAll(/--([\w-]+)=(\S+)/g))
        flags.set(m[1] as string, m[2] as string);
  }
  return { binary, flags };
}

/** klog's quoting of a structured value: `"..."` with quotes and backslashes escaped. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function commandFailed(err: string): StartFailure {
  return {
    status: "1/FAILURE",
    journal: [{ ident: "kubelet", text: `run.go:72] "command failed" err=${quote(err)}` }],
  };
}

/**
 * The reason the kubelet would not start with the node's files as they are and the drop-in
 * systemd has loaded (its text at the last daemon-reload), or undefined.
 */
export function kubeletStartFailure(fs: NodeFileSystem, dropIn: string): StartFailure | undefined {
  const { binary, flags } = parseDropIn(dropIn);
  if (binary !== KUBELET_BINARY && !fs.isFile(binary))
    return {
      status: "203/EXEC",
      journal: [
        {
          ident: "systemd",
          text: `kubelet.service: Failed to locate executable ${binary}: No such file or directory`,
        },
        {
          ident: "systemd",
          text: `kubelet.service: Failed at step EXEC spawning ${binary}: No such file or directory`,
        },
      ],
    };
  const configPath = flags.get("config") ?? KUBELET_CONFIG_PATH;
  let config = "";
  try {
    config = fs.read(configPath);
  } catch {
    return commandFailed(
      `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to read kubelet config file "${configPath}", error: open ${configPath}: no such file or directory`,
    );
  }
  // biome-ignore lint/suspicious/noExplicitAny: a KubeletConfiguration is open YAML
  let parsed: any;
  try {
    const docs = parseAllDocuments(config);
    const errors = docs.flatMap((d) => d.errors);
    if (errors.length) throw new Error(errors[0]?.message.split("\n")[0]);
    parsed = docs[0]?.toJSON() ?? {};
  } catch (e) {
    return commandFailed(
      `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to decode: ${(e as Error).message}`,
    );
  }
  const kubeconfig = flags.get("kubeconfig") ?? "/etc/kubernetes/kubelet.conf";
  const bootstrap = flags.get("bootstrap-kubeconfig") ?? "/etc/kubernetes/bootstrap-kubelet.conf";
  if (!fs.isFile(kubeconfig) && !fs.isFile(bootstrap))
    return commandFailed(
      `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrap}: no such file or directory`,
    );
  const ca = parsed?.authentication?.x509?.clientCAFile;
  if (typeof ca === "string" && ca && !fs.isFile(ca))
    return commandFailed(
      `failed to construct kubelet dependencies: unable to load client CA file ${ca}: open ${ca}: no such file or directory`,
    );
  return undefined;
}
