// kubectl get --raw (the API server's answers to GETs of paths) and set image --record
// (RecordFlags.parseCommandArguments' change cause), through the CLI on the cka scenario.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../../cli/report";
import { KUBERNETES_VERSION } from "../../engine/kubelet/constants";
import { runOnCka as run } from "../../testing/cka";

describe("kubectl get --raw", () => {
  it("answers health checks, /version, resource paths, and NotFound", () => {
    const [healthz, readyz, version, svc, missing, args] = run(`kubectl get --raw /healthz
kubectl get --raw '/readyz?verbose'
kubectl get --raw /version
kubectl get --raw /api/v1/namespaces/kube-system/services/kube-dns
kubectl get --raw /api/v1/nope
kubectl get pods --raw /healthz`) as ReportEntry[];
    expect(healthz?.stdout).toBe("ok\n");
    expect(readyz?.stdout).toMatch(/^\[\+\]ping ok\n[\s\S]*readyz check passed\n\n$/);
    expect(JSON.parse(version?.stdout ?? "")).toMatchObject({
      major: "1",
      minor: "32",
      gitVersion: KUBERNETES_VERSION,
    });
    expect(JSON.parse(svc?.stdout ?? "")).toMatchObject({ kind: "Service", metadata: { name: "kube-dns" } });
    expect(missing?.stderr).toBe(
      "Error from server (NotFound): the server could not find the requested resource\n",
    );
    expect(args?.stderr).toBe("error: arguments may not be passed when --raw is specified\n");
  });
});

describe("kubectl set image --record", () => {
  it("records the command line as the change cause, with the deprecation warning", () => {
    const r = run(`kubectl create deploy web --image=nginx
sleep 5
kubectl set image deploy/web nginx=nginx:1.25 --record
sleep 5
kubectl rollout history deploy web`);
    expect(r[2]?.stderr).toBe("Flag --record has been deprecated, --record will be removed in the future\n");
    expect(r[4]?.stdout).toMatch(/\n2\s+kubectl set image deploy\/web nginx=nginx:1.25 --record=true\n/);
  });
});
