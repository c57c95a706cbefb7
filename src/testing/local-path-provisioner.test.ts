// The local-path-provisioner README's Installation and Usage sections (rancher/local-path-provisioner
// v0.0.30), typed as the README shows them on the cka scenario, and the CKA storage tasks around
// them: a default class, expansion refused and allowed, a class with no running provisioner.
// Expected texts are the README's own output where it shows some, kubectl v1.32's printers, the PV
// controller (pv_controller.go), sig-storage-lib-external-provisioner v10 and provisioner.go.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const REPO = "https://raw.githubusercontent.com/rancher/local-path-provisioner";
const INSTALL = `kubectl apply -f ${REPO}/v0.0.30/deploy/local-path-storage.yaml`;
const PVC = `${REPO}/master/examples/pvc/pvc.yaml`;
const POD = `${REPO}/master/examples/pod/pod.yaml`;

/** The entries of exactly this command, in order. */
const all = (entries: ReturnType<typeof run>, command: string) =>
  entries.filter((e) => e.command === command);

describe("local-path-provisioner README", () => {
  const r = run(`kubectl get storageclass
${INSTALL}
sleep 20
kubectl -n local-path-storage get pod
kubectl get storageclass
kubectl describe storageclass local-path
kubectl create -f ${PVC}
sleep 2
kubectl get pvc
kubectl create -f ${POD}
sleep 1
kubectl get pod volume-test --no-headers
sleep 10
kubectl get pv
kubectl get pvc
kubectl get pod
kubectl get pvc local-path-pvc -o jsonpath='{.metadata.uid}'
kubectl get pv -o jsonpath='{.items[0].spec.hostPath.path} {.items[0].spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}'
kubectl get pod volume-test -o jsonpath='{.spec.nodeName}'
kubectl describe pvc local-path-pvc
kubectl exec volume-test -- sh -c "echo local-path-test > /data/test"
kubectl delete -f ${POD}
kubectl create -f ${POD}
sleep 5
kubectl exec volume-test -- sh -c "cat /data/test"
kubectl -n local-path-storage logs -l app=local-path-provisioner
kubectl delete -f ${POD}
kubectl delete -f ${PVC}
sleep 5
kubectl get pv`);
  const out = (cmd: string) => last(r, cmd).stdout;
  const uid = out("kubectl get pvc local-path-pvc -o jsonpath");
  const [path, node] = out("kubectl get pv -o jsonpath").split(" ");

  it("starts with no storage class, as a kubeadm cluster does", () => {
    expect(all(r, "kubectl get storageclass")[0]?.stderr).toBe("No resources found\n");
  });

  it("installs the manifest offline: namespace, RBAC, Deployment, StorageClass, ConfigMap", () => {
    expect(out(INSTALL)).toBe(`namespace/local-path-storage created
serviceaccount/local-path-provisioner-service-account created
role.rbac.authorization.k8s.io/local-path-provisioner-role created
clusterrole.rbac.authorization.k8s.io/local-path-provisioner-role created
rolebinding.rbac.authorization.k8s.io/local-path-provisioner-bind created
clusterrolebinding.rbac.authorization.k8s.io/local-path-provisioner-bind created
deployment.apps/local-path-provisioner created
storageclass.storage.k8s.io/local-path created
configmap/local-path-config created
`);
    expect(out("kubectl -n local-path-storage get pod")).toMatch(
      /^NAME {2,}READY {3}STATUS {4}RESTARTS {3}AGE\nlocal-path-provisioner-[a-z0-9]{8,10}-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}20s\n$/,
    );
    expect(all(r, "kubectl get storageclass")[1]?.stdout).toBe(
      "NAME         PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\nlocal-path   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  20s\n",
    );
  });

  it("describes the class as kubectl v1.32 does (describeStorageClass)", () => {
    expect(out("kubectl describe storageclass local-path")).toBe(`Name:            local-path
IsDefaultClass:  No
Annotations:     kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{},"name":"local-path"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}

Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`);
  });

  it("keeps the claim Pending until a pod uses it, and the pod Pending until its volume is bound", () => {
    expect(r.filter((e) => e.command === "kubectl get pvc")[0]?.stdout).toBe(
      "NAME             STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\nlocal-path-pvc   Pending                                      local-path     <unset>                 2s\n",
    );
    expect(out("kubectl get pod volume-test --no-headers")).toMatch(/^volume-test +0\/1 +Pending +0 +1s\n$/);
  });

  it("provisions pvc-<uid> at /opt/local-path-provisioner/pvc-<uid>_<ns>_<name> on the pod's node", () => {
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(all(r, "kubectl get pv")[0]?.stdout).toMatch(
      new RegExp(
        `^NAME {39}CAPACITY {3}ACCESS MODES {3}RECLAIM POLICY {3}STATUS {3}CLAIM {20}STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}REASON {3}AGE\npvc-${uid} {3}128Mi {6}RWO {12}Delete {11}Bound {4}default/local-path-pvc {3}local-path {5}<unset> {26}\\d+s\n$`,
      ),
    );
    expect(r.filter((e) => e.command === "kubectl get pvc")[1]?.stdout).toMatch(
      new RegExp(
        `^local-path-pvc {3}Bound {4}pvc-${uid} {3}128Mi {6}RWO {12}local-path {5}<unset> {17}\\d+s\n$`,
        "m",
      ),
    );
    expect(all(r, "kubectl get pod")[0]?.stdout).toMatch(/^volume-test {3}1\/1 {5}Running {3}0 {10}\d+s$/m);
    expect(path).toBe(`/opt/local-path-provisioner/pvc-${uid}_default_local-path-pvc`);
    expect(node).toBe(out("kubectl get pod volume-test -o jsonpath='{.spec.nodeName}'"));
  });

  it("records the PV controller's and the provisioner's events on the claim", () => {
    const d = out("kubectl describe pvc local-path-pvc");
    expect(d).toContain(`Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path
               volume.kubernetes.io/selected-node: ${node}
               volume.kubernetes.io/storage-provisioner: rancher.io/local-path`);
    expect(d).toMatch(
      /Normal {2}WaitForFirstConsumer .* persistentvolume-controller .*waiting for first consumer to be created before binding\n/,
    );
    expect(d).toContain(
      "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(d).toMatch(
      /Normal {2}Provisioning .* rancher\.io\/local-path_local-path-provisioner-[a-z0-9]+-[a-z0-9]{5}_[0-9a-f-]{36} {2}External provisioner is provisioning volume for claim "default\/local-path-pvc"\n/,
    );
    expect(d).toContain(`Successfully provisioned volume pvc-${uid}\n`);
  });

  it("keeps the data across pods, and logs what the provisioner did", () => {
    expect(out('kubectl exec volume-test -- sh -c "cat /data/test"')).toBe("local-path-test\n");
    const logs = out("kubectl -n local-path-storage logs");
    expect(logs).toContain(`level=info msg="Creating volume pvc-${uid} at ${node}:${path}"\n`);
    expect(logs).toContain(
      `level=info msg="create the helper pod helper-pod-create-pvc-${uid} into local-path-storage"\n`,
    );
    expect(logs).toContain(`level=info msg="Volume pvc-${uid} has been created on ${node}:${path}"\n`);
  });

  it("deletes the volume with the claim (reclaim policy Delete)", () => {
    expect(all(r, "kubectl get pv")[1]?.stderr).toBe("No resources found\n");
  });
});

describe("the volume's directory on the node", () => {
  const r = run(`${INSTALL}
sleep 20
kubectl create -f ${PVC}
kubectl create -f ${POD}
sleep 15
kubectl exec volume-test -- sh -c "echo local-path-test > /data/test"
kubectl get pv -o jsonpath='{.items[0].spec.hostPath.path}'
kubectl get pod volume-test -o jsonpath='{.spec.nodeName}'`);
  const path = last(r, "kubectl get pv -o jsonpath").stdout;
  const node = last(r, "kubectl get pod volume-test").stdout;

  it("holds the pod's files, and is removed by the teardown helper pod", () => {
    const cluster = run(`${INSTALL}
sleep 20
kubectl create -f ${PVC}
kubectl create -f ${POD}
sleep 15
kubectl exec volume-test -- sh -c "echo local-path-test > /data/test"
ssh ${node} cat ${path}/test
ssh ${node} ls /opt/local-path-provisioner
kubectl delete pod volume-test
ssh ${node} cat ${path}/test
kubectl delete pvc local-path-pvc
sleep 5
ssh ${node} ls /opt/local-path-provisioner
kubectl get pod -n local-path-storage --no-headers`);
    const cats = cluster.filter((e) => e.command.startsWith(`ssh ${node} cat`));
    expect(cats.map((e) => e.stdout)).toEqual(["local-path-test\n", "local-path-test\n"]);
    const lss = cluster.filter((e) => e.command === `ssh ${node} ls /opt/local-path-provisioner`);
    expect(lss[0]?.stdout).toBe(`${path.slice("/opt/local-path-provisioner/".length)}\n`);
    expect(lss[1]?.stdout).toBe("");
    // Helper pods are deleted once they succeed.
    expect(last(cluster, "kubectl get pod -n local-path-storage").stdout).toMatch(
      /^local-path-provisioner-\S+ +1\/1 +Running/,
    );
  });
});

describe("storage classes as the CKA asks", () => {
  it("refuses to grow a claim whose class does not allow expansion, and to shrink it", () => {
    const r = run(`${INSTALL}
sleep 20
kubectl create -f ${PVC}
kubectl create -f ${POD}
sleep 15
kubectl patch pvc local-path-pvc -p '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}'
kubectl patch pvc local-path-pvc -p '{"spec":{"resources":{"requests":{"storage":"64Mi"}}}}'
kubectl patch storageclass local-path -p '{"allowVolumeExpansion": true}'
kubectl patch pvc local-path-pvc -p '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}'
sleep 5
kubectl get pvc local-path-pvc --no-headers
kubectl get pv --no-headers
kubectl describe pvc local-path-pvc`);
    const patches = r.filter((e) => e.command.startsWith("kubectl patch pvc"));
    expect(patches[0]?.stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "local-path-pvc" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
    expect(patches[1]?.stderr).toBe(
      'The PersistentVolumeClaim "local-path-pvc" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n',
    );
    expect(patches[2]?.stdout).toBe("persistentvolumeclaim/local-path-pvc patched\n");
    // local-path has no resizer: the claim keeps its capacity and the expand controller waits.
    expect(last(r, "kubectl get pvc local-path-pvc").stdout).toMatch(/ 128Mi +RWO /);
    expect(all(r, "kubectl get pv --no-headers")[0]?.stdout).toMatch(/ 128Mi +RWO /);
    expect(last(r, "kubectl describe pvc").stdout).toMatch(
      /Warning {2}ExternalExpanding .* volume_expand .* waiting for an external controller to expand this PVC\n/,
    );
  });

  it("gives claims without a class the class marked as default", () => {
    const r = run(`${INSTALL}
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: before
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
EOF
kubectl patch storageclass local-path -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'
kubectl get storageclass
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: after
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
EOF
kubectl get pvc after -o jsonpath='{.spec.storageClassName}'
sleep 20
kubectl get pvc before -o jsonpath='{.spec.storageClassName}'`);
    expect(last(r, "kubectl patch storageclass").stdout).toBe(
      "storageclass.storage.k8s.io/local-path patched\n",
    );
    expect(last(r, "kubectl get storageclass").stdout).toMatch(
      /^local-path \(default\) {3}rancher\.io\/local-path /m,
    );
    expect(last(r, "kubectl get pvc after").stdout).toBe("local-path");
    expect(last(r, "kubectl get pvc before").stdout).toBe("local-path");
  });

  it("leaves a claim Pending with ExternalProvisioning while no provisioner runs", () => {
    const r = run(`${INSTALL}
kubectl -n local-path-storage scale deployment local-path-provisioner --replicas=0
sleep 40
kubectl create -f ${PVC}
kubectl create -f ${POD}
sleep 30
kubectl get pvc local-path-pvc --no-headers
kubectl get pod volume-test --no-headers
kubectl get pv
kubectl describe pvc local-path-pvc
kubectl -n local-path-storage scale deployment local-path-provisioner --replicas=1
sleep 30
kubectl get pvc local-path-pvc --no-headers
kubectl get pod volume-test --no-headers`);
    const pvcs = r.filter((e) => e.command === "kubectl get pvc local-path-pvc --no-headers");
    expect(pvcs[0]?.stdout).toMatch(/^local-path-pvc +Pending /);
    expect(all(r, "kubectl get pod volume-test --no-headers")[0]?.stdout).toMatch(
      /^volume-test +0\/1 +Pending /,
    );
    expect(all(r, "kubectl get pv")[0]?.stderr).toBe("No resources found\n");
    const d = last(r, "kubectl describe pvc").stdout;
    expect(d).toContain("ExternalProvisioning");
    expect(d).not.toContain("ProvisioningSucceeded");
    // The provisioner comes back and picks the waiting claim up.
    expect(pvcs[1]?.stdout).toMatch(/^local-path-pvc +Bound +pvc-/);
    expect(last(r, "kubectl get pod volume-test").stdout).toMatch(/^volume-test +1\/1 +Running /);
  });
  it("refuses a ReadWriteMany claim as provisioner.go does, retrying after 15 s, 30 s, ...", () => {
    const r = run(`${INSTALL}
sleep 20
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: rwx
spec:
  accessModes: [ReadWriteMany]
  storageClassName: local-path
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: rwx-pod
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - {name: d, mountPath: /d}
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: rwx}
EOF
sleep 50
kubectl get pod rwx-pod --no-headers
kubectl describe pvc rwx`);
    expect(last(r, "kubectl get pod rwx-pod").stdout).toMatch(/^rwx-pod +0\/1 +Pending /);
    expect(last(r, "kubectl describe pvc").stdout).toMatch(
      /Warning {2}ProvisioningFailed {4}\d+s \(x3 over \d+s\) +rancher\.io\/local-path_\S+ {2}failed to provision volume with StorageClass "local-path": NodePath only supports ReadWriteOnce and ReadWriteOncePod \(1\.22\+\) access modes\n/,
    );
  });
});
