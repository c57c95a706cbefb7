// dgkanatsios/CKAD-exercises b.multi_container_pods.md, typed as the page shows the solutions, on
// the cka scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster (the
// upstream source named beside each), or the page's own output.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("b.multi_container_pods", () => {
  it("two busybox containers: a shell in the second one, ls, and the one-liner", () => {
    const r =
      run(`kubectl run busybox --image=busybox --restart=Never -o yaml --dry-run=client -- /bin/sh -c 'echo hello;sleep 3600' > pod.yaml
sed -i -e '/resources: {}/r /dev/stdin' pod.yaml <<'YAML'
  - args:
    - /bin/sh
    - -c
    - echo hello;sleep 3600
    image: busybox
    name: busybox2
YAML
kubectl create -f pod.yaml
sleep 5
kubectl get po busybox
kubectl exec -it busybox -c busybox2 -- /bin/sh
ls
exit
kubectl exec -it busybox -c busybox2 -- ls
kubectl logs busybox -c busybox2
kubectl delete po busybox`);
    expect(last(r, "kubectl get po").stdout).toMatch(/\nbusybox +2\/2 +Running +0 +5s\n$/);
    // busybox ls on a terminal: columns as wide as the longest name plus two, each directory in
    // bold blue (ls.c display_single; FEATURE_LS_COLOR_IS_DEFAULT).
    const blue = (d: string) => `\x1b[1;34m${d}\x1b[m`;
    const row = (names: string[]) =>
      names.map((n, i) => blue(n) + (i < names.length - 1 ? " ".repeat(7 - n.length) : "")).join("");
    const listing = `${row(["bin", "etc", "lib", "proc", "run", "tmp", "var"])}\n${row(["dev", "home", "lib64", "root", "sys", "usr"])}\n`;
    expect(r.find((e) => e.command === "ls")?.stdout).toBe(listing);
    expect(last(r, "kubectl exec -it busybox -c busybox2 -- ls").stdout).toBe(listing);
    expect(last(r, "kubectl logs").stdout).toBe("hello\n");
  });

  it("an init container writes the page into an emptyDir that nginx serves", () => {
    const r = run(`kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  labels:
    run: box
  name: box
spec:
  initContainers: 
  - args: 
    - /bin/sh 
    - -c 
    - echo "Test" > /work-dir/index.html
    image: busybox 
    name: box 
    volumeMounts: 
    - name: vol 
      mountPath: /work-dir 
  containers:
  - image: nginx
    name: nginx
    ports:
    - containerPort: 80
    volumeMounts: 
    - name: vol 
      mountPath: /usr/share/nginx/html 
  volumes: 
  - name: vol 
    emptyDir: {} 
YAML
kubectl get po box
sleep 10
kubectl run box-test --image=busybox --restart=Never -it --rm -- /bin/sh -c "wget -O- $(kubectl get pod box -o jsonpath='{.status.podIP}')"`);
    // printers.go: an init container still to run shows as Init:0/1.
    expect(last(r, "kubectl get po").stdout).toMatch(/\nbox +0\/1 +Init:0\/1 +0 +0s\n$/);
    expect(last(r, "kubectl run box-test").stdout).toMatch(
      /^Connecting to 10\.244\.\d+\.\d+ \(10\.244\.\d+\.\d+:80\)\nwriting to stdout\nTest\n- +100% \|\*+\| +5 +0:00:00 ETA\nwritten to stdout\npod "box-test" deleted\n$/,
    );
  });
});
