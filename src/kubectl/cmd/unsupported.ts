/**
 * Verbs that need something a simulated cluster does not have (network tunnels), answered as a real cluster in that state would.
 */
import { type Command, KubectlError } from "../command";

/** `kubectl port-forward`, `cp`, `proxy`: need a network path the simulator has not got. */
function noTunnel(name: string): Command {
  return {
    name,
    flags: [
      { name: "container", short: "c", type: "string" },
      { name: "stdin", short: "i", type: "bool" },
      { name: "tty", short: "t", type: "bool" },
      { name: "address", type: "stringArray" },
      { name: "port", short: "p", type: "string" },
      { name: "pod-running-timeout", type: "string" },
    ],
    run() {
      throw new KubectlError(
        `kubectl ${name} needs a network connection to the cluster, which Kubeglass simulates without one; use kubectl exec or kubectl logs instead`,
      );
    },
  };
}

export const portForward = noTunnel("port-forward");
export const cp = noTunnel("cp");
export const proxy = noTunnel("proxy");
