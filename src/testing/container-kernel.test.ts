// What a container sees of its kernel and of cluster DNS, typed as learners type it on the cka
// scenario. Expected texts: runc's /dev and cgroup v2 files (memory.max is the limit in bytes,
// cpu.max `QUOTA 100000`), dd's summaries (coreutils print_xfer_stats, busybox dd.c), and what
// busybox nslookup, bind9's dig (dighost.c recv_done) and busybox wget print when the DNS server
// never answers.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const LIMITED = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: busybox
    command: ["sleep", "3600"]
    resources:
      limits: {memory: 128Mi, cpu: 500m}
EOF
kubectl run deb --image=debian -- sleep 3600
sleep 15`;

describe("/dev, /proc and /sys in a container", () => {
  const r = run(`${LIMITED}
kubectl exec box -- sh -c 'head -c 100 /dev/zero | wc -c'
kubectl exec box -- cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max
kubectl exec deb -- cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max
kubectl exec box -- sh -c 'tr "\\0" " " < /proc/1/cmdline; echo'
kubectl exec box -- sh -c 'echo gone > /dev/null; cat /dev/null | wc -c; ls /dev'
kubectl exec box -- sh -c 'head -c 12 /dev/urandom | wc -c; tr -dc a-z </dev/urandom | head -c 8 | wc -c'
kubectl exec box -- sh -c 'cut -d" " -f1 /proc/uptime'
kubectl exec box -- sh -c 'grep -c ^processor /proc/cpuinfo; grep MemTotal /proc/meminfo'
kubectl exec box -- sh -c 'grep " /sys/fs/cgroup " /proc/mounts'
kubectl exec box -- sh -c 'echo 1 > /sys/fs/cgroup/memory.max'`);

  it("the devices read and write as devices", () => {
    expect(last(r, "kubectl exec box -- sh -c 'head -c 100").stdout).toBe("100\n");
    expect(last(r, "kubectl exec box -- sh -c 'echo gone").stdout).toBe(
      "0\nconsole\ncore\nfd\nfull\nmqueue\nnull\nptmx\npts\nrandom\nshm\nstderr\nstdin\nstdout\ntermination-log\ntty\nurandom\nzero\n",
    );
    expect(last(r, "kubectl exec box -- sh -c 'head -c 12 /dev/urandom").stdout).toBe("12\n8\n");
  });
  it("the cgroup files hold the container's limits, or max", () => {
    expect(last(r, "kubectl exec box -- cat").stdout).toBe("134217728\n50000 100000\n");
    expect(last(r, "kubectl exec deb -- cat").stdout).toBe("max\nmax 100000\n");
    expect(last(r, "kubectl exec box -- sh -c 'echo 1 >").stderr).toBe(
      "sh: can't create /sys/fs/cgroup/memory.max: Read-only file system\ncommand terminated with exit code 1\n",
    );
  });
  it("/proc shows PID 1's argv, the node's uptime on the virtual clock, CPUs and memory", () => {
    expect(last(r, "kubectl exec box -- sh -c 'tr").stdout).toBe("sleep 3600 \n");
    expect(Number(last(r, "kubectl exec box -- sh -c 'cut").stdout)).toBeGreaterThan(15);
    expect(last(r, "kubectl exec box -- sh -c 'grep -c").stdout).toMatch(/^\d+\nMemTotal:\s+\d+ kB\n$/);
    expect(last(r, "kubectl exec box -- sh -c 'grep \" /sys").stdout).toBe(
      "cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0\n",
    );
  });
});

describe("dd in busybox and in debian", () => {
  it("writes the file and prints each dd's summary", () => {
    const r = run(`${LIMITED}
kubectl exec box -- sh -c 'dd if=/dev/zero of=/tmp/f bs=1M count=10 && wc -c < /tmp/f'
kubectl exec deb -- sh -c 'dd if=/dev/zero of=/tmp/f bs=1M count=10 && wc -c < /tmp/f'`);
    const box = last(r, "kubectl exec box");
    expect(box.stdout).toBe("10485760\n");
    expect(box.stderr).toMatch(
      /^10\+0 records in\n10\+0 records out\n10485760 bytes \(10\.0MB\) copied, 0\.\d{6} seconds, \d+\.\dGB\/s\n$/,
    );
    const deb = last(r, "kubectl exec deb");
    expect(deb.stdout).toBe("10485760\n");
    expect(deb.stderr).toMatch(
      /^10\+0 records in\n10\+0 records out\n10485760 bytes \(10 MB, 10 MiB\) copied, [\d.]+ s, [\d.]+ GB\/s\n$/,
    );
  });
});

describe("DNS while CoreDNS is scaled to zero", () => {
  const r = run(`kubectl run box --image=busybox -- sleep 3600
kubectl run shoot --image=nicolaka/netshoot -- sleep 3600
kubectl create deploy web --image=nginx
kubectl expose deploy web --port=80
sleep 20
kubectl -n kube-system scale deploy coredns --replicas=0
sleep 30
kubectl exec box -- sh -c 'date +%s; nslookup web; echo rc=$?; date +%s'
kubectl exec box -- sh -c 'date +%s; wget -qO- web; echo rc=$?; date +%s'
kubectl exec box -- sh -c 'wget -qO- $(hostname -i) >/dev/null; wget -qO- localhost >/dev/null; echo local'
kubectl exec shoot -- dig web
kubectl -n kube-system scale deploy coredns --replicas=2
sleep 30
kubectl exec box -- sh -c 'wget -qO- web | grep title'`);

  const seconds = (out: string) =>
    out
      .split("\n")
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
  it("busybox nslookup times out after 5 s", () => {
    const e = last(r, "kubectl exec box -- sh -c 'date +%s; nslookup");
    expect(e.stdout).toMatch(/^\d+\n;; connection timed out; no servers could be reached\n\nrc=1\n\d+\n$/);
    const [t0 = 0, t1 = 0] = seconds(e.stdout);
    expect(t1 - t0).toBe(5);
  });
  it("busybox wget gives up on the name after glibc's 5 s x 2 attempts", () => {
    const e = last(r, "kubectl exec box -- sh -c 'date +%s; wget");
    expect(e.stderr).toBe("wget: bad address 'web'\n");
    const [t0 = 0, t1 = 0] = seconds(e.stdout);
    expect(t1 - t0).toBe(10);
  });
  it("addresses that need no DNS still work", () => {
    expect(last(r, "kubectl exec box -- sh -c 'wget -qO- $(hostname").stdout).toBe("local\n");
  });
  it("dig tries three times, then no servers could be reached, exit 9", () => {
    const e = last(r, "kubectl exec shoot -- dig web");
    expect(e.stdout).toBe("\n; <<>> DiG 9.18.28-1~deb12u2-Debian <<>> web\n;; global options: +cmd\n");
    expect(e.stderr).toBe(
      `${";; communications error to 10.96.0.10#53: timed out\n".repeat(3)};; no servers could be reached\ncommand terminated with exit code 9\n`,
    );
  });
  it("names resolve again once CoreDNS is back", () => {
    expect(last(r, "kubectl exec box -- sh -c 'wget -qO- web | grep").stdout).toBe(
      "<title>Welcome to nginx!</title>\n",
    );
  });
});

describe("ping from a busybox pod", () => {
  // busybox networking/ping.c's lines; a Service VIP does not answer ICMP (kube-proxy).
  const r = run(`kubectl run box --image=busybox -- sleep 3600
kubectl create deploy web --image=nginx
kubectl expose deploy web --port=80
sleep 20
kubectl exec box -- ping -c 2 $(kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP}')
kubectl exec box -- sh -c 'date +%s; ping -c 2 web; echo rc=$?; date +%s'`);

  it("a pod answers each second", () => {
    expect(last(r, "kubectl exec box -- ping").stdout).toMatch(
      /^PING (10\.244\.\d+\.\d+) \(\1\): 56 data bytes\n64 bytes from \1: seq=0 ttl=6[24] time=\d\.\d{3} ms\n64 bytes from \1: seq=1 ttl=6[24] time=\d\.\d{3} ms\n\n--- \1 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    );
  });
  it("a Service's ClusterIP does not: 100% loss after the wait", () => {
    const e = last(r, "kubectl exec box -- sh -c 'date +%s; ping");
    expect(e.stdout).toMatch(
      /^(\d+)\nPING web \(10\.\d+\.\d+\.\d+\): 56 data bytes\n\n--- web ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\nrc=1\n(\d+)\n$/,
    );
    const [t0 = 0, t1 = 0] = e.stdout
      .split("\n")
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
    expect(t1 - t0).toBe(11);
  });
});

// /proc/self, /proc/thread-self and /proc/PID/root are symbolic links (proc(5)); find, du, df,
// ls -R and grep -r do not follow links they meet, so walking / ends (it used to loop through
// /proc/1/root for ever). find prints paths under / as `/bin` (GNU and busybox alike).
describe("walking a container's whole file system", () => {
  const r = run(`kubectl run deb --image=debian -- sleep 3600
kubectl run bb --image=busybox -- sleep 3600
sleep 15
kubectl exec deb -- df -h /
kubectl exec deb -- sh -c 'du -s / >/dev/null; echo du $?'
kubectl exec deb -- find / -maxdepth 1 -name bin
kubectl exec bb -- sh -c 'find / | grep -c /proc/1/root/'
kubectl exec bb -- ls -l /proc/1/root /proc/self
kubectl exec bb -- sh -c 'ls -l /proc | grep self'
kubectl exec bb -- sh -c 'grep -r nothing-matches-this /proc/1; echo grep $?'`);

  it("ends, and shows the links as links", () => {
    expect(last(r, "kubectl exec deb -- df -h /").stdout).toMatch(
      /^Filesystem {6}Size {2}Used Avail Use% Mounted on\noverlay /,
    );
    expect(last(r, "kubectl exec deb -- sh -c 'du -s /").stdout).toBe("du 0\n");
    expect(last(r, "kubectl exec deb -- find /").stdout).toBe("/bin\n");
    expect(last(r, "kubectl exec bb -- sh -c 'find / |").stdout).toBe("0\n");
    expect(last(r, "kubectl exec bb -- sh -c 'ls -l /proc |").stdout).toMatch(
      /^lrwxrwxrwx +1 root +root +0 .* self -> \d+\nlrwxrwxrwx +1 root +root +0 .* thread-self -> \d+\/task\/\d+\n$/,
    );
    expect(last(r, "kubectl exec bb -- sh -c 'grep -r").stdout).toBe("grep 1\n");
  });
});
