import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/kinds";
import { NodeFileSystem } from "../node/fs";
import { AtomicVolume, timestampedDirName, VOLUME_SYNC_PERIOD_MS } from "./atomicvolume";
import { type ConfigMap, encodeBase64, type PodSources, type Secret } from "./podsources";
import {
  checkHostPathType,
  configMapPayload,
  downwardAPIPayload,
  secretPayload,
  setUpPodVolumes,
  type VolumeContext,
  VolumeStorage,
} from "./volumes";

/** A tiny API: ConfigMaps and Secrets by namespace/name that tests change. */
function fakeApi() {
  const configMaps = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node01", uid: "node-uid" },
    status: { allocatable: { cpu: "2", memory: "4Gi" } },
  };
  const sources: PodSources = {
    configMap: (ns, name) => configMaps.get(`${ns}/${name}`),
    secret: (ns, name) => secrets.get(`${ns}/${name}`),
    services: () => [],
    node: () => node,
  };
  return {
    sources,
    setConfigMap(ns: string, name: string, data: Record<string, string>) {
      configMaps.set(`${ns}/${name}`, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, namespace: ns },
        data,
      });
    },
    setSecret(ns: string, name: string, data: Record<string, string>) {
      const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeBase64(v)]));
      secrets.set(`${ns}/${name}`, {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name, namespace: ns },
        data: encoded,
      });
    },
    deleteConfigMap(ns: string, name: string) {
      configMaps.delete(`${ns}/${name}`);
    },
  };
}

function ctxFor(api: ReturnType<typeof fakeApi>, clock: { t: number }): VolumeContext {
  const now = () => clock.t;
  return { sources: api.sources, storage: new VolumeStorage(now), nodeFs: new NodeFileSystem(), now };
}

function podWith(volumes: NonNullable<Pod["spec"]>["volumes"], extra: Partial<Pod["metadata"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default", uid: "pod-uid-1", ...extra },
    spec: {
      nodeName: "node01",
      serviceAccountName: "default",
      containers: [{ name: "app", image: "busybox", resources: { limits: { memory: "64Mi" } } }],
      volumes,
    },
  };
}

describe("configMap and secret payloads (configmap.MakePayload, secret.MakePayload)", () => {
  it("makes every key a file with the default mode", () => {
    expect(configMapPayload({ a: "1", b: "2" }, undefined, 0o644, false)).toEqual({
      payload: { a: { text: "1", mode: 0o644 }, b: { text: "2", mode: 0o644 } },
    });
  });
  it("maps items to their paths with their own mode or the default", () => {
    expect(
      configMapPayload(
        { a: "1", b: "2" },
        [
          { key: "a", path: "conf/a.txt", mode: 0o400 },
          { key: "b", path: "b.txt" },
        ],
        0o600,
        false,
      ),
    ).toEqual({ payload: { "conf/a.txt": { text: "1", mode: 0o400 }, "b.txt": { text: "2", mode: 0o600 } } });
  });
  it("refuses an item whose key is missing unless optional", () => {
    expect(configMapPayload({}, [{ key: "k", path: "k" }], 0o644, false)).toEqual({
      error: "configmap references non-existent config key: k",
    });
    expect(secretPayload({}, [{ key: "k", path: "k" }], 0o644, false)).toEqual({
      error: "references non-existent secret key: k",
    });
    expect(configMapPayload({}, [{ key: "k", path: "k" }], 0o644, true)).toEqual({ payload: {} });
  });
});

describe("setUpPodVolumes", () => {
  it("fails a missing ConfigMap or Secret with the FailedMount message, and retries later", () => {
    const api = fakeApi();
    const ctx = ctxFor(api, { t: 0 });
    const pod = podWith([{ name: "config", configMap: { name: "app-config" } }]);
    expect(setUpPodVolumes(pod, ctx)).toEqual({
      reason: "FailedMount",
      message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
      volume: "config",
    });
    api.setConfigMap("default", "app-config", { "app.conf": "x=1\n" });
    const ok = setUpPodVolumes(pod, ctx);
    expect("volumes" in ok && ok.volumes.get("config")?.fs.read("/app.conf")).toBe("x=1\n");

    const secretPod = podWith([{ name: "creds", secret: { secretName: "db" } }], { uid: "pod-uid-2" });
    expect(setUpPodVolumes(secretPod, ctx)).toMatchObject({
      message: 'MountVolume.SetUp failed for volume "creds" : secret "db" not found',
    });
  });

  it("mounts an optional missing ConfigMap as an empty directory", () => {
    const ctx = ctxFor(fakeApi(), { t: 0 });
    const r = setUpPodVolumes(podWith([{ name: "c", configMap: { name: "nope", optional: true } }]), ctx);
    expect(
      "volumes" in r &&
        r.volumes
          .get("c")
          ?.fs.list("/")
          .filter((n) => !n.startsWith("..")),
    ).toEqual([]);
  });

  it("lays configMap files out as the AtomicWriter does, with modes for stat", () => {
    const api = fakeApi();
    api.setConfigMap("default", "cfg", { "game.properties": "lives=3", "ui.properties": "color=red" });
    const clock = { t: Date.UTC(2026, 0, 1, 0, 0, 0) };
    const r = setUpPodVolumes(
      podWith([{ name: "c", configMap: { name: "cfg", defaultMode: 0o400 } }]),
      ctxFor(api, clock),
    );
    if (!("volumes" in r)) throw new Error(r.message);
    const fs = r.volumes.get("c")?.fs;
    if (!fs?.stat) throw new Error("no stat");
    const ts = timestampedDirName(clock.t, "pod-uid-1/c");
    expect(ts).toMatch(/^\.\.2026_01_01_00_00_00\.\d+$/);
    expect(fs.list("/")).toEqual([ts, "..data", "game.properties", "ui.properties"]);
    expect(fs.list("/..data")).toEqual(["game.properties", "ui.properties"]);
    expect(fs.read(`/${ts}/ui.properties`)).toBe("color=red");
    expect(fs.read("/..data/game.properties")).toBe("lives=3");
    expect(fs.stat("/..data/game.properties")).toMatchObject({ type: "file", mode: 0o400, size: 7 });
    // Each key is a link into ..data, and ..data a link to the timestamped directory: stat tells
    // the target's type and mode, and the link's own size (its target's length, as lstat does).
    expect(fs.stat("/game.properties")).toEqual({
      type: "file",
      mode: 0o400,
      size: "..data/game.properties".length,
      mtimeMs: clock.t,
      link: "..data/game.properties",
    });
    expect(fs.stat("/..data")).toMatchObject({ type: "dir", link: ts, size: ts.length });
    expect(fs.stat(`/${ts}`)?.link).toBeUndefined();
    expect(fs.stat("/")).toMatchObject({ type: "dir", mode: 0o777 });
    expect(() => fs.write("/x", "")).toThrow("/x: Read-only file system");
  });

  it("propagates a ConfigMap change at the next sync, at most every 60 s of virtual time", () => {
    const api = fakeApi();
    api.setConfigMap("default", "cfg", { k: "v1" });
    const clock = { t: 1_000_000 };
    const r = setUpPodVolumes(podWith([{ name: "c", configMap: { name: "cfg" } }]), ctxFor(api, clock));
    if (!("volumes" in r)) throw new Error(r.message);
    const fs = r.volumes.get("c")?.fs as AtomicVolume;
    const before = fs.list("/")[0];
    api.setConfigMap("default", "cfg", { k: "v2", new: "n" });
    clock.t += 30_000;
    expect(fs.read("/k")).toBe("v1");
    clock.t += VOLUME_SYNC_PERIOD_MS - 30_000;
    expect(fs.read("/k")).toBe("v2");
    expect(fs.read("/new")).toBe("n");
    expect(fs.list("/")[0]).not.toBe(before);
    // A deleted ConfigMap leaves the last files in place.
    api.deleteConfigMap("default", "cfg");
    clock.t += VOLUME_SYNC_PERIOD_MS;
    expect(fs.read("/k")).toBe("v2");
  });

  it("decodes Secret data into files with the default mode 0644 on a tmpfs (01777)", () => {
    const api = fakeApi();
    api.setSecret("default", "db", { password: "s3cr3t" });
    const r = setUpPodVolumes(podWith([{ name: "s", secret: { secretName: "db" } }]), ctxFor(api, { t: 0 }));
    if (!("volumes" in r)) throw new Error(r.message);
    const v = r.volumes.get("s");
    expect(v?.fs.read("/password")).toBe("s3cr3t");
    expect(v?.fs.stat?.("/password")?.mode).toBe(0o644);
    expect(v?.fs.stat?.("/")?.mode).toBe(0o1777);
    expect(v?.readOnly).toBe(true);
  });

  it("shares an emptyDir between the pod's containers and keeps it across set-ups", () => {
    const ctx = ctxFor(fakeApi(), { t: 0 });
    const pod = podWith([{ name: "scratch", emptyDir: {} }]);
    const a = setUpPodVolumes(pod, ctx);
    if (!("volumes" in a)) throw new Error(a.message);
    a.volumes.get("scratch")?.fs.write("/x", "hello");
    const b = setUpPodVolumes(pod, ctx);
    expect("volumes" in b && b.volumes.get("scratch")?.fs.read("/x")).toBe("hello");
    ctx.storage.releasePod("pod-uid-1");
    const c = setUpPodVolumes(pod, ctx);
    expect("volumes" in c && c.volumes.get("scratch")?.fs.exists("/x")).toBe(false);
  });

  it("projects the kube-api-access token volume: token, ca.crt and namespace", () => {
    const api = fakeApi();
    api.setConfigMap("default", "kube-root-ca.crt", { "ca.crt": "-----BEGIN CERTIFICATE-----\n" });
    const pod = podWith([
      {
        name: "kube-api-access-x7k2p",
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            {
              downwardAPI: {
                items: [
                  { path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } },
                ],
              },
            },
          ],
        },
      },
    ]);
    const r = setUpPodVolumes(pod, ctxFor(api, { t: Date.UTC(2026, 0, 1) }));
    if (!("volumes" in r)) throw new Error(r.message);
    const fs = r.volumes.get("kube-api-access-x7k2p")?.fs;
    expect(fs?.list("/").filter((n) => !n.startsWith(".."))).toEqual(["ca.crt", "namespace", "token"]);
    expect(fs?.read("/namespace")).toBe("default");
    expect(fs?.read("/ca.crt")).toBe("-----BEGIN CERTIFICATE-----\n");
    const token = fs?.read("/token") ?? "";
    const parts = token.split(".");
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1] as string, "base64url").toString("utf8"));
    expect(claims).toMatchObject({
      sub: "system:serviceaccount:default:default",
      iss: "https://kubernetes.default.svc.cluster.local",
      iat: Date.UTC(2026, 0, 1) / 1000,
      "kubernetes.io": {
        namespace: "default",
        pod: { name: "web", uid: "pod-uid-1" },
        node: { name: "node01" },
      },
    });
    expect(JSON.parse(Buffer.from(parts[0] as string, "base64url").toString("utf8")).alg).toBe("RS256");
  });
});

describe("updates of projected and downwardAPI volumes", () => {
  it("keeps the token until the token manager would refresh it (80% of its lifetime)", () => {
    const api = fakeApi();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const pod = podWith([
      {
        name: "tok",
        projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }] },
      },
    ]);
    const r = setUpPodVolumes(pod, ctxFor(api, clock));
    if (!("volumes" in r)) throw new Error(r.message);
    const fs = r.volumes.get("tok")?.fs;
    const first = fs?.read("/token");
    clock.t += 40 * 60_000;
    expect(fs?.read("/token")).toBe(first);
    clock.t += 9 * 60_000; // 49 min > 0.8 * 3607 s
    expect(fs?.read("/token")).not.toBe(first);
  });

  it("follows the pod's label changes in a downwardAPI volume", () => {
    const api = fakeApi();
    const clock = { t: 0 };
    let live = podWith(
      [
        {
          name: "info",
          downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] },
        },
      ],
      {
        labels: { app: "web" },
      },
    );
    const ctx = ctxFor(api, clock);
    ctx.sources.pod = () => live;
    const r = setUpPodVolumes(live, ctx);
    if (!("volumes" in r)) throw new Error(r.message);
    expect(r.volumes.get("info")?.fs.read("/labels")).toBe('app="web"');
    live = { ...live, metadata: { ...live.metadata, labels: { app: "web", version: "v2" } } };
    clock.t += VOLUME_SYNC_PERIOD_MS;
    expect(r.volumes.get("info")?.fs.read("/labels")).toBe('app="web"\nversion="v2"');
  });

  it("makes a Memory emptyDir a tmpfs (01777)", () => {
    const r = setUpPodVolumes(
      podWith([{ name: "m", emptyDir: { medium: "Memory" } }]),
      ctxFor(fakeApi(), { t: 0 }),
    );
    expect("volumes" in r && r.volumes.get("m")?.fs.stat?.("/")?.mode).toBe(0o1777);
  });
});

describe("downwardAPI volume (downwardapi.CollectData)", () => {
  const pod: Pod = podWith([], {
    labels: { tier: "frontend", app: "web" },
    annotations: { builder: "john-doe" },
  });
  it('writes labels as sorted key="value" lines without a final newline, and resources by container', () => {
    const api = fakeApi();
    const r = downwardAPIPayload(
      [
        { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
        { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" }, mode: 0o400 },
        { path: "name", fieldRef: { fieldPath: "metadata.name" } },
        {
          path: "mem_limit",
          resourceFieldRef: { containerName: "app", resource: "limits.memory", divisor: "1Mi" },
        },
        { path: "cpu_limit", resourceFieldRef: { containerName: "app", resource: "limits.cpu" } },
      ],
      0o644,
      pod,
      api.sources,
    );
    expect(r).toEqual({
      payload: {
        labels: { text: 'app="web"\ntier="frontend"', mode: 0o644 },
        annotations: { text: 'builder="john-doe"', mode: 0o400 },
        name: { text: "web", mode: 0o644 },
        mem_limit: { text: "64", mode: 0o644 },
        // No cpu limit: the node's allocatable.
        cpu_limit: { text: "2", mode: 0o644 },
      },
    });
  });
  it("fails on a field the volume does not support", () => {
    const r = downwardAPIPayload(
      [{ path: "x", fieldRef: { fieldPath: "spec.nodeName" } }],
      0o644,
      pod,
      fakeApi().sources,
    );
    expect(r).toEqual({ error: "unsupported fieldPath: spec.nodeName" });
  });
});

describe("hostPath type checks (hostpath checkTypeInternal)", () => {
  const node = () => {
    const fs = new NodeFileSystem();
    fs.mkdir("/var/log", true);
    fs.write("/var/log/syslog", "");
    return fs;
  };
  const cases: [string, string, string | undefined][] = [
    ["Directory", "/var/log", undefined],
    ["Directory", "/data", "hostPath type check failed: /data is not a directory"],
    ["Directory", "/var/log/syslog", "hostPath type check failed: /var/log/syslog is not a directory"],
    ["DirectoryOrCreate", "/data/a/b", undefined],
    [
      "DirectoryOrCreate",
      "/var/log/syslog",
      "hostPath type check failed: /var/log/syslog is not a directory",
    ],
    ["File", "/var/log/syslog", undefined],
    ["File", "/var/log", "hostPath type check failed: /var/log is not a file"],
    ["FileOrCreate", "/var/log/new.lock", undefined],
    ["FileOrCreate", "/missing/dir/x.lock", "open /missing/dir/x.lock: no such file or directory"],
    [
      "Socket",
      "/var/run/docker.sock",
      "hostPath type check failed: /var/run/docker.sock is not a socket file",
    ],
    ["CharDevice", "/dev/x", "hostPath type check failed: /dev/x is not a character device"],
    ["BlockDevice", "/dev/y", "hostPath type check failed: /dev/y is not a block device"],
    ["", "/anything", undefined],
    ["Bogus", "/x", "Bogus is an invalid volume type"],
  ];
  it.each(cases)("%s %s", (type, path, expected) => {
    const fs = node();
    expect(checkHostPathType(fs, path, type)).toBe(expected);
    if (expected === undefined) expect(fs.exists(path)).toBe(true);
  });
  it("reports a failed hostPath as FailedMount", () => {
    const ctx = ctxFor(fakeApi(), { t: 0 });
    const r = setUpPodVolumes(podWith([{ name: "logs", hostPath: { path: "/x", type: "Directory" } }]), ctx);
    expect(r).toEqual({
      reason: "FailedMount",
      message:
        'MountVolume.SetUp failed for volume "logs" : hostPath type check failed: /x is not a directory',
      volume: "logs",
    });
  });
});

describe("AtomicVolume snapshot", () => {
  it("pins the files of the moment (what a subPath bind mount sees)", () => {
    let data = { k: "v1" };
    const clock = { t: 0 };
    const v = new AtomicVolume(
      "id",
      () => ({ payload: { k: { text: data.k, mode: 0o644 } } }),
      () => clock.t,
      {
        k: { text: "v1", mode: 0o644 },
      },
    );
    const snap = v.snapshot();
    data = { k: "v2" };
    clock.t += VOLUME_SYNC_PERIOD_MS;
    expect(v.read("/k")).toBe("v2");
    expect(snap.read("/k")).toBe("v1");
  });
});
