import { describe, expect, it } from "vitest";
import { MemFs } from "../../engine/kubelet/memfs";
import { NodeFileSystem } from "../../engine/node/fs";
import { copyFromContainer, copyToContainer, ErrFileSpecDoesntMatchFormat, extractFileSpec } from "./cp";

// Ported from kubernetes staging/src/k8s.io/kubectl/pkg/cmd/cp/cp_test.go (TestExtractFileSpec).
describe("extractFileSpec: TestExtractFileSpec", () => {
  const cases: [string, object][] = [
    ["namespace/pod:/some/file", { podNamespace: "namespace", podName: "pod", file: "/some/file" }],
    ["pod:/some/file", { podName: "pod", file: "/some/file" }],
    ["/some/file", { file: "/some/file" }],
    [":file:not:exist:in:local:filesystem", { error: ErrFileSpecDoesntMatchFormat }],
    ["namespace/pod/invalid:/some/file", { error: ErrFileSpecDoesntMatchFormat }],
    ["pod:/some/filenamewith:in", { podName: "pod", file: "/some/filenamewith:in" }],
  ];
  it.each(cases)("%s", (spec, expected) => expect(extractFileSpec(spec)).toEqual(expected));
});

function container(): MemFs {
  const fs = new MemFs();
  fs.mkdir("/etc/nginx/conf.d", true);
  fs.write("/etc/nginx/nginx.conf", "worker_processes 1;\n");
  fs.write("/etc/nginx/conf.d/default.conf", "server {}\n");
  fs.mkdir("/tmp");
  return fs;
}

function local(): NodeFileSystem {
  const fs = new NodeFileSystem();
  fs.mkdir("/root/site", true);
  fs.write("/root/site/index.html", "<h1>hi</h1>");
  fs.write("/root/app.conf", "x=1");
  return fs;
}

describe("kubectl cp", () => {
  it("copies a container file to a local path", () => {
    const l = local();
    expect(copyFromContainer(container(), "/etc/nginx/nginx.conf", l, "/root/nginx.conf")).toBeUndefined();
    expect(l.read("/root/nginx.conf")).toBe("worker_processes 1;\n");
  });

  it("copies a container directory's contents into the local destination", () => {
    const l = local();
    expect(copyFromContainer(container(), "/etc/nginx", l, "/root/nginx")).toBeUndefined();
    expect(l.read("/root/nginx/conf.d/default.conf")).toBe("server {}\n");
    expect(l.list("/root/nginx")).toEqual(["conf.d", "nginx.conf"]);
  });

  it("copies a local file or directory into an existing container directory under its own name", () => {
    const c = container();
    expect(copyToContainer(local(), "/root/app.conf", c, "/tmp")).toBeUndefined();
    expect(c.read("/tmp/app.conf")).toBe("x=1");
    expect(copyToContainer(local(), "/root/site", c, "/usr/share/html")).toBeUndefined();
    expect(c.read("/usr/share/html/index.html")).toBe("<h1>hi</h1>");
  });

  it("reports what is missing on either side", () => {
    expect(copyToContainer(local(), "/root/nope", container(), "/tmp")).toBe(
      "/root/nope doesn't exist in local filesystem",
    );
    expect(copyFromContainer(container(), "/etc/nope", local(), "/root/x")).toBe(
      "tar: etc/nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors",
    );
  });
});
