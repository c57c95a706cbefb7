// dgkanatsios/CKAD-exercises f.services.md, typed as the page shows the solutions, on the cka
// scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster with
// flannel (the upstream source named beside each), or the page's own output. (More of this page:
// ckad-exercises.test.ts.)
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("f.services: a pod exposed on port 80", () => {
  it("run --expose makes the Service first; its endpoint comes once the pod is ready", () => {
    const r = run(`kubectl run nginx --image=nginx --restart=Never --port=80 --expose
kubectl get ep nginx
sleep 5
kubectl get ep nginx
IP=$(kubectl get svc nginx --template={{.spec.clusterIP}})
kubectl run busybox --rm --image=busybox -it --restart=Never --env="IP=$IP" -- wget -O- $IP:80 --timeout 2
kubectl patch svc nginx -p '{"spec":{"type":"NodePort"}}'
kubectl get svc nginx
curl -s -o /dev/null -w '%{http_code}\\n' 192.168.1.3:$(kubectl get svc nginx -o jsonpath='{.spec.ports[0].nodePort}')
kubectl delete svc nginx
kubectl delete pod nginx`);
    // run.go creates the Service, then the pod.
    expect(r[0]?.stdout).toBe("service/nginx created\npod/nginx created\n");
    // The pod has its IP but is not ready: a notReadyAddresses subset, which printers.go's
    // formatEndpoints shows as nothing (<none> is for no subsets at all).
    expect(r[1]?.stdout).toBe("NAME    ENDPOINTS   AGE\nnginx               0s\n");
    expect(r[3]?.stdout).toMatch(/^NAME +ENDPOINTS +AGE\nnginx +10\.244\.\d+\.\d+:80 +5s\n$/);
    expect(last(r, "kubectl run busybox").stdout).toMatch(
      /^Connecting to 10\.\d+\.\d+\.\d+:80 \(10\.\d+\.\d+\.\d+:80\)\nwriting to stdout\n<!DOCTYPE html>[\s\S]*written to stdout\npod "busybox" deleted\n$/,
    );
    expect(last(r, "kubectl patch").stdout).toBe("service/nginx patched\n");
    expect(last(r, "kubectl get svc").stdout).toMatch(
      /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nnginx +NodePort +10\.\d+\.\d+\.\d+ +<none> +80:3\d{4}\/TCP +\d+s\n$/,
    );
    expect(last(r, "curl").stdout).toBe("200\n");
  });
});

describe("f.services: the foo deployment", () => {
  it("each pod IP answers with its own name; the Service's endpoints list all three", () => {
    const r = run(`kubectl create deploy foo --image=dgkanatsios/simpleapp --port=8080 --replicas=3
kubectl label deployment foo --overwrite app=foo
sleep 15
kubectl get po -l app=foo -o jsonpath='{range .items[*]}{.status.podIP}{"\\n"}{end}' | xargs -L1 -I '{}' kubectl run --rm -ti tmp --restart=Never --image=busybox -- wget -O- http://\\{\\}:8080
kubectl get po -l app=foo -o jsonpath='{.items[*].metadata.name}'
kubectl expose deploy foo --port=6262 --target-port=8080
kubectl get endpoints foo`);
    // label.go: the label is already there.
    expect(last(r, "kubectl label").stdout).toBe("deployment.apps/foo not labeled\n");
    const names = last(r, "kubectl get po -l app=foo -o jsonpath='{.items").stdout.split(" ");
    const hellos = last(r, "kubectl get po -l app=foo -o jsonpath='{range").stdout.match(
      /Hello world from \S+/g,
    );
    expect(hellos).toEqual(names.map((n) => `Hello world from ${n}`));
    expect(last(r, "kubectl get endpoints").stdout).toMatch(
      /^NAME +ENDPOINTS +AGE\nfoo +10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080 +0s\n$/,
    );
  });
});

describe("f.services: a NetworkPolicy on flannel", () => {
  it("is created and described, but flannel does not enforce it: both wgets get the page", () => {
    const r = run(`kubectl create deployment nginx --image=nginx --replicas=2
kubectl expose deployment nginx --port=80
cat > policy.yaml <<'YAML'
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: access-nginx # pick a name
spec:
  podSelector:
    matchLabels:
      app: nginx # selector for the pods
  ingress: # allow ingress traffic
  - from:
    - podSelector: # from pods
        matchLabels: # with this label
          access: granted
YAML
kubectl create -f policy.yaml
sleep 10
kubectl run busybox --image=busybox --rm -it --restart=Never -- wget -O- http://nginx:80 --timeout 2
kubectl run busybox --image=busybox --rm -it --restart=Never --labels=access=granted -- wget -O- http://nginx:80 --timeout 2
kubectl describe netpol access-nginx`);
    expect(last(r, "kubectl create -f").stdout).toBe(
      "networkpolicy.networking.k8s.io/access-nginx created\n",
    );
    // The page expects the first wget to time out; that needs a CNI that enforces policies
    // (Calico, Cilium). The cka scenario runs flannel, which does not: both get nginx's page.
    for (const e of r.filter((x) => x.command.startsWith("kubectl run busybox")))
      expect(e).toMatchObject({
        stdout: expect.stringContaining("<title>Welcome to nginx!</title>"),
        exit: 0,
      });
    expect(last(r, "kubectl describe").stdout).toContain(
      [
        "Spec:",
        "  PodSelector:     app=nginx",
        "  Allowing ingress traffic:",
        "    To Port: <any> (traffic allowed to all ports)",
        "    From:",
        "      PodSelector: access=granted",
        "  Not affecting egress traffic",
        "  Policy Types: Ingress",
      ].join("\n"),
    );
  });
});

describe("f.services: an Ingress for the nginx Service", () => {
  it("with no ingress controller it has no address; describe shows the rule and its backends", () => {
    const r = run(`kubectl create deployment nginx --image=nginx --port=80
kubectl expose deployment nginx --port=80 --name=nginx
sleep 10
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: nginx-ingress
spec:
  rules:
  - host: nginx.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: nginx
            port:
              number: 80
YAML
kubectl get ingress
kubectl describe ingress nginx-ingress`);
    expect(last(r, "kubectl get ingress").stdout).toBe(
      "NAME            CLASS    HOSTS               ADDRESS   PORTS   AGE\nnginx-ingress   <none>   nginx.example.com             80      0s\n",
    );
    expect(last(r, "kubectl describe").stdout).toMatch(
      /Rules:\n {2}Host {15}Path {2}Backends\n {2}---- {15}---- {2}--------\n {2}nginx\.example\.com {2}\n {21}\/ {3}nginx:80 \(10\.244\.\d+\.\d+:80\)\n/,
    );
  });
});
