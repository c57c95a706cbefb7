/**
 * The control plane is static pods (issue 11): on the cka scenario, moving or breaking a
 * component's manifest stops, crash-loops or fails to pull it, with the real consequences, and
 * fixing the file brings it back within the kubelet's file check frequency.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";
import type { Pod } from "../api/kinds";
import { loadCkaScenario } from "../scenarios/cka";
import { exportSnapshot, restoreSnapshot } from "../snapshot";
import { controlPlaneOf } from ".";

const MANIFESTS = "/etc/kubernetes/manifests";

/** A fresh cka lab, Running, with a shell on controlplane. */
function lab(): TestCluster {
  const t = new TestCluster({ setup: loadCkaScenario, home: "controlplane" });
  t.advance(60);
  return t;
}

function events(t: TestCluster, name: string): string[] {
  return t.cluster.api
    .list("Event", { namespace: "default" })
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => e.reason as string);
}

function waiting(t: TestCluster, name: string): string | undefined {
  const p = t.pod(`kube-system/${name}`);
  return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

describe("a static-pod control plane", () => {
  let base: TestCluster;
  beforeAll(() => {
    base = lab();
  });

  it("boots with the four static pods Running and the components bound to them", () => {
    const cp = controlPlaneOf(base.cluster);
    expect(cp?.staticPodBound).toBe(true);
    for (const c of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const)
      expect(cp?.count(c), c).toBe(1);
    expect(base.kubectl("get pods -n kube-system").stdout).toMatch(
      /kube-scheduler-controlplane\s+1\/1\s+Running/,
    );
  });

  it("without kube-scheduler.yaml new pods stay Pending without events; moved back, they are scheduled", () => {
    const t = lab();
    expect(t.sh(`mv ${MANIFESTS}/kube-scheduler.yaml /root/`).exit).toBe(0);
    t.advance(25);
    expect(t.pod("kube-system/kube-scheduler-controlplane")).toBeUndefined();
    expect(controlPlaneOf(t.cluster)?.count("kube-scheduler")).toBe(0);
    expect(t.kubectl("run web --image=nginx").exit).toBe(0);
    t.advance(30);
    expect(t.pod("default/web")?.spec?.nodeName).toBeUndefined();
    expect(t.pod("default/web")?.status?.phase).toBe("Pending");
    expect(events(t, "web")).toEqual([]);
    expect(t.sh(`mv /root/kube-scheduler.yaml ${MANIFESTS}/`).exit).toBe(0);
    t.advance(25);
    expect(t.pod("default/web")?.spec?.nodeName).toMatch(/^node0[12]$/);
    expect(events(t, "web")).toContain("Scheduled");
  });

  it("a wrong image fails to pull: ImagePullBackOff, and nothing schedules", () => {
    const t = lab();
    t.sh(
      `sed -i 's#registry.k8s.io/kube-scheduler:#registry.k8s.io/kube-schedulerr:#' ${MANIFESTS}/kube-scheduler.yaml`,
    );
    t.advance(90);
    expect(waiting(t, "kube-scheduler-controlplane")).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
    expect(t.kubectl("get pods -n kube-system kube-scheduler-controlplane").stdout).toMatch(
      /0\/1\s+(ImagePullBackOff|ErrImagePull)/,
    );
    t.kubectl("run web --image=nginx");
    t.advance(20);
    expect(t.pod("default/web")?.spec?.nodeName).toBeUndefined();
    t.sh(`sed -i 's#kube-schedulerr:#kube-scheduler:#' ${MANIFESTS}/kube-scheduler.yaml`);
    t.advance(60);
    expect(t.pod("default/web")?.spec?.nodeName).toMatch(/^node0[12]$/);
  });

  it("a wrong --kubeconfig crash-loops with kube-scheduler's own log line", () => {
    const t = lab();
    t.sh(
      `sed -i 's#--kubeconfig=/etc/kubernetes/scheduler.conf#--kubeconfig=/etc/kubernetes/schedulerr.conf#' ${MANIFESTS}/kube-scheduler.yaml`,
    );
    t.advance(120);
    expect(waiting(t, "kube-scheduler-controlplane")).toBe("CrashLoopBackOff");
    const logs = t.kubectl("logs -n kube-system kube-scheduler-controlplane");
    expect(logs.stdout).toMatch(
      /^E\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 run\.go:74\] "command failed" err="stat \/etc\/kubernetes\/schedulerr\.conf: no such file or directory"\n$/,
    );
    t.kubectl("run web --image=nginx");
    t.advance(10);
    expect(t.pod("default/web")?.spec?.nodeName).toBeUndefined();
  });

  it("an unknown flag exits 1 with cobra's message", () => {
    const t = lab();
    t.sh(
      `sed -i 's#- --leader-elect=true#- --leader-elect=true\\n    - --foo=bar#' ${MANIFESTS}/kube-scheduler.yaml`,
    );
    t.advance(60);
    const pod = t.pod("kube-system/kube-scheduler-controlplane") as Pod;
    const cs = pod.status?.containerStatuses?.[0];
    expect((cs?.state?.terminated ?? cs?.lastState?.terminated)?.exitCode).toBe(1);
    expect(t.kubectl("logs -n kube-system kube-scheduler-controlplane --previous").stdout).toBe(
      "Error: unknown flag: --foo\n",
    );
  });

  it("a healthy control plane's logs show each component's start-up, as kubectl logs shows them", () => {
    const t = lab();
    const logs = (pod: string) => t.kubectl(`logs -n kube-system ${pod}`).stdout.split("\n");
    const scheduler = logs("kube-scheduler-controlplane");
    expect(scheduler[0]).toMatch(
      /^I\d{4} [\d:.]+ {7}1 serving\.go:386\] Generated self-signed cert in-memory$/,
    );
    expect(scheduler).toContainEqual(
      expect.stringMatching(/server\.go:\d+\] "Starting Kubernetes Scheduler" version="v1\.32\.\d+"$/),
    );
    expect(scheduler).toContainEqual(expect.stringMatching(/Serving securely on 127\.0\.0\.1:10259$/));
    expect(scheduler).toContainEqual(
      expect.stringMatching(/successfully acquired lease kube-system\/kube-scheduler$/),
    );
    expect(logs("kube-controller-manager-controlplane")).toContainEqual(
      expect.stringMatching(/successfully acquired lease kube-system\/kube-controller-manager$/),
    );
    expect(logs("kube-apiserver-controlplane")[1]).toMatch(/server\.go:\d+\] Version: v1\.32\.\d+$/);
    const etcd = logs("etcd-controlplane");
    expect(JSON.parse(etcd[0] as string)).toMatchObject({ caller: "etcdmain/etcd.go:73", msg: "Running: " });
    expect(JSON.parse(etcd[2] as string)).toMatchObject({
      name: "controlplane",
      "data-dir": "/var/lib/etcd",
    });
  });

  it("without the API server kubectl is refused while node shells work; restoring the manifest brings it back", () => {
    const t = lab();
    t.sh(`mv ${MANIFESTS}/kube-apiserver.yaml /root/`);
    t.advance(25);
    const r = t.kubectl("get pods");
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(
      /The connection to the server controlplane:6443 was refused - did you specify the right host or port\?\n$/,
    );
    expect(r.stderr.split("\n").filter((l) => l.includes("memcache.go:265"))).toHaveLength(5);
    expect(t.sh("crictl ps").exit).toBe(0);
    expect(t.sh("ls /root").stdout).toContain("kube-apiserver.yaml");
    expect(t.kubectl("create deployment x --image=nginx --dry-run=client -o name").stdout).toBe(
      "deployment.apps/x\n",
    );
    t.sh(`mv /root/kube-apiserver.yaml ${MANIFESTS}/`);
    t.advance(25);
    const back = t.kubectl("get pods -n kube-system");
    expect(back.exit).toBe(0);
    expect(back.stdout).toMatch(/kube-apiserver-controlplane\s+1\/1\s+Running/);
    // The leaders lost their leases at the renew deadline and were restarted by the kubelet.
    expect(back.stdout).toMatch(/kube-controller-manager-controlplane\s+1\/1\s+Running\s+1 \(/);
    expect(back.stdout).toMatch(/kube-scheduler-controlplane\s+1\/1\s+Running\s+1 \(/);
    // The previous instance logged its start-up, then the loss of its lease as its last line.
    const previous = t.kubectl("logs -n kube-system kube-scheduler-controlplane -p").stdout;
    expect(previous).toMatch(/^I\d{4} [\d:.]+ {7}1 serving\.go:386\] Generated self-signed cert in-memory\n/);
    expect(previous).toMatch(/"Starting Kubernetes Scheduler" version="v1\.32\.\d+"\n/);
    expect(previous).toMatch(/\nE\d{4} [\d:.]+ {7}1 server\.go:\d+\] "Leaderelection lost"\n$/);
    // The restarted controller manager observes node health afresh: no node goes NotReady.
    t.advance(60);
    const reasons = t.cluster.api.list("Event").map((e) => e.reason);
    expect(reasons).not.toContain("NodeNotReady");
    expect(t.kubectl("get nodes").stdout).not.toMatch(/NotReady/);
  });

  it("a manifest removed while the API server is down loses its mirror pod once the API is back", () => {
    const t = lab();
    t.sh(`mv ${MANIFESTS}/kube-apiserver.yaml /root/`);
    t.advance(25);
    t.sh(`mv ${MANIFESTS}/kube-scheduler.yaml /root/`);
    t.advance(25);
    // The kubelet could not delete the mirror: it is still in the store, though nothing runs.
    expect(t.pod("kube-system/kube-scheduler-controlplane")).toBeDefined();
    t.sh(`mv /root/kube-apiserver.yaml ${MANIFESTS}/`);
    t.advance(25);
    expect(t.kubectl("get pods -n kube-system").stdout).not.toContain("kube-scheduler-controlplane");
  });

  it("without etcd the API server is unreachable too", () => {
    const t = lab();
    t.sh(`mv ${MANIFESTS}/etcd.yaml /root/`);
    t.advance(25);
    expect(t.kubectl("get nodes").exit).toBe(1);
    t.sh(`mv /root/etcd.yaml ${MANIFESTS}/`);
    t.advance(25);
    expect(t.kubectl("get nodes").exit).toBe(0);
  });

  it("without the controller manager a scaled deployment makes no pods until it is back", () => {
    const t = lab();
    t.kubectl("create deployment web --image=nginx");
    t.advance(10);
    expect(t.list("Pod", "default")).toHaveLength(1);
    t.sh(`mv ${MANIFESTS}/kube-controller-manager.yaml /root/`);
    t.advance(25);
    expect(t.kubectl("scale deployment web --replicas=3").exit).toBe(0);
    t.kubectl("create deployment api --image=nginx");
    t.advance(30);
    expect(t.list("Pod", "default")).toHaveLength(1);
    expect(t.list("ReplicaSet", "default").map((r) => r.metadata.name)).not.toContainEqual(
      expect.stringMatching(/^api-/),
    );
    t.sh(`mv /root/kube-controller-manager.yaml ${MANIFESTS}/`);
    t.advance(40);
    expect(t.list("Pod", "default").filter((p) => p.metadata.name?.startsWith("web-"))).toHaveLength(3);
    expect(t.list("Pod", "default").filter((p) => p.metadata.name?.startsWith("api-"))).toHaveLength(1);
  });

  it("the default scheduler reads --config from a hostPath file: its profiles serve", () => {
    const t = lab();
    const fs = t.cluster.hosts.get("controlplane")?.fs;
    fs?.write(
      "/etc/kubernetes/my-scheduler-config.yaml",
      "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nclientConnection:\n  kubeconfig: /etc/kubernetes/scheduler.conf\nprofiles:\n- schedulerName: default-scheduler\n- schedulerName: second-profile\n",
    );
    const manifest = (fs?.read(`${MANIFESTS}/kube-scheduler.yaml`) ?? "")
      .replace(
        "    - kube-scheduler\n",
        "    - kube-scheduler\n    - --config=/etc/kubernetes/my-scheduler-config.yaml\n",
      )
      .replace(
        "    volumeMounts:\n",
        "    volumeMounts:\n    - mountPath: /etc/kubernetes/my-scheduler-config.yaml\n      name: config\n      readOnly: true\n",
      )
      .replace(
        "  volumes:\n",
        "  volumes:\n  - hostPath:\n      path: /etc/kubernetes/my-scheduler-config.yaml\n      type: File\n    name: config\n",
      );
    fs?.write(`${MANIFESTS}/kube-scheduler.yaml`, manifest);
    t.advance(30);
    t.kubectl("run a --image=nginx");
    t.apply(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  schedulerName: second-profile\n  containers: [{name: c, image: nginx}]",
    );
    t.advance(5);
    expect(t.pod("default/a")?.spec?.nodeName).toMatch(/^node0[12]$/);
    expect(t.pod("default/b")?.spec?.nodeName).toMatch(/^node0[12]$/);
    // Without the mount the file is not there for the process.
    fs?.write(
      `${MANIFESTS}/kube-scheduler.yaml`,
      manifest.replace(
        "    - mountPath: /etc/kubernetes/my-scheduler-config.yaml\n      name: config\n      readOnly: true\n",
        "",
      ),
    );
    t.advance(60);
    expect(t.kubectl("logs -n kube-system kube-scheduler-controlplane --previous").stdout).toMatch(
      /"command failed" err="open \/etc\/kubernetes\/my-scheduler-config\.yaml: no such file or directory"\n$/,
    );
  });

  it("a second scheduler that keeps leader election waits for the kube-scheduler lease", () => {
    const t = lab();
    const config = (leaderElect: string) =>
      `apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: my-scheduler\n${leaderElect}`;
    const schedulerPod = (name: string, cm: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: kube-system}\nspec:\n  containers:\n  - name: s\n    image: registry.k8s.io/kube-scheduler:v1.32.0\n    command: [/usr/local/bin/kube-scheduler, --config=/etc/kubernetes/my-scheduler/config.yaml]\n    volumeMounts: [{name: c, mountPath: /etc/kubernetes/my-scheduler}]\n  volumes: [{name: c, configMap: {name: ${cm}}}]`;
    t.apply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: elect, namespace: kube-system}\ndata:\n  config.yaml: |\n    ${config("").replace(/\n/g, "\n    ")}`,
    );
    t.apply(schedulerPod("electing", "elect"));
    t.advance(20);
    expect(t.pod("kube-system/electing")?.status?.phase).toBe("Running");
    t.apply(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  schedulerName: my-scheduler\n  containers: [{name: c, image: nginx}]",
    );
    t.advance(10);
    expect(t.pod("default/p")?.spec?.nodeName).toBeUndefined();
    t.apply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: noelect, namespace: kube-system}\ndata:\n  config.yaml: |\n    ${config("leaderElection:\n  leaderElect: false\n").replace(/\n/g, "\n    ")}`,
    );
    t.apply(schedulerPod("free", "noelect"));
    t.advance(20);
    expect(t.pod("default/p")?.spec?.nodeName).toMatch(/^node0[12]$/);
  });

  it("a restored lab keeps its static-pod control plane", () => {
    const restored = restoreSnapshot(exportSnapshot(base.cluster));
    const cp = controlPlaneOf(restored);
    expect(cp?.staticPodBound).toBe(true);
    expect(cp?.count("kube-scheduler")).toBe(1);
    expect(restored.api.reachable).toBe(true);
  });
});

describe("a cluster without a control-plane node", () => {
  it("always runs the default scheduler and the controllers", () => {
    const t = new TestCluster();
    expect(controlPlaneOf(t.cluster)?.staticPodBound).toBe(false);
    t.apply("apiVersion: v1\nkind: Node\nmetadata: {name: n1}");
    t.kubectl("create deployment web --image=nginx --replicas=2");
    t.advance(5);
    const pods = t.list("Pod", "default");
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.spec?.nodeName).toBe("n1");
  });
});
