// kubernetes.io's "Learn Kubernetes Basics" tutorial (content/en/docs/tutorials/kubernetes-basics:
// deploy-app/deploy-intro.md, explore/explore-intro.md, expose/expose-intro.md,
// scale/scale-intro.md, update/update-intro.md), typed as the pages show it on the cka scenario.
// `$(minikube ip)` becomes a node's InternalIP. Expected texts: the pages' shown output, the
// bootcamp image's server.js, kubectl v1.32 and the API server's proxy (pod strategy.go).
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { lastEntry as last, runOnCka as run } from "./cka";

const CREATE =
  "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1";
const POD_NAME = `export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')"`;
const NODE_PORT = `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`;
const NODE_IP = "export NODE_IP=$(kubectl get node node01 -o jsonpath='{.status.addresses[0].address}')";
const CURL_NODE = 'curl http://"$NODE_IP:$NODE_PORT"';

const all = (r: ReportEntry[], command: string) => r.filter((e) => e.command === command);
const podOf = (r: ReportEntry[], echo = "echo Name of the Pod") =>
  last(r, echo).stdout.replace(/^Name of the Pod: |\n$/g, "");

describe("Kubernetes Basics, modules 2 and 3: deploy the app, view it through kubectl proxy, exec into it", () => {
  const r = run(`${CREATE}
kubectl get deployments
sleep 20
kubectl get deployments
kubectl proxy &
${POD_NAME}
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME/proxy/
kubectl get --raw /api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
kubectl get --raw /api/v1/namespaces/default/pods/nosuch:8080/proxy/
kubectl logs "$POD_NAME"
kubectl exec "$POD_NAME" -- env
kubectl exec -ti $POD_NAME -- bash
cat server.js
curl http://localhost:8080
exit`);
  const pod = podOf(r);

  it("creates the Deployment, whose one pod runs the bootcamp image", () => {
    expect(last(r, "kubectl create").stdout).toBe("deployment.apps/kubernetes-bootcamp created\n");
    expect(all(r, "kubectl get deployments")[1]?.stdout).toMatch(
      /^NAME {18}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nkubernetes-bootcamp {3}1\/1 {5}1 {12}1 {11}20s\n$/,
    );
    expect(pod).toMatch(/^kubernetes-bootcamp-[a-z0-9]{8,10}-[a-z0-9]{5}$/);
  });

  it("answers through the API server's pod proxy, on the port the URL names", () => {
    expect(last(r, "curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080").stdout).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`,
    );
    // No port and no declared container port: the proxy dials port 80, where nothing listens.
    const noPort = JSON.parse(
      last(r, "curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME/").stdout,
    );
    expect(noPort).toMatchObject({ kind: "Status", reason: "ServiceUnavailable", code: 503 });
    expect(noPort.message).toMatch(
      /^error trying to reach service: dial tcp 10\.244\.\d+\.\d+:80: connect: connection refused$/,
    );
  });

  it("prints the proxied answer byte for byte with kubectl get --raw", () => {
    expect(last(r, "kubectl get --raw /api/v1/namespaces/default/pods/$POD_NAME").stdout).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`,
    );
    expect(last(r, "kubectl get --raw /api/v1/namespaces/default/pods/nosuch")).toMatchObject({
      stderr: 'Error from server (NotFound): pods "nosuch" not found\n',
      exit: 1,
    });
  });

  it("logs its start and each request as server.js does", () => {
    const lines = last(r, "kubectl logs").stdout.split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        `^Kubernetes Bootcamp App Started At: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\| Running On:  ${pod} $`,
      ),
    );
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(
      new RegExp(
        `^Running On: ${pod} \\| Total Requests: 1 \\| App Uptime: [\\d.]+ seconds \\| Log Time: \\S+Z$`,
      ),
    );
  });

  it("has node 6's environment and its source in /server.js, answering on localhost:8080", () => {
    const env = last(r, 'kubectl exec "$POD_NAME" -- env').stdout;
    expect(env).toContain(`HOSTNAME=${pod}\nNPM_CONFIG_LOGLEVEL=info\nNODE_VERSION=6.3.1\n`);
    expect(env).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1\n");
    expect(env).toContain("HOME=/root\n");
    const source = last(r, "cat server.js").stdout;
    expect(source).toMatch(/^var http = require\('http'\);\n/);
    expect(source).toContain('response.end(" | v=1\\n");');
    expect(last(r, "curl http://localhost:8080").stdout).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`,
    );
  });
});

describe("Kubernetes Basics, module 4: expose the app with a NodePort Service, use labels", () => {
  const r = run(`${CREATE}
sleep 20
kubectl get services
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
${NODE_PORT}
echo "NODE_PORT=$NODE_PORT"
${NODE_IP}
${CURL_NODE}
kubectl get pods -l app=kubernetes-bootcamp
kubectl get services -l app=kubernetes-bootcamp
${POD_NAME}
echo "Name of the Pod: $POD_NAME"
kubectl label pods "$POD_NAME" version=v1
kubectl describe pods "$POD_NAME"
kubectl get pods -l version=v1
kubectl delete service -l app=kubernetes-bootcamp
kubectl get services
${CURL_NODE}
kubectl exec -ti $POD_NAME -- curl http://localhost:8080`);
  const pod = podOf(r, 'echo "Name of the Pod');

  it("reaches the pod through the node's port, and no longer once the Service is deleted", () => {
    expect(last(r, "kubectl expose").stdout).toBe("service/kubernetes-bootcamp exposed\n");
    const nodePort = last(r, 'echo "NODE_PORT').stdout.replace(/^NODE_PORT=|\n$/g, "");
    expect(Number(nodePort)).toBeGreaterThanOrEqual(30000);
    const curls = all(r, CURL_NODE);
    expect(curls[0]?.stdout).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
    expect(curls[1]).toMatchObject({ stdout: "", exit: 7 });
    expect(curls[1]?.stderr).toBe(
      `curl: (7) Failed to connect to 192.168.1.3 port ${nodePort} after 0 ms: Couldn't connect to server\n`,
    );
  });

  it("selects by the Deployment's label and by the one added", () => {
    expect(last(r, "kubectl get services -l").stdout).toMatch(
      /^NAME {18}TYPE {7}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {10}AGE\nkubernetes-bootcamp {3}NodePort {3}10\.\d+\.\d+\.\d+ +<none> {8}8080:3\d{4}\/TCP {3}\d+s\n$/,
    );
    expect(last(r, "kubectl label").stdout).toBe(`pod/${pod} labeled\n`);
    expect(last(r, "kubectl describe pods").stdout).toContain(
      `Labels:           app=kubernetes-bootcamp\n                  pod-template-hash=`,
    );
    expect(last(r, "kubectl describe pods").stdout).toContain("\n                  version=v1\n");
    expect(last(r, "kubectl get pods -l version=v1").stdout).toContain(`${pod}   1/1     Running`);
    expect(last(r, "kubectl delete service").stdout).toBe('service "kubernetes-bootcamp" deleted\n');
    // With a terminal, curl shows no progress meter.
    expect(last(r, "kubectl exec -ti")).toMatchObject({
      stdout: `Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`,
      stderr: "",
    });
  });
});

describe("Kubernetes Basics, modules 5 and 6: scale, load-balance, roll out v2, a bad tag and undo", () => {
  const r = run(`${CREATE}
sleep 20
kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080
kubectl scale deployments/kubernetes-bootcamp --replicas=4
sleep 10
kubectl get deployments
kubectl get pods -o wide
${NODE_PORT}
${NODE_IP}
${CURL_NODE}
${CURL_NODE}
${CURL_NODE}
${CURL_NODE}
kubectl scale deployments/kubernetes-bootcamp --replicas=2
kubectl get deployments
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
sleep 60
${CURL_NODE}
kubectl rollout status deployments/kubernetes-bootcamp
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
sleep 30
kubectl get deployments
kubectl get pods
export AFFECTED_POD="$(kubectl get pods --field-selector status.phase=Pending -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')"
kubectl describe pod $AFFECTED_POD
kubectl rollout undo deployments/kubernetes-bootcamp
sleep 10
kubectl get pods
kubectl describe pods
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp`);

  it("spreads requests over the four pods", () => {
    expect(last(r, "kubectl get deployments").stdout).toMatch(/kubernetes-bootcamp {3}2\/2/);
    expect(all(r, "kubectl get deployments")[0]?.stdout).toMatch(
      /\nkubernetes-bootcamp {3}4\/4 {5}4 {12}4 {11}30s\n$/,
    );
    const hosts = all(r, CURL_NODE)
      .slice(0, 4)
      .map((e) => /Running on: (\S+) \| v=1\n$/.exec(e.stdout)?.[1]);
    // kube-proxy picks an endpoint at random for each connection: the requests land on the
    // scaled-up pods, not on one alone (a given pod may answer twice).
    expect(new Set(hosts).size).toBeGreaterThan(1);
    const pods = last(r, "kubectl get pods -o wide").stdout;
    for (const h of hosts) expect(pods).toContain(`${h}   1/1     Running`);
  });

  it("serves v=2 after the rolling update", () => {
    expect(
      last(r, "kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io").stdout,
    ).toBe("deployment.apps/kubernetes-bootcamp image updated\n");
    expect(all(r, CURL_NODE)[4]?.stdout).toMatch(/^Hello Kubernetes bootcamp! \| Running on: \S+ \| v=2\n$/);
    expect(last(r, "kubectl rollout status").stdout).toBe(
      'deployment "kubernetes-bootcamp" successfully rolled out\n',
    );
  });

  it("cannot pull v10, and rolls back to v2", () => {
    expect(last(r, "kubectl get deployments").stdout).toMatch(
      /\nkubernetes-bootcamp {3}2\/2 {5}1 {12}2 {11}/,
    );
    expect(all(r, "kubectl get pods")[0]?.stdout).toMatch(/ 0\/1 {5}(ImagePullBackOff|ErrImagePull) /);
    const described = last(r, "kubectl describe pod $AFFECTED_POD").stdout;
    expect(described).toContain(
      'Failed to pull image "gcr.io/google-samples/kubernetes-bootcamp:v10": rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/google-samples/kubernetes-bootcamp:v10": failed to resolve reference "gcr.io/google-samples/kubernetes-bootcamp:v10": gcr.io/google-samples/kubernetes-bootcamp:v10: not found\n',
    );
    expect(last(r, "kubectl rollout undo").stdout).toBe("deployment.apps/kubernetes-bootcamp rolled back\n");
    expect(last(r, "kubectl get pods").stdout).not.toContain("ImagePull");
    const images = last(r, "kubectl describe pods").stdout.match(/^ {4}Image: +(\S+)$/gm) ?? [];
    expect(images.map((l) => l.trim())).toEqual([
      "Image:          docker.io/jocatalin/kubernetes-bootcamp:v2",
      "Image:          docker.io/jocatalin/kubernetes-bootcamp:v2",
    ]);
    expect(last(r, "kubectl delete").stdout).toBe(
      'deployment.apps "kubernetes-bootcamp" deleted\nservice "kubernetes-bootcamp" deleted\n',
    );
  });
});
