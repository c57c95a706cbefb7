// dgkanatsios/CKAD-exercises d.configuration.md, typed as the page shows the solutions, on the
// cka scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster with
// containerd 1.7 (the upstream source named beside each), or the page's own output.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("d.configuration: ConfigMaps", () => {
  it("from literals, a file, an env file and a keyed file", () => {
    const r = run(`kubectl create configmap config --from-literal=foo=lala --from-literal=foo2=lolo
echo -e "var1=val1\\n# this is a comment\\n\\nvar2=val2\\n#anothercomment" > config.env
kubectl create cm configmap3 --from-env-file=config.env
kubectl get cm configmap3 -o jsonpath='{.data}'
echo -e "var3=val3\\nvar4=val4" > config4.txt
kubectl create cm configmap4 --from-file=special=config4.txt
kubectl describe cm configmap4`);
    expect(last(r, "kubectl get cm configmap3").stdout).toBe('{"var1":"val1","var2":"val2"}');
    // describe.go describeConfigMap: each key, a dashed line, the value.
    expect(last(r, "kubectl describe cm").stdout).toBe(
      [
        "Name:         configmap4",
        "Namespace:    default",
        "Labels:       <none>",
        "Annotations:  <none>",
        "",
        "Data",
        "====",
        "special:",
        "----",
        "var3=val3",
        "var4=val4",
        "",
        "",
        "",
        "BinaryData",
        "====",
        "",
        "Events:  <none>",
        "",
      ].join("\n"),
    );
  });

  it("a ConfigMap volume: ls shows the keys, ls -la AtomicWriter's links into ..data", () => {
    const r = run(`kubectl create configmap cmvolume --from-literal=var8=val8 --from-literal=var9=val9
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  labels:
    run: nginx
  name: nginx
spec:
  volumes:
  - name: myvolume
    configMap:
      name: cmvolume
  containers:
  - image: nginx
    imagePullPolicy: IfNotPresent
    name: nginx
    resources: {}
    volumeMounts:
    - name: myvolume
      mountPath: /etc/lala
  dnsPolicy: ClusterFirst
  restartPolicy: Never
YAML
sleep 5
kubectl exec -it nginx -- /bin/sh
cd /etc/lala
ls
cat var8
ls -la
exit`);
    expect(r.find((e) => e.command === "ls")?.stdout).toBe("var8  var9\n");
    expect(last(r, "cat var8").stdout).toBe("val8");
    // atomic_writer.go: the files in a timestamped directory, ..data a link to it, each key a link
    // into ..data; GNU ls (Debian's coreutils in the nginx image) lists the links with their
    // targets, of no blocks.
    const lines = last(r, "ls -la").stdout.split("\n");
    expect(lines[0]).toBe("total 12");
    expect(lines[1]).toMatch(/^drwxrwxrwx 3 root root 4096 Jan {2}1 00:00 \.$/);
    const ts = /(\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+)$/.exec(lines[3] ?? "")?.[1] ?? "";
    expect(lines[3]).toBe(`drwxr-xr-x 2 root root 4096 Jan  1 00:00 ${ts}`);
    expect(lines.slice(4)).toEqual([
      `lrwxrwxrwx 1 root root ${String(ts.length).padStart(4)} Jan  1 00:00 ..data -> ${ts}`,
      "lrwxrwxrwx 1 root root   11 Jan  1 00:00 var8 -> ..data/var8",
      "lrwxrwxrwx 1 root root   11 Jan  1 00:00 var9 -> ..data/var9",
      "",
    ]);
  });
});

describe("d.configuration: limit ranges and resource quotas", () => {
  it("a pod over the quota is forbidden with the page's message; one within shows in its usage", () => {
    const r = run(`kubectl create ns one
kubectl create quota my-rq --namespace=one --hard=requests.cpu=1,requests.memory=1Gi,limits.cpu=2,limits.memory=2Gi
cat > pod.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
  namespace: one
spec:
  containers:
  - image: nginx
    name: nginx
    resources:
      requests:
        memory: "3Gi"
        cpu: "2"
      limits:
        memory: "4Gi"
        cpu: "3"
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
YAML
kubectl create -f pod.yaml
sed -e 's/"3Gi"/"1Gi"/' -e 's/cpu: "2"/cpu: "0.5"/' -e 's/"4Gi"/"2Gi"/' -e 's/cpu: "3"/cpu: "1"/' pod.yaml > pod2.yaml
kubectl create -f pod2.yaml
kubectl get resourcequota -n one`);
    // The page's expected error (resource_access.go and the quota evaluator's message).
    expect(last(r, "kubectl create -f pod.yaml")).toMatchObject({
      stderr:
        'Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: exceeded quota: my-rq, requested: limits.cpu=3,limits.memory=4Gi,requests.cpu=2,requests.memory=3Gi, used: limits.cpu=0,limits.memory=0,requests.cpu=0,requests.memory=0, limited: limits.cpu=2,limits.memory=2Gi,requests.cpu=1,requests.memory=1Gi\n',
      exit: 1,
    });
    expect(last(r, "kubectl create -f pod2.yaml").stdout).toBe("pod/nginx created\n");
    // The page's table.
    expect(last(r, "kubectl get resourcequota").stdout).toBe(
      "NAME    AGE   REQUEST                                          LIMIT\nmy-rq   0s    requests.cpu: 500m/1, requests.memory: 1Gi/1Gi   limits.cpu: 1/2, limits.memory: 2Gi/2Gi\n",
    );
  });

  it("a Pod LimitRange: describe's table, and a pod without requests or limits refused", () => {
    const r = run(`kubectl create ns limitrange
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: ns-memory-limit
  namespace: limitrange
spec:
  limits:
  - max: # max and min define the limit range
      memory: "500Mi"
    min:
      memory: "100Mi"
    type: Pod
YAML
kubectl describe limitrange ns-memory-limit -n limitrange
kubectl run nginx -n limitrange --image=nginx --restart=Never`);
    expect(last(r, "kubectl describe").stdout).toBe(
      "Name:       ns-memory-limit\nNamespace:  limitrange\nType        Resource  Min    Max    Default Request  Default Limit  Max Limit/Request Ratio\n----        --------  ---    ---    ---------------  -------------  -----------------------\nPod         memory    100Mi  500Mi  -                -              -\n",
    );
    // limitranger.go minConstraint and maxConstraint, aggregated.
    expect(last(r, "kubectl run")).toMatchObject({
      stderr:
        'Error from server (Forbidden): pods "nginx" is forbidden: [minimum memory usage per Pod is 100Mi.  No request is specified, maximum memory usage per Pod is 500Mi.  No limit is specified]\n',
      exit: 1,
    });
  });
});

describe("d.configuration: secrets", () => {
  it("a secret from a file, decoded four ways, mounted and as an env var", () => {
    const r = run(`echo -n admin > username
kubectl create secret generic mysecret2 --from-file=username
kubectl get secret mysecret2 -o jsonpath='{.data.username}' | base64 -d
kubectl get secret mysecret2 --template '{{.data.username}}' | base64 -d
kubectl get secret mysecret2 -o json | jq -r .data.username | base64 -d
kubectl run nginx --image=nginx --restart=Never --overrides='{"spec":{"volumes":[{"name":"foo","secret":{"secretName":"mysecret2"}}],"containers":[{"name":"nginx","image":"nginx","volumeMounts":[{"name":"foo","mountPath":"/etc/foo"}],"env":[{"name":"USERNAME","valueFrom":{"secretKeyRef":{"name":"mysecret2","key":"username"}}}]}]}}'
sleep 5
kubectl exec -it nginx -- /bin/bash
ls /etc/foo
cat /etc/foo/username
exit
kubectl exec -it nginx -- env | grep USERNAME | cut -d '=' -f 2`);
    for (const e of r.filter((x) => x.command.includes("base64 -d"))) expect(e.stdout).toBe("admin");
    expect(last(r, "ls /etc/foo").stdout).toBe("username\n");
    expect(last(r, "cat /etc/foo/username").stdout).toBe("admin");
    // bash says exit as an interactive shell ends.
    expect(last(r, "exit").stderr).toBe("exit\n");
    expect(last(r, "kubectl exec -it nginx -- env").stdout).toBe("admin\n");
  });
});

describe("d.configuration: service accounts", () => {
  it("kubectl get sa -A lists kube-controller-manager's per-controller accounts too", () => {
    const r = run("kubectl get sa -A");
    const rows = r[0]?.stdout.trimEnd().split("\n") ?? [];
    expect(rows[0]).toMatch(/^NAMESPACE +NAME +SECRETS +AGE$/);
    const system = rows.filter((l) => l.startsWith("kube-system ")).map((l) => l.split(/ +/)[1]);
    // A v1.32 kubeadm cluster (kube-controller-manager --use-service-account-credentials).
    expect(system).toEqual([
      "attachdetach-controller",
      "bootstrap-signer",
      "certificate-controller",
      "clusterrole-aggregation-controller",
      "coredns",
      "cronjob-controller",
      "daemon-set-controller",
      "default",
      "deployment-controller",
      "disruption-controller",
      "endpoint-controller",
      "endpointslice-controller",
      "endpointslicemirroring-controller",
      "ephemeral-volume-controller",
      "expand-controller",
      "generic-garbage-collector",
      "horizontal-pod-autoscaler",
      "job-controller",
      "kube-proxy",
      "legacy-service-account-token-cleaner",
      "namespace-controller",
      "node-controller",
      "persistent-volume-binder",
      "pod-garbage-collector",
      "pv-protection-controller",
      "pvc-protection-controller",
      "replicaset-controller",
      "replication-controller",
      "resourcequota-controller",
      "root-ca-cert-publisher",
      "service-account-controller",
      "statefulset-controller",
      "token-cleaner",
      "ttl-after-finished-controller",
      "ttl-controller",
      "validatingadmissionpolicy-status-controller",
    ]);
  });

  it("a pod as myuser gets a projected token; kubectl create token prints a JWT", () => {
    const r = run(`kubectl create sa myuser
kubectl run nginx --image=nginx --restart=Never --overrides='{"spec":{"serviceAccountName":"myuser"}}'
sleep 5
kubectl get pod nginx -o jsonpath='{.spec.serviceAccountName}'
kubectl exec -it nginx -- cat /var/run/secrets/kubernetes.io/serviceaccount/token
kubectl create token myuser`);
    expect(last(r, "kubectl create sa").stdout).toBe("serviceaccount/myuser created\n");
    expect(last(r, "kubectl get pod").stdout).toBe("myuser");
    expect(last(r, "kubectl exec").stdout).toMatch(/^eyJhbGciOiJSUzI1NiIs[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(last(r, "kubectl create token").stdout).toMatch(/^eyJhbGciOiJSUzI1NiIs[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});
