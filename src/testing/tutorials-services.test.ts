// kubernetes.io tutorials on Services, typed as their pages show them on the cka scenario (kubeadm,
// flannel, no cloud load balancer, so LoadBalancer Services stay <pending> and are reached
// through their node ports): "Exposing an External IP Address to Access an Application in a
// Cluster" (tutorials/stateless-application/expose-external-ip-address.md), "Connecting
// Applications with Services" (tutorials/services/connect-applications-service.md, up to the
// HTTPS part), "Using Source IP" (tutorials/services/source-ip.md) and "Hello Minikube"
// (tutorials/hello-minikube.md, without minikube). Expected texts: the pages' output, kubectl
// v1.32, the images' own servers (hello-app, node-hello, echoserver, agnhost netexec) and what
// kube-proxy's iptables rules do to source addresses (MASQUERADE, externalTrafficPolicy).
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { lastEntry as last, runOnCka as run } from "./cka";

const all = (r: ReportEntry[], command: string) => r.filter((e) => e.command === command);

describe("Exposing an External IP Address: hello-world behind a LoadBalancer Service", () => {
  const r = run(`kubectl apply -f - <<'DOC'
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app.kubernetes.io/name: load-balancer-example
  name: hello-world
spec:
  replicas: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: load-balancer-example
  template:
    metadata:
      labels:
        app.kubernetes.io/name: load-balancer-example
    spec:
      containers:
      - image: gcr.io/google-samples/hello-app:2.0
        name: hello-world
        ports:
        - containerPort: 8080
DOC
sleep 20
kubectl get deployments hello-world
kubectl expose deployment hello-world --type=LoadBalancer --name=my-service
kubectl get services my-service
kubectl describe services my-service
export NODE_PORT=$(kubectl get svc my-service -o jsonpath='{.spec.ports[0].nodePort}')
curl http://192.168.1.3:$NODE_PORT
kubectl delete services my-service
kubectl delete deployment hello-world
kubectl create deployment hello-node --image=gcr.io/google-samples/node-hello:1.0 --port=8080
sleep 20
kubectl expose deployment hello-node --type=LoadBalancer --name=my-service
curl http://$(kubectl get svc my-service -o jsonpath='{.spec.clusterIP}'):8080
kubectl exec deploy/hello-node -- node --version`);

  it("runs five replicas behind a LoadBalancer that has no external address here", () => {
    expect(last(r, "kubectl get deployments").stdout).toMatch(/^hello-world +5\/5 +5 +5 +20s$/m);
    expect(last(r, "kubectl expose deployment hello-world").stdout).toBe("service/my-service exposed\n");
    expect(last(r, "kubectl get services my-service").stdout).toMatch(
      /^NAME {9}TYPE {11}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {10}AGE\nmy-service {3}LoadBalancer {3}10\.\S+ +<pending> {5}8080:3\d{4}\/TCP {3}0s\n$/,
    );
    const described = last(r, "kubectl describe services").stdout;
    expect(described).toContain("Labels:                   app.kubernetes.io/name=load-balancer-example\n");
    expect(described).toMatch(
      /Endpoints: +(10\.244\.\d+\.\d+:8080,){2}10\.244\.\d+\.\d+:8080 \+ 2 more\.\.\.\n/,
    );
  });

  it("answers with the sample apps' greetings", () => {
    expect(last(r, "curl http://192.168.1.3").stdout).toMatch(
      /^Hello, world!\nVersion: 2\.0\.0\nHostname: hello-world-[a-z0-9]+-[a-z0-9]{5}\n$/,
    );
    expect(last(r, "curl http://$(kubectl").stdout).toBe("Hello Kubernetes!");
    expect(last(r, "kubectl exec").stdout).toBe("v4.4.7\n");
  });
});

describe("Connecting Applications with Services: pod IPs, a Service, its environment and DNS", () => {
  const r = run(`kubectl apply -f - <<'DOC'
---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "my-nginx",
  },
  spec: {
    selector: {
      matchLabels: {
        run: "my-nginx",
      },
    },
    replicas: 2,
    template: {
      metadata: {
        labels: {
          run: "my-nginx",
        },
      },
      spec: {
        containers: [{
          name: "my-nginx",
          image: "nginx",
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
DOC
sleep 15
kubectl get pods -l run=my-nginx -o custom-columns=POD_IP:.status.podIPs
kubectl expose deployment/my-nginx
kubectl get svc my-nginx
kubectl get endpointslices -l kubernetes.io/service-name=my-nginx
kubectl exec $(kubectl get pods -l run=my-nginx -o jsonpath='{.items[0].metadata.name}') -- printenv | grep SERVICE
kubectl scale deployment my-nginx --replicas=0; kubectl scale deployment my-nginx --replicas=2;
sleep 15
kubectl exec $(kubectl get pods -l run=my-nginx -o jsonpath='{.items[0].metadata.name}') -- printenv | grep SERVICE
kubectl get services kube-dns --namespace=kube-system
kubectl get svc my-nginx -o jsonpath='{.spec.clusterIP}'
kubectl run curl --image=radial/busyboxplus:curl -i --tty --rm
nslookup my-nginx
curl -s my-nginx
exit`);

  it("lists the pods' IPs and the Service's endpoints", () => {
    expect(last(r, "kubectl get pods -l run=my-nginx -o custom-columns").stdout).toMatch(
      /^POD_IP\n\[map\[ip:10\.244\.\d+\.\d+\]\]\n\[map\[ip:10\.244\.\d+\.\d+\]\]\n$/,
    );
    expect(last(r, "kubectl expose").stdout).toBe("service/my-nginx exposed\n");
    expect(last(r, "kubectl get endpointslices").stdout).toMatch(
      /^NAME {13}ADDRESSTYPE {3}PORTS {3}ENDPOINTS {15}AGE\nmy-nginx-[a-z0-9]{5} {3}IPv4 {10}80 {6}10\.244\.\d+\.\d+,10\.244\.\d+\.\d+ +0s\n$/,
    );
  });

  it("gives the Service's variables only to pods started after it", () => {
    const envs = all(
      r,
      "kubectl exec $(kubectl get pods -l run=my-nginx -o jsonpath='{.items[0].metadata.name}') -- printenv | grep SERVICE",
    );
    expect(envs[0]?.stdout).not.toContain("MY_NGINX");
    const ip = last(r, "kubectl get svc my-nginx -o jsonpath").stdout;
    expect(envs[1]?.stdout).toContain(`MY_NGINX_SERVICE_HOST=${ip}\nMY_NGINX_SERVICE_PORT=80\n`);
  });

  it("resolves the Service by name from a busybox with curl", () => {
    expect(last(r, "kubectl get services kube-dns").stdout).toMatch(
      /^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP /m,
    );
    const ip = last(r, "kubectl get svc my-nginx -o jsonpath").stdout;
    expect(last(r, "nslookup my-nginx").stdout).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      my-nginx\nAddress 1: ${ip} my-nginx.default.svc.cluster.local\n`,
    );
    expect(last(r, "curl -s my-nginx").stdout).toContain("<title>Welcome to nginx!</title>");
    expect(last(r, "exit").stdout).toBe('pod "curl" deleted\n');
  });
});

describe("Using Source IP: what kube-proxy does to the client address", () => {
  const r = run(`kubectl create deployment source-ip-app --image=registry.k8s.io/echoserver:1.10
sleep 10
ssh node01 curl -s http://localhost:10249/proxyMode
kubectl expose deployment source-ip-app --name=clusterip --port=80 --target-port=8080
kubectl get pods -l app=source-ip-app -o jsonpath='{.items[0].spec.nodeName}'
kubectl get svc clusterip -o jsonpath='{.spec.clusterIP}'
kubectl run busybox -it --image=busybox --restart=Never --rm
ip addr
wget -qO - clusterip
exit
kubectl expose deployment source-ip-app --name=nodeport --port=80 --target-port=8080 --type=NodePort
NODEPORT=$(kubectl get -o jsonpath="{.spec.ports[0].nodePort}" services nodeport)
NODES=$(kubectl get nodes -o jsonpath='{ $.items[*].status.addresses[?(@.type=="InternalIP")].address }')
for node in $NODES; do curl -s $node:$NODEPORT | grep -i client_address; done
kubectl patch svc nodeport -p '{"spec":{"externalTrafficPolicy":"Local"}}'
for node in $NODES; do curl --connect-timeout 1 -s $node:$NODEPORT | grep -i client_address; done
kubectl expose deployment source-ip-app --name=loadbalancer --port=80 --target-port=8080 --type=LoadBalancer
kubectl patch svc loadbalancer -p '{"spec":{"externalTrafficPolicy":"Local"}}'
kubectl get svc loadbalancer -o yaml | grep -i healthCheckNodePort
kubectl delete svc -l app=source-ip-app
kubectl delete deployment source-ip-app`);

  it("reports iptables mode and the client pod's own address through a ClusterIP", () => {
    expect(last(r, "ssh node01 curl").stdout).toBe("iptables");
    // The page has the reader copy the ClusterIP printed above; the script cannot know it before
    // it runs, so it asks by the Service's name, which resolves to that address.
    expect(last(r, "kubectl get svc clusterip").stdout).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const podIP = /inet (10\.244\.\d+\.\d+)\/24/.exec(last(r, "ip addr").stdout)?.[1];
    const page = last(r, "wget -qO - clusterip").stdout;
    expect(page).toContain(`\tclient_address=${podIP}\n\tmethod=GET\n\treal path=/\n`);
    expect(page).toMatch(
      /^\n\nHostname: source-ip-app-\S+\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1\.13\.3 - lua: 10008\n/,
    );
    expect(page).toContain("\trequest_uri=http://clusterip:8080/\n\nRequest Headers:\n");
  });

  it("masquerades node-port traffic, unless the policy is Local", () => {
    const node = last(r, "kubectl get pods -l app=source-ip-app").stdout;
    const index = { controlplane: 0, node01: 1, node02: 2 }[node] as number;
    // Each node's own pod network address: the bridge's .1 where the pod runs, flannel.1's .0 elsewhere.
    const expected = [0, 1, 2].map((n) => `\tclient_address=10.244.${n}.${n === index ? 1 : 0}\n`).join("");
    const loops = r.filter((e) => e.command.startsWith("for node in $NODES"));
    expect(loops[0]?.stdout).toBe(expected);
    // Local: only the pod's node answers, and it sees the client (the controlplane) as itself.
    expect(loops[1]?.stdout).toBe("\tclient_address=192.168.1.2\n");
    expect(last(r, "kubectl get svc loadbalancer -o yaml").stdout).toMatch(
      /^ {2}healthCheckNodePort: 3\d{4}\n$/,
    );
    expect(last(r, "kubectl delete svc").stdout).toBe(
      'service "clusterip" deleted\nservice "loadbalancer" deleted\nservice "nodeport" deleted\n',
    );
  });
});

describe("Hello Minikube without minikube: agnhost netexec behind a LoadBalancer", () => {
  const r =
    run(`kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- /agnhost netexec --http-port=8080
kubectl get deployments
sleep 10
kubectl get pods
kubectl logs $(kubectl get pods -o name | head -1)
kubectl expose deployment hello-node --type=LoadBalancer --port=8080
kubectl get services
curl -s $(kubectl get svc hello-node -o jsonpath='{.spec.clusterIP}'):8080
kubectl delete service hello-node
kubectl delete deployment hello-node`);

  it("creates, serves and deletes hello-node", () => {
    expect(last(r, "kubectl create").stdout).toBe("deployment.apps/hello-node created\n");
    expect(last(r, "kubectl get deployments").stdout).toBe(
      "NAME         READY   UP-TO-DATE   AVAILABLE   AGE\nhello-node   0/1     1            0           0s\n",
    );
    expect(last(r, "kubectl logs").stdout).toMatch(
      / Started HTTP server on port 8080\n.* Started UDP server on port {2}8081\n$/,
    );
    expect(last(r, "kubectl get services").stdout).toMatch(
      /^hello-node +LoadBalancer +10\.\S+ +<pending> +8080:3\d{4}\/TCP +0s$/m,
    );
    expect(last(r, "curl -s").stdout).toMatch(
      /^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/,
    );
    expect(last(r, "kubectl delete service").stdout).toBe('service "hello-node" deleted\n');
  });
});
