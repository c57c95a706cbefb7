// The StatefulSet controller through kubectl, on the cka scenario: ordered creation and scale
// down, claims from templates, rolling update by ordinal with a partition, Parallel, OnDelete.
// Texts are stateful_pod_control.go's events and rollout_status.go's StatefulSetStatusViewer.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../../../cli/report";
import { lastEntry as last, runOnCka as run } from "../../../testing/cka";

function sts(extra: string, replicas = 3, readiness = ""): string {
  return `kubectl apply -f - <<DOC
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  ports:
  - port: 80
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
  selector:
    matchLabels:
      app: nginx
${extra}
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27${readiness}
DOC`;
}

const names = (e: ReportEntry) =>
  e.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]);

describe("StatefulSet", () => {
  it("creates pods in ordinal order, each after the one before is Ready, with stable identities", () => {
    const r = run(`${sts(
      "",
      3,
      `
        readinessProbe:
          exec:
            command: ["true"]
          initialDelaySeconds: 10`,
    )}
sleep 5
kubectl get pods -l app=nginx --no-headers
sleep 60
kubectl get pods -l app=nginx --no-headers
kubectl get sts web
kubectl exec web-1 -- hostname
kubectl get pod web-2 -o jsonpath='{.spec.hostname} {.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}'
kubectl get events --field-selector involvedObject.kind=StatefulSet -o custom-columns=REASON:.reason,MSG:.message --no-headers`);
    const early = r.find((e) => e.command === "kubectl get pods -l app=nginx --no-headers") as ReportEntry;
    expect(names(early)).toEqual(["web-0"]);
    expect(names(last(r, "kubectl get pods"))).toEqual(["web-0", "web-1", "web-2"]);
    expect(last(r, "kubectl get sts").stdout).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s/);
    expect(last(r, "kubectl exec").stdout).toBe("web-1\n");
    expect(last(r, "kubectl get pod web-2").stdout).toBe("web-2 nginx web-2 2");
    expect(last(r, "kubectl get events").stdout).toContain(
      "SuccessfulCreate   create Pod web-2 in StatefulSet web successful",
    );
  });

  it("scales down from the highest ordinal and rolls pods from the top down to the partition", () => {
    const r = run(`${sts(`  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 1`)}
sleep 30
kubectl set image statefulset/web nginx=nginx:1.26
sleep 40
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image --no-headers
kubectl rollout status sts/web
kubectl scale sts web --replicas=1
sleep 1
kubectl get pods -l app=nginx --no-headers
sleep 60
kubectl get pods -l app=nginx --no-headers
kubectl rollout history sts/web`);
    expect(last(r, "kubectl get pods -l app=nginx -o custom-columns").stdout).toMatch(
      /^web-0\s+nginx:1.27\nweb-1\s+nginx:1.26\nweb-2\s+nginx:1.26\n$/,
    );
    expect(last(r, "kubectl rollout status").stdout).toBe(
      "partitioned roll out complete: 2 new pods have been updated...\n",
    );
    expect(names(last(r, "kubectl get pods -l app=nginx --no-headers"))).toEqual(["web-0"]);
    expect(last(r, "kubectl rollout history").stdout).toMatch(
      /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/,
    );
  });

  it("creates a claim per template and ordinal, labelled with the selector, and keeps it after scale down", () => {
    const r = run(`${sts(
      `  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi`,
      1,
    )}
sleep 3
kubectl get pvc www-web-0 --show-labels --no-headers
kubectl get pod web-0 -o jsonpath='{.spec.volumes[0].name}={.spec.volumes[0].persistentVolumeClaim.claimName}'
kubectl describe sts web`);
    expect(last(r, "kubectl get pvc").stdout).toMatch(/^www-web-0\s+Pending\s.*app=nginx\n$/);
    expect(last(r, "kubectl get pod web-0").stdout).toBe("www=www-web-0");
    const d = last(r, "kubectl describe sts").stdout;
    expect(d).toContain("Replicas:           1 desired | 1 total\n");
    expect(d).toContain("Update Strategy:    RollingUpdate\n  Partition:        0\n");
    expect(d).toContain("Volume Claims:\n  Name:          www\n  StorageClass:  \n");
    expect(d).toContain("  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\n");
    expect(d).toContain("create Claim www-web-0 Pod web-0 in StatefulSet web success");
  });

  it("refuses changes to fields other than replicas, template, updateStrategy...", () => {
    const r = run(`${sts("", 1)}
kubectl patch sts web --type=merge -p '{"spec":{"serviceName":"other"}}'`);
    expect(last(r, "kubectl patch").stderr).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n",
    );
  });

  it("with Parallel creates every pod at once; with OnDelete leaves old pods until deleted", () => {
    const r = run(`${sts(`  podManagementPolicy: Parallel
  updateStrategy:
    type: OnDelete`)}
sleep 1
kubectl get pods -l app=nginx --no-headers
sleep 30
kubectl set image sts/web nginx=nginx:1.26
sleep 30
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image --no-headers
kubectl delete pod web-1
sleep 20
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image --no-headers`);
    const first = r.find((e) => e.command === "kubectl get pods -l app=nginx --no-headers") as ReportEntry;
    expect(names(first)).toEqual(["web-0", "web-1", "web-2"]);
    const images = r.filter((e) => e.command.includes("custom-columns")).map((e) => e.stdout);
    expect(images[0]).toMatch(/web-0\s+nginx:1.27\nweb-1\s+nginx:1.27\nweb-2\s+nginx:1.27/);
    expect(images[1]).toMatch(/web-0\s+nginx:1.27\nweb-1\s+nginx:1.26\nweb-2\s+nginx:1.27/);
  });
});
