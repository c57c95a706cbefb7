// More kubernetes.io task pages about Pods and containers, typed as the pages show them, on the cka
// scenario (the manifests from kubernetes/website content/en/examples, given inline: the cluster
// has no network to fetch https://k8s.io/examples/...). Expected text: the page's output, or what
// the image prints on a real cluster where the page is older than the image.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("Configure Liveness, Readiness and Startup Probes: registry.k8s.io/busybox:1.27.2", () => {
  it("pulls the page's image and fails the exec probe once /tmp/healthy is gone", () => {
    // pods/probe/exec-liveness.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
EOF
sleep 45
kubectl describe pod liveness-exec`);
    const events = last(r, "kubectl describe").stdout;
    expect(events).toContain('Successfully pulled image "registry.k8s.io/busybox:1.27.2"');
    expect(events).toMatch(
      /Warning {2}Unhealthy .*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/,
    );
    expect(events).toContain("Container liveness failed liveness probe, will be restarted");
  });
});

describe("Configure a Security Context: gcr.io/google-samples/hello-app:2.0", () => {
  it("runs the image's CMD ./hello-app from its working directory, as the user runAsUser names", () => {
    // pods/security/security-context-2.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-2
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: sec-ctx-demo-2
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      runAsUser: 2000
      allowPrivilegeEscalation: false
EOF
sleep 5
kubectl get pod security-context-demo-2 --no-headers
kubectl exec security-context-demo-2 -- ps aux`);
    expect(last(r, "kubectl get").stdout).toMatch(/^security-context-demo-2\s+1\/1\s+Running\s+0\s/);
    expect(last(r, "kubectl exec").stdout).toMatch(
      /^PID +USER +TIME +COMMAND\n +1 2000 +0:00 \.\/hello-app\n/,
    );
  });
});

describe("kubectl exec -i", () => {
  it("gives the process kubectl's stdin (a heredoc into sh); without -i it gets none", () => {
    const r = run(`kubectl run b --image=busybox:1.28 -- sleep 1h
sleep 3
kubectl exec -i b -- sh <<'S'
echo from stdin
S
echo ignored | kubectl exec b -- cat`);
    expect(last(r, "kubectl exec -i").stdout).toBe("from stdin\n");
    expect(last(r, "echo ignored").stdout).toBe("");
  });
});
