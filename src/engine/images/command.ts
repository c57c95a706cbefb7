/**
 * What a container runs: the kubelet expands `$(VAR)` in command and args
 * (kubecontainer.ExpandContainerCommandAndArgs, pkg/kubelet/container/helpers.go), then the
 * runtime joins them with the image's config (containerd's WithProcessArgs,
 * internal/cri/opts/spec_opts.go, after moby's daemon/commit.go):
 * - `command` replaces the image's ENTRYPOINT, and the image's CMD is dropped with it;
 * - `args` replaces CMD (with the image's ENTRYPOINT, or with `command`);
 * - neither: ENTRYPOINT followed by CMD.
 * An empty result is containerd's `no command specified` (CreateContainerError).
 */
import type { ImageConfig } from "./types";

/** The fields of a container spec that decide its process. */
export interface ContainerCommand {
  command?: string[];
  args?: string[];
}

/** Expands one string's `$(VAR)` references against the container's environment. */
export type Expand = (s: string) => string;

/**
 * kubecontainer.ExpandContainerCommandAndArgs: command and args with `$(VAR)` expanded; a field
 * the spec leaves empty stays undefined (Go's nil slice).
 */
export function expandContainerCommandAndArgs(
  container: ContainerCommand,
  expand: Expand,
): { command?: string[]; args?: string[] } {
  const out: { command?: string[]; args?: string[] } = {};
  if (container.command?.length) out.command = container.command.map(expand);
  if (container.args?.length) out.args = container.args.map(expand);
  return out;
}

/** containerd's error text when neither the pod nor the image gives a command. */
export const ErrNoCommandSpecified = "no command specified";

/** The CreateContainerError message the kubelet reports for a container id without a command. */
export function noCommandMessage(containerId: string): string {
  return `failed to generate container "${containerId}" spec: failed to generate spec: ${ErrNoCommandSpecified}`;
}

/** The argv of a container's process, or containerd's error when there is none. */
export type ResolvedCommand =
  | { ok: true; argv: string[] }
  | { ok: false; error: typeof ErrNoCommandSpecified };

/** containerd's WithProcessArgs: joins expanded command and args with the image's config. */
export function processArgs(
  command: string[] | undefined,
  args: string[] | undefined,
  image: Pick<ImageConfig, "entrypoint" | "cmd">,
): ResolvedCommand {
  let cmd = command ?? [];
  let rest = args ?? [];
  if (cmd.length === 0) {
    if (rest.length === 0) rest = [...image.cmd];
    if (!(image.entrypoint.length === 1 && image.entrypoint[0] === "")) cmd = [...image.entrypoint];
  }
  if (cmd.length === 0 && rest.length === 0) return { ok: false, error: ErrNoCommandSpecified };
  return { ok: true, argv: [...cmd, ...rest] };
}

/**
 * The argv a container runs: its command and args expanded, joined with the image's entrypoint
 * and cmd.
 * @example resolveCommand({ args: ["-text=hi"] }, httpEcho, id) // ["/http-echo", "-text=hi"]
 */
export function resolveCommand(
  container: ContainerCommand,
  image: Pick<ImageConfig, "entrypoint" | "cmd">,
  expand: Expand,
): ResolvedCommand {
  const { command, args } = expandContainerCommandAndArgs(container, expand);
  return processArgs(command, args, image);
}
