// dgkanatsios/CKAD-exercises e.observability.md, typed as the page shows the solutions, on the cka
// scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster with
// containerd 1.7 (the upstream source named beside each), or the page's own output.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const LIVENESS_POD = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    imagePullPolicy: IfNotPresent
    name: nginx
    resources: {}
    livenessProbe:
      initialDelaySeconds: 5 # add this line
      periodSeconds: 5 # add this line as well
      exec:
        command:
        - ls
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}`;

const READINESS_POD = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    imagePullPolicy: IfNotPresent
    name: nginx
    resources: {}
    ports:
    - containerPort: 80
    readinessProbe: # declare the readiness probe
      httpGet: # add this line
        path: / #
        port: 80 #
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}`;

describe("e.observability: liveness, readiness and startup probes", () => {
  it("describe shows the probes as describe.go's DescribeProbe words them", () => {
    const r = run(`cat > pod.yaml <<'YAML'
${LIVENESS_POD}
YAML
kubectl create -f pod.yaml
kubectl describe po nginx | grep -i liveness
kubectl delete -f pod.yaml
cat > pod.yaml <<'YAML'
${READINESS_POD}
YAML
kubectl create -f pod.yaml
kubectl describe pod nginx | grep -i readiness`);
    expect(last(r, "kubectl describe po nginx").stdout).toBe(
      "    Liveness:       exec [ls] delay=5s timeout=1s period=5s #success=1 #failure=3\n",
    );
    expect(last(r, "kubectl delete").stdout).toBe('pod "nginx" deleted\n');
    expect(last(r, "kubectl describe pod nginx").stdout).toBe(
      "    Readiness:      http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3\n",
    );
  });

  it("lists the pods whose liveness probe failed, namespace/name, from the events", () => {
    // The page's liveness-exec pod (kubernetes.io's exec-liveness.yaml with busybox) in qa.
    const r = run(`kubectl create ns qa
cat <<'YAML' | kubectl apply -n qa -f -
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
YAML
sleep 50
kubectl get events -n qa | grep Unhealthy
kubectl get events -A -o json | jq -r '.items[] | select(.message | contains("Liveness probe failed")).involvedObject | .namespace + "/" + .name'`);
    // The page's typical event line.
    expect(last(r, "kubectl get events -n qa").stdout).toMatch(
      /^\d+s {9}Warning {3}Unhealthy {3}pod\/liveness-exec {3}Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n$/,
    );
    expect(last(r, "kubectl get events -A").stdout).toBe("qa/liveness-exec\n");
  });
});

describe("e.observability: debugging", () => {
  it("ls /notexist: the log says why, the pod failed", () => {
    const r = run(`kubectl run busybox --restart=Never --image=busybox -- /bin/sh -c 'ls /notexist'
sleep 5
kubectl logs busybox
kubectl get po busybox`);
    expect(last(r, "kubectl logs").stdout).toBe("ls: /notexist: No such file or directory\n");
    expect(last(r, "kubectl get po").stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nbusybox +0\/1 +Error +0 +5s\n$/,
    );
  });

  it("a command that does not exist: no log, a StartError that never started, the error in the events", () => {
    const r = run(`kubectl run busybox --restart=Never --image=busybox -- notexist
sleep 5
kubectl logs busybox
kubectl describe po busybox
kubectl get events | grep -i error
kubectl delete po busybox --force --grace-period=0`);
    const runc =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "notexist": executable file not found in $PATH: unknown';
    expect(last(r, "kubectl logs")).toMatchObject({ stdout: "", exit: 0 });
    // kuberuntime's toKubeContainerStatus: a task that never started has StartedAt 0, which
    // describe prints as the Unix epoch.
    expect(last(r, "kubectl describe").stdout).toContain(
      [
        "    State:          Terminated",
        "      Reason:       StartError",
        `      Message:      ${runc}`,
        "      Exit Code:    128",
        "      Started:      Thu, 01 Jan 1970 00:00:00 +0000",
        "      Finished:     Thu, 01 Jan 2026 00:00:00 +0000",
      ].join("\n"),
    );
    // (Columns as wide as the other events' lines, which grep left out.)
    expect(last(r, "kubectl get events").stdout.replace(/ {2,}/g, "  ")).toBe(
      `5s  Warning  Failed  pod/busybox  Error: ${runc}\n`,
    );
    // delete.go's warning for --grace-period=0 --force.
    expect(last(r, "kubectl delete")).toMatchObject({
      stdout: 'pod "busybox" force deleted\n',
      stderr:
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    });
  });

  it("kubectl top nodes without metrics-server: the Metrics API is not available", () => {
    // The cka scenario, like a fresh kubeadm cluster, runs no metrics-server (top_node.go).
    expect(last(run("kubectl top nodes"), "kubectl top")).toMatchObject({
      stderr: "error: Metrics API not available\n",
      exit: 1,
    });
  });
});
