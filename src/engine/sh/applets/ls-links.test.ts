// ls -l and du over a configMap volume in the kubelet's AtomicWriter layout (a timestamped
// directory, `..data` linking to it, each key linking into `..data`). Expected texts: GNU
// coreutils 9.1 and busybox 1.37 on a real pod's mount (the CKAD exercises' `ls -la /etc/lala`).
import { describe, expect, it } from "vitest";
import { AtomicVolume, timestampedDirName } from "../../kubelet/atomicvolume";
import type { CommandContext, FileSystem } from "../interface";
import type { Applet, Flavour } from "./common";
import { du, find } from "./find";
import { ls } from "./ls";
import { testSystem } from "./testing";

const AT = Date.UTC(2026, 0, 1, 0, 0, 10);

function volume(): AtomicVolume {
  const payload = { var8: { text: "val8", mode: 0o644 }, var9: { text: "val9", mode: 0o644 } };
  return new AtomicVolume(
    "uid/myvolume",
    () => ({ payload }),
    () => AT,
    payload,
  );
}

function run(
  applet: Applet,
  flavour: Flavour,
  fs: FileSystem,
  args: string[],
  terminal = false,
  env: Record<string, string> = {},
): string {
  let out = "";
  const ctx = {
    argv: args,
    env,
    cwd: "/",
    stdin: "",
    stdout: { terminal, write: (t: string) => (out += t) },
    stderr: { write: () => {} },
    fs,
    sys: { ...testSystem(), now: () => AT },
    exec: () => {
      throw new Error("no exec");
    },
  } as unknown as CommandContext;
  applet(flavour)(ctx);
  return out;
}

describe("a configMap volume's links", () => {
  const ts = timestampedDirName(AT, "uid/myvolume");

  it("GNU ls -la: the keys and ..data are links; links take no blocks and add no link count", () => {
    expect(run(ls, "gnu", volume(), ["ls", "-la", "/"])).toBe(
      [
        "total 12",
        "drwxrwxrwx 3 root root 4096 Jan  1 00:00 .",
        "drwxrwxrwx 3 root root 4096 Jan  1 00:00 ..",
        `drwxr-xr-x 2 root root 4096 Jan  1 00:00 ${ts}`,
        // The link's size is its target's length (32 with a ten-digit MkdirTemp suffix).
        `lrwxrwxrwx 1 root root ${String(ts.length).padStart(4)} Jan  1 00:00 ..data -> ${ts}`,
        "lrwxrwxrwx 1 root root   11 Jan  1 00:00 var8 -> ..data/var8",
        "lrwxrwxrwx 1 root root   11 Jan  1 00:00 var9 -> ..data/var9",
        "",
      ].join("\n"),
    );
    expect(run(ls, "gnu", volume(), ["ls", "-l", "/"])).toBe(
      "total 0\nlrwxrwxrwx 1 root root 11 Jan  1 00:00 var8 -> ..data/var8\nlrwxrwxrwx 1 root root 11 Jan  1 00:00 var9 -> ..data/var9\n",
    );
  });

  it("busybox ls -l names the link's target; cat reads through it", () => {
    const fs = volume();
    expect(run(ls, "busybox", fs, ["ls", "-l", "/var8"])).toBe(
      "lrwxrwxrwx    1 root     root            11 Jan  1 00:00 /var8 -> ..data/var8\n",
    );
    expect(fs.read("/var8")).toBe("val8");
  });

  it("du counts the files once, in the timestamped directory, and the links as nothing", () => {
    // (In the order the directory lists, which the file system decides: compared sorted.)
    const lines = run(du, "busybox", volume(), ["du", "-a", "/"]).trimEnd().split("\n");
    expect(lines.sort()).toEqual(
      [
        "0\t/..data",
        "0\t/var8",
        "0\t/var9",
        `12\t/${ts}`,
        "16\t/",
        `4\t/${ts}/var8`,
        `4\t/${ts}/var9`,
      ].sort(),
    );
  });
});

describe("find over a configMap volume", () => {
  const ts = timestampedDirName(AT, "uid/myvolume");

  it("-type f finds the files in the timestamped directory, -type l the links (lstat's types)", () => {
    expect(run(find, "busybox", volume(), ["find", "/", "-type", "f"]).trimEnd().split("\n").sort()).toEqual([
      `/${ts}/var8`,
      `/${ts}/var9`,
    ]);
    expect(run(find, "busybox", volume(), ["find", "/", "-type", "l"]).trimEnd().split("\n").sort()).toEqual([
      "/..data",
      "/var8",
      "/var9",
    ]);
    expect(run(find, "gnu", volume(), ["find", "/", "-type", "d"])).toBe(`/\n/${ts}\n`);
  });
});

describe("busybox ls colours on a terminal (ls.c display_single, FEATURE_LS_COLOR_IS_DEFAULT)", () => {
  const ts = timestampedDirName(AT, "uid/myvolume");
  const ESC = "\x1b";

  it("directories bold blue, links bold cyan, a link's target in the colour of what it points to", () => {
    // Two columns as wide as the longest name plus two in busybox's 79 (80 less one); by column.
    const w = ts.length + 2;
    const cell = (name: string, colour: string) =>
      `${ESC}[${colour}m${name}${ESC}[m${" ".repeat(w - name.length)}`;
    const last = (name: string) => `${ESC}[1;36m${name}${ESC}[m\n`;
    expect(run(ls, "busybox", volume(), ["ls", "-a"], true)).toBe(
      cell(".", "1;34") +
        last("..data") +
        cell("..", "1;34") +
        last("var8") +
        cell(ts, "1;34") +
        last("var9"),
    );
    expect(run(ls, "busybox", volume(), ["ls", "-l", "/var8"], true)).toBe(
      `lrwxrwxrwx    1 root     root            11 Jan  1 00:00 ${ESC}[1;36m/var8${ESC}[m -> ${ESC}[0;0m..data/var8${ESC}[m\n`,
    );
  });

  it("not in a pipe, nor with LS_COLORS=none or --color=never; always with --color=always", () => {
    expect(run(ls, "busybox", volume(), ["ls"], false)).toBe("var8\nvar9\n");
    expect(run(ls, "busybox", volume(), ["ls"], true, { LS_COLORS: "none" })).toBe("var8  var9\n");
    expect(run(ls, "busybox", volume(), ["ls", "--color=never"], true)).toBe("var8  var9\n");
    expect(run(ls, "busybox", volume(), ["ls", "--color=always"], false)).toBe(
      `${ESC}[1;36mvar8${ESC}[m\n${ESC}[1;36mvar9${ESC}[m\n`,
    );
    // GNU ls in the Debian images colours nothing without --color (no alias in sh).
    expect(run(ls, "gnu", volume(), ["ls"], true)).toBe("var8  var9\n");
  });
});
