// Expected texts: GNU coreutils 9.1 `COLUMNS=80 ls -C` / `ls -x` on the same names (tabs at 8), and
// busybox coreutils/ls.c display_files (one column width, spaces).
import { describe, expect, it } from "vitest";
import type { CommandContext } from "../interface";
import type { Flavour } from "./common";
import { ls } from "./ls";
import { testFs, testSystem } from "./testing";

const NAMES =
  "bin boot dev docker-entrypoint.d docker-entrypoint.sh etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var";

function list(flavour: Flavour, args: string[], terminal = false): string {
  const files: Record<string, string> = {};
  for (const n of NAMES.split(" ")) files[`/d/${n}`] = "";
  let out = "";
  const ctx = {
    argv: ["ls", ...args],
    env: {},
    cwd: "/d",
    stdin: "",
    stdout: { terminal, write: (t: string) => (out += t) },
    stderr: { write: () => {} },
    fs: testFs(files),
    sys: testSystem(),
    exec: () => {
      throw new Error("no exec");
    },
  } as unknown as CommandContext;
  ls(flavour)(ctx);
  return out;
}

describe("ls in columns", () => {
  it("GNU -C and -x as coreutils prints them", () => {
    expect(list("gnu", ["-C"])).toBe(
      "bin   docker-entrypoint.d   home   media  proc\tsbin  tmp\nboot  docker-entrypoint.sh  lib    mnt\t  root\tsrv   usr\ndev   etc\t\t    lib64  opt\t  run\tsys   var\n",
    );
    expect(list("gnu", ["-x"])).toBe(
      "bin    boot   dev  docker-entrypoint.d\tdocker-entrypoint.sh  etc   home  lib\nlib64  media  mnt  opt\t\t\tproc\t\t      root  run   sbin\nsrv    sys    tmp  usr\t\t\tvar\n",
    );
  });

  it("on a terminal without -C; one per line otherwise", () => {
    expect(list("gnu", [], true)).toBe(list("gnu", ["-C"]));
    expect(list("gnu", []).split("\n")[0]).toBe("bin");
    expect(list("gnu", ["-1"], true).split("\n")[1]).toBe("boot");
  });

  it("busybox: every column as wide as the longest name and two spaces", () => {
    const rows = list("busybox", ["-C"]).split("\n");
    // docker-entrypoint.sh is 20 long: columns of 22, three across 80; seven rows, filled down.
    expect(rows[0]).toBe(`${"bin".padEnd(22)}${"lib".padEnd(22)}run`);
    expect(rows[6]).toBe(`${"home".padEnd(22)}${"root".padEnd(22)}var`);
    expect(rows).toHaveLength(8);
  });
});
