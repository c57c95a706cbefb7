import { describe, expect, it } from "vitest";
import { resolveImage } from "./index";

describe("resolveImage", () => {
  // [reference, reason or "ok" or "generic", message]
  const table: [string, string, string?][] = [
    ["nginx:1.27", "ok"],
    [
      "nginx:1.91",
      "ErrImagePull",
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found',
    ],
    [
      "ngnix",
      "ErrImagePull",
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    [
      "NGINX",
      "InvalidImageName",
      'Failed to apply default image tag "NGINX": couldn\'t parse image reference "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    ],
    [
      "myRepo/app:1",
      "InvalidImageName",
      'Failed to apply default image tag "myRepo/app:1": couldn\'t parse image reference "myRepo/app:1": invalid reference format: repository name (myRepo/app) must be lowercase',
    ],
    [
      "registry.k8s.io/foo",
      "ErrImagePull",
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/foo:latest": failed to resolve reference "registry.k8s.io/foo:latest": registry.k8s.io/foo:latest: not found',
    ],
    ["registry.k8s.io/metrics-server/metrics-server:v0.7.2", "ok"],
    ["registry.k8s.io/sig-storage/csi-provisioner:v5.1.0", "generic"],
    ["registry.k8s.io/fluentd-elasticsearch:1.20", "generic"],
    ["k8s.gcr.io/fluentd-elasticsearch:1.20", "generic"],
    ["k8s.gcr.io/pause:3.2", "ok"],
    [
      "k8s.gcr.io/pause:9.9",
      "ErrImagePull",
      'rpc error: code = NotFound desc = failed to pull and unpack image "k8s.gcr.io/pause:9.9": failed to resolve reference "k8s.gcr.io/pause:9.9": k8s.gcr.io/pause:9.9: not found',
    ],
    // gcr.io/google-containers is the project k8s.gcr.io fronted (the CKAD exercises' canary
    // step runs gcr.io/google-containers/busybox, a busybox 1.24 with its applets).
    ["gcr.io/google-containers/busybox", "ok"],
    ["gcr.io/google_containers/busybox:1.24", "ok"],
    [
      "gcr.io/google-containers/foo",
      "ErrImagePull",
      'rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/google-containers/foo:latest": failed to resolve reference "gcr.io/google-containers/foo:latest": gcr.io/google-containers/foo:latest: not found',
    ],
    ["gcr.io/my-project/app:v1", "generic"],
    ["me/my-app:v2", "generic"],
    ["quay.io/prometheus/prometheus:v2.55.0", "generic"],
    ["mariadb:11", "generic"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ok"],
    ["nginx:bad tag", "InvalidImageName"],
  ];
  it.each(table)("%s → %s", (raw, want, message) => {
    const r = resolveImage(raw);
    if (want === "ok" || want === "generic") {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.generic).toBe(want === "generic");
      return;
    }
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(want);
      if (message) expect(r.message).toBe(message);
    }
  });
  it("gives an uncatalogued image no userland, only its one program that runs until stopped", () => {
    const r = resolveImage("me/my-app:v2");
    expect(r.ok && r.image.userland).toBe("none");
    expect(r.ok && [...r.image.entrypoint, ...r.image.cmd]).toEqual(["/app"]);
    expect(r.ok && r.image.programs).toEqual({ "/app": "generic-app" });
  });
});
