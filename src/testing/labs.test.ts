// The CKA practice tasks of ../shared/notes/seeds.md, typed as a learner types them on the cka
// scenario (and on an empty cluster whose nodes are applied), checked by what the learner sees.
import { describe, expect, it } from "vitest";
import { type ReportEntry, runScript } from "../cli/report";
import { createCluster } from "../engine";
import { bootScenario, homeNodeOf } from "../engine/boot";

/** Runs a script on a fresh cka scenario, as `kubeglass run --scenario cka` does. */
function lab(script: string): ReportEntry[] {
  const cluster = bootScenario("cka");
  if (!cluster) throw new Error("no cka scenario");
  return runScript(cluster, script, homeNodeOf(cluster));
}

/** The entry of the last command equal to, or else starting with, prefix. */
function entry(entries: ReportEntry[], prefix: string): ReportEntry {
  const found =
    [...entries].reverse().find((e) => e.command === prefix) ??
    [...entries].reverse().find((e) => e.command.startsWith(prefix));
  if (!found) throw new Error(`no command ${prefix}`);
  return found;
}

const out = (entries: ReportEntry[], prefix: string) => entry(entries, prefix).stdout;

/** Rows of a table (header dropped), split on runs of spaces. */
const rows = (table: string) =>
  table
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(/\s{2,}|\s(?=\S)/).filter(Boolean));

describe("lab 1-3: DaemonSets in the cka cluster", () => {
  const r = lab(`kubectl get daemonsets --all-namespaces
kubectl get ds -A --no-headers | wc -l
kubectl describe ds kube-proxy -n kube-system | grep 'Current Number'
kubectl get pods -n kube-system -o wide | grep kube-proxy | wc -l
kubectl describe daemonset kube-flannel-ds -n kube-flannel | grep Image:
kubectl get ds kube-flannel-ds -n kube-flannel -o jsonpath='{.spec.template.spec.containers[*].image}'`);

  it("counts DaemonSets and names their namespaces", () => {
    expect(out(r, "kubectl get ds -A --no-headers")).toBe("2\n");
    const table = out(r, "kubectl get daemonsets");
    expect(table.split("\n")[0]).toMatch(
      /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/,
    );
    expect(rows(table).map((c) => `${c[0]}/${c[1]}`)).toEqual([
      "kube-flannel/kube-flannel-ds",
      "kube-system/kube-proxy",
    ]);
  });

  it("kube-proxy runs on all three nodes", () => {
    expect(out(r, "kubectl describe ds kube-proxy")).toBe("Current Number of Nodes Scheduled: 3\n");
    expect(out(r, "kubectl get pods -n kube-system -o wide | grep kube-proxy")).toBe("3\n");
  });

  it("shows the flannel image in describe and jsonpath", () => {
    expect(out(r, "kubectl describe daemonset kube-flannel-ds")).toContain(
      "    Image:      docker.io/flannel/flannel:v0.26.1\n",
    );
    expect(out(r, "kubectl get ds kube-flannel-ds")).toBe("docker.io/flannel/flannel:v0.26.1");
  });
});

describe("lab 4: a DaemonSet written from a Deployment's dry run", () => {
  const r =
    lab(`kubectl create deployment elasticsearch --image=registry.k8s.io/fluentd-elasticsearch:1.20 -n kube-system --dry-run=client -o yaml > fluentd.yaml
sed -i 's/kind: Deployment/kind: DaemonSet/' fluentd.yaml
sed -i '/replicas:/d; /strategy: {}/d; /status: {}/d' fluentd.yaml
sed -i '/containers:/i\\      tolerations:\\n      - key: node-role.kubernetes.io/control-plane\\n        operator: Exists\\n        effect: NoSchedule' fluentd.yaml
cat fluentd.yaml
kubectl apply -f fluentd.yaml
sleep 10
kubectl get ds elasticsearch -n kube-system
kubectl get pods -n kube-system -l app=elasticsearch -o wide`);

  it("edits the file with sed as GNU sed does", () => {
    const yaml = out(r, "cat fluentd.yaml");
    expect(yaml).toContain("kind: DaemonSet\n");
    expect(yaml).not.toMatch(/replicas|strategy|status/);
    expect(yaml).toContain(
      "    spec:\n      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:\n",
    );
  });

  it("creates one pod on each of the three nodes, the control plane included", () => {
    expect(entry(r, "kubectl apply").stdout).toBe("daemonset.apps/elasticsearch created\n");
    const ds = rows(out(r, "kubectl get ds elasticsearch"))[0] ?? [];
    expect(ds.slice(0, 6)).toEqual(["elasticsearch", "3", "3", "3", "3", "3"]);
    const nodes = rows(out(r, "kubectl get pods -n kube-system -l app=elasticsearch")).map((c) => c[6]);
    expect(nodes.sort()).toEqual(["controlplane", "node01", "node02"]);
  });

  it("refuses the unedited Deployment fields with the server's strict decoding error", () => {
    const r2 = lab(`kubectl create deployment es --image=nginx --dry-run=client -o yaml > f.yaml
sed -i 's/kind: Deployment/kind: DaemonSet/' f.yaml
kubectl apply -f f.yaml`);
    const e = entry(r2, "kubectl apply");
    expect(e.exit).toBe(1);
    expect(e.stderr).toBe(
      'Error from server (BadRequest): error when creating "f.yaml": DaemonSet in version "v1" cannot be handled as a DaemonSet: strict decoding error: unknown field "spec.replicas", unknown field "spec.strategy"\n',
    );
  });
});

describe("lab 5-6: static pods", () => {
  const r = lab(`kubectl get pods -A | grep -c -- -controlplane
cat /var/lib/kubelet/config.yaml | grep staticPodPath
ls /etc/kubernetes/manifests | wc -l
kubectl describe pod kube-apiserver-controlplane -n kube-system | grep Image:
kubectl get pod etcd-controlplane -n kube-system -o yaml | grep -A2 ownerReferences
ps -aux | grep kubelet | grep -o -- '--config=[^ ]*'
kubectl run --restart=Never --image=busybox static-busybox --dry-run=client -o yaml --command -- sleep 1000 > /etc/kubernetes/manifests/static-busybox.yaml
sleep 20
kubectl get pods
sed -i 's/image: busybox/image: busybox:1.28.4/' /etc/kubernetes/manifests/static-busybox.yaml
sleep 40
kubectl get pod static-busybox-controlplane -o jsonpath='{.spec.containers[0].image}'`);

  it("finds the control plane's static pods, their directory and the apiserver image", () => {
    expect(out(r, "kubectl get pods -A | grep -c")).toBe("4\n");
    expect(out(r, "cat /var/lib/kubelet/config.yaml")).toBe("staticPodPath: /etc/kubernetes/manifests\n");
    expect(out(r, "ls /etc/kubernetes/manifests")).toBe("4\n");
    expect(out(r, "kubectl describe pod kube-apiserver")).toBe(
      "    Image:         registry.k8s.io/kube-apiserver:v1.32.2\n",
    );
    expect(out(r, "kubectl get pod etcd-controlplane")).toMatch(
      /ownerReferences:\n {2}- apiVersion: v1\n {4}controller: true\n/,
    );
    expect(out(r, "ps -aux")).toBe("--config=/var/lib/kubelet/config.yaml\n");
  });

  it("runs static-busybox as a mirror pod and recreates it with the new image", () => {
    const table = out(r, "kubectl get pods");
    expect(rows(table).map((c) => [c[0], c[2]])).toEqual([["static-busybox-controlplane", "Running"]]);
    expect(out(r, "kubectl get pod static-busybox-controlplane -o jsonpath")).toBe("busybox:1.28.4");
  });
});

describe("lab 7: static-greenbox on a node with another staticPodPath", () => {
  const r = lab(`ssh node01
mkdir -p /etc/just-to-mess-with-you
sed -i 's#staticPodPath: .*#staticPodPath: /etc/just-to-mess-with-you#' /var/lib/kubelet/config.yaml
cat > /etc/just-to-mess-with-you/greenbox.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: static-greenbox
spec:
  containers:
  - name: greenbox
    image: busybox:1.28.4
    command: ["sleep", "1000"]
EOF
systemctl restart kubelet
exit
sleep 20
kubectl get pods -o wide
ssh node01
ps -ef | grep /usr/bin/kubelet | grep -o -- '--config=[^ ]*'
grep -i staticpod /var/lib/kubelet/config.yaml
rm -rf /etc/just-to-mess-with-you/greenbox.yaml
exit
sleep 40
kubectl get pods`);

  it("finds the pod on node01, its directory, and deletes it for good", () => {
    const found = rows(out(r, "kubectl get pods -o wide"));
    expect(found.map((c) => [c[0], c[6]])).toEqual([["static-greenbox-node01", "node01"]]);
    expect(out(r, "ps -ef")).toBe("--config=/var/lib/kubelet/config.yaml\n");
    expect(out(r, "grep -i staticpod")).toBe("staticPodPath: /etc/just-to-mess-with-you\n");
    const last = entry(r, "kubectl get pods");
    expect(last.stdout).toBe("");
    expect(last.stderr).toBe("No resources found in default namespace.\n");
  });
});

describe("lab 8: a second scheduler from a ConfigMap", () => {
  const r = lab(`kubectl get pods -n kube-system | grep scheduler
kubectl describe pod kube-scheduler-controlplane -n kube-system | grep Image:
cat > /root/my-scheduler-config.yaml <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
  - schedulerName: my-scheduler
leaderElection:
  leaderElect: false
EOF
kubectl create configmap my-scheduler-config --from-file=/root/my-scheduler-config.yaml -n kube-system
kubectl create serviceaccount my-scheduler -n kube-system
kubectl create clusterrolebinding my-scheduler-as-kube-scheduler --clusterrole=system:kube-scheduler --serviceaccount=kube-system:my-scheduler
IMAGE=registry.k8s.io/kube-scheduler:v1.32.2
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: my-scheduler
  namespace: kube-system
spec:
  serviceAccountName: my-scheduler
  containers:
  - name: kube-second-scheduler
    image: $IMAGE
    command:
    - /usr/local/bin/kube-scheduler
    - --config=/etc/kubernetes/my-scheduler/my-scheduler-config.yaml
    volumeMounts:
    - name: config-volume
      mountPath: /etc/kubernetes/my-scheduler
  volumes:
  - name: config-volume
    configMap:
      name: my-scheduler-config
EOF
sleep 30
kubectl get pod my-scheduler -n kube-system
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  schedulerName: my-scheduler
  containers:
  - image: nginx
    name: nginx
EOF
sleep 10
kubectl get pods -o wide
kubectl get events -o wide --field-selector reason=Scheduled
kubectl describe pod nginx | grep Scheduled`);

  it("names the default scheduler's pod and image", () => {
    expect(out(r, "kubectl get pods -n kube-system | grep")).toMatch(
      /^kube-scheduler-controlplane\s+1\/1\s+Running/,
    );
    expect(out(r, "kubectl describe pod kube-scheduler")).toBe(
      "    Image:         registry.k8s.io/kube-scheduler:v1.32.2\n",
    );
  });

  it("creates the ConfigMap, ServiceAccount and binding with kubectl's messages", () => {
    expect(out(r, "kubectl create configmap")).toBe("configmap/my-scheduler-config created\n");
    expect(out(r, "kubectl create serviceaccount")).toBe("serviceaccount/my-scheduler created\n");
    expect(out(r, "kubectl create clusterrolebinding")).toBe(
      "clusterrolebinding.rbac.authorization.k8s.io/my-scheduler-as-kube-scheduler created\n",
    );
  });

  it("schedules the pod that names my-scheduler, and says so in events", () => {
    expect(rows(out(r, "kubectl get pod my-scheduler"))[0]?.slice(0, 3)).toEqual([
      "my-scheduler",
      "1/1",
      "Running",
    ]);
    const pod = rows(out(r, "kubectl get pods -o wide"))[0] ?? [];
    expect(pod[2]).toBe("Running");
    expect(["node01", "node02"]).toContain(pod[6]);
    expect(out(r, "kubectl get events")).toMatch(/Scheduled\s+pod\/nginx\s+my-scheduler, /);
    expect(out(r, "kubectl describe pod nginx")).toMatch(
      /Normal\s+Scheduled\s+\S+\s+my-scheduler\s+Successfully assigned default\/nginx to node0[12]\n/,
    );
  });
});

describe("lab 9: placement, taints and drain", () => {
  const r = lab(`kubectl label node node01 color=blue
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: blue
spec:
  replicas: 3
  selector:
    matchLabels: {app: blue}
  template:
    metadata:
      labels: {app: blue}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: color, operator: In, values: [blue]}
      containers:
      - name: nginx
        image: nginx
EOF
sleep 10
kubectl get pods -o wide -l app=blue
kubectl taint nodes node01 spray=mortein:NoSchedule
kubectl taint nodes node02 spray=mortein:NoSchedule
kubectl run mosquito --image=nginx
sleep 5
kubectl get pod mosquito
kubectl describe pod mosquito | grep FailedScheduling
kubectl run bee --image=nginx --dry-run=client -o yaml > bee.yaml
cat >> bee.yaml <<EOF
EOF
sed -i '/restartPolicy/i\\  tolerations:\\n  - {key: spray, operator: Equal, value: mortein, effect: NoSchedule}' bee.yaml
kubectl apply -f bee.yaml
sleep 5
kubectl get pod bee -o wide
kubectl drain node01 --ignore-daemonsets
sleep 5
kubectl get pods -l app=blue
kubectl uncordon node01
sleep 5
kubectl get pods -l app=blue`);

  it("places the affinity pods on the labelled node", () => {
    expect(out(r, "kubectl label")).toBe("node/node01 labeled\n");
    const pods = rows(out(r, "kubectl get pods -o wide -l app=blue"));
    expect(pods.map((c) => c[6])).toEqual(["node01", "node01", "node01"]);
  });

  it("keeps a pod Pending when every node is tainted, with the scheduler's message", () => {
    expect(rows(out(r, "kubectl get pod mosquito"))[0]?.[2]).toBe("Pending");
    expect(out(r, "kubectl describe pod mosquito")).toBe(
      "  Warning  FailedScheduling  5s    default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {spray: mortein}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n",
    );
  });

  it("runs the tolerating pod on a tainted worker", () => {
    const bee = rows(out(r, "kubectl get pod bee"))[0] ?? [];
    expect(bee[2]).toBe("Running");
    expect(["node01", "node02"]).toContain(bee[6]);
  });

  it("drains node01 ignoring DaemonSets; the affinity pods wait until uncordon", () => {
    const drain = entry(r, "kubectl drain");
    expect(drain.exit).toBe(0);
    expect(drain.stdout).toMatch(/^node\/node01 cordoned\n/);
    expect(drain.stdout).toMatch(/node\/node01 drained\n$/);
    expect(drain.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-flannel\/kube-flannel-ds-\w+, kube-system\/kube-proxy-\w+\n$/,
    );
    const entries = r.filter((e) => e.command === "kubectl get pods -l app=blue");
    expect(rows(entries[0]?.stdout ?? "").map((c) => c[2])).toEqual(["Pending", "Pending", "Pending"]);
    expect(out(r, "kubectl uncordon")).toBe("node/node01 uncordoned\n");
  });
});

describe("pods: init containers, logs, exec", () => {
  const r = lab(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.\\$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
EOF
sleep 10
kubectl get pod myapp-pod
kubectl get pod myapp-pod -o jsonpath='{.spec.initContainers[0].command[2]}'
kubectl create service clusterip myservice --tcp=80:9376
sleep 10
kubectl get pod myapp-pod
kubectl logs myapp-pod
kubectl exec myapp-pod -- echo hi
kubectl exec myapp-pod -c nope -- ls
kubectl logs myapp-pod -c nope`);

  it("passes \\$ through an unquoted heredoc as bash does", () => {
    expect(entry(r, "kubectl apply").stdout).toBe("pod/myapp-pod created\n");
    expect(out(r, "kubectl get pod myapp-pod -o jsonpath")).toBe(
      "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done",
    );
  });

  it("waits in Init until the Service exists, then runs", () => {
    const gets = r.filter((e) => e.command === "kubectl get pod myapp-pod");
    expect(rows(gets[0]?.stdout ?? "")[0]?.[2]).toBe("Init:0/1");
    expect(rows(gets[1]?.stdout ?? "")[0]?.[2]).toBe("Running");
    expect(out(r, "kubectl logs myapp-pod")).toBe("The app is running!\n");
  });

  it("reports an unknown container as exec and logs do", () => {
    expect(entry(r, "kubectl exec myapp-pod -c nope").stderr).toBe(
      "error: container nope not found in pod myapp-pod\n",
    );
    expect(entry(r, "kubectl logs myapp-pod -c nope").stderr).toBe(
      "Error from server (BadRequest): container nope is not valid for pod myapp-pod\n",
    );
  });
});

describe("kubectl get all, quota, rollout, bad YAML", () => {
  it("prints service/kubernetes with its kind even when nothing else exists", () => {
    const r = lab("kubectl get all");
    expect(r[0]?.stdout).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nservice\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+10m\n$/,
    );
  });

  it("creates a quota and enforces it", () => {
    const r = lab(`kubectl create quota q --hard=pods=1
kubectl run a --image=nginx
kubectl run b --image=nginx
kubectl get quota`);
    expect(out(r, "kubectl create quota")).toBe("resourcequota/q created\n");
    expect(entry(r, "kubectl run b").stderr).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    expect(out(r, "kubectl get quota")).toMatch(/^NAME\s+AGE\s+REQUEST\s+LIMIT\nq\s+0s\s+pods: 1\/1\s+\n$/);
  });

  it("rolls a Deployment forward and back", () => {
    const r = lab(`kubectl create deployment web --image=nginx:1.25 --replicas=3
sleep 20
kubectl set image deployment/web nginx=nginx:1.26
sleep 20
kubectl rollout undo deployment/web
sleep 20
kubectl rollout history deployment/web
kubectl get deploy web -o wide`);
    expect(out(r, "kubectl rollout undo")).toBe("deployment.apps/web rolled back\n");
    expect(out(r, "kubectl rollout history")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    expect(
      rows(out(r, "kubectl get deploy web"))[0]
        ?.slice(0, 2)
        .concat(rows(out(r, "kubectl get deploy web"))[0]?.[6] ?? ""),
    ).toEqual(["web", "3/3", "nginx:1.25"]);
  });

  it("names the line of a YAML syntax error where go-yaml stops", () => {
    const r = lab(`cat > bad.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
     image: nginx
EOF
kubectl apply -f bad.yaml`);
    const e = entry(r, "kubectl apply");
    expect(e.exit).toBe(1);
    expect(e.stderr).toBe(
      "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context\n",
    );
  });
});

describe("an empty cluster whose nodes are applied", () => {
  it("runs a DaemonSet on the untainted nodes and a tolerating one everywhere", () => {
    const node = (name: string, extra = "") => `apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {kubernetes.io/hostname: ${name}${extra ? `, ${extra}` : ""}}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}`;
    const r = runScript(
      createCluster({ seed: 1 }),
      `kubectl apply -f - <<EOF
${node("cp", 'node-role.kubernetes.io/control-plane: ""')}
---
${node("w1")}
---
${node("w2")}
EOF
kubectl taint node cp node-role.kubernetes.io/control-plane:NoSchedule
sleep 5
kubectl create deployment agent --image=fluentd --dry-run=client -o yaml | sed -e 's/Deployment/DaemonSet/' -e '/replicas/d' -e '/strategy/d' -e '/status/d' > ds.yaml
kubectl apply -f ds.yaml
sleep 10
kubectl get ds agent
sed -i '/containers:/i\\      tolerations:\\n      - operator: Exists' ds.yaml
kubectl apply -f ds.yaml
sleep 10
kubectl get ds agent`,
    );
    const gets = r.filter((e) => e.command === "kubectl get ds agent");
    expect(rows(gets[0]?.stdout ?? "")[0]?.slice(0, 3)).toEqual(["agent", "2", "2"]);
    expect(out(r, "kubectl apply -f ds.yaml")).toBe("daemonset.apps/agent configured\n");
    expect(rows(gets[1]?.stdout ?? "")[0]?.slice(0, 3)).toEqual(["agent", "3", "3"]);
  });
});

describe("the shell a learner types into", () => {
  it("expands $? after the command before it has run", () => {
    const r = lab(`kubectl get pod nope; echo "exit $?"
true && echo $?`);
    expect(r[0]?.stdout).toBe("exit 1\n");
    expect(r[1]?.stdout).toBe("0\n");
  });
});
