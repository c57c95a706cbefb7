// The CKA exercise "back up etcd to /opt/snapshot.db with etcdctl, then restore it" on the cka
// scenario, typed as on a kubeadm v1.32 node (etcd 3.5.16). Texts are etcdctl's and etcdutl's
// (etcdctl/ctlv3/command, client/v3/snapshot, etcdutl/snapshot); see src/engine/etcd.
import { describe, expect, it } from "vitest";
import { type ReportEntry, runScript } from "../cli/report";
import { bootScenario, homeNodeOf } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { keyspace } from "../engine/etcd/server";
import { exportSnapshot, parseSnapshot, restoreSnapshot, serializeSnapshot } from "../engine/snapshot";
import { slimSnapshot } from "../engine/snapshot-slim";

const CERTS =
  "--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key";
const E = `ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 ${CERTS}`;

function boot(): Cluster {
  const cluster = bootScenario("cka");
  if (!cluster) throw new Error("no cka scenario");
  return cluster;
}

function entry(entries: ReportEntry[], prefix: string, nth = 0): ReportEntry {
  const found = entries.filter((e) => e.command.startsWith(prefix))[nth];
  if (!found) throw new Error(`no command ${prefix}`);
  return found;
}

describe("etcdctl against the control plane's etcd", () => {
  it("needs the TLS files: without them the request times out, a wrong path fails at once", () => {
    const cluster = boot();
    const start = cluster.clock.now();
    const r = runScript(
      cluster,
      `etcdctl member list
etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt member list
etcdctl --cacert=/etc/kubernetes/pki/ca.crt --cert=/x.crt --key=/x.key member list
etcdctl --endpoints=https://127.0.0.1:2379 --command-timeout=3s snapshot save /opt/a.db
etcdctl --endpoints=https://127.0.0.1:2379 snapshot save /opt/b.db
ls /opt`,
      homeNodeOf(cluster),
    );
    const plain = entry(r, "etcdctl member list");
    expect(plain.exit).toBe(1);
    const [warn, err] = plain.stderr.split("\n");
    expect(JSON.parse(warn as string)).toMatchObject({
      level: "warn",
      logger: "etcd-client",
      msg: "retrying of unary invoker failed",
      target: "etcd-endpoints://0xc000318000/127.0.0.1:2379",
      attempt: 0,
    });
    expect(err).toBe("Error: context deadline exceeded");
    const noClientCert = entry(r, "etcdctl --endpoints");
    expect(noClientCert.stderr).toContain("tls: certificate required");
    expect(noClientCert.stderr).toMatch(/Error: context deadline exceeded\n$/);
    // Two requests waited out the 5s command timeout, the save its 3s.
    expect(cluster.clock.now() - start).toBeGreaterThanOrEqual(13_000);
    // clientv3.NewClientConfig fails on the key pair: ExitBadArgs.
    expect(entry(r, "etcdctl --cacert")).toMatchObject({
      exit: 128,
      stderr: "Error: open /x.crt: no such file or directory\n",
    });
    // snapshot save waits for a ready connection until --command-timeout; ExitInterrupted.
    const save = entry(r, "etcdctl --endpoints=https://127.0.0.1:2379 --command-timeout");
    expect(save.exit).toBe(5);
    expect(save.stderr.split("\n").slice(1)).toEqual(["Error: context deadline exceeded", ""]);
    expect(JSON.parse(save.stderr.split("\n")[0] as string)).toMatchObject({
      msg: "created temporary db file",
      path: "/opt/a.db.part",
    });
    // Without a timeout it waits until interrupted (the terminal's ^C).
    expect(entry(r, "etcdctl --endpoints=https://127.0.0.1:2379 snapshot save").exit).toBe(130);
    expect(entry(r, "ls /opt").stdout).toBe("cni\n");
  });

  it("lists the member, its status and health, and the keys, on the node and in the etcd container", () => {
    const cluster = boot();
    const r = runScript(
      cluster,
      `${E} member list
${E} member list -w table
${E} member list -w json
${E} endpoint status -w table
${E} endpoint health
${E} get / --prefix --keys-only
kubectl -n kube-system exec etcd-controlplane -- etcdctl ${CERTS} member list
kubectl -n kube-system exec etcd-controlplane -- etcdctl version`,
      homeNodeOf(cluster),
    );
    // kubeadm's member: ID from its peer URL and the default token (computeMemberID).
    const id = entry(r, `${E} member list`).stdout.split(", ")[0] as string;
    expect(entry(r, `${E} member list`).stdout).toBe(
      `${id}, started, controlplane, https://192.168.1.2:2380, https://192.168.1.2:2379, false\n`,
    );
    expect(entry(r, `${E} member list -w table`).stdout).toContain(
      `| ${id} | started | controlplane | https://192.168.1.2:2380 | https://192.168.1.2:2379 |      false |\n`,
    );
    // Go's json.Marshal of MemberListResponse: IDs as decimal uint64s.
    const json = entry(r, `${E} member list -w json`).stdout;
    expect(json).toContain(
      `"members":[{"ID":${BigInt(`0x${id}`)},"name":"controlplane","peerURLs":["https://192.168.1.2:2380"]`,
    );
    const status = entry(r, `${E} endpoint status`).stdout;
    expect(status).toContain(
      "|        ENDPOINT        |       ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |",
    );
    expect(status).toMatch(
      new RegExp(
        `\\| https://127.0.0.1:2379 \\| ${id} \\|  3.5.16 \\| +[\\d.]+ kB \\|      true \\|      false \\|`,
      ),
    );
    expect(entry(r, `${E} endpoint health`).stdout).toMatch(
      /^https:\/\/127.0.0.1:2379 is healthy: successfully committed proposal: took = [\d.]+ms\n$/,
    );
    const keys = entry(r, `${E} get`).stdout.split("\n\n").filter(Boolean);
    expect(keys).toContain("/registry/namespaces/kube-system");
    expect(keys).toContain("/registry/pods/kube-system/etcd-controlplane");
    expect(keys).toContain("/registry/minions/node01");
    expect(keys).toEqual([...keys].sort());
    expect(entry(r, "kubectl -n kube-system exec etcd-controlplane -- etcdctl --cacert").stdout).toBe(
      entry(r, `${E} member list`).stdout,
    );
    expect(entry(r, "kubectl -n kube-system exec etcd-controlplane -- etcdctl version").stdout).toBe(
      "etcdctl version: 3.5.16\nAPI version: 3.5\n",
    );
  });
});

describe("back up etcd and restore it", () => {
  it("saves a snapshot, restores it into a new data dir, and the API serves the saved objects again", () => {
    const cluster = boot();
    const node = homeNodeOf(cluster);
    const before = runScript(
      cluster,
      `kubectl create deployment web --image=nginx --replicas=2
sleep 10
${E} snapshot save /opt/snapshot.db`,
      node,
    );
    const saved = entry(before, `${E} snapshot save`);
    expect(saved.exit).toBe(0);
    expect(saved.stdout).toBe("Snapshot saved at /opt/snapshot.db\n");
    const logs = saved.stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string; caller: string });
    expect(logs.map((l) => l.msg)).toEqual([
      "created temporary db file",
      "opened snapshot stream; downloading",
      "fetching snapshot",
      "completed snapshot read; closing",
      "fetched snapshot",
      "saved",
    ]);
    // What the snapshot holds: the API's objects and revision at that instant.
    const revision = cluster.api.resourceVersion();
    const objects = keyspace(cluster).length;

    const r = runScript(
      cluster,
      `ETCDCTL_API=3 etcdctl snapshot status /opt/snapshot.db -w table
etcdutl snapshot status /opt/snapshot.db
kubectl delete deployment web
kubectl create deployment later --image=nginx
sleep 5
etcdutl snapshot restore /opt/snapshot.db --data-dir /var/lib/etcd-from-backup
etcdutl snapshot restore /opt/snapshot.db --data-dir /var/lib/etcd-from-backup
ls /var/lib/etcd-from-backup/member
ETCDCTL_API=3 etcdctl snapshot restore /opt/snapshot.db --data-dir /tmp/other
sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml
sleep 60
kubectl get deployments
kubectl get pods
${E} member list
${E} snapshot status /var/lib/etcd/member/snap/db`,
      node,
    );
    const status = entry(r, "ETCDCTL_API=3 etcdctl snapshot status");
    expect(status.stderr).toBe("Deprecated: Use `etcdutl snapshot status` instead.\n\n");
    const row = status.stdout.split("\n")[3] as string;
    const [hash, rev, keys, size] = row
      .split("|")
      .slice(1, 5)
      .map((c) => c.trim());
    expect(hash).toMatch(/^[0-9a-f]{1,8}$/);
    expect(rev).toBe(revision);
    expect(keys).toBe(String(objects));
    expect(size).toMatch(/^\d+(\.\d)? kB$/);
    expect(entry(r, "etcdutl snapshot status").stdout).toBe(`${hash}, ${rev}, ${keys}, ${size}\n`);

    const restored = entry(r, "etcdutl snapshot restore");
    expect(restored.exit).toBe(0);
    expect(
      restored.stderr
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\t")[3]),
    ).toEqual([
      "restoring snapshot",
      "Trimming membership information from the backend...",
      "added member",
      "restored snapshot",
    ]);
    expect(entry(r, "etcdutl snapshot restore", 1)).toMatchObject({
      exit: 1,
      stderr: 'Error: data-dir "/var/lib/etcd-from-backup" not empty or could not be read\n',
    });
    // On the terminal ls lists in columns (coreutils' layout).
    expect(entry(r, "ls /var/lib/etcd-from-backup/member").stdout).toBe("snap  wal\n");
    // etcdctl 3.5 still restores, through etcdutl's code, after saying so.
    const viaEtcdctl = entry(r, "ETCDCTL_API=3 etcdctl snapshot restore");
    expect(viaEtcdctl.exit).toBe(0);
    expect(viaEtcdctl.stderr.startsWith("Deprecated: Use `etcdutl snapshot restore` instead.\n\n")).toBe(
      true,
    );
    expect(viaEtcdctl.stderr).toContain('"data-dir": "/tmp/other"');

    // The kubelet restarted etcd on the restored directory: the deployment is back and runs,
    // and what was made after the snapshot is gone.
    const deployments = entry(r, "kubectl get deployments").stdout;
    expect(deployments).toMatch(/^web\s+2\/2\s+2\s+2\s/m);
    expect(deployments).not.toContain("later");
    const pods = entry(r, "kubectl get pods").stdout.split("\n").slice(1).filter(Boolean);
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p).toMatch(/^web-\S+\s+1\/1\s+Running\s/);
    // The restored member is etcdutl's default one, named by etcd's --name.
    expect(entry(r, `${E} member list`).stdout).toBe(
      "8e9e05c52164694d, started, controlplane, http://localhost:2380, https://192.168.1.2:2379, false\n",
    );
    // etcd left /var/lib/etcd holding the keyspace as it was when it stopped there.
    expect(entry(r, `${E} snapshot status /var/lib/etcd`).exit).toBe(0);
  });

  it("keeps working in a cluster restored from a slim scenario file (the etcd PKI is made again)", () => {
    const cluster = boot();
    const slim = serializeSnapshot(slimSnapshot(exportSnapshot(cluster)));
    expect(slim).not.toContain("BEGIN CERTIFICATE");
    const restored = restoreSnapshot(parseSnapshot(slim));
    const r = runScript(restored, `${E} endpoint health`, homeNodeOf(restored));
    expect(r[0]?.exit).toBe(0);
    expect(r[0]?.stdout).toMatch(/is healthy/);
  });

  it("restores into etcd's own data dir while its static pod is away (manifest moved out and back)", () => {
    const cluster = boot();
    const r = runScript(
      cluster,
      `kubectl create deployment web --image=nginx
sleep 10
${E} snapshot save /opt/snapshot.db
kubectl delete deployment web
mv /etc/kubernetes/manifests/etcd.yaml /tmp/
sleep 30
rm -rf /var/lib/etcd
etcdutl snapshot restore /opt/snapshot.db --data-dir /var/lib/etcd
mv /tmp/etcd.yaml /etc/kubernetes/manifests/
sleep 60
kubectl get deployments`,
      homeNodeOf(cluster),
    );
    expect(entry(r, "etcdutl snapshot restore").exit).toBe(0);
    expect(entry(r, "kubectl get deployments").stdout).toMatch(/^web\s+1\/1\s/m);
  });
});
