/**
 * The docs task "Set up Ingress on Minikube with the NGINX Ingress Controller"
 * (tasks/access-application-cluster/ingress-minikube), typed as the page shows it on a kubeadm
 * cluster: `minikube addons enable ingress` becomes the ingress-nginx deploy guide's
 * `kubectl apply -f .../controller-v1.11.3/deploy/static/provider/baremetal/deploy.yaml`, and
 * `minikube ip` plus port 80 become a node's InternalIP and the controller Service's NodePort.
 * The example Ingress is content/en/examples/service/networking/example-ingress.yaml (kubernetes/
 * website ca510574). Expected texts: the page's output, the hello-app's answer, nginx's own 404
 * and 503 pages as ingress-nginx serves them (server_tokens off), the admission webhook's
 * messages (ingress-nginx internal/ingress/controller/controller.go checkOverlap; apiserver
 * webhook errors.ToStatusErr and its `failed calling webhook` error).
 */
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { lastEntry, runOnCka } from "./cka";

const MANIFEST =
  "https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.11.3/deploy/static/provider/baremetal/deploy.yaml";

const INSTALL = `kubectl apply -f ${MANIFEST}
kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=120s
NP=$(kubectl get svc -n ingress-nginx ingress-nginx-controller -o jsonpath='{.spec.ports[?(@.name=="http")].nodePort}')
NODE=$(kubectl get nodes node01 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')
`;

const EXAMPLE_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080`;

const V2_PATH = `          - path: /v2
            pathType: Prefix
            backend:
              service:
                name: web2
                port:
                  number: 8080`;

const NOT_FOUND =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

function all(entries: ReportEntry[], prefix: string): ReportEntry[] {
  return entries.filter((e) => e.command.startsWith(prefix));
}

describe("Set up Ingress with the NGINX Ingress Controller", () => {
  it("installs ingress-nginx from its release manifest as a real cluster runs it", () => {
    const entries = runOnCka(`${INSTALL}kubectl get pods -n ingress-nginx
kubectl get jobs -n ingress-nginx
kubectl get svc -n ingress-nginx
kubectl get ingressclass
kubectl get validatingwebhookconfiguration
kubectl get secret -n ingress-nginx ingress-nginx-admission -o jsonpath='{.data}'
`);
    const apply = lastEntry(entries, "kubectl apply");
    expect(apply.exit).toBe(0);
    expect(apply.stdout.split("\n").filter(Boolean)).toEqual([
      "namespace/ingress-nginx created",
      "serviceaccount/ingress-nginx created",
      "serviceaccount/ingress-nginx-admission created",
      "role.rbac.authorization.k8s.io/ingress-nginx created",
      "role.rbac.authorization.k8s.io/ingress-nginx-admission created",
      "clusterrole.rbac.authorization.k8s.io/ingress-nginx created",
      "clusterrole.rbac.authorization.k8s.io/ingress-nginx-admission created",
      "rolebinding.rbac.authorization.k8s.io/ingress-nginx created",
      "rolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created",
      "clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx created",
      "clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created",
      "configmap/ingress-nginx-controller created",
      "service/ingress-nginx-controller created",
      "service/ingress-nginx-controller-admission created",
      "deployment.apps/ingress-nginx-controller created",
      "job.batch/ingress-nginx-admission-create created",
      "job.batch/ingress-nginx-admission-patch created",
      "ingressclass.networking.k8s.io/nginx created",
      "validatingwebhookconfiguration.admissionregistration.k8s.io/ingress-nginx-admission created",
    ]);
    expect(lastEntry(entries, "kubectl wait").stdout).toMatch(
      /^pod\/ingress-nginx-controller-\w+-\w+ condition met\n$/,
    );
    const pods = lastEntry(entries, "kubectl get pods").stdout;
    expect(pods).toMatch(/\ningress-nginx-admission-create-\w+ +0\/1 +Completed /);
    expect(pods).toMatch(/\ningress-nginx-admission-patch-\w+ +0\/1 +Completed /);
    expect(pods).toMatch(/\ningress-nginx-controller-\w+-\w+ +1\/1 +Running +0 /);
    const jobs = lastEntry(entries, "kubectl get jobs").stdout;
    expect(jobs).toMatch(/\ningress-nginx-admission-create +Complete +1\/1 /);
    expect(jobs).toMatch(/\ningress-nginx-admission-patch +Complete +1\/1 /);
    expect(lastEntry(entries, "kubectl get svc").stdout).toMatch(
      /\ningress-nginx-controller +NodePort +[\d.]+ +<none> +80:3\d{4}\/TCP,443:3\d{4}\/TCP /,
    );
    expect(lastEntry(entries, "kubectl get ingressclass").stdout).toMatch(
      /^NAME +CONTROLLER +PARAMETERS +AGE\nnginx +k8s\.io\/ingress-nginx +<none> +\d+s\n$/,
    );
    expect(lastEntry(entries, "kubectl get validatingwebhookconfiguration").stdout).toMatch(
      /^NAME +WEBHOOKS +AGE\ningress-nginx-admission +1 +\d+s\n$/,
    );
    expect(Object.keys(JSON.parse(lastEntry(entries, "kubectl get secret").stdout)).sort()).toEqual([
      "ca",
      "cert",
      "key",
    ]);
  });

  it("routes the page's hello-world Ingress by host and path through the NodePort", () => {
    const entries =
      runOnCka(`${INSTALL}kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
kubectl expose deployment web --type=NodePort --port=8080
kubectl get service web
cat > example-ingress.yaml <<'EOF'
${EXAMPLE_INGRESS}
EOF
kubectl apply -f example-ingress.yaml
kubectl get ingress
sleep 60
kubectl get ingress
curl -s -H 'Host: hello-world.example' http://$NODE:$NP
curl -s -i http://$NODE:$NP/
kubectl create deployment web2 --image=gcr.io/google-samples/hello-app:2.0
kubectl expose deployment web2 --port=8080 --type=NodePort
cat >> example-ingress.yaml <<'EOF'
${V2_PATH}
EOF
kubectl apply -f example-ingress.yaml
sleep 5
curl -s -H 'Host: hello-world.example' http://$NODE:$NP
curl -s -H 'Host: hello-world.example' http://$NODE:$NP/v2
kubectl describe ingress example-ingress
`);
    expect(lastEntry(entries, "kubectl expose deployment web ").stdout).toBe("service/web exposed\n");
    const [created, configured] = all(entries, "kubectl apply -f example-ingress.yaml");
    expect(created?.stdout).toBe("ingress.networking.k8s.io/example-ingress created\n");
    expect(configured?.stdout).toBe("ingress.networking.k8s.io/example-ingress configured\n");
    const [before, after] = all(entries, "kubectl get ingress");
    // The controller publishes its node's address on its next status sync (every 60 s).
    expect(before?.stdout).toMatch(/\nexample-ingress +nginx +hello-world\.example +80 +\d+s\n$/);
    expect(after?.stdout).toMatch(
      /\nexample-ingress +nginx +hello-world\.example +192\.168\.1\.\d+ +80 +\d+s\n$/,
    );
    const curls = all(entries, "curl");
    expect(curls[0]?.stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\nHostname: web-\w+-\w+\n$/);
    expect(curls[1]?.stdout).toBe(
      `HTTP/1.1 404 Not Found\r\nDate: ${dateOf(curls[1]?.stdout)}\r\nContent-Type: text/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n${NOT_FOUND}`,
    );
    expect(curls[2]?.stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\n/);
    expect(curls[3]?.stdout).toMatch(/^Hello, world!\nVersion: 2\.0\.0\nHostname: web2-\w+-\w+\n$/);
    const describe = lastEntry(entries, "kubectl describe ingress").stdout;
    expect(describe).toMatch(/\nIngress Class: +nginx\n/);
    expect(describe).toMatch(
      /\n +\/ +web:8080 \(10\.244\.\d+\.\d+:8080\)\n +\/v2 +web2:8080 \(10\.244\.\d+\.\d+:8080\)\n/,
    );
    expect(describe).toMatch(
      /\n {2}Normal {2}Sync {4}\S+ \(x3 over \S+\) +nginx-ingress-controller +Scheduled for sync\n$/,
    );
  });

  it("answers from inside the cluster through the controller's Service, and 503 without endpoints", () => {
    const entries =
      runOnCka(`${INSTALL}kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
kubectl expose deployment web --port=8080
kubectl create ingress web --class=nginx --rule="foo.example.com/path*=web:8080" --annotation=nginx.ingress.kubernetes.io/rewrite-target=/
kubectl run client --image=curlimages/curl -- sleep 3600
sleep 8
kubectl exec client -- curl -s -H 'Host: foo.example.com' http://ingress-nginx-controller.ingress-nginx/path/x
kubectl scale deployment web --replicas=0
sleep 5
curl -s -i -H 'Host: foo.example.com' http://$NODE:$NP/path
`);
    expect(lastEntry(entries, "kubectl create ingress").stdout).toBe(
      "ingress.networking.k8s.io/web created\n",
    );
    expect(lastEntry(entries, "kubectl exec").stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\n/);
    const unavailable = lastEntry(entries, "curl").stdout;
    expect(unavailable).toMatch(/^HTTP\/1\.1 503 Service Temporarily Unavailable\r\n/);
    expect(unavailable).toContain(
      "\r\n\r\n<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    );
  });

  it("refuses through the admission webhook: a clash, and any Ingress while the controller is down", () => {
    const entries = runOnCka(`kubectl apply -f ${MANIFEST}
sleep 2
kubectl create ingress early --class=nginx --rule="early.example/=web:8080"
kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=120s
kubectl create ingress one --class=nginx --rule="foo.example/app*=web:8080"
kubectl create ingress two --class=nginx --rule="foo.example/app*=web:8080"
kubectl create ingress dotted --class=nginx --rule="foo.example/a.b=web:8080"
`);
    const svcIp = /dial tcp ([\d.]+):443/.exec(
      lastEntry(entries, "kubectl create ingress early").stderr,
    )?.[1];
    expect(lastEntry(entries, "kubectl create ingress early").stderr).toBe(
      `error: failed to create ingress: Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": dial tcp ${svcIp}:443: connect: connection refused\n`,
    );
    expect(lastEntry(entries, "kubectl create ingress one").exit).toBe(0);
    expect(lastEntry(entries, "kubectl create ingress two").stderr).toBe(
      'error: failed to create ingress: admission webhook "validate.nginx.ingress.kubernetes.io" denied the request: host "foo.example" and path "/app" is already defined in ingress default/one\n',
    );
    // v1.11's strict-validate-path-type is false: the webhook only warns.
    const dotted = lastEntry(entries, "kubectl create ingress dotted");
    expect(dotted.stdout).toBe("ingress.networking.k8s.io/dotted created\n");
    expect(dotted.stderr).toBe("Warning: path /a.b cannot be used with pathType Exact\n");
  });
});

/** The Date header a response carries (the simulated clock's). */
function dateOf(text: string | undefined): string {
  return /\r\nDate: ([^\r]+)\r\n/.exec(text ?? "")?.[1] ?? "";
}
