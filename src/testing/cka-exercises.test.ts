// Public CKA exercise sets typed as their pages show the solutions, on the cka scenario:
// github.com/chadmcrowell/CKA-Exercises (cluster-architecture.md, scheduling.md, troubleshooting.md).
// Expected texts are what a v1.32 kubeadm cluster on Ubuntu 22.04 prints, with the upstream
// source named beside each.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("chadmcrowell/CKA-Exercises cluster-architecture.md", () => {
  it("a pod-reader Role bound to user dev: can-i answers, describe shows the PolicyRule table", () => {
    const r = run(`cat > role.yml <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "watch", "list"]
EOF
kubectl apply -f role.yml
kubectl create rolebinding pod-reader --role=pod-reader --user=dev
kubectl auth can-i get pods/log --as dev
kubectl auth can-i create pods --as dev
kubectl describe role pod-reader`);
    expect(last(r, "kubectl auth can-i get").stdout).toBe("yes\n");
    expect(last(r, "kubectl auth can-i create")).toMatchObject({ stdout: "no\n", exit: 1 });
    // describe.go RoleDescriber: rules broken down and compacted per resource, sorted by String().
    expect(last(r, "kubectl describe role").stdout).toBe(
      [
        "Name:         pod-reader",
        "Labels:       <none>",
        "Annotations:  <none>",
        "PolicyRule:",
        "  Resources  Non-Resource URLs  Resource Names  Verbs",
        "  ---------  -----------------  --------------  -----",
        "  pods/log   []                 []              [get watch list]",
        "  pods       []                 []              [get watch list]",
        "",
      ].join("\n"),
    );
  });

  it("systemctl list-unit-files --type service --all | grep kube finds kubelet.service", () => {
    const r = run("systemctl list-unit-files --type service --all | grep kube");
    // systemctl-list-unit-files.c: UNIT FILE, STATE, VENDOR PRESET (systemd 249, Ubuntu 22.04).
    expect(r[0]).toMatchObject({ stdout: "kubelet.service    enabled enabled\n", exit: 0 });
  });

  it("systemctl status kubelet reads as systemd 249 on Ubuntu 22.04 prints it", () => {
    const out = last(run("systemctl status kubelet"), "systemctl").stdout.split("\n");
    expect(out[1]).toBe(
      "     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)",
    );
    expect(out[2]).toBe("    Drop-In: /usr/lib/systemd/system/kubelet.service.d");
    expect(out[9]).toMatch(/^ {8}CPU: (\d+min )?\d+(\.\d+)?s$/);
  });

  it("a service account with automountServiceAccountToken: false leaves no token in the pod", () => {
    const r = run(`kubectl -n default create sa secure-sa --dry-run=client -o yaml > sa.yaml
echo "automountServiceAccountToken: false" >> sa.yaml
kubectl create -f sa.yaml
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: secure-pod
spec:
  serviceAccountName: secure-sa
  containers:
  - image: nginx
    name: secure-pod
EOF
sleep 10
kubectl exec secure-pod -- cat /var/run/secrets/kubernetes.io/serviceaccount/token`);
    // The page's own expected output.
    expect(last(r, "kubectl exec").stderr).toBe(
      "cat: /var/run/secrets/kubernetes.io/serviceaccount/token: No such file or directory\ncommand terminated with exit code 1\n",
    );
  });
});

describe("chadmcrowell/CKA-Exercises troubleshooting.md", () => {
  it("mysql:8 crashes without a root password; kubectl set env fixes the deployment", () => {
    const r = run(`kubectl create ns db08328
kubectl -n db08328 create deploy mysql --image mysql:8
sleep 30
kubectl -n db08328 logs deploy/mysql
kubectl -n db08328 set env deploy/mysql MYSQL_ROOT_PASSWORD=password
sleep 30
kubectl -n db08328 get po
kubectl -n db08328 set env deploy/mysql --list`);
    expect(last(r, "kubectl -n db08328 logs").stdout).toContain(
      "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
    );
    // set_env.go: PrintFlags "env updated"; --list prints "# KIND NAME, container C" then NAME=VALUE.
    expect(last(r, "kubectl -n db08328 set env deploy/mysql MYSQL").stdout).toBe(
      "deployment.apps/mysql env updated\n",
    );
    expect(last(r, "kubectl -n db08328 get po").stdout).toMatch(/mysql-\S+ +1\/1 +Running +0 /);
    expect(last(r, "kubectl -n db08328 set env deploy/mysql --list").stdout).toBe(
      "# Deployment mysql, container mysql\nMYSQL_ROOT_PASSWORD=password\n",
    );
  });

  it("grep -A3 Events -m1 over describe still prints the trailing context (GNU grep prpending)", () => {
    const r = run(`kubectl run testbox --image busybox --command 'sleep 3600'
sleep 10
kubectl describe po testbox | grep -A3 Events -m1`);
    expect(last(r, "kubectl describe").stdout.split("\n").slice(0, 3)).toEqual([
      "Events:",
      "  Type     Reason     Age                From               Message",
      "  ----     ------     ----               ----               -------",
    ]);
  });
});

describe("kubectl set env as the CKA pages use it (set_env.go, env_parse.go, env_resolve.go)", () => {
  it("imports a ConfigMap's keys by reference, with --keys and --prefix, and removes with KEY-", () => {
    const r = run(`kubectl create cm app-cfg --from-literal=db.host=mysql --from-literal=PORT=3306
kubectl create deploy web --image=nginx
kubectl set env deploy/web --from=configmap/app-cfg
kubectl set env deploy/web --from=configmap/app-cfg --keys=PORT --prefix=APP_
kubectl set env deploy/web --list
kubectl set env deploy/web --list --resolve
kubectl set env deploy/web DB_HOST- APP_PORT-
kubectl set env deploy/web --list
kubectl set env deploy/web A=1 web
kubectl set env deploy/web A=1 -c nothere`);
    expect(r[3]?.stdout).toBe("deployment.apps/web env updated\n");
    // keyToEnvName upper-cases and turns what is not [a-zA-Z0-9_] into "_".
    expect(r[4]?.stdout).toBe(
      [
        "# Deployment web, container nginx",
        "# PORT from configmap app-cfg, key PORT",
        "# DB_HOST from configmap app-cfg, key db.host",
        "# APP_PORT from configmap app-cfg, key PORT",
        "",
      ].join("\n"),
    );
    expect(r[5]?.stdout).toBe("# Deployment web, container nginx\nPORT=3306\nDB_HOST=mysql\nAPP_PORT=3306\n");
    expect(r[7]?.stdout).toBe("# Deployment web, container nginx\n# PORT from configmap app-cfg, key PORT\n");
    expect(r[8]).toMatchObject({
      stderr: "error: all resources must be specified before environment changes: deploy/web A=1 web\n",
      exit: 1,
    });
    expect(r[9]).toMatchObject({
      stdout: "",
      stderr: 'warning: Deployment/web does not have any containers matching "nothere"\n',
      exit: 0,
    });
  });
});

describe("bmuschko/cka-crash-course exercises/15-troubleshooting-control-plane", () => {
  it("a scheduler whose --authentication-kubeconfig is missing crash-loops; pods stay Pending until it is fixed", () => {
    const r =
      run(`sudo sed -i 's/authentication-kubeconfig=\\/etc\\/kubernetes\\/scheduler.conf/authentication-kubeconfig=\\/etc\\/kubernetes\\/scheduler-authentication.conf/g' /etc/kubernetes/manifests/kube-scheduler.yaml
kubectl create deployment deploy --image=nginx --replicas=3
sleep 120
kubectl get pods
kubectl get pods -n kube-system kube-scheduler-controlplane
kubectl describe pod kube-scheduler-controlplane -n kube-system
kubectl logs kube-scheduler-controlplane -n kube-system
sudo sed -i 's/scheduler-authentication.conf/scheduler.conf/' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 60
kubectl get pods`);
    expect(last(r, "kubectl get pods").stdout).toMatch(/ 1\/1 +Running /);
    expect(r[3]?.stdout.match(/0\/1 +Pending/g)).toHaveLength(3);
    expect(last(r, "kubectl get pods -n kube-system").stdout).toMatch(
      /kube-scheduler-controlplane +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\)/,
    );
    // The solution page's log line (v1.31.9): DelegatingAuthenticationOptions wraps the
    // clientcmd stat error twice; cli.Run logs "command failed".
    expect(last(r, "kubectl logs").stdout).toMatch(
      /^E\d{4} [\d:.]+ +1 run\.go:\d+\] "command failed" err="failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: stat \/etc\/kubernetes\/scheduler-authentication\.conf: no such file or directory"\n$/,
    );
    // describe.go finds a mirror pod's events by the static pod UID in kubernetes.io/config.mirror.
    const events = last(r, "kubectl describe").stdout.split("Events:")[1] ?? "";
    expect(events).toMatch(
      /Warning +BackOff +.*kubelet +Back-off restarting failed container kube-scheduler in pod kube-scheduler-controlplane_kube-system\([0-9a-f]{32}\)/,
    );
  });
});

describe("bmuschko/cka-crash-course exercises/16-troubleshooting-worker-node", () => {
  it("a kubelet with a missing clientCAFile: NotReady, the journal and systemctl status name the file", () => {
    const r = run(`ssh node01
sudo sed -i 's/clientCAFile: \\/etc\\/kubernetes\\/pki\\/ca.crt/clientCAFile: \\/etc\\/kubernetes\\/pki\\/non-existent-ca.crt/g' /var/lib/kubelet/config.yaml
systemctl daemon-reload
systemctl restart kubelet
exit
sleep 120
kubectl get nodes node01
ssh node01
systemctl status kubelet.service -l
sudo sed -i 's/non-existent-ca.crt/ca.crt/' /var/lib/kubelet/config.yaml
sudo systemctl daemon-reload
sudo systemctl restart kubelet
exit
sleep 20
kubectl get nodes node01`);
    expect(r[6]?.stdout).toMatch(/node01 +NotReady /);
    const status = last(r, "systemctl status").stdout;
    // systemd 249: the unit's state lines, the CPU it used, then its last journal lines.
    expect(status).toContain(
      "     Active: activating (auto-restart) (Result: exit-code) since Thu 2026-01-01 00:02:00 UTC;",
    );
    expect(status).toMatch(/\n {3}Main PID: \d+ \(code=exited, status=1\/FAILURE\)\n {8}CPU: \d+ms\n\n/);
    expect(status).toContain(
      'run.go:72] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/non-existent-ca.crt: open /etc/kubernetes/pki/non-existent-ca.crt: no such file or directory"',
    );
    // StatusUnitFormat=description, Ubuntu's build default.
    expect(status).toContain(" node01 systemd[1]: Started kubelet: The Kubernetes Node Agent.\n");
    expect(status.endsWith("node01 systemd[1]: kubelet.service: Failed with result 'exit-code'.\n")).toBe(
      true,
    );
    expect(last(r, "kubectl get nodes").stdout).toMatch(/node01 +Ready /);
  });
});

describe("bmuschko/cka-crash-course exercises/04-etcd-backup-restore", () => {
  it("sudo ETCDCTL_API=3 etcdctl ... snapshot save and restore, then the etcd-data hostPath edit", () => {
    const r =
      run(`sudo ETCDCTL_API=3 etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /opt/etcd-backup.db
sudo ETCDCTL_API=3 etcdctl --data-dir=/var/lib/from-backup snapshot restore /opt/etcd-backup.db
sudo ls /var/lib/from-backup
sudo sed -i 's|path: /var/lib/etcd$|path: /var/lib/from-backup|' /etc/kubernetes/manifests/etcd.yaml
sleep 60
kubectl get pod etcd-controlplane -n kube-system`);
    // sudo [VAR=value] command: the assignment is the command's environment (sudo(8)).
    expect(r[0]).toMatchObject({ stdout: "Snapshot saved at /opt/etcd-backup.db\n", exit: 0 });
    expect(r[1]?.stderr).toMatch(/^Deprecated: Use `etcdutl snapshot restore` instead\.\n\n/);
    expect(r[2]?.stdout).toBe("member\n");
    expect(last(r, "kubectl get pod").stdout).toMatch(/etcd-controlplane +1\/1 +Running +0 /);
  });
});

describe("David-VTUK/CKA-StudyGuide lab-guide", () => {
  it("01 exercise 5: snapshot save with --cacert and --cert swapped still verifies (x509: a leaf in the roots pool)", () => {
    const r =
      run(`ETCDCTL_API=3 etcdctl snapshot save snapshot.db --cacert /etc/kubernetes/pki/etcd/server.crt --cert /etc/kubernetes/pki/etcd/ca.crt --key /etc/kubernetes/pki/etcd/ca.key
sudo ETCDCTL_API=3 etcdctl --write-out=table snapshot status snapshot.db`);
    // crypto/x509 Verify: `if opts.Roots.contains(c) { candidateChains = [][]*Certificate{{c}} }`,
    // on the client (server.crt as its own root) and on the server (the CA cert is a ClientCA).
    expect(r[0]).toMatchObject({ stdout: "Snapshot saved at snapshot.db\n", exit: 0 });
    expect(r[1]?.stdout).toMatch(
      /^\+-+\+-+\+-+\+-+\+\n\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n/,
    );
  });

  it("01 exercise 1: a job-inspector Role read back with describe", () => {
    const r = run(`kubectl create namespace rbac
kubectl create sa job-inspector -n rbac
kubectl create role job-inspector --verb=get --verb=list --resource=jobs -n rbac
kubectl create rolebinding permit-job-inspector --role=job-inspector --serviceaccount=rbac:job-inspector -n rbac
kubectl --as=system:serviceaccount:rbac:job-inspector auth can-i get job -n rbac
kubectl --as=system:serviceaccount:rbac:job-inspector auth can-i get deployment -n rbac
kubectl describe role job-inspector -n rbac`);
    expect(r[4]?.stdout).toBe("yes\n");
    expect(r[5]).toMatchObject({ stdout: "no\n", exit: 1 });
    expect(r[6]?.stdout.split("\n").slice(4)).toEqual([
      "  Resources   Non-Resource URLs  Resource Names  Verbs",
      "  ---------   -----------------  --------------  -----",
      "  jobs.batch  []                 []              [get list]",
      "",
    ]);
  });

  it("04 exercise 1: a PV with the Recycle policy gets the API server's deprecation warning", () => {
    const r = run(`cat > pv.yaml <<EOF
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-test
spec:
  capacity:
    storage: 5Gi
  volumeMode: Filesystem
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Recycle
  storageClassName: aws-ebs
  awsElasticBlockStore:
    fsType: "ext4"
    volumeID: "vol-id"
EOF
kubectl apply -f pv.yaml
kubectl get pv`);
    expect(r[1]).toMatchObject({
      stdout: "persistentvolume/pv-test created\n",
      stderr:
        "Warning: spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.\n",
    });
    expect(r[2]?.stdout).toMatch(/^pv-test +5Gi +RWO +Recycle +Available +aws-ebs +<unset> +0s$/m);
  });
});

describe("kubectl auth can-i --list for a service account (cani.go printStatus)", () => {
  it("breaks down, compacts and sorts the rules as describe does; the issuer discovery role is bound to all service accounts", () => {
    const r = run(`kubectl create sa foo
kubectl auth can-i --list --as system:serviceaccount:default:foo`);
    const rows = (r[1]?.stdout ?? "").split("\n");
    expect(rows.slice(0, 6)).toEqual([
      "Resources                                       Non-Resource URLs                      Resource Names   Verbs",
      "selfsubjectreviews.authentication.k8s.io        []                                     []               [create]",
      "selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]",
      "selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]",
      "                                                [/.well-known/openid-configuration/]   []               [get]",
      "                                                [/.well-known/openid-configuration]    []               [get]",
    ]);
    // system:discovery and system:public-info-viewer both grant /healthz: non-resource rules
    // are not compacted, so it shows twice.
    expect(rows.filter((l) => l.includes("[/healthz]"))).toHaveLength(2);
    expect(rows.at(-2)).toBe(
      "                                                [/version]                             []               [get]",
    );
  });
});

describe("kodekloudhub/certified-kubernetes-administrator-course docs/07-Security/18-Practice-Test-RBAC.md", () => {
  it("the kubeadm cluster's roles: kube-proxy reads only its ConfigMap and is bound to the bootstrap token group", () => {
    const r = run(`kubectl get roles --all-namespaces
kubectl describe role kube-proxy -n kube-system
kubectl describe rolebinding kube-proxy -n kube-system`);
    // kubeadm init's roles (phases/addons/proxy, phases/kubelet, phases/uploadconfig,
    // clusterinfo) and the API server's (bootstrappolicy/namespace_policy.go).
    expect(r[0]?.stdout.split("\n").map((l) => l.split(/ +/).slice(0, 2).join(" "))).toEqual([
      "NAMESPACE NAME",
      "kube-public kubeadm:bootstrap-signer-clusterinfo",
      "kube-public system:controller:bootstrap-signer",
      "kube-system extension-apiserver-authentication-reader",
      "kube-system kube-proxy",
      "kube-system kubeadm:kubelet-config",
      "kube-system kubeadm:nodes-kubeadm-config",
      "kube-system system::leader-locking-kube-controller-manager",
      "kube-system system::leader-locking-kube-scheduler",
      "kube-system system:controller:bootstrap-signer",
      "kube-system system:controller:cloud-provider",
      "kube-system system:controller:token-cleaner",
      "",
    ]);
    expect(r[1]?.stdout).toBe(
      [
        "Name:         kube-proxy",
        "Labels:       <none>",
        "Annotations:  <none>",
        "PolicyRule:",
        "  Resources   Non-Resource URLs  Resource Names  Verbs",
        "  ---------   -----------------  --------------  -----",
        "  configmaps  []                 [kube-proxy]    [get]",
        "",
      ].join("\n"),
    );
    expect(r[2]?.stdout).toBe(
      [
        "Name:         kube-proxy",
        "Labels:       <none>",
        "Annotations:  <none>",
        "Role:",
        "  Kind:  Role",
        "  Name:  kube-proxy",
        "Subjects:",
        "  Kind   Name                                             Namespace",
        "  ----   ----                                             ---------",
        "  Group  system:bootstrappers:kubeadm:default-node-token  ",
        "",
      ].join("\n"),
    );
  });
});
