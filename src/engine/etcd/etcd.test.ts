// etcd v3.5's client tools' texts. Where each expected value comes from is named beside it.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { testFs } from "../sh/testkit";
import { crc32c, dbStatus, decodeDb, encodeDb, humanizeBytes, registryKey } from "./db";
import { goDuration } from "./etcdctl";
import { computeClusterId, computeMemberId } from "./member";
import { renderTable, zapConsole, zapJson } from "./output";
import { DB_STATUS_HEADER, dbStatusRow, readSnapshot, restoreSnapshot } from "./snapshotfile";

const T0 = Date.parse("2026-01-01T10:00:00.123Z");

describe("member and cluster IDs (membership/member.go computeMemberID, cluster.go genID)", () => {
  it("gives etcd's well-known IDs of a default single member", () => {
    // `etcd` with no flags, and `etcdutl snapshot restore` with its defaults, log
    // member 8e9e05c52164694d in cluster cdf818194e3a8c32.
    const id = computeMemberId(["http://localhost:2380"]);
    expect(id).toBe("8e9e05c52164694d");
    expect(computeClusterId([id])).toBe("cdf818194e3a8c32");
  });

  it("sorts the peer URLs and depends on the token", () => {
    expect(computeMemberId(["https://b:2380", "https://a:2380"])).toBe(
      computeMemberId(["https://a:2380", "https://b:2380"]),
    );
    expect(computeMemberId(["http://localhost:2380"], "other")).not.toBe("8e9e05c52164694d");
  });
});

describe("humanizeBytes (go-humanize bytes_test.go TestBytes)", () => {
  it.each([
    [0, "0 B"],
    [1, "1 B"],
    [803, "803 B"],
    [999, "999 B"],
    [1024, "1.0 kB"],
    [9999, "10 kB"],
    [1000 * 1000 - 1, "1000 kB"],
    [1000 * 1000, "1.0 MB"],
    [2_105_344, "2.1 MB"],
    [1e9, "1.0 GB"],
    [1e12, "1.0 TB"],
  ])("%d is %s", (n, text) => expect(humanizeBytes(n)).toBe(text));
});

describe("crc32c", () => {
  it("gives the Castagnoli check value of 123456789 (0xe3069283)", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
  });
});

describe("tables (olekukonko/tablewriter with ALIGN_RIGHT, as printer_table.go sets)", () => {
  it("centres upper-cased headers and right-aligns cells", () => {
    // The shape of `etcdctl --write-out=table snapshot status` in etcd's docs (v3.5 right-aligns).
    expect(renderTable(DB_STATUS_HEADER, [["fe01cf57", "10", "7", "2.1 MB"]])).toBe(
      [
        "+----------+----------+------------+------------+",
        "|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |",
        "+----------+----------+------------+------------+",
        "| fe01cf57 |       10 |          7 |     2.1 MB |",
        "+----------+----------+------------+------------+",
        "",
      ].join("\n"),
    );
  });
});

describe("log lines", () => {
  it("etcdctl's zap JSON: level, ts with microseconds, logger, caller, msg, fields", () => {
    expect(
      zapJson(T0, "info", "snapshot/v3_snapshot.go:65", "created temporary db file", {
        path: "/opt/s.db.part",
      }),
    ).toBe(
      '{"level":"info","ts":"2026-01-01T10:00:00.123000Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"/opt/s.db.part"}',
    );
    expect(zapJson(T0, "info", "c", "m", {}, "client")).toContain(
      '"ts":"2026-01-01T10:00:00.123000Z","logger":"client","caller":"c"',
    );
  });

  it("etcdutl's zap console line: tab-separated, fields as spaced JSON", () => {
    expect(zapConsole(T0, "membership/cluster.go:421", "added member", { a: "x", urls: ["u1", "u2"] })).toBe(
      '2026-01-01T10:00:00Z\tinfo\tmembership/cluster.go:421\tadded member\t{"a": "x", "urls": ["u1", "u2"]}',
    );
  });
});

const POD: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", resourceVersion: "7" },
};
const NODE: KubeObject = { apiVersion: "v1", kind: "Node", metadata: { name: "node01" } };

describe("database files", () => {
  it("round-trips and is a binary file (bbolt's meta page magic)", () => {
    const text = encodeDb({ revision: 42, objects: [POD], members: [] });
    expect(text.startsWith("\u0000")).toBe(true);
    expect(text.slice(16, 20)).toBe("\u00ed\u00da\u000c\u00ed");
    expect(decodeDb(text)).toEqual({ revision: 42, objects: [POD], members: [] });
    expect(decodeDb("hello")).toBeUndefined();
  });

  it("status: revision, key count, size in bytes, and a hash that follows the contents", () => {
    const a = encodeDb({ revision: 42, objects: [POD, NODE], members: [] });
    const b = encodeDb({ revision: 42, objects: [POD], members: [] });
    const sa = dbStatus(a, decodeDb(a) as never);
    expect(sa).toMatchObject({ revision: 42, totalKey: 2, totalSize: new TextEncoder().encode(a).length });
    expect(sa.hash).not.toBe(dbStatus(b, decodeDb(b) as never).hash);
    expect(dbStatusRow(sa)).toEqual([sa.hash.toString(16), "42", "2", humanizeBytes(sa.totalSize)]);
  });

  it("keys are the kube-apiserver's storage paths", () => {
    expect(registryKey(POD)).toBe("/registry/pods/default/web");
    expect(registryKey(NODE)).toBe("/registry/minions/node01");
    expect(
      registryKey({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "x" } }),
    ).toBe("/registry/deployments/x/d");
  });
});

describe("snapshot files (etcdutl/snapshot/v3_snapshot.go)", () => {
  const snap = encodeDb({ revision: 9, objects: [POD], members: [] });

  it("status errors: a missing file (os.Stat), not a database (bolt.Open)", () => {
    const fs = testFs({ "/opt/junk": "hello\n" });
    expect(readSnapshot(fs, "/", "/opt/none.db")).toEqual({
      error: "stat /opt/none.db: no such file or directory",
    });
    expect(readSnapshot(fs, "/", "/opt/junk")).toEqual({ error: "invalid database" });
  });

  it("restore writes member/snap/db and member/wal and logs etcdutl's lines", () => {
    const fs = testFs({ "/opt/snapshot.db": snap });
    const r = restoreSnapshot(fs, "/root", "/opt/snapshot.db", { dataDir: "/var/lib/etcd-from-backup" }, T0);
    if ("error" in r) throw new Error(r.error);
    expect(fs.isFile("/var/lib/etcd-from-backup/member/snap/db")).toBe(true);
    expect(fs.isDir("/var/lib/etcd-from-backup/member/wal")).toBe(true);
    const db = decodeDb(fs.read("/var/lib/etcd-from-backup/member/snap/db"));
    expect(db?.objects).toEqual([POD]);
    expect(db?.members).toEqual([{ id: "8e9e05c52164694d", peerURLs: ["http://localhost:2380"] }]);
    expect(r.logs.map((l) => l.split("\t")[3])).toEqual([
      "restoring snapshot",
      "Trimming membership information from the backend...",
      "added member",
      "restored snapshot",
    ]);
    expect(r.logs[2]).toContain(
      '"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d"',
    );
    expect(r.logs[0]).toContain(
      '"data-dir": "/var/lib/etcd-from-backup", "snap-dir": "/var/lib/etcd-from-backup/member/snap"',
    );
  });

  it("refuses a data directory that exists and is not empty; an empty one is fine", () => {
    const fs = testFs({ "/opt/snapshot.db": snap, "/var/lib/etcd/member/snap/db": "x" });
    fs.mkdir("/var/lib/empty", true);
    expect(restoreSnapshot(fs, "/", "/opt/snapshot.db", { dataDir: "/var/lib/etcd" }, T0)).toEqual({
      error: 'data-dir "/var/lib/etcd" not empty or could not be read',
    });
    expect("logs" in restoreSnapshot(fs, "/", "/opt/snapshot.db", { dataDir: "/var/lib/empty" }, T0)).toBe(
      true,
    );
  });

  it("defaults the data directory to NAME.etcd in the working directory", () => {
    const fs = testFs({ "/opt/snapshot.db": snap });
    restoreSnapshot(fs, "/root", "/opt/snapshot.db", {}, T0);
    expect(fs.isFile("/root/default.etcd/member/snap/db")).toBe(true);
  });
});

describe("goDuration (Go's time.ParseDuration, as --command-timeout reads it)", () => {
  it.each([
    ["5s", 5000],
    ["1m30s", 90_000],
    ["500ms", 500],
    ["1.5s", 1500],
    ["0", 0],
  ])("%s is %d ms", (text, ms) => expect(goDuration(text)).toBe(ms));
  it("refuses what is not a duration", () => {
    expect(goDuration("5")).toBeUndefined();
    expect(goDuration("abc")).toBeUndefined();
  });
});
