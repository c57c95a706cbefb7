import { describe, expect, it } from "vitest";
import { NGINX_INDEX_HTML } from "./files";
import { imageFiles, imageProgramsFor, lookupImage, parseImage } from "./index";
import { utf8Length } from "./programs/util";

describe("tag existence", () => {
  // [reference, exists]
  const table: [string, boolean][] = [
    ["nginx", true],
    ["nginx:latest", true],
    ["nginx:1.27", true],
    ["nginx:1.27.3", true],
    ["nginx:1.91", false],
    ["nginx:1.14.2", true],
    ["nginx:1.16", true],
    ["nginx:1.17", true],
    ["nginx:1.18", true],
    ["nginx:1.7.9", true],
    ["nginx:alpine", true],
    ["nginx:1.25-alpine", true],
    ["nginx:1.27.3-alpine", true],
    ["nginx:stable", true],
    ["nginx:stable-alpine", true],
    ["nginx:1.27.99", false],
    ["nginx:doesnotexist", false],
    ["busybox", true],
    ["busybox:1.28", true],
    ["busybox:1.28.4", true],
    ["busybox:1.36", true],
    ["busybox:1.36.1", true],
    ["busybox:1.37", true],
    ["busybox:stable", true],
    ["busybox:musl", true],
    ["busybox:1.36-glibc", true],
    ["busybox:1.28.5", false],
    ["redis:alpine", true],
    ["redis:7.4", true],
    ["redis:6.2.16-alpine", true],
    ["httpd:2.4-alpine", true],
    ["httpd:2.4.62", true],
    ["httpd:2.5", false],
    ["alpine:3.21", true],
    ["alpine:3.99", false],
    ["ubuntu:22.04", true],
    ["ubuntu:jammy", true],
    ["ubuntu:23.10", false],
    ["debian:bookworm-slim", true],
    ["debian:12.8", true],
    ["postgres:17", true],
    ["postgres:12.4", true],
    ["mysql:8.0", true],
    ["mysql:5.7", true],
    ["mongo:7.0", true],
    ["memcached:1.6-alpine", true],
    ["perl:5.40", true],
    ["python:3.12-slim", true],
    ["node:22-alpine", true],
    ["node:lts", true],
    ["golang:1.23", true],
    ["curlimages/curl", true],
    ["curlimages/curl:8.11.1", true],
    ["nicolaka/netshoot", true],
    ["polinux/stress", true],
    ["vish/stress", true],
    ["registry.k8s.io/e2e-test-images/agnhost:2.39", true],
    ["registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3", true],
    ["registry.k8s.io/liveness", true],
    ["registry.k8s.io/busybox", true],
    // The tag the kubernetes.io task pages use (pods/probe/exec-liveness.yaml and others).
    ["registry.k8s.io/busybox:1.27.2", true],
    ["registry.k8s.io/pause:3.10", true],
    ["registry.k8s.io/pause:3.11", false],
    ["registry.k8s.io/kube-apiserver:v1.32.2", true],
    ["registry.k8s.io/kube-proxy:v1.31.4", true],
    ["registry.k8s.io/kube-proxy:v1.32.99", false],
    ["registry.k8s.io/etcd:3.5.16-0", true],
    ["registry.k8s.io/coredns/coredns:v1.11.3", true],
    ["docker.io/flannel/flannel:v0.26.1", true],
    ["docker.io/flannel/flannel-cni-plugin:v1.6.0-flannel1", true],
    ["hashicorp/http-echo", true],
    ["kodekloud/webapp-color:v1", true],
    ["gcr.io/google-samples/hello-app:1.0", true],
    ["bitnami/kubectl:1.32", true],
  ];
  it.each(table)("%s exists: %s", (ref, exists) => {
    expect(lookupImage(ref) !== undefined).toBe(exists);
  });
});

describe("image configs", () => {
  it("gives nginx its entrypoint, cmd, env, port and version by tag", () => {
    const image = lookupImage("nginx:1.25") as NonNullable<ReturnType<typeof lookupImage>>;
    expect(image.entrypoint).toEqual(["/docker-entrypoint.sh"]);
    expect(image.cmd).toEqual(["nginx", "-g", "daemon off;"]);
    expect(image.env).toContain("NGINX_VERSION=1.25.5");
    expect(image.env[0]).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(image.exposedPorts).toEqual(["80/tcp"]);
    expect(image.userland).toBe("gnu");
    expect(lookupImage("nginx:1.25-alpine")?.userland).toBe("busybox");
    expect(lookupImage("nginx")?.version).toBe("1.27.3");
  });
  it("ships nginx's 615-byte welcome page and httpd's It works!", () => {
    const nginx = imageFiles(lookupImage("nginx") as NonNullable<ReturnType<typeof lookupImage>>);
    expect(utf8Length(nginx["/usr/share/nginx/html/index.html"] as string)).toBe(615);
    expect(nginx["/usr/share/nginx/html/index.html"]).toBe(NGINX_INDEX_HTML);
    const httpd = imageFiles(lookupImage("httpd:2.4") as NonNullable<ReturnType<typeof lookupImage>>);
    expect(httpd["/usr/local/apache2/htdocs/index.html"]).toBe(
      "<html><body><h1>It works!</h1></body></html>\n",
    );
  });
  it("writes /etc/os-release per family, and none for busybox", () => {
    const os = (ref: string) =>
      imageFiles(lookupImage(ref) as NonNullable<ReturnType<typeof lookupImage>>)["/etc/os-release"];
    expect(os("busybox")).toBeUndefined();
    expect(os("alpine:3.20")).toContain('PRETTY_NAME="Alpine Linux v3.20"');
    expect(os("alpine:3.20")).toContain("VERSION_ID=3.20.3");
    expect(os("ubuntu:22.04")).toContain('PRETTY_NAME="Ubuntu 22.04.5 LTS"');
    expect(os("debian:bullseye")).toContain('PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"');
    expect(os("nginx")).toContain("VERSION_CODENAME=bookworm");
    expect(os("registry.k8s.io/pause:3.10")).toBeUndefined();
  });
  it("maps an image's paths and base names to its programs", () => {
    const programs = imageProgramsFor(
      lookupImage("redis:alpine") as NonNullable<ReturnType<typeof lookupImage>>,
    );
    expect(Object.keys(programs).sort()).toEqual(
      [
        "/usr/local/bin/docker-entrypoint.sh",
        "/usr/local/bin/redis-cli",
        "/usr/local/bin/redis-server",
        "docker-entrypoint.sh",
        "redis-cli",
        "redis-server",
      ].sort(),
    );
  });
  it("normalises references as containerd does", () => {
    const table: [string, string, string][] = [
      ["nginx", "docker.io/library/nginx:latest", "library/nginx"],
      ["flannel/flannel:v0.26.1", "docker.io/flannel/flannel:v0.26.1", "flannel/flannel"],
      ["docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27", "library/nginx"],
      ["index.docker.io/library/busybox", "docker.io/library/busybox:latest", "library/busybox"],
      ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10", "pause"],
      ["localhost:5000/app", "localhost:5000/app:latest", "app"],
    ];
    for (const [raw, full, path] of table) {
      expect(parseImage(raw).full).toBe(full);
      expect(parseImage(raw).path).toBe(path);
    }
  });
});

describe("language images' Debian variants", () => {
  // The full tags build on buildpack-deps:bookworm (curl, wget, git, procps); -slim on debian:bookworm-slim.
  it.each([
    ["python:3.12", true],
    ["node:22", true],
    ["perl:5.40", true],
    ["python:3.12-slim", false],
    ["node:22-slim", false],
  ])("%s ships ps and curl: %s", (ref, full) => {
    const packages = lookupImage(ref)?.packages ?? [];
    expect(packages.includes("procps") && packages.includes("curl")).toBe(full);
  });
});
