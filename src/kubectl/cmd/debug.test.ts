// kubectl debug node/NAME (debug.go generateNodeDebugPod): a pod on the node in its host
// namespaces with the node's root at /host; through the CLI on the cka scenario.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../../cli/report";
import { runOnCka as run } from "../../testing/cka";
import { LegacyProfileWarning } from "./debug-profiles";

describe("kubectl debug node", () => {
  it("runs a debugging pod on the node that sees the node's files under /host", () => {
    const [ls, pods, spec, missing] =
      run(`kubectl debug node/node01 -it --image=busybox -- cat /host/etc/hostname
kubectl get pods --no-headers
kubectl get pods -o jsonpath='{.items[0].spec.nodeName} {.items[0].spec.hostPID} {.items[0].spec.volumes[0].hostPath.path}'
kubectl debug node/nope -it --image=busybox`) as ReportEntry[];
    expect(ls?.stdout).toMatch(
      /^Creating debugging pod node-debugger-node01-[a-z0-9]{5} with container debugger on node node01\.\nnode01\n$/,
    );
    expect(ls?.stderr).toBe(`${LegacyProfileWarning}\n`);
    expect(pods?.stdout).toMatch(/^node-debugger-node01-[a-z0-9]{5}\s+0\/1\s+Completed\s/);
    expect(spec?.stdout).toBe("node01 true /");
    expect(missing?.stderr).toBe(
      `${LegacyProfileWarning}\nError from server (NotFound): nodes "nope" not found\n`,
    );
  });
});
