import { describe, expect, it } from "vitest";
import type { Pod } from "../api/kinds";
import { NodeFileSystem } from "../node/fs";
import { VOLUME_SYNC_PERIOD_MS } from "./atomicvolume";
import {
  managedHostsFileContent,
  nodeHostsFileContent,
  parseResolvConf,
  podDNS,
  podHostnameAndDomain,
  resolvConfContent,
} from "./etcfiles";
import type { ConfigMap, PodSources } from "./podsources";
import { buildContainerFs, type ContainerFsOptions, terminationMessage } from "./rootfs";
import { VolumeStorage } from "./volumes";

// Ported from kubernetes pkg/kubelet/kubelet_pods_test.go (TestManagedHostsFileContent).
describe("managedHostsFileContent: TestManagedHostsFileContent", () => {
  const head = `# Kubernetes-managed hosts file.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
`;
  const cases: [string[], string, string, { ip: string; hostnames: string[] }[], string][] = [
    [["123.45.67.89"], "podFoo", "", [], `${head}123.45.67.89\tpodFoo\n`],
    [["203.0.113.1"], "podFoo", "domainFoo", [], `${head}203.0.113.1\tpodFoo.domainFoo\tpodFoo\n`],
    [
      ["203.0.113.1"],
      "podFoo",
      "domainFoo",
      [{ ip: "123.45.67.89", hostnames: ["foo", "bar", "baz"] }],
      `${head}203.0.113.1\tpodFoo.domainFoo\tpodFoo\n\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n`,
    ],
    [
      ["203.0.113.1"],
      "podFoo",
      "domainFoo",
      [
        { ip: "123.45.67.89", hostnames: ["foo", "bar", "baz"] },
        { ip: "456.78.90.123", hostnames: ["park", "doo", "boo"] },
      ],
      `${head}203.0.113.1\tpodFoo.domainFoo\tpodFoo\n\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n456.78.90.123\tpark\tdoo\tboo\n`,
    ],
    [
      ["203.0.113.1", "fd00::6"],
      "podFoo",
      "domainFoo",
      [],
      `${head}203.0.113.1\tpodFoo.domainFoo\tpodFoo\nfd00::6\tpodFoo.domainFoo\tpodFoo\n`,
    ],
  ];
  it.each(cases)("%j %s %s", (ips, name, domain, aliases, expected) => {
    expect(managedHostsFileContent(ips, name, domain, aliases)).toBe(expected);
  });
});

// Ported from pkg/kubelet/kubelet_pods_test.go (TestNodeHostsFileContent).
describe("nodeHostsFileContent: TestNodeHostsFileContent", () => {
  const raw2 = `# another hosts file for testing.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
12.34.56.78\tanother.domain
`;
  const raw1 = `# hosts file for testing.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
123.45.67.89\tsome.domain
`;
  it("hosts_test_file2", () => {
    expect(nodeHostsFileContent(raw2, [])).toBe(`# Kubernetes-managed hosts file (host network).\n${raw2}`);
  });
  it("hosts_test_file1_with_host_aliases", () => {
    expect(nodeHostsFileContent(raw1, [{ ip: "123.45.67.89", hostnames: ["foo", "bar", "baz"] }])).toBe(
      `# Kubernetes-managed hosts file (host network).\n${raw1}\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n`,
    );
  });
  it("hosts_test_file2_with_host_aliases", () => {
    expect(
      nodeHostsFileContent(raw2, [
        { ip: "123.45.67.89", hostnames: ["foo", "bar", "baz"] },
        { ip: "456.78.90.123", hostnames: ["park", "doo", "boo"] },
      ]),
    ).toBe(
      `# Kubernetes-managed hosts file (host network).\n${raw2}\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n456.78.90.123\tpark\tdoo\tboo\n`,
    );
  });
});

function pod(spec: Partial<NonNullable<Pod["spec"]>> = {}, meta: Partial<Pod["metadata"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-0", namespace: "shop", uid: "uid-1", ...meta },
    spec: { containers: [{ name: "app", image: "busybox" }], nodeName: "node01", ...spec },
    status: { podIPs: [{ ip: "10.244.1.5" }] },
  };
}

describe("resolv.conf (GetPodDNS, containerd's parseDNSOptions)", () => {
  const dns = {
    clusterDNS: ["10.96.0.10"],
    clusterDomain: "cluster.local",
    host: parseResolvConf("nameserver 8.8.8.8\nsearch corp.example\noptions edns0\n"),
  };
  it("ClusterFirst: the cluster's search path, then the node's, ndots:5", () => {
    expect(resolvConfContent(podDNS(pod(), dns))).toBe(
      "search shop.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
  });
  it("ClusterFirst on the host network falls back to the node's resolver; ClusterFirstWithHostNet does not", () => {
    expect(resolvConfContent(podDNS(pod({ hostNetwork: true }), dns))).toBe(
      "search corp.example\nnameserver 8.8.8.8\noptions edns0\n",
    );
    expect(
      resolvConfContent(podDNS(pod({ hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" }), dns)),
    ).toContain("nameserver 10.96.0.10\n");
  });
  it("None takes only dnsConfig; dnsConfig is appended and its options merged by name", () => {
    const none = pod({
      dnsPolicy: "None",
      dnsConfig: {
        nameservers: ["1.2.3.4"],
        searches: ["ns1.svc.cluster-domain.example"],
        options: [{ name: "ndots", value: "2" }],
      },
    });
    expect(resolvConfContent(podDNS(none, dns))).toBe(
      "search ns1.svc.cluster-domain.example\nnameserver 1.2.3.4\noptions ndots:2\n",
    );
    const merged = pod({
      dnsConfig: {
        searches: ["svc.cluster.local", "x.example"],
        options: [{ name: "ndots", value: "1" }, { name: "edns0" }],
      },
    });
    expect(podDNS(merged, dns)).toEqual({
      nameservers: ["10.96.0.10"],
      searches: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example", "x.example"],
      options: ["ndots:1", "edns0"],
    });
  });
});

describe("podHostnameAndDomain (GeneratePodHostNameAndDomain)", () => {
  it("uses spec.hostname and spec.subdomain, and cuts long names to 63 characters", () => {
    expect(podHostnameAndDomain(pod({ hostname: "db", subdomain: "mysql" }))).toEqual({
      hostname: "db",
      domain: "mysql.shop.svc.cluster.local",
    });
    const long = `${"a".repeat(62)}-b`;
    expect(podHostnameAndDomain(pod({}, { name: long })).hostname).toBe("a".repeat(62));
  });
});

/** A pod world: a ConfigMap that tests change, a node, a clock. */
function world() {
  const clock = { t: Date.UTC(2026, 0, 1) };
  const now = () => clock.t;
  const configMaps = new Map<string, ConfigMap>();
  const setCm = (name: string, data: Record<string, string>) =>
    configMaps.set(name, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: "shop" },
      data,
    });
  const sources: PodSources = {
    configMap: (_ns, name) => configMaps.get(name),
    secret: () => undefined,
    services: () => [],
    node: () => undefined,
  };
  const nodeFs = new NodeFileSystem();
  const opts: ContainerFsOptions = {
    sources,
    storage: new VolumeStorage(now),
    nodeFs,
    now,
    imageFiles: {
      "/etc/os-release": "NAME=BusyBox\n",
      "/bin/busybox": "",
      "/usr/share/nginx/html/index.html": "<h1>hi</h1>\n",
    },
    imageModes: { "/bin/busybox": 0o755 },
  };
  return { clock, setCm, opts, nodeFs };
}

const webPod = (): Pod =>
  pod({
    containers: [
      {
        name: "app",
        image: "busybox",
        volumeMounts: [
          { name: "config", mountPath: "/etc/app" },
          { name: "config", mountPath: "/etc/nginx/nginx.conf", subPath: "nginx.conf" },
          { name: "scratch", mountPath: "/data" },
          { name: "scratch", mountPath: "/data/logs", subPath: "logs" },
          { name: "html", mountPath: "/usr/share/nginx/html", readOnly: true },
        ],
      },
      { name: "sidecar", image: "busybox", volumeMounts: [{ name: "scratch", mountPath: "/shared" }] },
    ],
    volumes: [
      { name: "config", configMap: { name: "app-config" } },
      { name: "scratch", emptyDir: {} },
      { name: "html", hostPath: { path: "/srv/html", type: "DirectoryOrCreate" } },
    ],
  });

describe("buildContainerFs", () => {
  it("shows the image's files under a writable layer, fresh for every container start", () => {
    const w = world();
    w.setCm("app-config", { "nginx.conf": "worker_processes 1;\n" });
    const first = buildContainerFs(webPod(), "app", w.opts);
    if (!("fs" in first)) throw new Error(first.error.message);
    expect(first.fs.read("/etc/os-release")).toBe("NAME=BusyBox\n");
    expect(first.fs.stat("/bin/busybox")?.mode).toBe(0o755);
    first.fs.write("/tmp-file", "x");
    first.fs.write("/etc/os-release", "changed");
    const second = buildContainerFs(webPod(), "app", w.opts);
    if (!("fs" in second)) throw new Error(second.error.message);
    expect(second.fs.exists("/tmp-file")).toBe(false);
    expect(second.fs.read("/etc/os-release")).toBe("NAME=BusyBox\n");
  });

  it("mounts volumes at their paths, the longest path winning, and shares emptyDirs between containers", () => {
    const w = world();
    w.setCm("app-config", { "nginx.conf": "worker_processes 1;\n" });
    const app = buildContainerFs(webPod(), "app", w.opts);
    const sidecar = buildContainerFs(webPod(), "sidecar", w.opts);
    if (!("fs" in app) || !("fs" in sidecar)) throw new Error("build failed");
    app.fs.write("/data/out.txt", "from app");
    app.fs.write("/data/logs/app.log", "line\n");
    expect(sidecar.fs.read("/shared/out.txt")).toBe("from app");
    // The subPath mount shows the emptyDir's logs directory.
    expect(sidecar.fs.read("/shared/logs/app.log")).toBe("line\n");
    expect(app.fs.list("/data")).toEqual(["logs", "out.txt"]);
    expect(app.fs.list("/etc/app").filter((n) => !n.startsWith(".."))).toEqual(["nginx.conf"]);
    expect(app.fs.list("/etc")).toEqual(["app", "hostname", "hosts", "nginx", "os-release", "resolv.conf"]);
    // The image's html directory is covered by the hostPath mount.
    expect(app.fs.exists("/usr/share/nginx/html/index.html")).toBe(false);
  });

  it("refuses writes to read-only mounts and configMap volumes with the runtime's words", () => {
    const w = world();
    w.setCm("app-config", { "nginx.conf": "worker_processes 1;\n" });
    const r = buildContainerFs(webPod(), "app", w.opts);
    if (!("fs" in r)) throw new Error(r.error.message);
    expect(() => r.fs.write("/usr/share/nginx/html/index.html", "x")).toThrow(
      "/usr/share/nginx/html/index.html: Read-only file system",
    );
    expect(() => r.fs.write("/etc/app/nginx.conf", "x")).toThrow(
      "/etc/app/nginx.conf: Read-only file system",
    );
    expect(() => r.fs.mkdir("/etc/app/d")).toThrow(
      "cannot create directory '/etc/app/d': Read-only file system",
    );
    expect(() => r.fs.remove("/etc/app/nginx.conf")).toThrow(
      "cannot remove '/etc/app/nginx.conf': Read-only file system",
    );
    expect(() => r.fs.remove("/data", true)).toThrow("cannot remove '/data': Device or resource busy");
    expect(r.fs.stat("/etc/app/nginx.conf")?.mode).toBe(0o644);
    // The node sees what the hostPath holds; the container cannot write there, the node can.
    w.nodeFs.write("/srv/html/index.html", "<h1>node</h1>");
    expect(r.fs.read("/usr/share/nginx/html/index.html")).toBe("<h1>node</h1>");
  });

  it("updates a configMap volume but not its subPath mount (upstream behaviour)", () => {
    const w = world();
    w.setCm("app-config", { "nginx.conf": "worker_processes 1;\n" });
    const r = buildContainerFs(webPod(), "app", w.opts);
    if (!("fs" in r)) throw new Error(r.error.message);
    expect(r.fs.isFile("/etc/nginx/nginx.conf")).toBe(true);
    w.setCm("app-config", { "nginx.conf": "worker_processes 4;\n" });
    w.clock.t += VOLUME_SYNC_PERIOD_MS;
    expect(r.fs.read("/etc/app/nginx.conf")).toBe("worker_processes 4;\n");
    expect(r.fs.read("/etc/nginx/nginx.conf")).toBe("worker_processes 1;\n");
  });

  it("writes the managed /etc/hosts, /etc/hostname and /etc/resolv.conf", () => {
    const w = world();
    const p = pod({
      hostname: "db",
      subdomain: "mysql",
      hostAliases: [{ ip: "10.1.2.3", hostnames: ["foo.local"] }],
    });
    const r = buildContainerFs(p, "app", w.opts);
    if (!("fs" in r)) throw new Error(r.error.message);
    expect(r.fs.read("/etc/hosts")).toBe(
      managedHostsFileContent(["10.244.1.5"], "db", "mysql.shop.svc.cluster.local", [
        { ip: "10.1.2.3", hostnames: ["foo.local"] },
      ]),
    );
    expect(r.fs.read("/etc/hosts")).toContain("10.244.1.5\tdb.mysql.shop.svc.cluster.local\tdb\n");
    expect(r.fs.read("/etc/hostname")).toBe("db\n");
    expect(r.fs.read("/etc/resolv.conf")).toBe(
      "search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
    // Writable, as on a real container; the edit is the pod's.
    r.fs.write("/etc/hosts", "edited\n");
    const again = buildContainerFs(p, "app", w.opts);
    expect("fs" in again && again.fs.read("/etc/hosts")).toContain("# Kubernetes-managed hosts file.");
  });

  it("keeps the termination message a container writes", () => {
    const w = world();
    const p = pod();
    const r = buildContainerFs(p, "app", w.opts);
    if (!("fs" in r)) throw new Error(r.error.message);
    r.fs.write("/dev/termination-log", "bye");
    expect(terminationMessage(w.opts.storage, p, "app")).toBe("bye");
  });

  it("returns the pod's FailedMount, or the container's config error, as values", () => {
    const w = world();
    expect(buildContainerFs(webPod(), "app", w.opts)).toEqual({
      error: {
        reason: "FailedMount",
        message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
        volume: "config",
      },
    });
    w.setCm("app-config", {});
    const bad = pod({
      containers: [{ name: "app", image: "x", volumeMounts: [{ name: "nope", mountPath: "/x" }] }],
    });
    expect(buildContainerFs(bad, "app", w.opts)).toEqual({
      error: {
        reason: "CreateContainerConfigError",
        message: 'cannot find volume "nope" to mount into container "app"',
      },
    });
  });

  it("makes the root read-only with readOnlyRootFilesystem, volumes still writable", () => {
    const w = world();
    const p = pod({
      containers: [
        {
          name: "app",
          image: "x",
          securityContext: { readOnlyRootFilesystem: true },
          volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        },
      ],
      volumes: [{ name: "tmp", emptyDir: {} }],
    });
    const r = buildContainerFs(p, "app", w.opts);
    if (!("fs" in r)) throw new Error(r.error.message);
    expect(() => r.fs.write("/x", "")).toThrow("/x: Read-only file system");
    r.fs.write("/tmp/x", "ok");
    expect(r.fs.read("/tmp/x")).toBe("ok");
  });

  it("expands subPathExpr against the container's environment", () => {
    const w = world();
    const p = pod({
      containers: [
        {
          name: "app",
          image: "x",
          volumeMounts: [{ name: "logs", mountPath: "/logs", subPathExpr: "$(POD_NAME)" }],
        },
      ],
      volumes: [{ name: "logs", hostPath: { path: "/var/log/pods-data", type: "DirectoryOrCreate" } }],
    });
    const r = buildContainerFs(p, "app", { ...w.opts, env: [{ name: "POD_NAME", value: "web-0" }] });
    if (!("fs" in r)) throw new Error(r.error.message);
    r.fs.write("/logs/a.log", "x");
    expect(w.nodeFs.read("/var/log/pods-data/web-0/a.log")).toBe("x");
  });

  it("refuses a subPathExpr with a missing variable and an absolute subPath, as CreateContainerConfigError", () => {
    const w = world();
    const mk = (vm: object) =>
      pod({
        containers: [{ name: "app", image: "x", volumeMounts: [{ name: "v", mountPath: "/v", ...vm }] }],
        volumes: [{ name: "v", emptyDir: {} }],
      });
    expect(buildContainerFs(mk({ subPathExpr: "$(NOPE)" }), "app", w.opts)).toEqual({
      error: { reason: "CreateContainerConfigError", message: "missing value for NOPE", volume: "v" },
    });
    expect(buildContainerFs(mk({ subPath: "/abs" }), "app", w.opts)).toEqual({
      error: {
        reason: "CreateContainerConfigError",
        message: "error SubPath `/abs` must not be an absolute path",
        volume: "v",
      },
    });
  });
});
