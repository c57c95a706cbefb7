import { describe, expect, it } from "vitest";
import { Clock } from "../clock/clock";
import { NodeFileSystem } from "../node/fs";
import type { Network, Proc, Program, Userland } from "../sh/interface";
import { CONTAINER_LOG_MAX_BYTES, criLineOverhead, LogBuffer } from "./logbuffer";
import { ProcRunner } from "./procrun";
import { ContainerSandbox, findProgram } from "./sandbox";

/** A loop that prints tick and sleeps 1 s, n times. */
function* ticker(out: string[], n: number, now: () => number): Proc {
  for (let i = 0; i < n; i++) {
    out.push(`tick ${i} at ${now()}`);
    yield { kind: "sleep", ms: 1000 };
  }
  return 3;
}

describe("ProcRunner", () => {
  it("runs a process on the virtual clock and reports its exit", () => {
    const clock = new Clock(0);
    const out: string[] = [];
    let exit: number | undefined;
    const r = new ProcRunner(clock, { label: "t", onExit: (c) => (exit = c) });
    r.start(() => ticker(out, 3, () => r.now()));
    expect(out).toEqual(["tick 0 at 0"]);
    while (clock.fireNext(10_000));
    expect(out).toEqual(["tick 0 at 0", "tick 1 at 1000", "tick 2 at 2000"]);
    expect(exit).toBe(3);
    expect(clock.now()).toBe(3000);
  });

  it("catches up from a past start, then goes on live", () => {
    const clock = new Clock(0);
    clock.moveTo(2500);
    const out: string[] = [];
    const r = new ProcRunner(clock, { label: "t", onExit: () => {} });
    r.start(() => ticker(out, 5, () => r.now()), 0);
    // Replayed at its own times up to now; the next tick is scheduled at 3000.
    expect(out).toEqual(["tick 0 at 0", "tick 1 at 1000", "tick 2 at 2000"]);
    expect(clock.nextDue()).toBe(3000);
    clock.fireNext(3000);
    expect(out.at(-1)).toBe("tick 3 at 3000");
  });

  it("throttles a process that never waits on its own", () => {
    const clock = new Clock(0);
    let steps = 0;
    const r = new ProcRunner(clock, { label: "busy", onExit: () => {} });
    r.start(function* (): Proc {
      for (;;) {
        steps++;
        if (steps % 100 === 0) yield { kind: "throttle" };
      }
    });
    expect(steps).toBe(100);
    expect(clock.nextDue()).toBe(100);
    r.kill();
    expect(r.alive).toBe(false);
    expect(clock.nextDue()).toBeUndefined();
  });

  it("ignores an unhandled TERM as PID 1, exits on it otherwise, and runs a handler", () => {
    const clock = new Clock(0);
    const forever = function* (): Proc {
      for (;;) yield { kind: "forever" };
    };
    let code: number | undefined;
    const pid1 = new ProcRunner(clock, { label: "p", onExit: (c) => (code = c) });
    pid1.start(forever);
    expect(pid1.signal("SIGTERM", true)).toBe(false);
    expect(pid1.alive).toBe(true);
    expect(pid1.signal("TERM", false)).toBe(true);
    expect(code).toBe(143);

    let stopped = false;
    const server = new ProcRunner(clock, { label: "s", onExit: (c) => (code = c) });
    server.start(function* (): Proc {
      server.onSignal("TERM", () => (stopped = true));
      while (!stopped) yield { kind: "forever" };
      return 0;
    });
    expect(server.handles("SIGTERM")).toBe(true);
    expect(server.signal("TERM", true)).toBe(true);
    expect(code).toBe(0);
  });

  it("turns a program that throws into exit status 2 instead of crashing the engine", () => {
    const clock = new Clock(0);
    let code: number | undefined;
    const r = new ProcRunner(clock, { label: "x", onExit: (c) => (code = c) });
    r.start(function* (): Proc {
      yield { kind: "sleep", ms: 5 };
      throw new RangeError("Maximum call stack size exceeded");
    });
    clock.fireNext(10);
    expect(code).toBe(2);
  });
});

describe("LogBuffer", () => {
  it("splits lines per stream with their times and keeps a last partial line on flush", () => {
    const log = new LogBuffer();
    log.write("stdout", "a\nb", 1);
    log.write("stderr", "err\n", 2);
    log.write("stdout", "c\n", 3);
    log.flush(4);
    expect(log.entries().map((l) => [l.t, l.stream, l.text])).toEqual([
      [1, "stdout", "a"],
      [2, "stderr", "err"],
      [3, "stdout", "bc"],
    ]);
  });

  it("rotates away the oldest lines past its size limit, counting each line as the CRI file holds it", () => {
    const log = new LogBuffer(500);
    for (let i = 0; i < 1000; i++) log.write("stdout", `line ${i}\n`, i);
    const kept = log.entries();
    expect(kept.at(-1)?.text).toBe("line 999");
    const fileBytes = kept.reduce((n, l) => n + l.text.length + criLineOverhead(l.t, l.stream), 0);
    expect(fileBytes).toBeLessThanOrEqual(500);
    expect(fileBytes).toBeGreaterThan(500 - 50);
    expect(kept.length).toBe(log.size);
    expect(kept.length).toBeGreaterThan(5);
  });

  it("sizes a line as containerd writes it: RFC3339Nano time (zeros trimmed), stream, tag", () => {
    // 2026-01-01T00:00:01Z stdout F x\n
    expect(criLineOverhead(Date.parse("2026-01-01T00:00:01Z"), "stdout") + 1).toBe(
      "2026-01-01T00:00:01Z stdout F x\n".length,
    );
    expect(criLineOverhead(Date.parse("2026-01-01T00:00:01.5Z"), "stderr") + 1).toBe(
      "2026-01-01T00:00:01.5Z stderr F x\n".length,
    );
    expect(criLineOverhead(Date.parse("2026-01-01T00:00:01.007Z"), "stdout") + 1).toBe(
      "2026-01-01T00:00:01.007Z stdout F x\n".length,
    );
  });

  it("bounds a flood of short lines (10 MB of `y`) to the log limit", () => {
    const log = new LogBuffer();
    log.write("stdout", "y\n".repeat(5_000_000), 1_000);
    const kept = log.size;
    // Each line takes 32 bytes in the file (`2026-...:01Z stdout F y\n`): far fewer than 5M stay.
    expect(criLineOverhead(1_000, "stdout")).toBe(31);
    expect(kept).toBe(Math.floor(CONTAINER_LOG_MAX_BYTES / 32));
    expect(log.entries().at(-1)?.text).toBe("y");
  });

  it("keeps identical consecutive lines as one string", () => {
    const log = new LogBuffer();
    for (let i = 0; i < 3; i++) log.write("stdout", "tick\n", i * 1000);
    expect(log.entries().map((l) => [l.t, l.text])).toEqual([
      [0, "tick"],
      [1000, "tick"],
      [2000, "tick"],
    ]);
  });
});

describe("LogBuffer written ahead of the clock", () => {
  it("shows only the lines due by a time", () => {
    const log = new LogBuffer();
    for (let t = 0; t <= 5000; t += 1000) log.write(t % 2000 ? "stderr" : "stdout", `l${t}\n`, t);
    expect(log.entries(2000).map((l) => l.text)).toEqual(["l0", "l1000", "l2000"]);
    expect(log.entries(2999).map((l) => l.text)).toEqual(["l0", "l1000", "l2000"]);
    expect(log.entries(3000).at(-1)).toEqual({ t: 3000, stream: "stderr", text: "l3000" });
    expect(log.entries()).toHaveLength(6);
  });

  it("puts a line written at an earlier time than the last in its place", () => {
    const log = new LogBuffer();
    for (let t = 0; t <= 4000; t += 1000) log.write("stdout", `ahead ${t}\n`, t);
    log.write("stderr", "now\n", 2000);
    log.write("stderr", "first\n", 0);
    expect(log.entries(2000).map((l) => l.text)).toEqual([
      "ahead 0",
      "first",
      "ahead 1000",
      "ahead 2000",
      "now",
    ]);
    expect(log.entries().map((l) => l.t)).toEqual([0, 0, 1000, 2000, 2000, 3000, 4000]);
    log.dropAfter(2000);
    expect(log.entries().at(-1)?.text).toBe("now");
  });

  it("takes back the lines after a time, and what a partial line gained since", () => {
    const log = new LogBuffer(10_000);
    log.write("stdout", "a\n", 1000);
    log.write("stdout", "par", 1500);
    log.write("stderr", "e1\n", 2000);
    log.write("stdout", "tial", 2500);
    log.write("stdout", "b\nc\n", 3000);
    log.dropAfter(2000);
    log.flush(2000);
    expect(log.entries().map((l) => [l.t, l.stream, l.text])).toEqual([
      [1000, "stdout", "a"],
      [2000, "stderr", "e1"],
    ]);
    const log2 = new LogBuffer(10_000);
    log2.write("stdout", "x\n", 1000);
    log2.write("stdout", "par", 1500);
    log2.write("stdout", "tial", 2500);
    log2.dropAfter(2000);
    log2.flush(2000);
    expect(log2.entries().map((l) => [l.t, l.text])).toEqual([
      [1000, "x"],
      [2000, "par"],
    ]);
  });
});

describe("findProgram (execve through PATH)", () => {
  const sleepProgram: Program = () => 0;
  const shProgram: Program = (ctx) => (ctx.argv.includes("/app/run.sh") ? 42 : 1);
  const userland: Userland = {
    kind: "busybox",
    lookup: (name, path) =>
      (name === "sleep" && path === "/bin/sleep") || (name === "sh" && path === "/bin/sh")
        ? name === "sleep"
          ? sleepProgram
          : shProgram
        : undefined,
    names: () => ["sleep", "sh"],
  };
  const fs = new NodeFileSystem();
  fs.mkdir("/app", true);
  fs.write("/app/run.sh", "#!/bin/sh\necho hi\n");

  it("finds a program in PATH, by path, and runs scripts through their #! interpreter", () => {
    expect(findProgram("sleep", "/usr/bin:/bin", userland, fs)).toMatchObject({ argv0Path: "/bin/sleep" });
    expect(findProgram("/bin/sleep", "", userland, fs)).toMatchObject({ argv0Path: "/bin/sleep" });
    const script = findProgram("/app/run.sh", "/bin", userland, fs);
    expect("program" in script && script.program({ argv: ["/app/run.sh"] } as never)).toBe(42);
  });

  it("resolves a relative path against the working directory (hello-app's CMD ./hello-app in WORKDIR /app)", () => {
    expect(findProgram("./run.sh", "/bin", userland, fs, "/app")).toMatchObject({ argv0Path: "/app/run.sh" });
    expect(findProgram("../app/run.sh", "/bin", userland, fs, "/bin")).toMatchObject({
      argv0Path: "/app/run.sh",
    });
    expect(findProgram("./run.sh", "/bin", userland, fs, "/")).toEqual({
      message: 'exec: "./run.sh": stat ./run.sh: no such file or directory',
    });
  });

  it("words failures as runc does", () => {
    expect(findProgram("nginx", "/usr/bin:/bin", userland, fs)).toEqual({
      message: 'exec: "nginx": executable file not found in $PATH',
    });
    expect(findProgram("/usr/bin/nope", "/bin", userland, fs)).toEqual({
      message: 'exec: "/usr/bin/nope": stat /usr/bin/nope: no such file or directory',
    });
  });
});

describe("ContainerSandbox", () => {
  it("numbers PID 1 then exec'd processes, lists them and wakes waiters when a child exits", () => {
    const clock = new Clock(0);
    const net = {} as Network;
    const programs: Record<string, Program> = {
      sleep: (ctx) =>
        (function* (): Proc {
          yield { kind: "sleep", ms: Number(ctx.argv[1]) * 1000 };
          return 0;
        })(),
      ps: (ctx) => {
        for (const p of ctx.sys.processes()) ctx.stdout.write(`${p.pid} ${p.command}\n`);
        return 0;
      },
    };
    const sandbox = new ContainerSandbox({
      fs: new NodeFileSystem(),
      env: { PATH: "/bin" },
      cwd: "/",
      userland: { kind: "busybox", lookup: (n) => programs[n], names: () => Object.keys(programs) },
      network: net,
      listen: () => () => {},
      hostname: "web",
      user: { name: "root", uid: 0, gid: 0 },
      clock,
      label: "web",
    });
    const exits: number[] = [];
    const main = sandbox.spawn(["sleep", "10"], { stdout: { write() {} }, stderr: { write() {} } }, (c) =>
      exits.push(c),
    );
    expect("alive" in main && main.alive).toBe(true);
    let psOut = "";
    sandbox.spawn(["ps"], { stdout: { write: (t) => (psOut += t) }, stderr: { write() {} } }, () => {});
    expect(psOut).toBe("1 sleep 10\n7 ps\n");
    clock.fireNext(10_000);
    expect(exits).toEqual([0]);
  });
  it("keeps a process's comm through a new title, and takes the new program's on execve", () => {
    const clock = new Clock(0);
    const seen: string[] = [];
    const programs: Record<string, Program> = {
      entry: (ctx) =>
        (function* (): Proc {
          ctx.sys.execve?.(["/usr/sbin/nginx", "-g", "daemon off;"]);
          seen.push(
            ctx.sys
              .processes()
              .map((p) => `${p.pid} ${p.comm} ${p.command}`)
              .join("|"),
          );
          ctx.sys.setTitle?.("nginx: master process nginx");
          seen.push(
            ctx.sys
              .processes()
              .map((p) => `${p.pid} ${p.comm} ${p.command}`)
              .join("|"),
          );
          yield { kind: "sleep", ms: 1000 };
          return 0;
        })(),
    };
    const sandbox = new ContainerSandbox({
      fs: new NodeFileSystem(),
      env: { PATH: "/bin" },
      cwd: "/",
      userland: { kind: "busybox", lookup: (n) => programs[n], names: () => Object.keys(programs) },
      network: {} as Network,
      listen: () => () => {},
      hostname: "web",
      user: { name: "root", uid: 0, gid: 0 },
      clock,
      label: "web",
    });
    sandbox.spawn(["entry"], { stdout: { write() {} }, stderr: { write() {} } }, () => {});
    expect(seen).toEqual(["1 nginx /usr/sbin/nginx -g daemon off;", "1 nginx nginx: master process nginx"]);
  });
});
