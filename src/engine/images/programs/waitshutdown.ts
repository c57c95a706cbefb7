/**
 * ingress-nginx's /wait-shutdown (cmd/waitshutdown/main.go), the controller's preStop hook: it
 * sends SIGTERM to nginx-ingress-controller and waits for nginx to stop. Here nginx lives and dies
 * with the controller's process, which the kubelet stops right after the hook, so it ends at once.
 */
import type { CommandContext, Proc } from "../../sh/interface";

/** `/wait-shutdown`: exits 0. */
// biome-ignore lint/correctness/useYield: it has nothing to wait for
export function* waitShutdown(_ctx: CommandContext): Proc {
  return 0;
}
