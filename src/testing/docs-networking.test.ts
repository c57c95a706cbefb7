// NetworkPolicy, Ingress and HorizontalPodAutoscaler as common CKA exercises type them, on the cka
// scenario (kubeadm v1.32, flannel, no metrics-server, no ingress controller). Expected texts are
// what kubectl v1.32 prints (printers.go, describe.go) and what horizontal.go records.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress`;

const apply = (yaml: string) => `kubectl apply -f - <<DOC\n${yaml}\nDOC`;

describe("NetworkPolicy on flannel", () => {
  it("is stored and described, and traffic still flows (flannel does not enforce policies)", () => {
    const r = run(`kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
kubectl run client --image=busybox --restart=Never -- sleep 3600
${apply(DENY_ALL)}
sleep 30
kubectl get netpol
kubectl describe netpol default-deny-ingress
kubectl exec client -- wget -qO- -T 2 http://web`);
    expect(last(r, "kubectl apply").stdout).toBe(
      "networkpolicy.networking.k8s.io/default-deny-ingress created\n",
    );
    expect(last(r, "kubectl get netpol").stdout).toMatch(
      /^NAME\s+POD-SELECTOR\s+AGE\ndefault-deny-ingress\s+<none>\s+30s\n$/,
    );
    expect(last(r, "kubectl describe netpol").stdout).toMatch(
      /Spec:\n {2}PodSelector: {5}<none> \(Allowing the specific traffic to all pods in this namespace\)\n {2}Allowing ingress traffic:\n {4}<none> \(Selected pods are isolated for ingress connectivity\)\n {2}Not affecting egress traffic\n {2}Policy Types: Ingress\n$/,
    );
    expect(last(r, "kubectl exec client").stdout).toContain("Welcome to nginx!");
  });
});

describe("Ingress without an ingress controller", () => {
  it("is created by kubectl create ingress, has no address, and describes its backends", () => {
    const r = run(`kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
kubectl create ingress web --class=nginx --rule="shop.example.com/*=web:80" --rule="shop.example.com/api=api:8080"
sleep 30
kubectl get ingress
kubectl describe ingress web`);
    expect(last(r, "kubectl create ingress").stdout).toBe("ingress.networking.k8s.io/web created\n");
    expect(last(r, "kubectl get ingress").stdout).toMatch(
      /^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nweb\s+nginx\s+shop\.example\.com\s+80\s+30s\n$/,
    );
    const described = last(r, "kubectl describe ingress").stdout;
    expect(described).toMatch(
      /^Name:\s+web\nLabels:\s+<none>\nNamespace:\s+default\nAddress:\s+\nIngress Class:\s+nginx\n/,
    );
    expect(described).toContain("Default backend:  <default>\n");
    expect(described).toMatch(/\/ +web:80 \(10\.244\.\d+\.\d+:80\)\n/);
    expect(described).toContain('/api   api:8080 (<error: endpoints "api" not found>)\n');
    expect(described).toMatch(/Events: +<none>\n$/);
  });
});

describe("kubectl autoscale without metrics-server", () => {
  it("keeps replicas at the minimum and reports the missing Metrics API", () => {
    const r = run(`kubectl create deployment web --image=nginx --replicas=1
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80
kubectl get hpa
sleep 60
kubectl get hpa
kubectl get deployment web
kubectl describe hpa web
kubectl get all`);
    expect(last(r, "kubectl autoscale").stdout).toBe("horizontalpodautoscaler.autoscaling/web autoscaled\n");
    const gets = r.filter((e) => e.command === "kubectl get hpa").map((e) => e.stdout);
    expect(gets[0]).toMatch(
      /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/80%\s+2\s+5\s+0\s+0s\n$/,
    );
    expect(gets[1]).toMatch(/^web\s+Deployment\/web\s+cpu: <unknown>\/80%\s+2\s+5\s+2\s+60s$/m);
    expect(last(r, "kubectl get deployment").stdout).toMatch(/^web\s+2\/2\s+2\s+2\s/m);
    const described = last(r, "kubectl describe hpa").stdout;
    expect(described).toContain("  resource cpu on pods  (as a percentage of request):  <unknown> / 80%\n");
    expect(described).toMatch(/Deployment pods: +2 current \/ 2 desired\n/);
    expect(described).toMatch(
      /ScalingActive +False +FailedGetResourceMetric +the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)\n/,
    );
    expect(described).toMatch(
      /Normal +SuccessfulRescale +\d+s +horizontal-pod-autoscaler +New size: 2; reason: Current number of replicas below Spec\.MinReplicas\n/,
    );
    expect(described).toMatch(
      /Warning +FailedComputeMetricsReplicas +\S+ \(x3 over \d+s\) +horizontal-pod-autoscaler +invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: /,
    );
    expect(last(r, "kubectl get all").stdout).toMatch(
      /\nhorizontalpodautoscaler\.autoscaling\/web +Deployment\/web +cpu: <unknown>\/80%/,
    );
  });
});
