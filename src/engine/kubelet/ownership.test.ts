import { describe, expect, it } from "vitest";
import { modeString } from "../sh/applets/fileinfo";
import { MemFs } from "./memfs";

describe("file ownership (a writer's uid and gid; set-group-ID directories)", () => {
  it("a new file is its writer's; in a set-group-ID directory it takes the directory's group", () => {
    const fs = new MemFs(() => 0, 0o777);
    fs.write("/a", "x", { uid: 1000, gid: 3000 });
    expect(fs.stat("/a")).toMatchObject({ uid: 1000, gid: 3000 });
    fs.chown("/", 0, 2000);
    fs.chmod("/", 0o2777);
    fs.write("/b", "x", { uid: 1000, gid: 3000 });
    fs.mkdir("/d", false, undefined, { uid: 1000, gid: 3000 });
    expect(fs.stat("/b")).toMatchObject({ uid: 1000, gid: 2000 });
    expect(fs.stat("/d")).toMatchObject({ uid: 1000, gid: 2000, mode: 0o2755 });
    // Rewriting keeps the owner.
    fs.write("/a", "y", { uid: 5, gid: 5 });
    expect(fs.stat("/a")).toMatchObject({ uid: 1000, gid: 3000 });
  });

  it("ls shows set-user-ID, set-group-ID and sticky bits (coreutils filemode.c)", () => {
    expect(modeString({ type: "dir", size: 0, mtimeMs: 0, mode: 0o2777 })).toBe("drwxrwsrwx");
    expect(modeString({ type: "dir", size: 0, mtimeMs: 0, mode: 0o1777 })).toBe("drwxrwxrwt");
    expect(modeString({ type: "file", size: 0, mtimeMs: 0, mode: 0o4644 })).toBe("-rwSr--r--");
    expect(modeString({ type: "file", size: 0, mtimeMs: 0, mode: 0o4755 })).toBe("-rwsr-xr-x");
  });
});
