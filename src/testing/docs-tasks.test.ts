// The Kubernetes docs tasks about what runs inside containers, typed as their pages show them
// (kubernetes.io/docs/tasks/...), on the cka scenario; the expected outputs are what the pages
// and the images print on a real cluster (with this cluster's addresses: the kubernetes Service
// is 10.96.0.1, cluster DNS 10.96.0.10).
import { describe, expect, it } from "vitest";
import { runScript } from "../cli/report";
import { bootScenario, homeNodeOf } from "../engine/boot";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("Define a Command and Arguments for a Container", () => {
  it("printenv HOSTNAME KUBERNETES_PORT in debian, then Completed", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: command-demo
  labels:
    purpose: demonstrate-command
spec:
  containers:
  - name: command-demo-container
    image: debian
    command: ["printenv"]
    args: ["HOSTNAME", "KUBERNETES_PORT"]
  restartPolicy: OnFailure
EOF
sleep 20
kubectl get pods command-demo --no-headers
kubectl logs command-demo`);
    expect(last(r, "kubectl logs").stdout).toBe("command-demo\ntcp://10.96.0.1:443\n");
    expect(last(r, "kubectl get pods").stdout).toMatch(/^command-demo\s+0\/1\s+Completed\s+0\s/);
  });

  it("uses an environment variable in args and runs a shell loop", () => {
    const r =
      run(`kubectl run env-echo --image=debian --restart=Never --env="MESSAGE=hello world" --command -- /bin/echo '$(MESSAGE)'
kubectl run shell-loop --image=busybox -- /bin/sh -c 'while true; do echo hello; sleep 10;done'
sleep 45
kubectl logs env-echo
kubectl logs shell-loop
kubectl get pod shell-loop --no-headers`);
    expect(last(r, "kubectl logs env-echo").stdout).toBe("hello world\n");
    const loops = last(r, "kubectl logs shell-loop").stdout.split("\n").filter(Boolean);
    expect(loops.length).toBeGreaterThanOrEqual(3);
    expect(new Set(loops)).toEqual(new Set(["hello"]));
    expect(last(r, "kubectl get pod shell-loop").stdout).toMatch(/Running\s+0\s/);
  });
});

describe("Define Dependent Environment Variables", () => {
  it("expands $(VAR) references in order and leaves unknown and escaped ones", () => {
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: dependent-envars-demo
spec:
  containers:
    - name: dependent-envars-demo
      args:
        - while true; do echo -en '\\n'; printf UNCHANGED_REFERENCE=$UNCHANGED_REFERENCE'\\n'; printf SERVICE_ADDRESS=$SERVICE_ADDRESS'\\n';printf ESCAPED_REFERENCE=$ESCAPED_REFERENCE'\\n'; sleep 30; done;
      command:
        - sh
        - -c
      image: busybox:1.28
      env:
        - name: SERVICE_PORT
          value: "80"
        - name: SERVICE_IP
          value: "172.17.0.1"
        - name: UNCHANGED_REFERENCE
          value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
        - name: PROTOCOL
          value: "https"
        - name: SERVICE_ADDRESS
          value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
        - name: ESCAPED_REFERENCE
          value: "$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
EOF
sleep 20
kubectl logs pod/dependent-envars-demo`);
    expect(last(r, "kubectl logs").stdout).toBe(
      "\nUNCHANGED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\nSERVICE_ADDRESS=https://172.17.0.1:80\nESCAPED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n",
    );
  });
});

describe("Expose Pod Information to Containers Through Files", () => {
  it('writes labels and annotations as key="value" lines', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations
EOF
sleep 20
kubectl logs kubernetes-downwardapi-volume-example --tail=9
kubectl exec kubernetes-downwardapi-volume-example -- cat /etc/podinfo/labels`);
    expect(last(r, "kubectl exec").stdout).toBe(
      'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"',
    );
    expect(last(r, "kubectl logs").stdout).toContain(
      'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"',
    );
    expect(last(r, "kubectl logs").stdout).toContain('build="two"\nbuilder="john-doe"');
  });
});

describe("Configure a Pod to Use a ConfigMap", () => {
  it("env from configMapKeyRef and a configMap volume", () => {
    // Quoted delimiter: bash would run the manifest's $(SPECIAL_LEVEL_KEY) as a command substitution.
    const r =
      run(`kubectl create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "echo $(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: special.how
        - name: SPECIAL_TYPE_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: special.type
  restartPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: dapi-volume-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "ls /etc/config/" ]
      volumeMounts:
      - name: config-volume
        mountPath: /etc/config
  volumes:
    - name: config-volume
      configMap:
        name: special-config
  restartPolicy: Never
EOF
sleep 20
kubectl logs dapi-test-pod
kubectl logs dapi-volume-pod`);
    expect(last(r, "kubectl logs dapi-test-pod").stdout).toBe("very charm\n");
    expect(last(r, "kubectl logs dapi-volume-pod").stdout).toBe("special.how\nspecial.type\n");
  });

  it("a missing ConfigMap keeps the container in CreateContainerConfigError", () => {
    const r =
      run(`kubectl run needs-config --image=nginx --overrides='{"spec":{"containers":[{"name":"needs-config","image":"nginx","env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"nope","key":"k"}}}]}]}}'
sleep 10
kubectl get pod needs-config --no-headers
kubectl get events --field-selector involvedObject.name=needs-config -o custom-columns=MSG:.message --no-headers`);
    expect(last(r, "kubectl get pod").stdout).toMatch(/CreateContainerConfigError/);
    expect(last(r, "kubectl get events").stdout).toContain('Error: configmap "nope" not found');
  });
});

describe("Distribute Credentials Securely Using Secrets", () => {
  it("a secret volume and a secretKeyRef env var", () => {
    const r = run(`kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'
kubectl create secret generic test-secret --from-literal='username=my-app' --from-literal='password=39528$vdg7Jb'
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: env-single-secret
spec:
  containers:
  - name: envars-test-container
    image: nginx
    env:
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: backend-user
          key: backend-username
---
apiVersion: v1
kind: Pod
metadata:
  name: secret-test-pod
spec:
  containers:
    - name: test-container
      image: nginx
      volumeMounts:
        - name: secret-volume
          mountPath: /etc/secret-volume
          readOnly: true
  volumes:
    - name: secret-volume
      secret:
        secretName: test-secret
EOF
sleep 30
kubectl exec -i -t env-single-secret -- /bin/sh -c 'echo $SECRET_USERNAME'
kubectl exec secret-test-pod -- ls /etc/secret-volume
kubectl exec secret-test-pod -- /bin/bash -c 'echo "$( cat /etc/secret-volume/password )"'
kubectl exec secret-test-pod -- touch /etc/secret-volume/x`);
    expect(last(r, "kubectl exec -i -t env-single-secret").stdout).toBe("backend-admin\n");
    expect(last(r, "kubectl exec secret-test-pod -- ls").stdout).toBe("password\nusername\n");
    expect(last(r, "kubectl exec secret-test-pod -- /bin/bash").stdout).toBe("39528$vdg7Jb\n");
    const touch = last(r, "kubectl exec secret-test-pod -- touch");
    expect(touch.exit).not.toBe(0);
    expect(touch.stderr).toContain("Read-only file system");
  });
});

describe("Communicate Between Containers in the Same Pod Using a Shared Volume", () => {
  it("nginx serves what the debian container wrote to the emptyDir", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
EOF
sleep 30
kubectl get pod two-containers --output=yaml
kubectl exec two-containers -c nginx-container -- curl -s localhost`);
    expect(last(r, "kubectl exec").stdout).toBe("Hello from the debian container\n");
    const yaml = last(r, "kubectl get pod").stdout;
    expect(yaml).toMatch(/name: debian-container\n(.|\n)*?reason: Completed/);
  });
});

describe("Configure Liveness, Readiness and Startup Probes", () => {
  it("an exec liveness probe fails once /tmp/healthy is gone and the container restarts", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
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
sleep 25
kubectl get events --field-selector involvedObject.name=liveness-exec -o custom-columns=REASON:.reason --no-headers
sleep 60
kubectl get events --field-selector involvedObject.name=liveness-exec -o custom-columns=MSG:.message --no-headers
kubectl get pod liveness-exec --no-headers`);
    const early = last(
      r,
      "kubectl get events --field-selector involvedObject.name=liveness-exec -o custom-columns=REASON",
    ).stdout;
    expect(early).not.toContain("Unhealthy");
    const later = last(
      r,
      "kubectl get events --field-selector involvedObject.name=liveness-exec -o custom-columns=MSG",
    ).stdout;
    expect(later).toContain(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    expect(later).toContain("Container liveness failed liveness probe, will be restarted");
    expect(last(r, "kubectl get pod").stdout).toMatch(/Running\s+1 \(\S+ ago\)/);
  });

  it("an HTTP liveness probe against agnhost liveness: 200 for 10 s, then 500", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
EOF
sleep 30
kubectl get events --field-selector involvedObject.name=liveness-http -o custom-columns=MSG:.message --no-headers`);
    expect(last(r, "kubectl get events").stdout).toContain(
      "Liveness probe failed: HTTP probe failed with statuscode: 500",
    );
  });
});

describe("Debugging DNS Resolution", () => {
  it("nslookup kubernetes.default from dnsutils, and resolv.conf", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
  namespace: default
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
      - sleep
      - "infinity"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
EOF
sleep 30
kubectl get pods dnsutils --no-headers
kubectl exec -i -t dnsutils -- nslookup kubernetes.default
kubectl exec -ti dnsutils -- cat /etc/resolv.conf
kubectl exec -i -t dnsutils -- nslookup nosuchservice`);
    expect(last(r, "kubectl get pods").stdout).toMatch(/^dnsutils\s+1\/1\s+Running/);
    const ns = last(r, "kubectl exec -i -t dnsutils -- nslookup kubernetes.default");
    expect(ns.exit).toBe(0);
    expect(ns.stdout).toContain("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n");
    expect(ns.stdout).toContain("Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n");
    expect(last(r, "kubectl exec -ti dnsutils -- cat").stdout).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
    expect(last(r, "kubectl exec -i -t dnsutils -- nslookup nosuchservice").exit).not.toBe(0);
  });
});

describe("Running Automated Tasks with a CronJob", () => {
  it("prints the date and hello every minute", () => {
    const cluster = bootScenario("cka");
    if (!cluster) throw new Error("no cka scenario");
    const first = runScript(
      cluster,
      `kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
EOF
sleep 90
kubectl get jobs --no-headers -o custom-columns=NAME:.metadata.name`,
      homeNodeOf(cluster),
    );
    const job = last(first, "kubectl get jobs").stdout.trim().split("\n")[0] as string;
    expect(job).toMatch(/^hello-\d+$/);
    const logs = runScript(cluster, `kubectl logs job/${job}`, homeNodeOf(cluster));
    expect(last(logs, "kubectl logs").stdout).toMatch(
      /^Thu Jan {2}1 00:01:0\d UTC 2026\nHello from the Kubernetes cluster\n$/,
    );
  });
});

describe("The issue's first commands", () => {
  it("busybox sleep runs; a sh -c loop logs; a nonexistent tag fails to pull", () => {
    const r = run(`kubectl run b1 --image=busybox -- sleep 3600
kubectl run b4 --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo hi $i; done'
kubectl create deployment web --image=nginx
sleep 30
kubectl set image deploy/web nginx=nginx:1.91
sleep 60
kubectl get pod b1 --no-headers
kubectl logs b4
kubectl exec b1 -- env
kubectl get pods -l app=web --no-headers
kubectl rollout status deploy/web --timeout=5s`);
    expect(last(r, "kubectl get pod b1").stdout).toMatch(/Running\s+0\s/);
    expect(last(r, "kubectl logs b4").stdout).toBe("hi 1\nhi 2\nhi 3\n");
    const env = last(r, "kubectl exec b1 -- env").stdout;
    expect(env).toContain("KUBERNETES_PORT=tcp://10.96.0.1:443");
    expect(env).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1");
    expect(env).toContain("HOSTNAME=b1");
    expect(env).toContain("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(last(r, "kubectl get pods -l app=web").stdout).toMatch(/(ErrImagePull|ImagePullBackOff)/);
    expect(last(r, "kubectl rollout status").exit).not.toBe(0);
  });
});

describe("kubectl cp", () => {
  it("copies a file into a running container and one out of it", () => {
    const r = run(`kubectl run web --image=nginx
sleep 10
echo hello > /root/x.txt
kubectl cp /root/x.txt web:/tmp/x.txt
kubectl exec web -- cat /tmp/x.txt
kubectl cp default/web:/etc/nginx/conf.d/default.conf /root/d.conf
grep -c listen /root/d.conf`);
    expect(last(r, "kubectl exec web").stdout).toBe("hello\n");
    // default.conf: `listen 80;`, `listen [::]:80;` and the PHP comment "...listening on 127.0.0.1:80".
    expect(last(r, "grep").stdout).toBe("3\n");
  });
});

describe("Logging Architecture: a streaming sidecar container", () => {
  it("tail -F in a sidecar follows what the main container appends to a shared emptyDir", () => {
    // Applied with a quoted heredoc: the page applies the file as is, and bash would expand $i.
    const r = run(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args:
    - /bin/sh
    - -c
    - >
      i=0;
      while true;
      do
        echo "$i: $(date)" >> /var/log/1.log;
        echo "$(date) INFO $i" >> /var/log/2.log;
        i=$((i+1));
        sleep 1;
      done
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  - name: count-log-1
    image: busybox:1.28
    args: [/bin/sh, -c, 'tail -n+1 -F /var/log/1.log']
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  volumes:
  - name: varlog
    emptyDir: {}
EOF
sleep 15
kubectl logs counter count-log-1`);
    const lines = last(r, "kubectl logs").stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const [i, line] of lines.entries())
      expect(line).toMatch(new RegExp(`^${i}: Thu Jan  1 00:00:\\d\\d UTC 2026$`));
  });
});

describe("Assign Memory Resources to Containers", () => {
  it("a container over its memory limit is OOMKilled and restarts", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
EOF
sleep 30
kubectl get pod memory-demo-2 -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'`);
    expect(last(r, "kubectl get pod").stdout).toBe("OOMKilled 137");
  });
});

describe("Running Automated Tasks: the pi Job", () => {
  it("perl computes pi to 2000 places and the Job completes", () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
EOF
sleep 60
kubectl get job pi -o jsonpath='{.status.succeeded}'
kubectl logs job/pi`);
    expect(last(r, "kubectl get job").stdout).toBe("1");
    const pi = last(r, "kubectl logs").stdout.trim();
    expect(pi.startsWith("3.14159265358979323846264338327950288419716939937510")).toBe(true);
    expect(pi.length).toBe(2001);
  });
});
