// Storage as the docs task "Configure a Pod to Use a PersistentVolume for Storage"
// (kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/) and
// common CKA exercises type it, on the cka scenario. Expected texts are what the PV controller
// (pkg/controller/volume/persistentvolume/pv_controller.go) and kubectl print.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: "/mnt/data"`;

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  nodeName: node01
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: task-pv-claim
  containers:
    - name: task-pv-container
      image: nginx
      ports:
        - containerPort: 80
          name: "http-server"
      volumeMounts:
        - mountPath: "/usr/share/nginx/html"
          name: task-pv-storage`;

const apply = (yaml: string) => `kubectl apply -f - <<DOC\n${yaml}\nDOC`;

describe("Configure a Pod to Use a PersistentVolume for Storage", () => {
  it("binds the claim, serves the node's file, and releases the volume (Retain)", () => {
    const r = run(`ssh node01
sudo mkdir /mnt/data
sudo sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"
exit
${apply(PV)}
sleep 2
kubectl get pv task-pv-volume
${apply(PVC)}
sleep 2
kubectl get pv task-pv-volume
kubectl get pvc task-pv-claim
${apply(POD)}
sleep 30
kubectl get pod task-pv-pod --no-headers
kubectl exec task-pv-pod -- curl -s http://localhost/
kubectl describe pvc task-pv-claim
kubectl delete pod task-pv-pod
kubectl delete pvc task-pv-claim
sleep 2
kubectl get pv task-pv-volume --no-headers`);
    const pvLines = r.filter((e) => e.command === "kubectl get pv task-pv-volume").map((e) => e.stdout);
    expect(pvLines[0]).toMatch(
      /^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\ntask-pv-volume\s+10Gi\s+RWO\s+Retain\s+Available\s+manual\s+<unset>\s+2s\n$/,
    );
    expect(pvLines[1]).toMatch(
      /task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Bound\s+default\/task-pv-claim\s+manual\s/,
    );
    expect(last(r, "kubectl get pvc").stdout).toMatch(
      /task-pv-claim\s+Bound\s+task-pv-volume\s+10Gi\s+RWO\s+manual\s/,
    );
    expect(last(r, "kubectl get pod").stdout).toMatch(/Running/);
    expect(last(r, "kubectl exec").stdout).toBe("Hello from Kubernetes storage\n");
    const described = last(r, "kubectl describe pvc").stdout;
    expect(described).toContain("Finalizers:    [kubernetes.io/pvc-protection]\n");
    expect(described).toContain("Used By:       task-pv-pod\n");
    expect(described).toContain("pv.kubernetes.io/bind-completed: yes\n");
    expect(last(r, "kubectl get pv task-pv-volume --no-headers").stdout).toMatch(
      /task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Released\s+default\/task-pv-claim\s+manual/,
    );
  });
});

const CLAIMS = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: small
spec:
  capacity:
    storage: 100Mi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /tmp/small
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nothing-fits
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: wants-small
spec:
  volumeName: small
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 50Mi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: no-such-class
spec:
  storageClassName: fast
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi`;

const USER = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: d
      mountPath: /data
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data`;

describe("claims that do not bind", () => {
  it("say why: no class, a mismatched requested volume, a missing class", () => {
    const r = run(`${apply(CLAIMS)}
sleep 16
kubectl get pvc
kubectl get events -o custom-columns=TYPE:.type,REASON:.reason,OBJ:.involvedObject.name,MSG:.message`);
    expect(last(r, "kubectl get pvc").stdout).toMatch(/nothing-fits\s+Pending/);
    const events = last(r, "kubectl get events").stdout;
    expect(events).toMatch(
      /Normal\s+FailedBinding\s+nothing-fits\s+no persistent volumes available for this claim and no storage class is set/,
    );
    expect(events).toMatch(
      /Warning\s+VolumeMismatch\s+wants-small\s+Cannot bind to requested volume "small": incompatible accessMode/,
    );
    expect(events).toMatch(
      /Warning\s+ProvisioningFailed\s+no-such-class\s+storageclass.storage.k8s.io "fast" not found/,
    );
  });

  it("keep a pod Pending with the scheduler's reason, and stay Terminating while it uses them", () => {
    const r = run(`${apply(USER)}
sleep 5
kubectl get events --field-selector involvedObject.name=user -o custom-columns=MSG:.message --no-headers
kubectl delete pvc data --wait=false
kubectl get pvc data --no-headers`);
    expect(last(r, "kubectl get events").stdout).toContain(
      "pod has unbound immediate PersistentVolumeClaims",
    );
    expect(last(r, "kubectl get pvc").stdout).toMatch(/^data\s+Terminating\s/);
  });
});

describe("changing a claim", () => {
  it("refuses spec changes other than the request, and growth without an expandable class", () => {
    const r = run(`${apply(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: 100Mi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/pv1
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: c1
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 50Mi`)}
sleep 2
kubectl patch pvc c1 --type=merge -p '{"spec":{"accessModes":["ReadWriteMany"]}}'
kubectl patch pvc c1 --type=merge -p '{"spec":{"resources":{"requests":{"storage":"80Mi"}}}}'`);
    const modes = last(r, `kubectl patch pvc c1 --type=merge -p '{"spec":{"accessModes"`);
    expect(modes.exit).toBe(1);
    expect(modes.stderr).toMatch(
      /^The PersistentVolumeClaim "c1" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n {2}core.PersistentVolumeClaimSpec\{\n- \tAccessModes: \["ReadWriteOnce"\],\n\+ \tAccessModes: \["ReadWriteMany"\],/,
    );
    expect(last(r, `kubectl patch pvc c1 --type=merge -p '{"spec":{"resources"`).stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "c1" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
  });
});

describe("WaitForFirstConsumer", () => {
  it("binds a local volume on the node the pod is scheduled to", () => {
    const r = run(`ssh node01
mkdir -p /mnt/disks/vol1
exit
${apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-storage
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: local-pv
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local:
    path: /mnt/disks/vol1
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [node01]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: local-pvc
spec:
  storageClassName: local-storage
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 500Mi`)}
sleep 3
kubectl get pvc local-pvc --no-headers
kubectl describe pvc local-pvc
${apply(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: busybox
    command: ["sh", "-c", "echo hi > /data/f; sleep 3600"]
    volumeMounts:
    - name: d
      mountPath: /data
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: local-pvc`)}
sleep 15
kubectl get pod web -o wide --no-headers
kubectl get pvc local-pvc --no-headers
ssh node01
cat /mnt/disks/vol1/f`);
    expect(r.find((e) => e.command === "kubectl get pvc local-pvc --no-headers")?.stdout).toMatch(
      /local-pvc\s+Pending/,
    );
    expect(last(r, "kubectl describe pvc").stdout).toMatch(
      /Normal\s+WaitForFirstConsumer\s+3s\s+persistentvolume-controller\s+waiting for first consumer to be created before binding/,
    );
    expect(last(r, "kubectl get pod web").stdout).toMatch(/Running\s+0\s+\S+\s+\S+\s+node01\s/);
    expect(last(r, "kubectl get pvc local-pvc").stdout).toMatch(
      /local-pvc\s+Bound\s+local-pv\s+1Gi\s+RWO\s+local-storage/,
    );
    expect(last(r, "cat /mnt/disks/vol1/f").stdout).toBe("hi\n");
  });
});
