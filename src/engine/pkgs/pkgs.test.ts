/**
 * Package managers in containers, driven as a learner types them (kubectl exec on the CKA
 * cluster). Expected texts: apk-tools 2.14 on a fresh alpine:3.21.3 (`apk add --no-cache curl`,
 * a stored transcript: the nine packages, `Executing busybox-1.37.0-r12.trigger`, `OK: 12 MiB in
 * 24 packages`), solver.c's "unable to select packages" block, apt's `E: Unable to locate
 * package` before `apt-get update`, apt 2.6's un-grouped sizes (`[151 kB]`, `Fetched 1090 kB`),
 * and apt's pipe warning.
 */
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "../../testing/cka";
import { showList, sizeToStr } from "./aptformat";
import { binaryText, programOfBinary } from "./binary";

const pods = `kubectl run alp --image=alpine:3.21 -- sleep 3600
kubectl run deb --image=debian:12 -- sleep 3600
kubectl run ub --image=ubuntu:24.04 -- sleep 3600
kubectl run bb --image=busybox -- sleep 3600
sleep 15
`;

describe("apk", () => {
  it("installs curl with its dependencies into that container only", () => {
    const r = run(`${pods}kubectl exec alp -- sh -c 'curl --version >/dev/null; echo $?'
kubectl exec alp -- apk add --no-cache curl
kubectl exec alp -- sh -c 'which curl && ls /usr/bin/curl'
kubectl exec alp -- apk add curl
kubectl run alp2 --image=alpine:3.21 -- sleep 3600
sleep 5
kubectl exec alp2 -- which curl`);
    expect(r.find((e) => e.command.includes("curl --version"))?.stdout).toBe("127\n");
    expect(r.find((e) => e.command === "kubectl exec alp -- apk add --no-cache curl")?.stdout).toBe(
      [
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz",
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz",
        "(1/9) Installing brotli-libs (1.1.0-r2)",
        "(2/9) Installing c-ares (1.34.3-r0)",
        "(3/9) Installing libunistring (1.2-r0)",
        "(4/9) Installing libidn2 (2.3.7-r0)",
        "(5/9) Installing nghttp2-libs (1.64.0-r0)",
        "(6/9) Installing libpsl (0.21.5-r3)",
        "(7/9) Installing zstd-libs (1.5.6-r2)",
        "(8/9) Installing libcurl (8.12.1-r1)",
        "(9/9) Installing curl (8.12.1-r1)",
        "Executing busybox-1.37.0-r12.trigger",
        "OK: 12 MiB in 24 packages",
        "",
      ].join("\n"),
    );
    expect(last(r, "kubectl exec alp -- sh -c 'which").stdout).toBe("/usr/bin/curl\n/usr/bin/curl\n");
    // --no-cache kept no index: the next add fetches again, and has nothing left to install.
    expect(last(r, "kubectl exec alp -- apk add curl").stdout).toMatch(
      /fetch .*\n.*fetch .*\nOK: 12 MiB in 24 packages\n$/,
    );
    expect(last(r, "kubectl exec alp2").exit).toBe(1);
  });

  it("refuses an unknown package and changes nothing", () => {
    const r = run(`${pods}kubectl exec alp -- apk add curl foo
kubectl exec alp -- which curl`);
    const add = last(r, "kubectl exec alp -- apk add");
    expect(add.stderr).toBe(
      "ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\ncommand terminated with exit code 1\n",
    );
    expect(last(r, "kubectl exec alp -- which").exit).toBe(1);
  });

  it("runs bind-tools' dig, and apk del takes it away with what it pulled in", () => {
    const r = run(`${pods}kubectl exec alp -- apk add -q bind-tools
kubectl exec alp -- dig +short kubernetes.default.svc.cluster.local
kubectl exec alp -- apk del bind-tools
kubectl exec alp -- sh -c 'command -v dig || echo gone'`);
    expect(last(r, "kubectl exec alp -- dig").stdout).toBe("10.96.0.1\n");
    expect(last(r, "kubectl exec alp -- apk del").stdout).toMatch(
      /^\(1\/14\) Purging bind-tools \(9\.18\.33-r0\)\n/,
    );
    expect(last(r, "kubectl exec alp -- apk del").stdout).toMatch(/OK: 7 MiB in 15 packages\n$/);
    expect(last(r, "kubectl exec alp -- sh -c").stdout).toBe("gone\n");
  });

  it("installs into the container's layer: a restarted container starts from the image again", () => {
    const r = run(`kubectl run alp --image=alpine:3.21 -- sh -c 'sleep 30'
sleep 5
kubectl exec alp -- apk add -q curl
kubectl exec alp -- which curl
sleep 40
kubectl get pod alp --no-headers
kubectl exec alp -- which curl`);
    expect(r.find((e) => e.command === "kubectl exec alp -- which curl")?.stdout).toBe("/usr/bin/curl\n");
    expect(last(r, "kubectl get pod").stdout).toMatch(/Running\s+1 \(/);
    expect(last(r, "kubectl exec alp -- which curl").exit).toBe(1);
  });

  it("reads the image's repositories and refuses a non-root user", () => {
    const r =
      run(`kubectl run nr --image=alpine:3.21 --overrides='{"spec":{"securityContext":{"runAsUser":1000}}}' -- sleep 3600
sleep 10
kubectl exec nr -- cat /etc/apk/repositories
kubectl exec nr -- apk add curl`);
    expect(last(r, "kubectl exec nr -- cat").stdout).toBe(
      "https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n",
    );
    expect(last(r, "kubectl exec nr -- apk").stderr).toBe(
      "ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\ncommand terminated with exit code 99\n",
    );
  });

  it("apk del of a name nobody knows is an error (app_del.c delete_name)", () => {
    const r = run(`kubectl run alp --image=alpine:3.21 -- sleep 3600
sleep 10
kubectl exec alp -- apk del nosuchthing`);
    expect(last(r, "kubectl exec alp").stderr).toBe(
      "ERROR: No such package: nosuchthing\ncommand terminated with exit code 1\n",
    );
  });

  it("does not exist in busybox", () => {
    const r = run(`${pods}kubectl exec bb -- sh -c 'apk add curl'`);
    expect(last(r, "kubectl exec bb").stderr).toBe(
      "sh: apk: not found\ncommand terminated with exit code 127\n",
    );
  });
});

describe("apt-get and apt", () => {
  it("finds nothing before update, then installs curl from bookworm", () => {
    const r = run(`${pods}kubectl exec deb -- apt-get install -y curl
kubectl exec deb -- apt-get update
kubectl exec deb -- apt-get install -y curl
kubectl exec deb -- curl -s -o /dev/null -w '%{http_code}' https://kubernetes.default.svc`);
    const before = r.find((e) => e.command === "kubectl exec deb -- apt-get install -y curl");
    expect(before?.stdout).toBe(
      "Reading package lists...\nBuilding dependency tree...\nReading state information...\n",
    );
    expect(before?.stderr).toBe("E: Unable to locate package curl\ncommand terminated with exit code 100\n");
    const update = last(r, "kubectl exec deb -- apt-get update").stdout;
    expect(update.split("\n")[0]).toBe("Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]");
    expect(update).toMatch(/\nReading package lists\.\.\.\n$/);
    const install = last(r, "kubectl exec deb -- apt-get install -y curl");
    expect(install.exit).toBe(0);
    // apt's DoInstall (apt-private/private-install.cc): Suggests of the packages to install in
    // name order, an alternative as its own `| name` item, wrapped by ShowList.
    expect(install.stdout).toContain(
      "Suggested packages:\n  krb5-doc krb5-user libsasl2-modules-gssapi-mit\n  | libsasl2-modules-gssapi-heimdal libsasl2-modules-ldap libsasl2-modules-otp\n  libsasl2-modules-sql\n",
    );
    expect(install.stdout).toContain("The following NEW packages will be installed:\n");
    expect(install.stdout).toContain("0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.\n");
    expect(install.stdout).toContain("Setting up curl (7.88.1-10+deb12u8) ...\n");
    expect(install.stdout).toContain("Processing triggers for libc-bin (2.36-9+deb12u9) ...\n");
    expect(last(r, "kubectl exec deb -- curl").exit).not.toBe(127);
  });

  it("a read-only root file system refuses the lock and nothing changes", () => {
    const r =
      run(`kubectl run dro --image=debian:12 --overrides='{"spec":{"containers":[{"name":"dro","image":"debian:12","command":["sleep","3600"],"securityContext":{"readOnlyRootFilesystem":true}}]}}'
sleep 10
kubectl exec dro -- apt-get update`);
    expect(last(r, "kubectl exec dro").stderr).toBe(
      "E: Could not open lock file /var/lib/apt/lists/lock - open (30: Read-only file system)\nE: Unable to lock directory /var/lib/apt/lists/\ncommand terminated with exit code 100\n",
    );
  });

  it("apt warns on a pipe and asks before installing more than asked", () => {
    const r = run(`${pods}kubectl exec ub -- apt update
kubectl exec ub -- apt install dnsutils
kubectl exec ub -- which dig`);
    expect(last(r, "kubectl exec ub -- apt update").stderr).toBe(
      "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n",
    );
    expect(last(r, "kubectl exec ub -- apt update").stdout).toContain(
      "Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]\n",
    );
    expect(last(r, "kubectl exec ub -- apt install").stdout).toMatch(
      /Do you want to continue\? \[Y\/n\] Abort\.\n$/,
    );
    expect(last(r, "kubectl exec ub -- which").exit).toBe(1);
  });
});

describe("net-tools", () => {
  it("netstat lists the pod's listening sockets, ifconfig its interfaces", () => {
    const r = run(`kubectl run ng --image=nginx
sleep 10
kubectl exec ng -- sh -c 'apt-get update >/dev/null && apt-get install -y net-tools >/dev/null 2>&1'
kubectl exec ng -- netstat -tlnp
kubectl exec ng -- ifconfig lo`);
    expect(last(r, "kubectl exec ng -- netstat").stdout).toBe(
      [
        "Active Internet connections (only servers)",
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ",
        "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -                   ",
        "",
      ].join("\n"),
    );
    expect(last(r, "kubectl exec ng -- ifconfig").stdout).toMatch(
      /^lo: flags=73<UP,LOOPBACK,RUNNING> {2}mtu 65536\n/,
    );
  });
});

describe("helpers", () => {
  it("sizes as apt's SizeToStr prints them (Debian ungrouped, Ubuntu grouped)", () => {
    expect(sizeToStr(151_000)).toBe("151 kB");
    expect(sizeToStr(55_400)).toBe("55.4 kB");
    expect(sizeToStr(1_090_000)).toBe("1090 kB");
    expect(sizeToStr(2_070_000, true)).toBe("2,070 kB");
    expect(sizeToStr(10_600_000)).toBe("10.6 MB");
  });

  it("wraps package lists before 80 columns", () => {
    const lines = showList([
      "ca-certificates",
      "curl",
      "krb5-locales",
      "libbrotli1",
      "libcurl4",
      "libgssapi-krb5-2",
      "libk5crypto3",
    ]).split("\n");
    expect(lines[0]).toBe("  ca-certificates curl krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2");
    expect(lines[1]).toBe("  libk5crypto3");
  });

  it("an installed binary runs its program; other text is no binary", () => {
    expect(programOfBinary(binaryText("curl"))).toBeTypeOf("function");
    expect(programOfBinary("#!/bin/sh\necho hi\n")).toBeUndefined();
    expect(programOfBinary(binaryText("no-such-program"))).toBeUndefined();
  });
});
