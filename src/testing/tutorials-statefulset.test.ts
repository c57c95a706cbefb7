// kubernetes.io's "StatefulSet Basics" tutorial
// (content/en/docs/tutorials/stateful-application/basic-stateful-set.md, with
// content/en/examples/application/web/web.yaml and web-parallel.yaml), typed as the page shows it
// on the cka scenario. The scenario has no dynamic provisioning, so the page's note applies: five
// 1 GiB volumes are provisioned first (hostPath on node01, kept there by the volumes' node
// affinity). `kubectl get --watch` is replaced by plain gets after a sleep. Expected texts: the
// page's shown output, kubectl v1.32, busybox 1.28's nslookup, CoreDNS v1.11's PTR records.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { lastEntry as last, runOnCka as run } from "./cka";

const webYaml = (image: string, labelKey: string, parallel: boolean) => `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    ${labelKey}: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    ${labelKey}: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"${parallel ? '\n  podManagementPolicy: "Parallel"' : ""}
  replicas: 2
  selector:
    matchLabels:
      ${labelKey}: nginx
  template:
    metadata:
      labels:
        ${labelKey}: nginx
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

const VOLUMES = [0, 1, 2, 3, 4]
  .map(
    (i) => `kubectl apply -f - <<DOC
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-${i}
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [node01]
  hostPath:
    path: /mnt/data/pv-${i}
DOC`,
  )
  .join("\n");

const IMAGES = `for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`;
const IMAGE_OF = (pod: string) =>
  `kubectl get pod ${pod} --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`;
const HOSTNAMES = `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`;
const CURLS = `for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done`;
const WRITE = `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done`;
const partition = (n: number) =>
  `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":${n}}}}}'`;
const setImage = (tag: string) =>
  `kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:${tag}"}]'`;

const all = (r: ReportEntry[], command: string) => r.filter((e) => e.command === command);
const podNames = (table: string) => [...table.matchAll(/^(web-\d+) /gm)].map((m) => m[1]);
const ipOf = (wide: string, pod: string) =>
  new RegExp(`^${pod} +1/1 +Running +0 +\\S+ +(\\S+) `, "m").exec(wide)?.[1];

describe("StatefulSet Basics: creating, identities, stable storage, scaling, updates and deletion", () => {
  const r = run(`${VOLUMES}
cat > web.yaml <<'DOC'
${webYaml("registry.k8s.io/nginx-slim:0.21", "app", false)}DOC
kubectl apply -f web.yaml
kubectl get service nginx
kubectl get pods -l app=nginx
sleep 35
kubectl get statefulset web
kubectl get pods -l app=nginx -o wide
${HOSTNAMES}
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
nslookup web-1.nginx
exit
kubectl get pvc -l app=nginx
${CURLS}
${WRITE}
${CURLS}
kubectl delete pod -l app=nginx
sleep 40
kubectl get pods -l app=nginx
${CURLS}
kubectl scale sts web --replicas=5
sleep 60
kubectl get pods -l app=nginx
kubectl patch sts web -p '{"spec":{"replicas":3}}'
sleep 60
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
${setImage("0.24")}
sleep 120
${IMAGES}
kubectl rollout status sts/web
${partition(3)}
${setImage("0.21")}
kubectl delete pod web-2
sleep 40
${IMAGE_OF("web-2")}
${partition(2)}
sleep 40
${IMAGE_OF("web-2")}
kubectl delete pod web-1
sleep 40
${IMAGE_OF("web-1")}
${partition(0)}
sleep 90
${IMAGES}
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'
kubectl delete statefulset web --cascade=orphan
kubectl get pods -l app=nginx
kubectl delete pod web-0
kubectl get pods -l app=nginx
kubectl apply -f web.yaml
sleep 60
kubectl get pods -l app=nginx
${CURLS}
kubectl delete statefulset web
sleep 60
kubectl get pods -l app=nginx
kubectl delete service nginx
kubectl apply -f web.yaml
sleep 60
${CURLS}`);

  it("creates the headless Service and the set, one ordinal after the other", () => {
    expect(all(r, "kubectl apply -f web.yaml")[0]?.stdout).toBe(
      "service/nginx created\nstatefulset.apps/web created\n",
    );
    expect(last(r, "kubectl get service nginx").stdout).toBe(
      "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nnginx   ClusterIP   None         <none>        80/TCP    0s\n",
    );
    // OrderedReady: web-1 waits for web-0 to be Running and Ready.
    expect(podNames(all(r, "kubectl get pods -l app=nginx")[0]?.stdout ?? "")).toEqual(["web-0"]);
    expect(last(r, "kubectl get statefulset web").stdout).toBe("NAME   READY   AGE\nweb    2/2     35s\n");
  });

  it("gives each pod its ordinal's host name and DNS name under the Service", () => {
    expect(all(r, HOSTNAMES)[0]?.stdout).toBe("web-0\nweb-1\n");
    const wide = last(r, "kubectl get pods -l app=nginx -o wide").stdout;
    for (const pod of ["web-0", "web-1"]) {
      const ip = ipOf(wide, pod);
      expect(ip).toMatch(/^10\.244\.1\.\d+$/);
      expect(last(r, `nslookup ${pod}.nginx`).stdout).toBe(
        `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      ${pod}.nginx\nAddress 1: ${ip} ${pod}.nginx.default.svc.cluster.local\n`,
      );
    }
    expect(last(r, "exit").stdout).toBe('pod "dns-test" deleted\n');
  });

  it("keeps what the pods wrote in their claims' volumes across pod deletion", () => {
    expect(all(r, "kubectl get pvc -l app=nginx")[0]?.stdout).toMatch(
      /^NAME {8}STATUS {3}VOLUME {3}CAPACITY {3}ACCESS MODES {3}STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}AGE\nwww-web-0 {3}Bound {4}pv-0 {5}1Gi {8}RWO {27}<unset> {17}\S+\nwww-web-1 {3}Bound {4}pv-1 /,
    );
    const curls = all(r, CURLS).map((e) => e.stdout);
    // The claim's empty volume hides the image's index.html: nginx forbids the directory listing.
    expect(curls[0]).toContain("<head><title>403 Forbidden</title></head>");
    expect(curls.slice(1)).toEqual(Array(4).fill("web-0\nweb-1\n"));
    expect(last(r, "kubectl delete pod -l").stdout).toBe('pod "web-0" deleted\npod "web-1" deleted\n');
  });

  it("scales up in order and down from the highest ordinal, keeping every claim", () => {
    expect(last(r, "kubectl scale").stdout).toBe("statefulset.apps/web scaled\n");
    const gets = all(r, "kubectl get pods -l app=nginx").map((e) => podNames(e.stdout));
    expect(gets[2]).toEqual(["web-0", "web-1", "web-2", "web-3", "web-4"]);
    expect(last(r, `kubectl patch sts web -p '{"spec":{"replicas":3}}'`).stdout).toBe(
      "statefulset.apps/web patched\n",
    );
    expect(gets[3]).toEqual(["web-0", "web-1", "web-2"]);
    expect(podNames(last(r, "kubectl get pvc").stdout.replace(/www-/g, ""))).toEqual([
      "web-0",
      "web-1",
      "web-2",
      "web-3",
      "web-4",
    ]);
  });

  it("rolls the template out, stages it behind a partition, then finishes the phased roll out", () => {
    const images = all(r, IMAGES).map((e) => e.stdout);
    expect(images[0]).toBe("registry.k8s.io/nginx-slim:0.24\n".repeat(3));
    expect(last(r, "kubectl rollout status").stdout).toBe(
      "partitioned roll out complete: 3 new pods have been updated...\n",
    );
    const web2 = all(r, IMAGE_OF("web-2")).map((e) => e.stdout);
    expect(web2).toEqual(["registry.k8s.io/nginx-slim:0.24", "registry.k8s.io/nginx-slim:0.21"]);
    expect(last(r, IMAGE_OF("web-1")).stdout).toBe("registry.k8s.io/nginx-slim:0.24");
    expect(images[1]).toBe("registry.k8s.io/nginx-slim:0.21\n".repeat(3));
  });

  it("orphans the pods, adopts them again when recreated, and deletes them in a cascade", () => {
    expect(last(r, "kubectl delete statefulset web --cascade=orphan").stdout).toBe(
      'statefulset.apps "web" deleted\n',
    );
    const gets = all(r, "kubectl get pods -l app=nginx").map((e) => e.stdout);
    expect(podNames(gets[4] ?? "")).toEqual(["web-0", "web-1", "web-2"]);
    expect(podNames(gets[5] ?? "")).toEqual(["web-1", "web-2"]);
    expect(all(r, "kubectl apply -f web.yaml")[1]?.stdout).toBe(
      "service/nginx unchanged\nstatefulset.apps/web created\n",
    );
    // web-0 is relaunched, web-1 adopted as it was (its age goes on), web-2 is beyond the replicas.
    expect(gets[6]).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nweb-0 +1\/1 +Running +0 +60s\nweb-1 +1\/1 +Running +0 +2m30s\n$/,
    );
    expect(all(r, "kubectl delete statefulset web")[0]?.stdout).toBe('statefulset.apps "web" deleted\n');
    expect(all(r, "kubectl get pods -l app=nginx")[7]).toMatchObject({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
    expect(last(r, "kubectl delete service nginx").stdout).toBe('service "nginx" deleted\n');
    expect(last(r, "kubectl apply -f web.yaml").stdout).toBe(
      "service/nginx created\nstatefulset.apps/web created\n",
    );
    expect(last(r, CURLS).stdout).toBe("web-0\nweb-1\n");
  });
});

describe("StatefulSet Basics: Parallel pod management", () => {
  const r = run(`${VOLUMES}
kubectl apply -f - <<'DOC'
${webYaml("registry.k8s.io/nginx-slim:0.24", "app.kubernetes.io/name", true)}DOC
kubectl get pods -l app.kubernetes.io/name=nginx
sleep 30
kubectl scale statefulset/web --replicas=5
kubectl get pods -l app.kubernetes.io/name=nginx
sleep 30
kubectl delete sts web
sleep 60
kubectl get pods -l app.kubernetes.io/name=nginx
kubectl delete svc nginx
kubectl delete pvc www-web-0 www-web-1 www-web-2 www-web-3 www-web-4
kubectl get pvc`);

  it("launches and deletes pods without waiting for the one before", () => {
    const gets = all(r, "kubectl get pods -l app.kubernetes.io/name=nginx").map((e) => e.stdout);
    // Both ordinals at once (OrderedReady showed web-0 alone at this point).
    expect(gets[0]).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nweb-0 +0\/1 +ContainerCreating +0 +0s\nweb-1 +0\/1 +ContainerCreating +0 +0s\n$/,
    );
    expect(last(r, "kubectl scale").stdout).toBe("statefulset.apps/web scaled\n");
    expect(podNames(gets[1] ?? "")).toEqual(["web-0", "web-1", "web-2", "web-3", "web-4"]);
    expect(last(r, "kubectl delete sts web").stdout).toBe('statefulset.apps "web" deleted\n');
    expect(gets[2]).toBe("");
    expect(last(r, "kubectl delete pvc").stdout).toBe(
      [0, 1, 2, 3, 4].map((i) => `persistentvolumeclaim "www-web-${i}" deleted\n`).join(""),
    );
    expect(last(r, "kubectl get pvc")).toMatchObject({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
  });
});
