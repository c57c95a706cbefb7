// ps on a node shows the containers' main processes beside the kubelet, as a real node's ps
// does: the classic way to read kube-apiserver's flags on the control plane.
import { describe, expect, it } from "vitest";
import { runOnCka as run } from "../testing/cka";

describe("ps on a node", () => {
  it("lists the control plane's processes with their flags, and a pod's process on its node", () => {
    const r = run(`ps aux | grep kube-apiserver | grep -v grep
ps -ef | grep -c /pause
kubectl run sleeper --image=busybox --overrides='{"spec":{"nodeName":"node01"}}' -- sleep 4242
sleep 10
ssh node01
ps aux | grep 'sleep 4242' | grep -v grep`);
    expect(r[0]?.stdout).toMatch(
      /^root\s+\d+ .* kube-apiserver --advertise-address=192\.168\.1\.2 .*--secure-port=6443/,
    );
    expect(Number(r[1]?.stdout.trim())).toBeGreaterThanOrEqual(4);
    expect(r[r.length - 1]?.stdout).toMatch(/^root\s+\d+ .* sleep 4242\n$/);
  });
});
