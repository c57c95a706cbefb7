// kubectl attach without a terminal: it streams what the container prints from the moment it
// attaches until the container ends; earlier output is not replayed, as containerd's
// ContainerIO.Attach (internal/cri/io/container_io.go) adds the attach to the broadcast of the
// container's stdout and stderr.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "../../testing/cka";

describe("kubectl attach", () => {
  it("prints what the container writes after it attaches, until the container ends", () => {
    const r =
      run(`kubectl run t2 --image=busybox --restart=Never -- sh -c 'for i in $(seq 1 5); do echo n $i; sleep 2; done; echo end'
sleep 3
kubectl logs t2
kubectl attach t2
kubectl logs t2`);
    expect(last(r, "kubectl logs t2").stdout).toBe("n 1\nn 2\nn 3\nn 4\nn 5\nend\n");
    expect(last(r, "kubectl attach").stdout).toBe("n 3\nn 4\nn 5\nend\n");
    expect(r.find((e) => e.command === "kubectl logs t2")?.stdout).toBe("n 1\nn 2\n");
  });
});
