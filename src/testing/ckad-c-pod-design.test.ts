// dgkanatsios/CKAD-exercises c.pod_design.md, typed as the page shows the solutions, on the cka
// scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster (the
// upstream source named beside each), or the page's own output. (More of this page:
// ckad-exercises.test.ts.)
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("c.pod_design: labels and annotations", () => {
  it("labels, selectors, label and annotate over a selector and over brace lists", () => {
    const r = run(`kubectl run nginx1 --image=nginx --restart=Never --labels=app=v1
kubectl run nginx2 --image=nginx --restart=Never --labels=app=v1
kubectl run nginx3 --image=nginx --restart=Never --labels=app=v1
kubectl label po nginx2 app=v2 --overwrite
kubectl get po -L app
kubectl get po -l 'app in (v2), tier notin (frontend)'
kubectl label po -l "app in(v1,v2)" tier=web
kubectl annotate po -l "app=v2" owner=marketing
kubectl label po nginx1 nginx2 nginx3 app-
kubectl label po nginx{1..3} app-
kubectl annotate po nginx{1..3} description='my description'
kubectl annotate pod nginx1 --list
kubectl get po nginx1 -o custom-columns=Name:metadata.name,ANNOTATIONS:metadata.annotations.description
kubectl get po nginx1 -o jsonpath='{.metadata.annotations}{"\\n"}'
kubectl annotate po nginx{1..3} description- owner-
kubectl delete po nginx{1..3}`);
    expect(last(r, "kubectl get po -L").stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE +APP\nnginx1 .* v1\nnginx2 .* v2\nnginx3 .* v1\n$/,
    );
    expect(last(r, "kubectl get po -l").stdout).toMatch(/^NAME .*\nnginx2 /);
    expect(last(r, "kubectl label po -l").stdout).toBe(
      "pod/nginx1 labeled\npod/nginx2 labeled\npod/nginx3 labeled\n",
    );
    expect(last(r, "kubectl annotate po -l").stdout).toBe("pod/nginx2 annotated\n");
    // label.go: a label to remove that is not there is said, and nothing changes.
    expect(last(r, "kubectl label po nginx{1..3} app-").stdout).toBe(
      'label "app" not found.\npod/nginx1 not labeled\nlabel "app" not found.\npod/nginx2 not labeled\nlabel "app" not found.\npod/nginx3 not labeled\n',
    );
    expect(last(r, "kubectl annotate pod nginx1 --list").stdout).toBe("description=my description\n");
    expect(last(r, "kubectl get po nginx1 -o custom").stdout).toBe(
      "Name     ANNOTATIONS\nnginx1   my description\n",
    );
    expect(last(r, "kubectl get po nginx1 -o jsonpath").stdout).toBe('{"description":"my description"}\n');
    expect(last(r, "kubectl delete").stdout).toBe(
      'pod "nginx1" deleted\npod "nginx2" deleted\npod "nginx3" deleted\n',
    );
  });
});

describe("c.pod_design: deployments", () => {
  it("create with sed-edited YAML, roll out, undo, a bad image, undo to revision 2, scale, autoscale, pause", () => {
    const r =
      run(`kubectl create deployment nginx  --image=nginx:1.18.0  --dry-run=client -o yaml | sed 's/replicas: 1/replicas: 2/g'  | sed 's/image: nginx:1.18.0/image: nginx:1.18.0\\n        ports:\\n        - containerPort: 80/g' | kubectl apply -f -
sleep 20
kubectl rollout status deploy nginx
kubectl set image deploy nginx nginx=nginx:1.19.8
kubectl rollout status deploy nginx
kubectl rollout history deploy nginx
kubectl rollout undo deploy nginx
sleep 20
kubectl set image deploy nginx nginx=nginx:1.91
sleep 20
kubectl get po
kubectl rollout undo deploy nginx --to-revision=2
kubectl describe deploy nginx | grep Image:
kubectl rollout status deploy nginx
kubectl scale deploy nginx --replicas=5
kubectl autoscale deploy nginx --min=5 --max=10 --cpu-percent=80
kubectl get hpa nginx
kubectl rollout pause deploy nginx
kubectl set image deploy nginx nginx=nginx:1.19.9
kubectl rollout history deploy nginx
kubectl rollout resume deploy nginx
kubectl rollout history deploy nginx
kubectl delete deploy/nginx hpa/nginx`);
    expect(r[0]?.stdout).toBe("deployment.apps/nginx created\n");
    expect(last(r, "kubectl rollout history deploy nginx").stdout).toBe(
      "deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n5         <none>\n6         <none>\n\n",
    );
    // The bad tag: the new pod cannot pull, the old ones keep serving.
    expect(last(r, "kubectl get po").stdout).toMatch(
      /\nnginx-\w+-\w+ +0\/1 +(ErrImagePull|ImagePullBackOff) +0 +/,
    );
    expect(last(r, "kubectl describe deploy").stdout).toBe("    Image:         nginx:1.19.8\n");
    expect(last(r, "kubectl autoscale").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/nginx autoscaled\n",
    );
    // printers.go printHorizontalPodAutoscaler: no metrics yet.
    expect(last(r, "kubectl get hpa").stdout).toBe(
      "NAME    REFERENCE          TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nnginx   Deployment/nginx   cpu: <unknown>/80%   5         10        0          0s\n",
    );
    expect(last(r, "kubectl rollout pause").stdout).toBe("deployment.apps/nginx paused\n");
    expect(last(r, "kubectl rollout resume").stdout).toBe("deployment.apps/nginx resumed\n");
    expect(last(r, "kubectl delete").stdout).toBe(
      'deployment.apps "nginx" deleted\nhorizontalpodautoscaler.autoscaling "nginx" deleted\n',
    );
  });

  it("a 3:1 canary behind one Service answers about 75%/25%, in no fixed turn", () => {
    const deployment = (v: number, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v${v}
  labels:
    app: my-app
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: my-app
      version: v${v}
  template:
    metadata:
      labels:
        app: my-app
        version: v${v}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
        volumeMounts:
        - name: workdir
          mountPath: /usr/share/nginx/html
      initContainers:
      - name: install
        image: busybox:1.28
        command:
        - /bin/sh
        - -c
        - "echo version-${v} > /work-dir/index.html"
        volumeMounts:
        - name: workdir
          mountPath: "/work-dir"
      volumes:
      - name: workdir
        emptyDir: {}`;
    const r = run(`kubectl apply -f - <<'YAML'
${deployment(1, 3)}
---
apiVersion: v1
kind: Service
metadata:
  name: my-app-svc
  labels:
    app: my-app
spec:
  type: ClusterIP
  ports:
  - name: http
    port: 80
    targetPort: 80
  selector:
    app: my-app
YAML
sleep 20
kubectl run -it --rm --restart=Never busybox --image=gcr.io/google-containers/busybox --command -- wget -qO- my-app-svc
kubectl apply -f - <<'YAML'
${deployment(2, 1)}
YAML
sleep 20
kubectl run -it --rm --restart=Never busybox --image=gcr.io/google-containers/busybox -- /bin/sh -c 'i=0; while [ $i -lt 200 ]; do wget -qO- my-app-svc; i=$((i+1)); done'`);
    // The page's output.
    expect(r[2]?.stdout).toBe('version-1\npod "busybox" deleted\n');
    const answers = last(
      r,
      "kubectl run -it --rm --restart=Never busybox --image=gcr.io/google-containers/busybox -- ",
    )
      .stdout.split("\n")
      .filter((l) => l.startsWith("version-"));
    expect(answers).toHaveLength(200);
    const v2 = answers.filter((a) => a === "version-2").length;
    // kube-proxy's random pick over four endpoints: one in four to v2, give or take.
    expect(v2).toBeGreaterThan(25);
    expect(v2).toBeLessThan(80);
  });
});

describe("c.pod_design: jobs", () => {
  it("pi to 2000 digits with perl:5.34", () => {
    const r = run(`kubectl create job pi  --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(2000)'
kubectl wait --for=condition=complete --timeout=300s job pi
kubectl logs job/pi
kubectl delete job pi`);
    expect(last(r, "kubectl wait").stdout).toBe("job.batch/pi condition met\n");
    const pi = last(r, "kubectl logs").stdout;
    expect(pi).toMatch(/^3\.14159265358979323846264338327950288419716939937510\d{1949}\n$/);
    expect(last(r, "kubectl delete").stdout).toBe('job.batch "pi" deleted\n');
  });

  it("five completions one after another (Indexed), and five in parallel", () => {
    const job = (extra: string) => `apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  labels:
    run: busybox
  name: busybox
spec:
${extra}
  template:
    metadata:
      creationTimestamp: null
      labels:
        run: busybox
    spec:
      containers:
      - args:
        - /bin/sh
        - -c
        - echo hello;sleep 30;echo world
        image: busybox
        name: busybox
        resources: {}
      restartPolicy: OnFailure
status: {}`;
    const r = run(`cat > job.yaml <<'YAML'
${job("  completions: 5 # add this line\n  completionMode: Indexed # add this line")}
YAML
kubectl create -f job.yaml
sleep 170
kubectl get job busybox
kubectl get po
kubectl delete jobs busybox
cat > job.yaml <<'YAML'
${job("  parallelism: 5 # add this line")}
YAML
kubectl create -f job.yaml
kubectl get jobs
sleep 40
kubectl get jobs`);
    expect(r[3]?.stdout).toMatch(
      /^NAME +STATUS +COMPLETIONS +DURATION +AGE\nbusybox +Complete +5\/5 +2m3\ds +2m50s\n$/,
    );
    // Indexed pods are named job-INDEX-suffix (job_controller.go podGenerateNameWithIndex).
    expect(r[4]?.stdout.match(/^busybox-\d-\w{5} /gm)?.map((n) => n.slice(0, 9))).toEqual([
      "busybox-0",
      "busybox-1",
      "busybox-2",
      "busybox-3",
      "busybox-4",
    ]);
    // printers.go printJob: parallelism without completions is "N/1 of P".
    expect(r[8]?.stdout).toBe(
      "NAME      STATUS    COMPLETIONS   DURATION   AGE\nbusybox   Running   0/1 of 5      0s         0s\n",
    );
    expect(last(r, "kubectl get jobs").stdout).toMatch(/\nbusybox +Complete +5\/1 of 5 +3\ds +40s\n$/);
  });

  it("activeDeadlineSeconds: past the deadline the job's pods are killed, FailureTarget until they end", () => {
    const r = run(`kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  labels:
    run: busybox
  name: busybox
spec:
  activeDeadlineSeconds: 30 # add this line
  template:
    metadata:
      creationTimestamp: null
      labels:
        run: busybox
    spec:
      containers:
      - args:
        - /bin/sh
        - -c
        - while true; do echo hello; sleep 10;done
        image: busybox
        name: busybox
        resources: {}
      restartPolicy: OnFailure
status: {}
YAML
sleep 45
kubectl get job busybox
sleep 30
kubectl get job busybox
kubectl describe job busybox`);
    // printers.go printJob's status: FailureTarget while the pods terminate, then Failed.
    expect(r[2]?.stdout).toMatch(/\nbusybox +FailureTarget +0\/1 +45s +45s\n$/);
    expect(r[4]?.stdout).toMatch(/\nbusybox +Failed +0\/1 +\d+s +75s\n$/);
    expect(last(r, "kubectl describe").stdout).toMatch(
      /Warning {2}DeadlineExceeded +\S+ +job-controller +Job was active longer than specified deadline\n/,
    );
  });
});

describe("c.pod_design: cron jobs", () => {
  it("a job every minute writes the date and the greeting; its pods carry their job's name", () => {
    const r =
      run(`kubectl create cronjob busybox --image=busybox --schedule="*/1 * * * *" -- /bin/sh -c 'date; echo Hello from the Kubernetes cluster'
sleep 70
kubectl get cj
kubectl logs $(kubectl get po -o name | head -1)
kubectl get po --show-labels
kubectl delete cj busybox`);
    expect(last(r, "kubectl get cj").stdout).toBe(
      "NAME      SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nbusybox   */1 * * * *   <none>     False     0        10s             70s\n",
    );
    expect(last(r, "kubectl logs").stdout).toMatch(
      /^Thu Jan {2}1 00:01:\d\d UTC 2026\nHello from the Kubernetes cluster\n$/,
    );
    expect(last(r, "kubectl get po").stdout).toMatch(/\nbusybox-\d+-\w{5} .*job-name=busybox-\d+\n$/);
    expect(last(r, "kubectl delete").stdout).toBe('cronjob.batch "busybox" deleted\n');
  });

  it("history limits keep the last two successful jobs; a job from the cron job goes with it", () => {
    const r = run(`kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: history-demo
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 2   # keep last 2 successful jobs
  failedJobsHistoryLimit: 1        # keep last 1 failed job
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: history-demo
            image: busybox
            args:
            - /bin/sh
            - -c
            - date; echo Hello from history demo
          restartPolicy: Never
YAML
sleep 250
kubectl get jobs
kubectl create job --from=cronjob/history-demo sample-job
kubectl delete cj history-demo
sleep 5
kubectl get jobs`);
    expect(r[2]?.stdout).toMatch(/^NAME .*\nhistory-demo-\d+ +Complete .*\nhistory-demo-\d+ +Complete .*\n$/);
    expect(last(r, "kubectl create job").stdout).toBe("job.batch/sample-job created\n");
    // create_job.go makes the job owned by its cron job: the garbage collector deletes it too.
    expect(last(r, "kubectl get jobs")).toMatchObject({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
  });
});
