/**
 * What a pod's container runs, as the kubelet resolves it (kuberuntime_container.go via
 * images/command processArgs): its command and args over the image's ENTRYPOINT and CMD.
 * `kubectl attach` and `kubectl run -it` decide from it whether a terminal gets a shell.
 */
import type { Pod } from "../../engine/api/kinds";
import { processArgs } from "../../engine/images/command";
import { imageConfigOf } from "../../engine/kubelet/launch";

/** The container's spec among containers and ephemeral containers. */
function specOf(pod: Pod, name: string) {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find(
    (c) => c.name === name,
  );
}

/** The argv the container runs: its command and args over the image's entrypoint and cmd. */
export function argvOf(pod: Pod, name: string): string[] {
  const c = specOf(pod, name);
  const image = imageConfigOf(c?.image ?? "");
  const own = [...(c?.command ?? []), ...(c?.args ?? [])];
  if (!image) return own;
  const r = processArgs(c?.command ?? [], c?.args ?? [], image);
  return r.ok ? r.argv : own;
}
