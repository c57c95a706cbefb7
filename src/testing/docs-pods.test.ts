// More kubernetes.io task pages about Pods and containers, typed as the pages show them, on the cka
// scenario (the manifests from kubernetes/website content/en/examples, given inline: the cluster
// has no network to fetch https://k8s.io/examples/...). Expected text: the page's output, or what
// the image prints on a real cluster where the page is older than the image.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("Configure Liveness, Readiness and Startup Probes: registry.k8s.io/busybox:1.27.2", () => {
  it("pulls the page's image and fails the exec probe once /tmp/healthy is gone", () => {
    // pods/probe/exec-liveness.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
EOF
sleep 45
kubectl describe pod liveness-exec`);
    const events = last(r, "kubectl describe").stdout;
    expect(events).toContain('Successfully pulled image "registry.k8s.io/busybox:1.27.2"');
    expect(events).toMatch(
      /Warning {2}Unhealthy .*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/,
    );
    expect(events).toContain("Container liveness failed liveness probe, will be restarted");
  });
});

describe("Configure a Security Context: gcr.io/google-samples/hello-app:2.0", () => {
  it("runs the image's CMD ./hello-app from its working directory, as the user runAsUser names", () => {
    // pods/security/security-context-2.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-2
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: sec-ctx-demo-2
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      runAsUser: 2000
      allowPrivilegeEscalation: false
EOF
sleep 5
kubectl get pod security-context-demo-2 --no-headers
kubectl exec security-context-demo-2 -- ps aux`);
    expect(last(r, "kubectl get").stdout).toMatch(/^security-context-demo-2\s+1\/1\s+Running\s+0\s/);
    expect(last(r, "kubectl exec").stdout).toMatch(
      /^PID +USER +TIME +COMMAND\n +1 2000 +0:00 \.\/hello-app\n/,
    );
  });
});

describe("kubectl exec -i", () => {
  it("gives the process kubectl's stdin (a heredoc into sh); without -i it gets none", () => {
    const r = run(`kubectl run b --image=busybox:1.28 -- sleep 1h
sleep 3
kubectl exec -i b -- sh <<'S'
echo from stdin
S
echo ignored | kubectl exec b -- cat`);
    expect(last(r, "kubectl exec -i").stdout).toBe("from stdin\n");
    expect(last(r, "echo ignored").stdout).toBe("");
  });
});

describe("Attach Handlers to Container Lifecycle Events", () => {
  it("the postStart handler writes /usr/share/message; the preStop handler quits nginx", () => {
    // pods/lifecycle-events.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
EOF
sleep 5
kubectl exec -it lifecycle-demo -- bash
cat /usr/share/message
exit
kubectl delete pod lifecycle-demo`);
    expect(last(r, "cat /usr/share/message").stdout).toBe("Hello from the postStart handler\n");
    expect(last(r, "kubectl delete").stdout).toBe('pod "lifecycle-demo" deleted\n');
  });

  it("a failing postStart handler kills the container (kuberuntime_container.go startContainer)", () => {
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: hook-fails
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.28
    command: ["sleep", "3600"]
    lifecycle:
      postStart:
        exec:
          command: ["false"]
EOF
sleep 10
kubectl get pod hook-fails --no-headers
kubectl get events --field-selector involvedObject.name=hook-fails,type=Warning -o custom-columns=REASON:.reason,MESSAGE:.message`);
    expect(last(r, "kubectl get pod").stdout).toMatch(/^hook-fails\s+\S+\s+\S+\s+1 \(/);
    expect(last(r, "kubectl get events").stdout).toContain("FailedPostStartHook   PostStartHook failed\n");
  });

  it("a preStop sleep handler delays the SIGTERM by its seconds", () => {
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: drain-first
spec:
  containers:
  - name: web
    image: nginx
    lifecycle:
      preStop:
        sleep:
          seconds: 5
EOF
sleep 5
kubectl delete pod drain-first --wait=false
sleep 3
kubectl get pod drain-first --no-headers
sleep 4
kubectl get pod drain-first`);
    expect(last(r, "kubectl get pod drain-first --no-headers").stdout).toMatch(
      /^drain-first\s+1\/1\s+Terminating/,
    );
    expect(last(r, "kubectl get pod drain-first").stderr).toBe(
      'Error from server (NotFound): pods "drain-first" not found\n',
    );
  });
});

describe("Configure a Security Context for a Pod or Container", () => {
  it("id shows runAsUser, runAsGroup, fsGroup and supplementalGroups; ps the uid", () => {
    // pods/security/security-context.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
EOF
sleep 5
kubectl exec -it security-context-demo -- sh
ps
cd /data
ls -l
cd demo
echo hello > testfile
ls -l
id
grep -E '^(Uid|Gid|Groups|NoNewPrivs)' /proc/1/status
exit`);
    // The page: the volume is fsGroup's and set-group-ID; a file made there is runAsUser's, in fsGroup.
    const [dataDir, demoDir] = r.filter((e) => e.command === "ls -l").map((e) => e.stdout);
    // busybox ls colours names on a terminal (the page shows the text without its colours).
    const uncoloured = (t = "") =>
      t.replaceAll("\x1b[1;34m", "").replaceAll("\x1b[0;0m", "").replaceAll("\x1b[m", "");
    expect(dataDir).toContain("\x1b[1;34mdemo\x1b[m\n");
    expect(uncoloured(dataDir)).toMatch(
      /^total \d+\ndrwxrwsrwx +2 root +2000 +4096 \w{3} [ \d]\d \d\d:\d\d demo\n$/,
    );
    expect(uncoloured(demoDir)).toMatch(
      /^total \d+\n-rw-r--r-- +1 1000 +2000 +6 \w{3} [ \d]\d \d\d:\d\d testfile\n$/,
    );
    expect(last(r, "id").stdout).toBe("uid=1000 gid=3000 groups=2000,3000,4000\n");
    expect(last(r, "ps").stdout).toMatch(/^PID +USER +TIME +COMMAND\n +1 1000 +0:00 /);
    expect(last(r, "grep").stdout).toBe(
      "Uid:\t1000\t1000\t1000\t1000\nGid:\t3000\t3000\t3000\t3000\nGroups:\t2000 3000 4000 \nNoNewPrivs:\t1\n",
    );
  });

  it("cat /proc/1/status shows the capability bitmaps of the page", () => {
    // pods/security/security-context-3.yaml and security-context-4.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-3
spec:
  containers:
  - name: sec-ctx-3
    image: gcr.io/google-samples/hello-app:2.0
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-4
spec:
  containers:
  - name: sec-ctx-4
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      capabilities:
        add: ["NET_ADMIN", "SYS_TIME"]
EOF
sleep 5
kubectl exec -it security-context-demo-3 -- sh
cd /proc/1
cat status
exit
kubectl exec security-context-demo-4 -- grep Cap /proc/1/status`);
    expect(last(r, "cat status").stdout).toContain("CapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\n");
    expect(last(r, "kubectl exec security-context-demo-4").stdout).toBe(
      "CapInh:\t0000000000000000\nCapPrm:\t00000000aa0435fb\nCapEff:\t00000000aa0435fb\nCapBnd:\t00000000aa0435fb\nCapAmb:\t0000000000000000\n",
    );
  });
});

describe("Share Process Namespace between Containers in a Pod", () => {
  it("ps ax shows /pause as PID 1 and nginx's master and workers; HUP restarts the workers; /proc/PID/root", () => {
    // pods/share-process-namespace.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx
  - name: shell
    image: busybox:1.28
    command: ["sleep", "3600"]
    securityContext:
      capabilities:
        add:
        - SYS_PTRACE
    stdin: true
    tty: true
EOF
sleep 5
kubectl exec -it nginx -c shell -- /bin/sh
ps ax
kill -HUP 8
ps ax
head -3 /proc/8/root/etc/nginx/nginx.conf
exit`);
    const before = r.find((e) => e.command === "ps ax")?.stdout ?? "";
    const after = last(r, "ps ax").stdout;
    expect(before).toMatch(/^PID +USER +TIME +COMMAND\n +1 root +0:00 \/pause\n/);
    expect(before).toMatch(/\n +8 root +0:00 nginx: master process nginx -g daemon off;\n/);
    // The workers run as nginx (uid 101), which busybox's /etc/passwd does not name.
    const workers = (text: string) =>
      [...text.matchAll(/ (\d+) 101 +0:00 nginx: worker process\n/g)].map((m) => m[1]);
    expect(workers(before).length).toBeGreaterThan(0);
    expect(workers(after).length).toBe(workers(before).length);
    expect(workers(after).some((pid) => workers(before).includes(pid))).toBe(false);
    expect(last(r, "head").stdout).toBe("user  nginx;\nworker_processes  auto;\n\n");
  });
});

describe("Determine the Reason for Pod Failure", () => {
  it("the termination message, read back with the page's go-template", () => {
    // debug/termination.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: termination-demo
spec:
  containers:
  - name: termination-demo-container
    image: debian
    command: ["/bin/sh"]
    args: ["-c", "sleep 10 && echo Sleep expired > /dev/termination-log"]
EOF
sleep 12
kubectl get pod termination-demo -o go-template="{{range .status.containerStatuses}}{{.lastState.terminated.message}}{{end}}"`);
    expect(last(r, "kubectl get pod").stdout).toBe("Sleep expired\n");
  });
});

describe("Configure a Pod to Use a ConfigMap: from a directory", () => {
  it("create configmap --from-file=DIR takes each file under its name; apply -f DIR reads each manifest", () => {
    const r = run(`mkdir -p configure-pod-container/configmap/ m
printf 'enemies=aliens\\nlives=3\\n' > configure-pod-container/configmap/game.properties
printf 'color.good=purple\\n' > configure-pod-container/configmap/ui.properties
kubectl create configmap game-config --from-file=configure-pod-container/configmap/
kubectl get configmaps game-config -o jsonpath='{.data}'
printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n' > m/a.yaml
kubectl apply -f m/
kubectl apply -f m`);
    expect(last(r, "kubectl create configmap").stdout).toBe("configmap/game-config created\n");
    expect(last(r, "kubectl get configmaps").stdout).toBe(
      '{"game.properties":"enemies=aliens\\nlives=3\\n","ui.properties":"color.good=purple\\n"}',
    );
    expect(last(r, "kubectl apply -f m/").stdout).toBe("configmap/a created\n");
    expect(last(r, "kubectl apply -f m").stdout).toBe("configmap/a unchanged\n");
  });
});

describe("kubectl get and logs details the task pages show", () => {
  it("get NAME -o yaml of a missing object prints only the error (printGeneric's single item)", () => {
    const r = run("kubectl get configmaps game-config -o yaml");
    expect(last(r, "kubectl get").stdout).toBe("");
    expect(last(r, "kubectl get").stderr).toBe(
      'Error from server (NotFound): configmaps "game-config" not found\n',
    );
  });

  it("logs deployment/NAME says which of its pods it reads (logsForObject)", () => {
    const r = run(`kubectl create deployment web --image=nginx --replicas=2
sleep 5
kubectl logs deployment/web --tail=1`);
    expect(last(r, "kubectl logs").stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });
});

describe("Configure Service Accounts for Pods: a long-lived token Secret", () => {
  it("the token controller fills the Secret; describe shows the token and the sizes", () => {
    const r = run(`kubectl create serviceaccount build-robot
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Secret
metadata:
  name: build-robot-secret
  annotations:
    kubernetes.io/service-account.name: build-robot
type: kubernetes.io/service-account-token
EOF
sleep 1
kubectl describe secrets/build-robot-secret
kubectl get secret build-robot-secret -o jsonpath='{.data.namespace}' | base64 -d
kubectl delete serviceaccount build-robot
sleep 1
kubectl get secret build-robot-secret`);
    const described = last(r, "kubectl describe").stdout;
    expect(described).toMatch(
      /Annotations: {2}kubernetes\.io\/service-account\.name: build-robot\n {14}kubernetes\.io\/service-account\.uid: [0-9a-f-]{36}\n/,
    );
    expect(described).toMatch(
      /\nData\n====\nca\.crt: {5}\d+ bytes\nnamespace: {2}7 bytes\ntoken: {6}eyJ[\w-]+\.[\w-]+\.[\w-]+\n/,
    );
    expect(last(r, "kubectl get secret build-robot-secret -o").stdout).toBe("default");
    expect(last(r, "kubectl get secret build-robot-secret").stderr).toBe(
      'Error from server (NotFound): secrets "build-robot-secret" not found\n',
    );
  });
});

describe("Debug Running Pods: kubectl debug node/NAME -it", () => {
  it("attaches to the image's own shell (ubuntu's bash): the node's root is at /host", () => {
    const r = run(`kubectl debug node/node01 -it --image=ubuntu
hostname
ls /host/etc/kubernetes
exit`);
    expect(last(r, "hostname").stdout).toBe("node01\n");
    expect(last(r, "ls /host").stdout).toContain("manifests");
  });

  it("kubectl run -it without a command attaches to the image's CMD", () => {
    const r = run(`kubectl run t -it --image=ubuntu --restart=Never
hostname
exit`);
    expect(last(r, "hostname").stdout).toBe("t\n");
  });
});

describe("Debug Services: the hostnames Deployment", () => {
  it("serve_hostname answers its pod's name on 9376, through the Service on 80", () => {
    const r = run(`kubectl create deployment hostnames --image=registry.k8s.io/serve_hostname
kubectl scale deployment hostnames --replicas=3
kubectl expose deployment hostnames --port=80 --target-port=9376
sleep 10
kubectl get pods -l app=hostnames -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'
kubectl run -it --rm --restart=Never busybox --image=gcr.io/google-containers/busybox sh
for i in $(seq 1 3); do wget -qO- hostnames; echo; done
exit`);
    const names = last(r, "kubectl get pods").stdout.trim().split("\n");
    expect(names).toHaveLength(3);
    const answers = last(r, "for i in").stdout.trim().split("\n");
    expect(answers).toHaveLength(3);
    for (const a of answers) expect(names).toContain(a);
  });
});

describe("HorizontalPodAutoscaler Walkthrough: php-apache", () => {
  it("registry.k8s.io/hpa-example answers OK! behind its Service", () => {
    const r = run(`kubectl create deployment php-apache --image=registry.k8s.io/hpa-example --port=80
kubectl expose deployment php-apache --port=80
sleep 10
kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "for i in 1 2 3; do wget -q -O- http://php-apache; done"`);
    expect(last(r, "kubectl run").stdout).toMatch(/^OK!OK!OK!\n?pod "load-generator" deleted\n$/);
  });
});

describe("Get a Shell to a Running Container: shell-demo", () => {
  it("ls / shows the Debian root; /proc/1/mounts; nginx serves what was written to its emptyDir", () => {
    // application/shell-demo.yaml
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: shell-demo
spec:
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  hostNetwork: true
  dnsPolicy: Default
EOF
sleep 5
kubectl exec --stdin --tty shell-demo -- /bin/bash
ls /
echo 'Hello shell demo' > /usr/share/nginx/html/index.html
curl http://localhost/
exit
kubectl exec shell-demo -- cat /proc/1/mounts`);
    // A terminal: ls prints columns (coreutils' layout, tab-aligned).
    const root = last(r, "ls /").stdout.trim().split(/\s+/);
    expect(last(r, "ls /").stdout).toMatch(/^bin\s+/);
    expect(last(r, "ls /").stdout.split("\n").length).toBeLessThan(6);
    for (const d of ["bin", "boot", "dev", "etc", "lib", "media", "mnt", "opt", "sbin", "srv", "usr", "var"])
      expect(root).toContain(d);
    // A terminal gets no progress meter from curl.
    expect(last(r, "curl").stdout).toBe("Hello shell demo\n");
    expect(last(r, "curl").stderr).toBe("");
    expect(last(r, "kubectl exec shell-demo").stdout).toMatch(/^overlay \/ overlay /);
    expect(last(r, "kubectl exec shell-demo").stdout).toContain(" /usr/share/nginx/html ");
  });
});

describe("Debug Services: is kube-proxy writing iptables rules?", () => {
  it("iptables-save on a node shows the hostnames Service's chains", () => {
    const r = run(`kubectl create deployment hostnames --image=registry.k8s.io/serve_hostname --replicas=3
kubectl expose deployment hostnames --port=80 --target-port=9376
sleep 10
ssh node01
iptables-save | grep hostnames
exit`);
    const lines = last(r, "iptables-save").stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("-A KUBE-SEP-"))).toHaveLength(6);
    expect(lines.filter((l) => l.includes("-j DNAT --to-destination 10.244."))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith("-A KUBE-SERVICES -d 10."))).toHaveLength(1);
  });
});

describe("Get a Shell to a Running Container: kubectl exec shell-demo env", () => {
  it("the page's old form without -- is a usage error since v1.31 (exec.go Complete)", () => {
    const r = run("kubectl exec shell-demo env");
    expect(last(r, "kubectl exec").stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(last(r, "kubectl exec").exit).toBe(1);
  });
});
