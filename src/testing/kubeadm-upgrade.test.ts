// The CKA cluster upgrade exercise, typed as the docs page "Upgrading kubeadm clusters" writes it,
// on the cka scenario (v1.32.2 → v1.32.3, the newest release the simulated world has), and the
// kubeadm token and certs commands. Texts are kubeadm v1.32's (cmd/kubeadm/app/cmd/upgrade,
// phases/upgrade/policy.go, compute.go, cmd/token.go, cmd/certs.go) and apt 2.4's.
import { describe, expect, it } from "vitest";
import { type ReportEntry, runScript } from "../cli/report";
import { bootScenario, homeNodeOf } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { caCertHash } from "../engine/kubeadm/token";

function boot(): Cluster {
  const cluster = bootScenario("cka");
  if (!cluster) throw new Error("no cka scenario");
  return cluster;
}

/** The script's report entries, run on the scenario's home node. */
function run(cluster: Cluster, script: string, home?: string): { entries: ReportEntry[] } {
  return { entries: runScript(cluster, script, home) };
}

function entry(entries: ReportEntry[], prefix: string, nth = 0): ReportEntry {
  const found = entries.filter((e) => e.command.startsWith(prefix))[nth];
  if (!found) throw new Error(`no command ${prefix}`);
  return found;
}

describe("kubeadm upgrade on the cka scenario", () => {
  it("refuses a version above its own, then upgrades once the kubeadm package is upgraded", () => {
    const cluster = boot();
    const r = run(
      cluster,
      `kubeadm upgrade plan
kubeadm upgrade apply v1.32.3 -y
apt-get install -y kubeadm='1.32.3-1.1'
apt-mark unhold kubeadm
apt-get install -y kubeadm='1.32.9-*'
apt-get install -y kubeadm='1.32.3-*'
apt-mark hold kubeadm
kubeadm version -o short
kubeadm upgrade apply v1.32.3 -y
kubectl version
kubectl get nodes
apt-mark unhold kubelet kubectl
apt-get install -y kubelet='1.32.3-1.1' kubectl='1.32.3-1.1'
kubectl get nodes
systemctl daemon-reload
systemctl restart kubelet
sleep 15
kubectl get nodes`,
      homeNodeOf(cluster),
    );
    const plan = entry(r.entries, "kubeadm upgrade plan").stdout;
    expect(plan).toContain(
      "[upgrade/versions] Cluster version: 1.32.2\n[upgrade/versions] kubeadm version: v1.32.2\n",
    );
    expect(plan).toContain("kube-apiserver            controlplane   v1.32.2    v1.32.3\n");
    expect(plan).toContain("kube-proxy                               1.32.2     v1.32.3\n");
    expect(plan).toContain("\tkubeadm upgrade apply v1.32.3\n");
    expect(plan).toContain(
      "Note: Before you can perform this upgrade, you have to update kubeadm to v1.32.3.\n",
    );
    const refused = entry(r.entries, "kubeadm upgrade apply");
    expect(refused.exit).toBe(1);
    expect(refused.stderr).toBe(
      'error execution phase preflight: the version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "v1.32.3" is higher than the kubeadm version "v1.32.2". Upgrade kubeadm first using the tool you used to install kubeadm\n\nCan be bypassed if you pass the --force flag\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    const held = entry(r.entries, "apt-get install -y kubeadm='1.32.3-1.1'");
    expect(held.stdout).toContain("The following held packages will be changed:\n  kubeadm\n");
    expect(held.stderr).toBe(
      "E: Held packages were changed and -y was used without --allow-change-held-packages.\n",
    );
    expect(entry(r.entries, "apt-mark unhold kubeadm").stdout).toBe("Canceled hold on kubeadm.\n");
    expect(entry(r.entries, "apt-get install -y kubeadm='1.32.9-*'").stderr).toBe(
      "E: Version '1.32.9-*' for 'kubeadm' was not found\n",
    );
    expect(entry(r.entries, "apt-get install -y kubeadm='1.32.3-*'").stdout).toContain(
      "Unpacking kubeadm (1.32.3-1.1) over (1.32.2-1.1) ...\nSetting up kubeadm (1.32.3-1.1) ...\n",
    );
    expect(entry(r.entries, "kubeadm version -o short").stdout).toBe("v1.32.3\n");
    const applied = entry(r.entries, "kubeadm upgrade apply", 1);
    expect(applied.exit).toBe(0);
    expect(applied.stdout).toContain(
      '[upgrade/staticpods] Component "kube-apiserver" upgraded successfully!\n',
    );
    expect(applied.stdout).toContain(
      '\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.32.3".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n',
    );
    expect(entry(r.entries, "kubectl version").stdout).toContain("Server Version: v1.32.3\n");
    // The kubelet reports its new binary only once restarted.
    expect(entry(r.entries, "kubectl get nodes", 1).stdout).toMatch(
      /controlplane +Ready +control-plane +\S+ +v1\.32\.2\n/,
    );
    expect(entry(r.entries, "kubectl get nodes", 2).stdout).toMatch(
      /controlplane +Ready +control-plane +\S+ +v1\.32\.3\n/,
    );
    expect(entry(r.entries, "kubectl get nodes", 2).stdout).toMatch(
      /node01 +Ready +<none> +\S+ +v1\.32\.2\n/,
    );
    const manifest = cluster.hosts
      .get("controlplane")
      ?.fs.read("/etc/kubernetes/manifests/kube-apiserver.yaml");
    expect(manifest).toContain("image: registry.k8s.io/kube-apiserver:v1.32.3");
  });

  it("apt-cache madison lists the v1.32 channel's packages", () => {
    const cluster = boot();
    const r = run(cluster, "apt-cache madison kubeadm", homeNodeOf(cluster));
    expect(r.entries[0]?.stdout).toBe(
      [
        "   kubeadm | 1.32.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.2-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.0-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "",
      ].join("\n"),
    );
  });
});

describe("kubeadm token and certs", () => {
  it("creates a bootstrap-token Secret and prints the join command with the CA's pin", () => {
    const cluster = boot();
    const r = run(
      cluster,
      "kubeadm token create --print-join-command --ttl 2h\nkubeadm token list\nkubeadm token delete abcdef",
      homeNodeOf(cluster),
    );
    const join = r.entries[0]?.stdout ?? "";
    const m =
      /^kubeadm join controlplane:6443 --token ([a-z0-9]{6})\.([a-z0-9]{16}) --discovery-token-ca-cert-hash (sha256:[0-9a-f]{64}) \n$/.exec(
        join,
      );
    expect(m).not.toBeNull();
    const ca = cluster.hosts.get("controlplane")?.fs.read("/etc/kubernetes/pki/ca.crt") ?? "";
    expect(m?.[3]).toBe(caCertHash(ca));
    const secret = cluster.api.get("Secret", "kube-system", `bootstrap-token-${m?.[1]}`);
    expect((secret as { type?: string }).type).toBe("bootstrap.kubernetes.io/token");
    // kubeadm init's own token (24 h) is listed too, in name order.
    expect(r.entries[1]?.stdout).toMatch(
      new RegExp(
        `^TOKEN +TTL +EXPIRES +USAGES +DESCRIPTION +EXTRA GROUPS\n(?:[a-z0-9]{6}\\.[a-z0-9]{16} +23h .*\n)?${m?.[1]}\\.${m?.[2]} +2h +\\S+Z +authentication,signing +<none> +system:bootstrappers:kubeadm:default-node-token\n(?:[a-z0-9]{6}\\.[a-z0-9]{16} +23h .*\n)?$`,
      ),
    );
    expect(r.entries[1]?.stdout.split("\n").filter(Boolean)).toHaveLength(3);
    expect(r.entries[2]?.stderr).toBe(
      'failed to delete bootstrap token "abcdef": secrets "bootstrap-token-abcdef" not found\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
  });

  it("checks expiration and renews every certificate a year from now", () => {
    const cluster = boot();
    // Two days on (advancing more costs seconds of test time per simulated day).
    cluster.advance(2 * 86400);
    const r = run(
      cluster,
      "kubeadm certs check-expiration\nkubeadm certs renew all\nkubeadm certs check-expiration",
      homeNodeOf(cluster),
    );
    const before = r.entries[0]?.stdout ?? "";
    expect(before).toContain(
      "CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED\n",
    );
    expect(before).toMatch(/\napiserver +\w{3} \d\d, \d{4} \d\d:\d\d UTC +36[0-3]d +ca +no {6}\n/);
    expect(before).toContain(
      "\nCERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED\n",
    );
    const renew = r.entries[1]?.stdout ?? "";
    expect(renew).toContain("certificate for serving the Kubernetes API renewed\n");
    expect(renew).toContain(
      "\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n",
    );
    expect(r.entries[2]?.stdout).toMatch(
      /\napiserver +\w{3} \d\d, \d{4} \d\d:\d\d UTC +(1y|36\dd) +ca +no {6}\n/,
    );
    expect(r.entries[2]?.stdout).toMatch(
      /\nsuper-admin\.conf +\w{3} \d\d, \d{4} \d\d:\d\d UTC +(1y|36\dd) +ca +no {6}\n/,
    );
  });
});
