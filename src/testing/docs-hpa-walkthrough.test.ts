/**
 * The docs task "HorizontalPodAutoscaler Walkthrough" (tasks/run-application/
 * horizontal-pod-autoscale-walkthrough), typed as the page shows it on a cluster where
 * metrics-server was installed from its release manifest and given --kubelet-insecure-tls (a
 * kubeadm cluster's kubelets serve self-signed certificates). Expected shapes: v1.32's HPA table
 * (pkg/printers/internalversion/printers.go, `cpu: 250%/50%` targets), the controller's rescale
 * events and conditions (pkg/controller/podautoscaler/horizontal.go), and the page's story: the
 * load drives the CPU over the target, the replicas grow, and five minutes after the load stops
 * they come back to one.
 */
import { describe, expect, it } from "vitest";
import { lastEntry, runOnCka } from "./cka";

const SETUP = `kubectl apply -f https://k8s.io/examples/application/php-apache.yaml
kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml
kubectl patch -n kube-system deployment metrics-server --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]'
sleep 60
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
sleep 30
kubectl get hpa
`;
const LOAD = `/bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`;

/** The REPLICAS and TARGETS of `kubectl get hpa php-apache`'s one row. */
function row(stdout: string): { targets: string; replicas: number } {
  const line = stdout.split("\n")[1] ?? "";
  const m = /^php-apache {3}Deployment\/php-apache {3}(cpu: \S+) +1 +10 +(\d+) +\S+$/.exec(line);
  if (!m) throw new Error(`unexpected row: ${JSON.stringify(stdout)}`);
  return { targets: m[1] as string, replicas: Number(m[2]) };
}

describe("HorizontalPodAutoscaler Walkthrough", () => {
  it("scales php-apache up under the page's load generator and back to one after the load stops", () => {
    const entries = runOnCka(
      `${SETUP}kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- ${LOAD}
kubectl get hpa php-apache
kubectl get deployment php-apache
kubectl describe hpa php-apache
sleep 360
kubectl get hpa php-apache
kubectl get deployment php-apache
kubectl describe hpa php-apache
`,
    );
    expect(lastEntry(entries, "kubectl apply -f https://k8s.io").stdout).toBe(
      "deployment.apps/php-apache created\nservice/php-apache created\n",
    );
    expect(lastEntry(entries, "kubectl autoscale").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/php-apache autoscaled\n",
    );
    // Before any load: v1.32's columns and target format.
    expect(entries.find((e) => e.command === "kubectl get hpa")?.stdout).toBe(
      "NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\n" +
        "php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          30s\n",
    );
    // The load generator answers OK! until it is stopped (the attached session ends) and removed.
    const load = lastEntry(entries, "kubectl run -i --tty load-generator");
    // (The attached stream breaks its one long line every 16 KiB, as the CRI log does.)
    expect(load.stdout).toMatch(/^(OK!|\n)+\npod "load-generator" deleted\n$/);

    const gets = entries.filter((e) => e.command === "kubectl get hpa php-apache");
    const during = row(gets[0]?.stdout ?? "");
    expect(during.replicas).toBeGreaterThanOrEqual(5);
    expect(during.replicas).toBeLessThanOrEqual(8);
    expect(lastEntry(entries, "kubectl get deployment").stdout).toBeDefined();
    const describes = entries.filter((e) => e.command === "kubectl describe hpa php-apache");
    const up = describes[0]?.stdout ?? "";
    // From one replica the first step is bounded by max(2×1, 4) (calculateScaleUpLimit).
    expect(up).toMatch(
      /horizontal-pod-autoscaler {2}New size: 4; reason: cpu resource utilization \(percentage of request\) above target\n/,
    );
    expect(up).toMatch(
      /\n {2}ScalingActive +True +ValidMetricFound +the HPA was able to successfully calculate a replica count from cpu resource utilization \(percentage of request\)\n/,
    );
    expect(up).toMatch(
      / {2}resource cpu on pods {2}\(as a percentage of request\): {2}\d+% \(\d+m\) \/ 50%\n/,
    );

    // Six minutes after the load stopped (the 5-minute downscale stabilization window has passed): one.
    const after = row(gets[1]?.stdout ?? "");
    expect(after).toEqual({ targets: "cpu: 0%/50%", replicas: 1 });
    const deployments = entries.filter((e) => e.command === "kubectl get deployment php-apache");
    expect(deployments[1]?.stdout).toMatch(
      /^NAME {9}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nphp-apache {3}1\/1 {5}1 {12}1 {11}\d+m\n$/,
    );
    const down = describes[1]?.stdout ?? "";
    expect(down).toMatch(/New size: 1; reason: All metrics below target\n/);
    expect(down).toMatch(
      /\n {2}ScalingLimited +True +TooFewReplicas +the desired replica count is less than the minimum replica count\n/,
    );
  });

  it("shows the CPU over the target while the load runs, then the replicas holding for the stabilization window", () => {
    const poll = "kubectl get hpa php-apache\nsleep 15\n".repeat(12);
    const entries = runOnCka(
      `${SETUP}kubectl run load-generator --image=busybox:1.28 --restart=Never -- ${LOAD}
${poll}kubectl top pods
kubectl delete pod load-generator
sleep 60
kubectl get hpa php-apache
sleep 180
kubectl get hpa php-apache
sleep 120
kubectl get hpa php-apache
`,
    );
    const rows = entries.filter((e) => e.command === "kubectl get hpa php-apache").map((e) => row(e.stdout));
    // One pod under load: its CPU is its 500m limit, 250% of its 200m request (v1.32's `cpu: N%/50%`).
    const percentOf = (r: { targets: string }) => Number(/^cpu: (\d+)%\/50%$/.exec(r.targets)?.[1]);
    const hot = rows.find((r) => percentOf(r) > 100) as { targets: string; replicas: number };
    expect(hot.replicas).toBe(1);
    expect(percentOf(hot)).toBeGreaterThan(200);
    expect(percentOf(hot)).toBeLessThanOrEqual(255);
    // The replicas only grow while the load runs, and settle near the target.
    const loaded = rows.slice(0, 12);
    for (let i = 1; i < loaded.length; i++)
      expect(loaded[i]?.replicas).toBeGreaterThanOrEqual(loaded[i - 1]?.replicas ?? 0);
    const settled = loaded[loaded.length - 1] as { targets: string; replicas: number };
    expect(settled.replicas).toBeGreaterThanOrEqual(5);
    expect(Number(/^cpu: (\d+)%/.exec(settled.targets)?.[1])).toBeGreaterThanOrEqual(40);
    expect(Number(/^cpu: (\d+)%/.exec(settled.targets)?.[1])).toBeLessThanOrEqual(60);
    const top = lastEntry(entries, "kubectl top pods").stdout;
    expect(top).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/);
    // After the load: 0% at once, the replicas kept for the 5-minute window, then one.
    const [oneMinute, fourMinutes, sixMinutes] = rows.slice(12);
    expect(oneMinute).toEqual({ targets: "cpu: 0%/50%", replicas: settled.replicas });
    expect(fourMinutes?.replicas).toBe(settled.replicas);
    expect(sixMinutes).toEqual({ targets: "cpu: 0%/50%", replicas: 1 });
  });

  it("autoscales an autoscaling/v1 object (targetCPUUtilizationPercentage) the same way, stored as v2", () => {
    const v1 = [
      "apiVersion: autoscaling/v1",
      "kind: HorizontalPodAutoscaler",
      "metadata:",
      "  name: php-apache",
      "spec:",
      "  scaleTargetRef:",
      "    apiVersion: apps/v1",
      "    kind: Deployment",
      "    name: php-apache",
      "  minReplicas: 1",
      "  maxReplicas: 10",
      "  targetCPUUtilizationPercentage: 50",
    ].join("\n");
    const entries = runOnCka(
      `${SETUP.split("kubectl autoscale")[0]}cat <<YAML | kubectl apply -f -
${v1}
YAML
kubectl get hpa php-apache -o jsonpath='{.apiVersion} {.spec.metrics}'
kubectl run load-generator --image=busybox:1.28 --restart=Never -- ${LOAD}
sleep 120
kubectl get hpa php-apache
`,
    );
    expect(lastEntry(entries, "cat <<YAML").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/php-apache created\n",
    );
    expect(lastEntry(entries, "kubectl get hpa php-apache -o").stdout).toBe(
      'autoscaling/v2 [{"resource":{"name":"cpu","target":{"averageUtilization":50,"type":"Utilization"}},"type":"Resource"}]',
    );
    const after = entries.filter((e) => e.command === "kubectl get hpa php-apache").at(-1);
    expect(row(after?.stdout ?? "").replicas).toBeGreaterThanOrEqual(4);
  });

  it("keeps reporting <unknown> while metrics-server cannot scrape the kubelets", () => {
    const entries = runOnCka(
      `kubectl apply -f https://k8s.io/examples/application/php-apache.yaml
kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
sleep 60
kubectl get hpa php-apache
kubectl describe hpa php-apache
`,
    );
    expect(row(lastEntry(entries, "kubectl get hpa").stdout)).toEqual({
      targets: "cpu: <unknown>/50%",
      replicas: 1,
    });
    // The APIService exists but no metrics-server endpoint is ready: the aggregator answers 503.
    expect(lastEntry(entries, "kubectl describe hpa").stdout).toContain(
      "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)",
    );
  });
});
