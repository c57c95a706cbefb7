import { describe, expect, it } from "vitest";
import { NodeFileSystem } from "../../engine/node/fs";
import { makeArchive, readArchive } from "../../engine/sh/applets/tar";
import { cleanPath, ErrFileSpecDoesntMatchFormat, extractFileSpec, tarLocal, untarAll } from "./cp";

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

function local(): NodeFileSystem {
  const fs = new NodeFileSystem();
  fs.mkdir("/root/site/empty", true);
  fs.write("/root/site/index.html", "<h1>hi</h1>");
  fs.write("/root/app.conf", "x=1");
  return fs;
}

describe("kubectl cp's archives (makeTar, untarAll)", () => {
  it("names members from the destination's base; a directory adds its files and empty directories", () => {
    expect(tarLocal(local(), "/root/site", "html").map((e) => [e.name, e.dir])).toEqual([
      ["html/empty", true],
      ["html/index.html", false],
    ]);
    expect(tarLocal(local(), "/root/app.conf", "app.conf")).toMatchObject([
      { name: "app.conf", data: "x=1" },
    ]);
  });

  it("untars a file to dest and a directory's contents into dest, the source path as prefix", () => {
    const l = local();
    const file = readArchive(
      makeArchive([{ name: "etc/hosts", dir: false, mode: 0o644, mtimeMs: 0, data: "h" }]),
    );
    expect(untarAll(file ?? [], "etc/hosts", l, "/root/hosts")).toBeUndefined();
    expect(l.read("/root/hosts")).toBe("h");
    const dir = [
      { name: "etc/nginx", dir: true, mode: 0o755, mtimeMs: 0, data: "" },
      { name: "etc/nginx/conf.d/default.conf", dir: false, mode: 0o644, mtimeMs: 0, data: "server {}\n" },
    ];
    expect(untarAll(dir, "etc/nginx", l, "/root/nginx")).toBeUndefined();
    expect(l.read("/root/nginx/conf.d/default.conf")).toBe("server {}\n");
    expect(untarAll(file ?? [], "etc/hosts", l, "/root")).toBe("open /root: is a directory");
    expect(untarAll(file ?? [], "etc/passwd", l, "/root/x")).toBe("tar contents corrupted");
  });

  it("cleans paths as path.Clean does", () => {
    expect(["/a/../b/./c/", "a//b", "../x", "/..", ""].map(cleanPath)).toEqual([
      "/b/c",
      "a/b",
      "../x",
      "/",
      ".",
    ]);
  });
});
