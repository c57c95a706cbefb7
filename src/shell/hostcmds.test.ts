// The tools CKA exercises type on the nodes, end to end on the cka scenario: jq over kubectl's
// JSON, yq over a manifest, ss/netstat with the control plane's ports, ip with the Node's
// InternalIP and flannel's links, ping between nodes, uptime, service, su, diff, watch.
import { describe, expect, it } from "vitest";
import { lastEntry, runOnCka as run } from "../testing/cka";

describe("host tools on the cka nodes", () => {
  it("jq and yq read kubectl's output", () => {
    const r = run(`kubectl get nodes -o json | jq -r '.items[].metadata.name'
kubectl get pods -n kube-system -o json | jq '[.items[] | select(.metadata.name | startswith("etcd"))] | length'
kubectl get pod -n kube-system etcd-controlplane -o yaml > etcd.yaml
yq '.spec.containers[0].name' etcd.yaml`);
    expect(r[0]?.stdout).toBe("controlplane\nnode01\nnode02\n");
    expect(r[1]?.stdout).toBe("1\n");
    expect(r[3]?.stdout).toBe("etcd\n");
  });
  it("ss and netstat list the control plane's listening ports", () => {
    const r = run("ss -tlnp\nnetstat -tlnp");
    const ss = r[0]?.stdout ?? "";
    expect(ss).toMatch(/LISTEN 0 +4096 +\*:6443 +\*:\* +users:\(\("kube-apiserver",pid=\d+,fd=\d+\)\)/);
    expect(ss).toMatch(/192\.168\.1\.2:2380 .*"etcd"/);
    expect(ss).toMatch(/127\.0\.0\.1:10259 .*"kube-scheduler"/);
    expect(ss).toMatch(/127\.0\.0\.1:10257 .*"kube-controller"/);
    expect(ss).toMatch(/\*:10250 .*"kubelet"/);
    expect(ss).toMatch(/\*:10256 .*"kube-proxy"/);
    expect(r[1]?.stdout).toMatch(/^tcp6 +0 +0 :::6443 +:::\* +LISTEN +\d+\/kube-apiserve/m);
  });
  it("ip shows the Node's address, flannel's links and routes; node01 answers ping by name", () => {
    const r = run("ip -4 a show eth0\nip route\nping -c 1 node01\nssh node01 ip -br -4 a");
    expect(r[0]?.stdout).toContain("inet 192.168.1.2/24 brd 192.168.1.255 scope global eth0\n");
    expect(r[1]?.stdout).toContain("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink \n");
    expect(r[2]?.stdout).toMatch(
      /^PING node01 \(192\.168\.1\.3\) 56\(84\) bytes of data\.\n64 bytes from node01 \(192\.168\.1\.3\): icmp_seq=1 ttl=63/,
    );
    expect(r[3]?.stdout).toMatch(/^eth0 +UP +192\.168\.1\.3\/24 \n/m);
  });
  it("uptime, service, su and top", () => {
    const r = run("uptime\nservice kubelet status\nsu -\nsu - bob\ntop -b -n 1 | head -1");
    expect(r[0]?.stdout).toMatch(
      /^ \d\d:\d\d:\d\d up +\d+ min, +1 user, +load average: [\d.]+, [\d.]+, [\d.]+\n$/,
    );
    expect(r[1]?.stdout).toMatch(/^● kubelet\.service - kubelet: The Kubernetes Node Agent/);
    expect(r[2]?.exit).toBe(0);
    expect(r[3]?.exit).toBe(1);
    expect(r[4]?.stdout).toMatch(/^top - \d\d:\d\d:\d\d up/);
  });
  it("service maps to systemctl as Ubuntu's service does; su -c runs a command", () => {
    const r = run(
      "service\nservice kubelet\nservice kubelet stop\nsystemctl is-active kubelet\nservice kubelet start\nsu -c 'echo hi'",
    );
    expect(r[0]?.stderr).toBe(
      "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n",
    );
    expect(r[1]?.stderr).toBe("kubelet: unrecognized service\n");
    expect(r[3]?.stdout).toBe("inactive\n");
    expect(r[4]?.exit).toBe(0);
    expect(r[5]?.stdout).toBe("hi\n");
  });
  it("diff of two manifests, and watch until interrupted", () => {
    const r = run(`kubectl run a --image=nginx --dry-run=client -o yaml > a.yaml
sed 's/nginx/httpd/' a.yaml > b.yaml
diff a.yaml b.yaml
timeout 3 watch -n 1 -t echo tick`);
    expect(lastEntry(r, "diff").stdout).toMatch(
      /^(\d+)c\1\n< {3}- image: nginx\n---\n> {3}- image: httpd\n$/,
    );
    expect(lastEntry(r, "diff").exit).toBe(1);
    expect(lastEntry(r, "timeout").stdout).toMatch(/^tick\n(tick\n)+$/);
  });
});
