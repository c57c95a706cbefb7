import { describe, expect, it } from "vitest";
import type { Pod } from "../api/kinds";
import { createCluster } from "../index";
import { readManifest, staticPodPathOf } from "./staticpods";

const WEB = (image: string) => `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: web, image: ${image}}
`;

function cluster() {
  const c = createCluster();
  c.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node01" } });
  c.advance(5);
  return c;
}

describe("static pod source", () => {
  it("reads staticPodPath from the kubelet config", () => {
    expect(staticPodPathOf("kind: KubeletConfiguration\nstaticPodPath: /etc/just-to-mess-with-you\n")).toBe(
      "/etc/just-to-mess-with-you",
    );
    expect(staticPodPathOf("kind: KubeletConfiguration\n")).toBe("");
  });

  it("names the pod NAME-NODENAME with a content hash and the NoExecute toleration", () => {
    const r = readManifest(WEB("nginx:1.27"), "/etc/kubernetes/manifests/web.yaml", "node01", "t");
    if (!("pod" in r)) throw new Error(r.error);
    expect(r.pod.metadata.name).toBe("web-node01");
    expect(r.pod.metadata.namespace).toBe("default");
    expect(r.pod.metadata.annotations?.["kubernetes.io/config.hash"]).toBe(r.pod.metadata.uid);
    expect(r.pod.spec?.tolerations).toContainEqual({ operator: "Exists", effect: "NoExecute" });
    const r2 = readManifest(WEB("nginx:1.26"), "/etc/kubernetes/manifests/web.yaml", "node01", "t");
    expect("pod" in r2 && r2.pod.metadata.uid).not.toBe(r.pod.metadata.uid);
  });

  it("accepts only Pods", () => {
    const r = readManifest(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
      "/m/d.yaml",
      "n",
      "t",
    );
    expect("error" in r).toBe(true);
  });

  it("refuses a manifest with a value of the wrong type as the typed decoder does (campaign seeds 16, 33)", () => {
    const manifest = (container: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  containers: [${container}]\n`;
    expect(readManifest(manifest('{name: c, image: nginx, command: "a b"}'), "/m/s.yaml", "n", "t")).toEqual({
      error:
        "/m/s.yaml: couldn't parse as pod(json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string), please check config file",
    });
    expect(readManifest(manifest("{name: c, image: [nginx]}"), "/m/s.yaml", "n", "t")).toEqual({
      error:
        "/m/s.yaml: couldn't parse as pod(json: cannot unmarshal array into Go struct field Container.spec.containers.image of type string), please check config file",
    });
    const c = cluster();
    c.hosts.get("node01")?.fs.write("/etc/kubernetes/manifests/s.yaml", manifest("{name: c, image: 5}"));
    c.advance(5);
    expect(c.api.get("Pod", "default", "s-node01")).toBeUndefined();
  });

  it("runs a static pod with a mirror pod, recreates the mirror, follows edits and removal", () => {
    const c = cluster();
    const host = c.hosts.get("node01");
    host?.fs.write("/etc/kubernetes/manifests/web.yaml", WEB("nginx:1.26"));
    c.advance(5);
    let mirror = c.api.get("Pod", "default", "web-node01") as Pod;
    expect(mirror.status?.phase).toBe("Running");
    expect(mirror.metadata.annotations?.["kubernetes.io/config.source"]).toBe("file");
    expect(mirror.metadata.annotations?.["kubernetes.io/config.mirror"]).toBe(
      mirror.metadata.annotations?.["kubernetes.io/config.hash"],
    );
    expect(mirror.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Node",
      name: "node01",
      controller: true,
    });

    c.api.delete("Pod", "default", "web-node01");
    c.advance(1);
    const again = c.api.get("Pod", "default", "web-node01") as Pod;
    expect(again.metadata.uid).not.toBe(mirror.metadata.uid);
    expect(again.metadata.deletionTimestamp).toBeUndefined();

    host?.fs.write("/etc/kubernetes/manifests/web.yaml", WEB("nginx:1.27"));
    c.advance(10);
    mirror = c.api.get("Pod", "default", "web-node01") as Pod;
    expect(mirror.spec?.containers[0]?.image).toBe("nginx:1.27");
    expect(mirror.status?.phase).toBe("Running");

    host?.fs.remove("/etc/kubernetes/manifests/web.yaml");
    c.advance(5);
    expect(c.api.get("Pod", "default", "web-node01")).toBeUndefined();
  });

  it("re-reads staticPodPath when the kubelet restarts", () => {
    const c = cluster();
    const host = c.hosts.get("node01");
    host?.fs.mkdir("/etc/custom", true);
    host?.fs.write("/etc/custom/box.yaml", WEB("busybox").replace("name: web,", "name: box,"));
    c.advance(25);
    expect(c.api.get("Pod", "default", "box-node01")).toBeUndefined();
    const cfg = host?.fs.read("/var/lib/kubelet/config.yaml") ?? "";
    host?.fs.write(
      "/var/lib/kubelet/config.yaml",
      cfg.replace("staticPodPath: /etc/kubernetes/manifests", "staticPodPath: /etc/custom"),
    );
    host?.systemctl("restart", "kubelet");
    c.advance(5);
    expect(c.api.get("Pod", "default", "box-node01")).toBeDefined();
  });
});

describe("node host", () => {
  it("answers systemctl and crictl", () => {
    const c = cluster();
    const host = c.hosts.get("node01");
    c.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { nodeName: "node01", containers: [{ name: "app", image: "nginx" }] },
    });
    c.advance(5);
    expect(host?.systemctl("is-active", "kubelet")).toEqual({ stdout: "active\n", stderr: "", exit: 0 });
    expect(host?.systemctl("status", "kubelet").stdout).toContain(
      "Active: active (running) since Thu 2026-01-01 00:00:00 UTC",
    );
    const ps = host?.crictl(["ps"]).stdout ?? "";
    expect(ps.split("\n")[0]).toBe(
      "CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE",
    );
    expect(ps).toContain("Running");
    expect(host?.crictl(["images"]).stdout).toContain("docker.io/library/nginx");
    host?.systemctl("stop", "kubelet");
    expect(host?.systemctl("status", "kubelet")).toMatchObject({ exit: 3 });
    expect(host?.systemctl("status", "kubelet").stdout).toContain("Active: inactive (dead)");
    expect(host?.exec("default", "p", "app", ["hostname"]).stdout).toBe("p\n");
  });
});
