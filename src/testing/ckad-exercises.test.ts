// The public CKAD exercise set (github.com/dgkanatsios/CKAD-exercises) typed as its pages show
// the solutions, on the cka scenario. Expected texts are what kubectl v1.32 prints, with the
// upstream file (or the v1.32.4 binary's client-side output) named beside each.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("c.pod_design: deployments", () => {
  it("rollout history --revision shows the revision's whole pod template, tabs unaligned", () => {
    const r = run(`kubectl create deploy nginx --image=nginx:1.18.0 --replicas=2 --port=80
kubectl set image deploy nginx nginx=nginx:1.91
kubectl rollout history deploy nginx --revision=2`);
    // polymorphichelpers/history.go printTemplate: describe.DescribePodTemplate through a
    // PrefixWriter over a plain buffer; rollout_history.go prints "with revision #N\n" + that.
    expect(last(r, "kubectl rollout history").stdout).toBe(
      [
        "deployment.apps/nginx with revision #2",
        "Pod Template:",
        "  Labels:\tapp=nginx",
        "\tpod-template-hash=77b444779b",
        "  Containers:",
        "   nginx:",
        "    Image:\tnginx:1.91",
        "    Port:\t80/TCP",
        "    Host Port:\t0/TCP",
        "    Environment:\t<none>",
        "    Mounts:\t<none>",
        "  Volumes:\t<none>",
        "  Node-Selectors:\t<none>",
        "  Tolerations:\t<none>",
        "",
        "",
      ].join("\n"),
    );
  });
});
