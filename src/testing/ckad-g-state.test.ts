// dgkanatsios/CKAD-exercises g.state.md, typed as the page shows the solutions, on the cka
// scenario. Expected texts: what kubectl v1.32 prints against a v1.32 kubeadm cluster (the
// upstream source named beside each), or the page's own output.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const BUSYBOX_PASSWD_NAMES = "root\ndaemon\nbin\nsys\nsync\nmail\nwww-data\noperator\nnobody\n";

describe("g.state: volumes", () => {
  it("an emptyDir shared by two containers: one writes /etc/foo/passwd, the other reads it", () => {
    const container = (name: string) => `  - args:
    - /bin/sh
    - -c
    - sleep 3600
    image: busybox
    name: ${name}
    volumeMounts:
    - name: myvolume
      mountPath: /etc/foo`;
    const r = run(`kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  labels:
    run: busybox
  name: busybox
spec:
  dnsPolicy: ClusterFirst
  restartPolicy: Never
  containers:
${container("busybox")}
${container("busybox2")}
  volumes:
  - name: myvolume
    emptyDir: {}
YAML
sleep 5
kubectl exec -it busybox -c busybox2 -- /bin/sh
cat /etc/passwd | cut -f 1 -d ':' > /etc/foo/passwd
exit
kubectl exec -it busybox -c busybox -- /bin/sh
cat /etc/foo/passwd
exit`);
    expect(last(r, "cat /etc/foo/passwd").stdout).toBe(BUSYBOX_PASSWD_NAMES);
  });

  it("a hostPath PersistentVolume, a claim bound to it, and two pods on different nodes", () => {
    const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  labels:
    run: busybox
  name: ${name}
spec:
  containers:
  - args:
    - /bin/sh
    - -c
    - sleep 3600
    image: busybox
    name: busybox
    volumeMounts:
    - name: myvolume
      mountPath: /etc/foo
  restartPolicy: Never
  volumes:
  - name: myvolume
    persistentVolumeClaim:
      claimName: mypvc`;
    const r = run(`kubectl create -f - <<'YAML'
kind: PersistentVolume
apiVersion: v1
metadata:
  name: myvolume
spec:
  storageClassName: normal
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteOnce
    - ReadWriteMany
  hostPath:
    path: /etc/foo
YAML
kubectl get pv
kubectl create -f - <<'YAML'
kind: PersistentVolumeClaim
apiVersion: v1
metadata:
  name: mypvc
spec:
  storageClassName: normal
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 4Gi
YAML
kubectl get pvc
kubectl get pv
kubectl create -f - <<'YAML'
${pod("busybox")}
YAML
sleep 5
kubectl exec busybox -it -- cp /etc/passwd /etc/foo/passwd
kubectl create -f - <<'YAML'
${pod("busybox2")}
YAML
sleep 5
kubectl exec busybox2 -- ls /etc/foo
kubectl get po -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName`);
    // printers.go printPersistentVolume / printPersistentVolumeClaim (v1.32 has VOLUMEATTRIBUTESCLASS).
    expect(r[1]?.stdout).toBe(
      "NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\nmyvolume   10Gi       RWO,RWX        Retain           Available           normal         <unset>                          0s\n",
    );
    expect(r[3]?.stdout).toBe(
      "NAME    STATUS   VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\nmypvc   Bound    myvolume   10Gi       RWO,RWX        normal         <unset>                 0s\n",
    );
    expect(r[4]?.stdout).toMatch(/\nmyvolume +10Gi +RWO,RWX +Retain +Bound +default\/mypvc +normal /);
    // The page's note: with a hostPath volume the second pod sees the file only on the same node.
    const nodes = last(r, "kubectl get po -o custom-columns").stdout;
    const [one, two] = [...nodes.matchAll(/^busybox2? +(\S+)$/gm)].map((m) => m[1]);
    expect(last(r, "kubectl exec busybox2").stdout).toBe(one === two ? "passwd\n" : "");
  });

  it("kubectl cp copies a pod's /etc/passwd out; tar's note goes to kubectl's stdout", () => {
    const r = run(`kubectl run busybox --image=busybox --restart=Never -- sleep 3600
sleep 5
kubectl cp busybox:/etc/passwd ./passwd
cut -d: -f1 passwd`);
    // cp.go copyFromPod: the remote tar's stderr is kubectl's Out.
    expect(last(r, "kubectl cp")).toMatchObject({
      stdout: "tar: removing leading '/' from member names\n",
      stderr: "",
      exit: 0,
    });
    expect(last(r, "cut").stdout).toBe(BUSYBOX_PASSWD_NAMES);
  });
});
