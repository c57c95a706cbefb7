/**
 * dd's copy and its summary lines. Expected texts are the real tools' output for these sizes:
 * coreutils 9 `dd if=/dev/zero of=tmp.5M bs=1M count=5` prints `5242880 bytes (5.2 MB, 5.0 MiB)
 * copied, 0.00419139 s, 1.3 GB/s`, busybox 1.36 (alpine) `16777216 bytes (16.0MB) copied,
 * 0.006519 seconds, 2.4GB/s`: the formats of print_xfer_stats and make_human_readable_str.
 */
import { describe, expect, it } from "vitest";
import { busyboxHuman, dd, ddSummary, gnuHuman } from "./dd";
import { run } from "./testing";

describe("dd's human-readable sizes", () => {
  it("GNU human_readable: one decimal below 10, SI and IEC", () => {
    expect([5242880, 10485760, 1024, 128000, 4294967296, 100].map((n) => gnuHuman(n, 1000))).toEqual([
      "5.2 MB",
      "10 MB",
      "1.0 kB",
      "128 kB",
      "4.3 GB",
      "100 B",
    ]);
    expect([5242880, 10485760, 1024, 128000, 4294967296].map((n) => gnuHuman(n, 1024))).toEqual([
      "5.0 MiB",
      "10 MiB",
      "1.0 KiB",
      "125 KiB",
      "4.0 GiB",
    ]);
  });
  it("busybox make_human_readable_str: always one decimal with a unit, a count below 1024", () => {
    expect([16777216, 10485760, 2573602077, 100, 0].map(busyboxHuman)).toEqual([
      "16.0M",
      "10.0M",
      "2.4G",
      "100",
      "0",
    ]);
  });
  it("summaries in each flavour's words", () => {
    const r = { inFull: 5, inPart: 0, outFull: 5, outPart: 0, bytes: 5242880, seconds: 0.00419139 };
    expect(ddSummary("gnu", r, "")).toBe(
      "5+0 records in\n5+0 records out\n5242880 bytes (5.2 MB, 5.0 MiB) copied, 0.00419139 s, 1.3 GB/s\n",
    );
    expect(ddSummary("busybox", { ...r, bytes: 16777216, seconds: 0.006519 }, "")).toBe(
      "5+0 records in\n5+0 records out\n16777216 bytes (16.0MB) copied, 0.006519 seconds, 2.4GB/s\n",
    );
    // 64 bytes: `64 bytes copied` without the parenthesis (abbreviation_lacks_prefix).
    expect(ddSummary("gnu", { ...r, bytes: 64, seconds: 0.0144248 }, "")).toMatch(
      /\n64 bytes copied, 0\.0144248 s, 4\.4 kB\/s\n$/,
    );
    expect(ddSummary("gnu", r, "noxfer")).toBe("5+0 records in\n5+0 records out\n");
  });
});

describe("dd copies", () => {
  it("count blocks of a file, skipping some, into another, taking virtual time", () => {
    const r = run(dd("gnu"), ["dd", "if=/root/a", "of=/root/b", "bs=2", "skip=1", "count=2"], {
      files: { "/root/a": "abcdefgh" },
    });
    expect(r.fs.read("/root/b")).toBe("cdef");
    expect(r.stderr).toMatch(/^2\+0 records in\n2\+0 records out\n4 bytes copied, /);
    expect(r.waits).toEqual([{ kind: "sleep", ms: 1 }]);
  });
  it("a short last block is a partial record; status=none prints nothing", () => {
    const r = run(dd("busybox"), ["dd", "if=/root/a", "bs=3"], { files: { "/root/a": "abcdefgh" } });
    expect(r.stdout).toBe("abcdefgh");
    expect(r.stderr).toMatch(/^2\+1 records in\n2\+1 records out\n8 bytes \(8B\) copied, /);
    expect(run(dd("gnu"), ["dd", "status=none"], { stdin: "x" })).toMatchObject({ stdout: "x", stderr: "" });
  });
  it("reports a bad operand and a missing input as each flavour does", () => {
    expect(run(dd("gnu"), ["dd", "bs=x"]).stderr).toBe(
      "dd: invalid number: 'x'\nTry 'dd --help' for more information.\n",
    );
    expect(run(dd("gnu"), ["dd", "if=/nope"]).stderr).toBe(
      "dd: failed to open '/nope': No such file or directory\n",
    );
    expect(run(dd("busybox"), ["dd", "if=/nope"]).stderr).toBe(
      "dd: can't open '/nope': No such file or directory\n",
    );
  });
});
