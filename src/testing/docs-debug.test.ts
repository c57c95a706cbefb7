import { describe, expect, it } from "vitest";
import { bootCluster } from "../cli/scenario";
import { Shell } from "../shell";

describe("scratch", () => {
  it("runs", () => {
    const { cluster, home } = bootCluster("cka");
    const shell = new Shell(cluster, { home });
    for (const line of [
      "kubectl run app --image=registry.k8s.io/pause:3.10",
      "sleep 20",
      "kubectl debug -it app --image=busybox --target=app",
      "ps",
      "exit",
      "kubectl get pod app -o yaml",
      "kubectl describe pod app",
      "kubectl run web --image=nginx",
      "sleep 20",
      "kubectl debug web -it --image=busybox --copy-to=web-copy --profile=general -- sh -c 'echo ok'",
      "kubectl get pods --show-labels",
    ]) {
      const r = shell.run(line);
      console.log(`$ ${line}\n${r.stdout}${r.stderr ? `[stderr]${r.stderr}` : ""}[exit ${r.exit}] prompt=${shell.prompt()}`);
    }
  });
});
