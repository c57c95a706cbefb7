/**
 * metrics-server on the cka cluster, driven as a learner types it: the release manifest from its
 * URL (bundled), the kubeadm kubelets' certificates failing the scrape, --kubelet-insecure-tls
 * fixing it, and usage that follows what containers do (a busy loop capped by its CPU limit,
 * stress workers, an idle sleep).
 */
import { describe, expect, it } from "vitest";
import { lastEntry, runOnCka } from "../../testing/cka";

const URL = "https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml";
const INSECURE =
  '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]';
const BUSY = `apiVersion: v1
kind: Pod
metadata:
  name: busy
spec:
  containers:
  - name: busy
    image: busybox
    command: ["sh", "-c", "while true; do :; done"]
    resources:
      limits:
        cpu: 300m
`;

describe("metrics-server and kubectl top", () => {
  it("fails to scrape kubeadm kubelets by IP until --kubelet-insecure-tls, then serves usage", () => {
    const entries = runOnCka(`kubectl apply -f ${URL}
sleep 40
kubectl top node
kubectl -n kube-system get pods -l k8s-app=metrics-server --no-headers
kubectl -n kube-system logs deploy/metrics-server --tail=2
kubectl -n kube-system patch deploy metrics-server --type=json -p '${INSECURE}'
cat > busy.yaml <<END
${BUSY}END
kubectl apply -f busy.yaml
kubectl run idle --image=busybox -- sleep 3600
kubectl run hog --image=polinux/stress -- stress --cpu 1 --vm 1 --vm-bytes 150M
sleep 60
kubectl top pod --sort-by=cpu --no-headers
kubectl top pod nope
kubectl apply -f https://example.com/x.yaml`);
    expect(lastEntry(entries, "kubectl top node").stderr).toBe("error: Metrics API not available\n");
    expect(lastEntry(entries, "kubectl -n kube-system get pods").stdout).toMatch(/0\/1 +Running/);
    expect(lastEntry(entries, "kubectl -n kube-system logs").stdout).toContain("doesn't contain any IP SANs");
    const top = lastEntry(entries, "kubectl top pod --sort-by").stdout.trim().split("\n");
    expect(top.map((l) => l.split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "hog 2000m 150Mi",
      "busy 300m 0Mi",
      "idle 0m 0Mi",
    ]);
    expect(lastEntry(entries, "kubectl top pod nope").stderr).toBe(
      'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n',
    );
    expect(lastEntry(entries, "kubectl apply -f https://example.com").stderr).toBe(
      "Unable to connect to the server: dial tcp: lookup example.com on 127.0.0.53:53: no such host\n",
    );
  });
});
