/**
 * The kernel files' values. cpu.max and cpu.weight follow the kubelet's MilliCPUToQuota and
 * MilliCPUToShares (pkg/kubelet/cm/helpers_linux.go, period 100000 µs, MinShares 2) and runc's
 * ConvertCPUSharesToCgroupV2Value (libcontainer/cgroups/utils.go): 1 + ((shares-2)*9999)/262142.
 */
import { describe, expect, it } from "vitest";
import { cpuMax, cpuWeight, devFs, type KernelView, meminfo, procFs } from "./kernelfs";

const view: KernelView = {
  now: () => 5_000,
  bootMs: 0,
  processes: () => [
    { pid: 1, user: "root", command: "sleep 3600", argv: ["sleep", "3600"], startedMs: 0 },
    { pid: 7, user: "root", command: "sh -c ls", argv: ["sh", "-c", "ls"], startedMs: 0 },
  ],
  env: { PATH: "/bin", HOSTNAME: "web" },
  node: { cpus: 2, memoryBytes: 4 * 1024 ** 3 },
  limits: {},
  memoryUsage: () => 0,
  hostname: "web",
  kernelRelease: "5.15.0-1083-gcp",
  random: () => 0.5,
};

describe("cgroup v2 values", () => {
  it("cpu.max from the CPU limit", () => {
    expect([undefined, 500, 1000, 250, 1].map(cpuMax)).toEqual([
      "max 100000",
      "50000 100000",
      "100000 100000",
      "25000 100000",
      "1000 100000",
    ]);
  });
  it("cpu.weight from the CPU request", () => {
    // shares 2 → 1, 102 → 4, 512 → 20, 1024 → 39 (runc's table in its tests: 1024 shares → 39).
    expect([undefined, 100, 500, 1000].map(cpuWeight)).toEqual([1, 4, 20, 39]);
  });
});

describe("/proc", () => {
  const proc = procFs(view, () => "");
  it("each process's cmdline is its argv, NUL-terminated; environ the container's", () => {
    expect(proc.read("/1/cmdline")).toBe("sleep\x003600\x00");
    expect(proc.read("/self/cmdline")).toBe("sh\x00-c\x00ls\x00");
    expect(proc.read("/7/environ")).toBe("PATH=/bin\x00HOSTNAME=web\x00");
    expect(proc.read("/1/comm")).toBe("sleep\n");
    expect(proc.list("/")).toEqual(expect.arrayContaining(["1", "7", "self", "meminfo", "uptime"]));
    expect(proc.exists("/2")).toBe(false);
  });
  it("uptime from the virtual clock, meminfo from the node", () => {
    expect(proc.read("/uptime")).toBe("5.00 10.00\n");
    expect(meminfo(4 * 1024 ** 3, 0).split("\n")[0]).toBe("MemTotal:        4194304 kB");
  });
  it("self, thread-self, root and fd/N are symbolic links, as proc(5) describes them", () => {
    expect(proc.stat("/self")).toMatchObject({ type: "dir", link: "7" });
    expect(proc.stat("/thread-self")?.link).toBe("7/task/7");
    expect(proc.stat("/1/fd/0")?.link).toBe("/dev/null");
    expect(proc.stat("/1/fd/1")?.link).toMatch(/^pipe:\[\d+\]$/);
    expect(proc.stat("/1")?.link).toBeUndefined();
    expect(proc.stat("/meminfo")?.link).toBeUndefined();
  });
  it("refuses writes", () => {
    expect(() => proc.write("/meminfo", "x")).toThrow("/meminfo: Permission denied");
  });
});

describe("/dev", () => {
  const dev = devFs(view);
  it("null reads empty and swallows writes; zero and urandom give what is asked", () => {
    expect(dev.read("/null")).toBe("");
    dev.write("/null", "gone");
    expect(dev.readAt("/zero", 0, 100)).toBe("\0".repeat(100));
    expect(dev.readAt("/urandom", 0, 4)).toBe("@@@@");
    expect(dev.read("/zero").length).toBe(1024 * 1024);
    expect(() => dev.write("/full", "x")).toThrow("No space left on device");
  });
});
