/**
 * tar's archives and messages. Texts: GNU tar 1.34 ("Removing leading `/' from member names",
 * "Cannot stat: No such file or directory", "Exiting with failure status due to previous
 * errors", exit 2) and busybox 1.36 (strip_unsafe_prefix's "removing leading '/' from member
 * names", exit 1).
 */
import { describe, expect, it } from "vitest";
import { makeArchive, readArchive, tar } from "./tar";
import { run } from "./testing";

const files = { "/data/a.txt": "apple\n", "/data/sub/b.txt": "banana\n" };

describe("tar", () => {
  it("archives with ustar headers that read back", () => {
    const entries = [
      { name: "data", dir: true, mode: 0o755, mtimeMs: 0, data: "" },
      { name: "data/a.txt", dir: false, mode: 0o644, mtimeMs: 1_000, data: "apple\n" },
      { name: `${"d/".repeat(60)}long.txt`, dir: false, mode: 0o600, mtimeMs: 0, data: "x" },
    ];
    const archive = makeArchive(entries);
    expect(archive.length % 512).toBe(0);
    expect(readArchive(archive)).toEqual(entries);
    expect(readArchive("not a tar archive".padEnd(1024, "x"))).toBeUndefined();
  });

  it("creates, lists and extracts, with GNU's notice for absolute names", () => {
    const c = run(tar("gnu"), ["tar", "cf", "/tmp/d.tar", "/data"], { files });
    expect(c).toMatchObject({ stderr: "tar: Removing leading `/' from member names\n", exit: 0 });
    const t = run(tar("gnu"), ["tar", "tf", "/tmp/d.tar"], { fs: c.fs });
    expect(t.stdout).toBe("data/\ndata/a.txt\ndata/sub/\ndata/sub/b.txt\n");
    const x = run(tar("busybox"), ["tar", "-xvf", "/tmp/d.tar", "-C", "/root"], { fs: c.fs });
    expect(x.exit).toBe(0);
    expect(c.fs.read("/root/data/sub/b.txt")).toBe("banana\n");
  });

  it("reports a missing member as each tar does", () => {
    expect(run(tar("gnu"), ["tar", "cf", "-", "/nope"], { files })).toMatchObject({
      stderr:
        "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      exit: 2,
    });
    expect(run(tar("busybox"), ["tar", "cf", "-", "/nope", "/data/a.txt"], { files })).toMatchObject({
      stderr: "tar: /nope: No such file or directory\ntar: removing leading '/' from member names\n",
      exit: 1,
    });
    expect(run(tar("gnu"), ["tar", "xf", "/nope.tar"]).stderr).toBe(
      "tar: /nope.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n",
    );
  });
});
