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

describe("f.services: the foo deployment of dgkanatsios/simpleapp", () => {
  it("answers each caller with its pod's host name on 8080 (github.com/dgkanatsios/simpleapp server.js)", () => {
    const r = run(`kubectl create deploy foo --image=dgkanatsios/simpleapp --port=8080 --replicas=3
sleep 20
kubectl expose deploy foo --port=6262 --target-port=8080
kubectl run tmp --image=busybox --restart=Never -it --rm -- wget -qO- foo:6262
kubectl logs deploy/foo`);
    expect(last(r, "kubectl run tmp").stdout).toMatch(
      /^Hello world from foo-[a-z0-9]+-[a-z0-9]{5}\npod "tmp" deleted\n$/,
    );
    // npm start's banner, then server.js's start line.
    expect(last(r, "kubectl logs").stdout).toMatch(
      /^\n> simpleapp@1\.0\.0 start \/usr\/src\/app\n> node server\.js\n\nRunning on http:\/\/0\.0\.0\.0:8080\n/,
    );
  });
});

describe("a.core_concepts: a temp busybox pod wgets an address nothing answers", () => {
  it("streams the container until wget gives up, then --rm deletes the pod and kubectl reports the failure", () => {
    const r = run("kubectl run busybox --image=busybox --rm -it --restart=Never -- wget -O- 10.1.1.131:80");
    // busybox wget: "Connecting to" then the kernel's connect timeout (127 s); run.go's attach
    // hint, `pod "busybox" deleted` and "pod default/busybox terminated (Error)" with exit 1.
    expect(r[0]).toEqual({
      command: "kubectl run busybox --image=busybox --rm -it --restart=Never -- wget -O- 10.1.1.131:80",
      stdout:
        'Connecting to 10.1.1.131:80 (10.1.1.131:80)\nwget: can\'t connect to remote host (10.1.1.131): Connection timed out\npod "busybox" deleted\n',
      stderr:
        "If you don't see a command prompt, try pressing enter.\npod default/busybox terminated (Error)\n",
      exit: 1,
    });
  });
});

describe("a.core_concepts: env with a terminal", () => {
  it("kubectl exec -it and kubectl run -it show TERM=xterm where containerd puts it", () => {
    const r = run(`kubectl run nginx --image=nginx --restart=Never --env=var1=val1
sleep 5
kubectl exec -it nginx -- env
kubectl exec nginx -- env
kubectl run busybox --image=busybox --command --restart=Never -it --rm -- env`);
    const names = (text: string) =>
      text
        .trimEnd()
        .split("\n")
        .map((l) => l.split("=")[0]);
    // execInternal appends TERM to the container's env; runc's HOME follows.
    expect(names(r[2]?.stdout ?? "").slice(-3)).toEqual(["KUBERNETES_PORT_443_TCP_ADDR", "TERM", "HOME"]);
    expect(r[3]?.stdout).not.toContain("TERM=");
    // A tty container: oci.WithTTY's TERM comes before HOSTNAME.
    expect(names(r[4]?.stdout ?? "").slice(0, 3)).toEqual(["PATH", "TERM", "HOSTNAME"]);
  });
});
