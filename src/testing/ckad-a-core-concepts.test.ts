// dgkanatsios/CKAD-exercises a.core_concepts.md, typed as the page shows the solutions, on the
// cka scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster with
// containerd 1.7 (the upstream source named beside each), or the page's own output. (More of this
// page: ckad-exercises.test.ts.)
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("a.core_concepts: namespaces, pods from YAML", () => {
  it("a pod in mynamespace, its YAML from a dry run, created again from a pipe", () => {
    const r = run(`kubectl create namespace mynamespace
kubectl run nginx --image=nginx --restart=Never -n mynamespace
kubectl run nginx --image=nginx --restart=Never --dry-run=client -n mynamespace -o yaml > pod.yaml
cat pod.yaml
kubectl create -f pod.yaml
kubectl delete po nginx -n mynamespace
kubectl run nginx --image=nginx --restart=Never --dry-run=client -o yaml | kubectl create -n mynamespace -f -`);
    expect(r.map((e) => e.stdout)).toEqual([
      "namespace/mynamespace created\n",
      "pod/nginx created\n",
      "",
      // run.go's generated pod as kubectl v1.32 prints it (no imagePullPolicy since v1.21).
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  creationTimestamp: null",
        "  labels:",
        "    run: nginx",
        "  name: nginx",
        "  namespace: mynamespace",
        "spec:",
        "  containers:",
        "  - image: nginx",
        "    name: nginx",
        "    resources: {}",
        "  dnsPolicy: ClusterFirst",
        "  restartPolicy: Never",
        "status: {}",
        "",
      ].join("\n"),
      "",
      'pod "nginx" deleted\n',
      "pod/nginx created\n",
    ]);
    expect(last(r, "kubectl create -f pod.yaml")).toMatchObject({
      stderr:
        'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists\n',
      exit: 1,
    });
  });

  it("a busybox pod that runs env: with -it --rm its output and the deletion, without them its log", () => {
    const r = run(`kubectl run busybox --image=busybox --command --restart=Never -it --rm -- env
kubectl run busybox --image=busybox --command --restart=Never -- env
sleep 5
kubectl logs busybox`);
    expect(r[0]?.stdout).toMatch(
      /^PATH=\S+\nTERM=xterm\nHOSTNAME=busybox\n(KUBERNETES_\S+\n){8}HOME=\/root\npod "busybox" deleted\n$/,
    );
    expect(last(r, "kubectl logs").stdout).toMatch(
      /^PATH=\S+\nHOSTNAME=busybox\n(KUBERNETES_\S+\n){8}HOME=\/root\n$/,
    );
  });

  it("a quota's YAML without creating it", () => {
    const r = run("kubectl create quota myrq --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o yaml");
    expect(r[0]?.stdout).toBe(
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: myrq\nspec:\n  hard:\n    cpu: "1"\n    memory: 1G\n    pods: "2"\nstatus: {}\n',
    );
  });
});

describe("a.core_concepts: change the pod's image", () => {
  it("the container is killed with nginx's STOPSIGNAL (SIGQUIT) and restarted with the new image", () => {
    const r = run(`kubectl run nginx --image=nginx --restart=Never --port=80
sleep 10
kubectl set image pod/nginx nginx=nginx:1.24.0
sleep 30
kubectl describe po nginx
kubectl get po nginx -o jsonpath='{.spec.containers[].image}{"\\n"}'
kubectl logs nginx -p`);
    expect(last(r, "kubectl set image").stdout).toBe("pod/nginx image updated\n");
    const describe = last(r, "kubectl describe").stdout;
    // The page's events: Killing, then the new image pulled, the container created and started again.
    expect(describe).toMatch(
      /Normal {2}Killing +\S+ +kubelet +Container nginx definition changed, will be restarted\n/,
    );
    expect(describe).toMatch(/Normal {2}Pulling +\S+ +kubelet +Pulling image "nginx:1\.24\.0"\n/);
    expect(describe).toMatch(/Normal {2}Started +\S+ \(x2 over \S+\) +kubelet +Started container nginx\n/);
    expect(describe).toContain("    Restart Count:  1\n");
    expect(last(r, "kubectl get po").stdout).toBe("nginx:1.24.0\n");
    // containerd stops a container with its image's StopSignal: nginx's Dockerfile says SIGQUIT,
    // so the old container's log ends with a graceful shutdown, each worker reaped (code 0).
    const previous = last(r, "kubectl logs nginx -p").stdout.trimEnd().split("\n");
    const stop = previous.findIndex((l) => l.endsWith("signal 3 (SIGQUIT) received, shutting down"));
    expect(stop).toBeGreaterThan(0);
    const workers = previous
      .filter((l) => /start worker process \d+$/.test(l))
      .map((l) => l.slice(l.lastIndexOf(" ") + 1));
    expect(workers.length).toBeGreaterThan(0);
    expect(previous.slice(stop + 1).map((l) => l.replace(/^\S+ \S+ \[notice\] /, ""))).toEqual([
      ...workers.map((w) => `${w}#${w}: gracefully shutting down`),
      ...workers.map((w) => `${w}#${w}: exiting`),
      ...workers.map((w) => `${w}#${w}: exit`),
      ...workers.flatMap((w) => [
        `1#1: signal 17 (SIGCHLD) received from ${w}`,
        `1#1: worker process ${w} exited with code 0`,
      ]),
      "1#1: exit",
    ]);
  });
});

describe("a.core_concepts: a temp busybox pod wgets nginx", () => {
  it("by the pod's IP from a variable, and by jsonpath's IP:port in one line", () => {
    const r = run(`kubectl run nginx --image=nginx --restart=Never --port=80
sleep 10
NGINX_IP=$(kubectl get pod nginx -o jsonpath='{.status.podIP}')
kubectl run busybox --image=busybox --env="NGINX_IP=$NGINX_IP" --rm -it --restart=Never -- sh -c 'wget -O- $NGINX_IP:80'
kubectl run busybox --image=busybox --rm -it --restart=Never -- wget -O- $(kubectl get pod nginx -o jsonpath='{.status.podIP}:{.spec.containers[0].ports[0].containerPort}')`);
    for (const e of r.filter((x) => x.command.startsWith("kubectl run busybox"))) {
      // busybox wget: the progress bar on stderr goes to the terminal with the page.
      expect(e.stdout).toMatch(
        /^Connecting to 10\.244\.\d+\.\d+:80 \(10\.244\.\d+\.\d+:80\)\nwriting to stdout\n<!DOCTYPE html>\n[\s\S]*<\/html>\n- +100% \|\*+\| +615 +0:00:00 ETA\nwritten to stdout\npod "busybox" deleted\n$/,
      );
      expect(e.exit).toBe(0);
    }
  });

  it("an env var with a terminal: kubectl exec -it, sh -c 'echo $var1', describe | grep", () => {
    const r = run(`kubectl run nginx --image=nginx --restart=Never --env=var1=val1
sleep 5
kubectl exec -it nginx -- sh -c 'echo $var1'
kubectl describe po nginx | grep val1
kubectl run nginx2 --image nginx --restart=Never --env=var1=val1 -it --rm -- sh -c 'echo $var1'`);
    expect(last(r, "kubectl exec").stdout).toBe("val1\n");
    expect(last(r, "kubectl describe").stdout).toBe("      var1:  val1\n");
    expect(last(r, "kubectl run nginx2").stdout).toBe('val1\npod "nginx2" deleted\n');
  });
});
