/** The userlands: which programs an image ships, where they live, and `busybox`/`which` themselves. */
import { describe, expect, it } from "vitest";
import type { Program } from "../interface";
import { run } from "./testing";
import { busyboxUserland, emptyUserland, gnuUserland } from "./userland";

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

describe("busyboxUserland", () => {
  const u = busyboxUserland();
  it("finds applets by name on PATH and by their path in /bin only", () => {
    expect(u.kind).toBe("busybox");
    expect(u.lookup("ls", PATH)).toBeDefined();
    expect(u.lookup("/bin/ls", PATH)).toBeDefined();
    expect(u.lookup("/usr/bin/ls", PATH)).toBeUndefined();
    expect(u.lookup("ls", "/usr/bin")).toBeUndefined();
    expect(u.lookup("curl", PATH)).toBeUndefined();
    expect(u.lookup("getent", PATH)).toBeUndefined();
  });
  it("words messages as busybox", () => {
    const ls = u.lookup("ls", PATH) as Program;
    expect(run(ls, ["ls", "/x"]).stderr).toBe("ls: /x: No such file or directory\n");
  });
  it("runs `busybox APPLET` and lists its applets", () => {
    const bb = u.lookup("busybox", PATH) as Program;
    const bus = (argv: string[]) => run(bb, argv, { programs: {} });
    expect(bus(["busybox", "echo", "hi"]).stdout).toBe("hi\n");
    const list = bus(["busybox", "--list"]).stdout.split("\n");
    expect(list).toContain("wget");
    expect(list).toContain("nslookup");
    expect(bus(["busybox", "nope"])).toMatchObject({ stderr: "nope: applet not found\n", exit: 127 });
  });
  it("which prints where a program is, exit 1 when nowhere", () => {
    const which = u.lookup("which", PATH) as Program;
    expect(run(which, ["which", "ls", "sh"], { env: { PATH } })).toMatchObject({
      stdout: "/bin/ls\n",
      exit: 1,
    });
  });
  it("adds extra programs in /bin or at their path", () => {
    const sh: Program = () => 0;
    const nginx: Program = () => 0;
    const x = busyboxUserland({ sh, "/usr/sbin/nginx": nginx });
    expect(x.lookup("sh", PATH)).toBe(sh);
    expect(x.lookup("/bin/sh", PATH)).toBe(sh);
    expect(x.lookup("nginx", PATH)).toBe(nginx);
    expect(x.names()).toContain("nginx");
  });
});

describe("gnuUserland", () => {
  it("has coreutils, grep, sed, awk (mawk), find, which and getent, but no ps, wget, curl, nslookup by default", () => {
    const u = gnuUserland();
    expect(u.kind).toBe("gnu");
    for (const n of [
      "ls",
      "cat",
      "grep",
      "sed",
      "awk",
      "mawk",
      "find",
      "xargs",
      "which",
      "getent",
      "hostname",
      "sleep",
    ])
      expect(u.lookup(n, PATH), n).toBeDefined();
    for (const n of ["ps", "wget", "curl", "nslookup", "dig", "nc", "busybox", "free"])
      expect(u.lookup(n, PATH), n).toBeUndefined();
  });
  it("adds the programs of the packages an image installs", () => {
    const u = gnuUserland({}, ["procps", "curl", "dnsutils"]);
    for (const n of ["ps", "kill", "free", "curl", "nslookup", "dig", "host"])
      expect(u.lookup(n, PATH), n).toBeDefined();
    expect(u.lookup("wget", PATH)).toBeUndefined();
  });
  it("lives in /usr/bin with /bin merged into it", () => {
    const u = gnuUserland();
    expect(u.lookup("/usr/bin/env", PATH)).toBeDefined();
    expect(u.lookup("/bin/ls", PATH)).toBeDefined();
    expect(u.lookup("/usr/local/bin/ls", PATH)).toBeUndefined();
    expect(run(u.lookup("which", PATH) as Program, ["which", "env"], { env: { PATH } }).stdout).toBe(
      "/usr/bin/env\n",
    );
  });
  it("words messages as GNU", () => {
    const ls = gnuUserland().lookup("ls", PATH) as Program;
    expect(run(ls, ["ls", "/x"])).toMatchObject({
      stderr: "ls: cannot access '/x': No such file or directory\n",
      exit: 2,
    });
  });
});

describe("emptyUserland", () => {
  it("has only what it is given", () => {
    const app: Program = () => 0;
    const u = emptyUserland({ "/app/server": app });
    expect(u.kind).toBe("none");
    expect(u.lookup("ls", PATH)).toBeUndefined();
    expect(u.lookup("/app/server", PATH)).toBe(app);
    expect(u.names()).toEqual(["server"]);
  });
});
