// `kubectl port-forward` and `kubectl proxy` at the terminal, as kubernetes.io's "Use Port
// Forwarding to Access Applications in a Cluster" and "Access Clusters Using the Kubernetes API"
// type them: started with `&`, then curl on the same host. Expected texts: client-go
// tools/portforward/portforward.go (getListener's "Forwarding from %s -> %d", handleConnection's
// "Handling connection for %d", listenOnPort's errors), kubectl cmd/portforward/portforward.go
// and cmd/proxy/proxy.go ("Starting to serve on %s").
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "../../testing/cka";

const NGINX = `kubectl run nginx --image=nginx --port=80
sleep 10`;

describe("kubectl port-forward", () => {
  it("listens on both loopback addresses and relays each connection to the pod until killed", () => {
    const r = run(`${NGINX}
kubectl port-forward pod/nginx 8080:80 &
curl -s localhost:8080 | grep title
wget -qO- 127.0.0.1:8080 | grep -c nginx.org
curl -s 192.168.1.2:8080
kill %1
curl -s localhost:8080`);
    expect(last(r, "kubectl port-forward").stdout).toBe(
      "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n",
    );
    expect(last(r, "curl -s localhost:8080 |").stdout).toBe(
      "Handling connection for 8080\n<title>Welcome to nginx!</title>\n",
    );
    expect(last(r, "wget").stdout).toBe("Handling connection for 8080\n1\n");
    // Bound to the loopback only: the node's own address is refused (curl's exit 7).
    expect(last(r, "curl -s 192.168.1.2").exit).toBe(7);
    // Killed, it listens no more.
    expect(last(r, "curl -s localhost:8080").exit).toBe(7);
  });

  it("translates a Service port to the target port and a named port to its number", () => {
    const r = run(`${NGINX}
kubectl expose pod nginx --port=8000 --target-port=80
kubectl port-forward svc/nginx 9000:8000 &
curl -s localhost:9000 | grep title
kubectl port-forward svc/nginx 9001:8001`);
    expect(last(r, "kubectl port-forward svc/nginx 9000").stdout).toBe(
      "Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n",
    );
    expect(last(r, "curl").stdout).toBe("Handling connection for 9000\n<title>Welcome to nginx!</title>\n");
    expect(last(r, "kubectl port-forward svc/nginx 9001")).toMatchObject({
      stderr: "error: Service nginx does not have a service port 8001\n",
      exit: 1,
    });
  });

  it("says why it cannot start: no ports, a pod not running, a port in use", () => {
    const r = run(`kubectl run nginx --image=nginx
kubectl port-forward pod/nginx 8080:80
kubectl port-forward nginx
sleep 10
kubectl port-forward pod/nginx 8080:80 &
kubectl port-forward pod/nginx 8080:80`);
    expect(r[1]).toMatchObject({
      stderr: "error: unable to forward port because pod is not running. Current status=Pending\n",
      exit: 1,
    });
    expect(r[2]).toMatchObject({
      stderr:
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      exit: 1,
    });
    expect(r[5]).toMatchObject({
      stdout: "",
      stderr:
        "Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n",
      exit: 1,
    });
  });

  it("a connection to a port nothing in the pod listens on fails and ends the forward", () => {
    const r = run(`${NGINX}
kubectl port-forward pod/nginx 8081:81 &
curl -s localhost:8081
curl -s localhost:8081`);
    const first = r[3];
    expect(first?.stdout).toBe("Handling connection for 8081\n");
    expect(first?.stderr).toMatch(
      /^E0101 00:00:10\.000000 +4400 portforward\.go:413\] "Unhandled Error" err="an error occurred forwarding 8081 -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace .*connect: connection refused "\nerror: lost connection to pod\n$/,
    );
    // curl: (52) Empty reply from server; then nothing listens any more: (7).
    expect(first?.exit).toBe(52);
    expect(r[4]?.exit).toBe(7);
  });
});

describe("kubectl proxy", () => {
  it("serves the API on 127.0.0.1:8001, indented for curl, with Status objects for failures", () => {
    const r = run(`kubectl proxy &
curl -s localhost:8001/api/v1/namespaces/default/pods
curl -s localhost:8001/api/v1/namespaces/default/pods/nope
curl -s localhost:8001/healthz
kubectl proxy`);
    expect(r[0]?.stdout).toBe("Starting to serve on 127.0.0.1:8001\n");
    expect(r[1]?.stdout).toMatch(
      /^\{\n {2}"kind": "PodList",\n {2}"apiVersion": "v1",\n {2}"metadata": \{\n {4}"resourceVersion": "\d+"\n {2}\},\n {2}"items": \[\]\n\}$/,
    );
    expect(JSON.parse(r[2]?.stdout ?? "")).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "nope" not found',
      reason: "NotFound",
      details: { name: "nope", kind: "pods" },
      code: 404,
    });
    expect(r[3]?.stdout).toBe("ok");
    expect(r[4]).toMatchObject({
      stderr: "error: listen tcp 127.0.0.1:8001: bind: address already in use\n",
      exit: 1,
    });
  });
});
