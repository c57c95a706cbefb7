import { describe, expect, it } from "vitest";
import type { Pod } from "../api/kinds";
import { createCluster } from "../index";
import { testNode as node } from "./testing";

// biome-ignore lint/suspicious/noExplicitAny: test manifests
function pod(name: string, spec: any): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { nodeName: "node01", ...spec },
  } as Pod;
}

function setup() {
  const cluster = createCluster();
  cluster.api.create(node("node01"));
  cluster.advance(2);
  return cluster;
}

const status = (c: ReturnType<typeof createCluster>, name: string) =>
  (c.api.get("Pod", "default", name) as Pod).status?.containerStatuses?.[0];
const messages = (c: ReturnType<typeof createCluster>, name: string) =>
  c.api
    .list("Event")
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.reason}: ${e.message}`);

describe("pulls decided by the image catalog", () => {
  it("a tag the repository does not have: ErrImagePull with containerd's message, then ImagePullBackOff", () => {
    const cluster = setup();
    cluster.api.create(pod("web", { containers: [{ name: "web", image: "nginx:1.91" }] }));
    cluster.advance(1.5);
    const notFound =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found';
    expect(status(cluster, "web")?.state?.waiting).toEqual({ reason: "ErrImagePull", message: notFound });
    cluster.advance(2);
    expect(status(cluster, "web")?.state?.waiting?.reason).toBe("ImagePullBackOff");
    expect(messages(cluster, "web")).toEqual(
      expect.arrayContaining([
        'Pulling: Pulling image "nginx:1.91"',
        `Failed: Failed to pull image "nginx:1.91": ${notFound}`,
        "Failed: Error: ErrImagePull",
        'BackOff: Back-off pulling image "nginx:1.91"',
        "Failed: Error: ImagePullBackOff",
      ]),
    );
  });

  it("a misspelt official image: Docker Hub denies the pull", () => {
    const cluster = setup();
    cluster.api.create(pod("web", { containers: [{ name: "web", image: "ngnix" }] }));
    cluster.advance(1.5);
    expect(status(cluster, "web")?.state?.waiting?.message).toContain(
      "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
    );
  });

  it("a user's image not in the catalog is pulled and runs", () => {
    const cluster = setup();
    cluster.api.create(pod("app", { containers: [{ name: "app", image: "acme/shop:v3" }] }));
    cluster.advance(5);
    expect(status(cluster, "app")?.state?.running).toBeDefined();
  });

  it("args replace the image's cmd: busybox with args [sleep, 3600] runs sleep, not sh", () => {
    const cluster = setup();
    cluster.api.create(
      pod("b", { containers: [{ name: "b", image: "busybox:1.36", args: ["sleep", "3600"] }] }),
    );
    cluster.advance(30);
    expect(status(cluster, "b")?.state?.running).toBeDefined();
    expect(status(cluster, "b")?.restartCount).toBe(0);
  });

  it("an image with no command and none in the pod: CreateContainerError, retried every 10 s", () => {
    const cluster = setup();
    cluster.api.create(pod("live", { containers: [{ name: "live", image: "registry.k8s.io/liveness" }] }));
    cluster.advance(3);
    const waiting = status(cluster, "live")?.state?.waiting;
    expect(waiting?.reason).toBe("CreateContainerError");
    expect(waiting?.message).toMatch(
      /^failed to generate container "[0-9a-f]{64}" spec: failed to generate spec: no command specified$/,
    );
    const failures = () =>
      cluster.api
        .list("Event")
        .filter(
          (e) =>
            e.involvedObject?.name === "live" && e.message?.startsWith("Error: failed to generate container"),
        )
        .reduce((n, e) => n + (e.count ?? 1), 0);
    expect(failures()).toBe(1);
    cluster.advance(10);
    expect(failures()).toBe(2);
  });
});

describe("an image's programs are files in it", () => {
  const exec = (c: ReturnType<typeof createCluster>, name: string, script: string) =>
    c.hosts.get("node01")?.exec("default", name, "main", ["sh", "-c", script]);

  it("busybox lists its applets in /bin; debian's merged /usr lists its programs in /bin and /usr/bin", () => {
    const cluster = setup();
    for (const [name, image] of [
      ["bb", "busybox:1.36"],
      ["deb", "debian:12"],
      ["ngx", "nginx:1.27-alpine"],
    ])
      cluster.api.create(
        pod(name as string, { containers: [{ name: "main", image, command: ["sleep", "3600"] }] }),
      );
    cluster.advance(20);
    const bin = exec(cluster, "bb", "ls /bin")?.stdout.split("\n") ?? [];
    expect(bin).toEqual(expect.arrayContaining(["busybox", "sh", "ls", "sleep", "wget"]));
    expect(exec(cluster, "bb", "[ -x /bin/sh ] && echo runnable")?.stdout).toBe("runnable\n");
    expect(exec(cluster, "deb", "ls /usr/bin | grep -x ls; ls /bin | grep -x bash")?.stdout).toBe(
      "ls\nbash\n",
    );
    // Debian's pidof is sysvinit-utils' (Priority: required), in every debian image.
    expect(exec(cluster, "deb", "pidof sleep")?.stdout).toBe("1\n");
    // nginx lives at /usr/sbin/nginx, not among busybox's applets.
    expect(exec(cluster, "ngx", "ls /bin | grep -c nginx; ls /usr/sbin/nginx")?.stdout).toBe(
      "0\n/usr/sbin/nginx\n",
    );
  });
});

describe("an image's user", () => {
  it("curlimages/curl runs as the curl_user its build adds (adduser -S: the first free system ids)", () => {
    const cluster = setup();
    cluster.api.create(
      pod("c", {
        containers: [{ name: "main", image: "curlimages/curl:8.11.1", command: ["sleep", "3600"] }],
      }),
    );
    cluster.advance(20);
    const r = cluster.hosts.get("node01")?.exec("default", "c", "main", ["sh", "-c", "id; pwd"]);
    expect(r?.stdout).toBe(
      "uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n/home/curl_user\n",
    );
  });
});
