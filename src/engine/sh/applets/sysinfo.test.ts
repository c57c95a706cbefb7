/** mount's table from /proc/mounts (`SOURCE on TARGET type TYPE (OPTIONS)`) and busybox ip addr's layout. */
import { describe, expect, it } from "vitest";
import { ip, mount } from "./sysinfo";
import { run, testSystem } from "./testing";

const MOUNTS = "overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid 0 0\n";

describe("mount", () => {
  it("prints the table, filtered by -t", () => {
    expect(run(mount("gnu"), ["mount"], { files: { "/proc/mounts": MOUNTS } }).stdout).toBe(
      "overlay on / type overlay (rw,relatime)\nproc on /proc type proc (rw,nosuid)\n",
    );
    expect(run(mount("busybox"), ["mount", "-t", "proc"], { files: { "/proc/mounts": MOUNTS } }).stdout).toBe(
      "proc on /proc type proc (rw,nosuid)\n",
    );
  });
  it("cannot mount in a container", () => {
    expect(run(mount("busybox"), ["mount", "/dev/sda1", "/mnt"])).toMatchObject({
      stderr: "mount: permission denied (are you root?)\n",
      exit: 255,
    });
    expect(run(mount("gnu"), ["mount", "/dev/sda1", "/mnt"]).exit).toBe(32);
  });
});

describe("ip addr", () => {
  it("shows lo and eth0 with the pod's address in its /24", () => {
    const out = run(ip("busybox"), ["ip", "-4", "addr"], { sys: testSystem() }).stdout;
    expect(out).toBe(
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\n       valid_lft forever preferred_lft forever\n",
    );
    expect(run(ip("busybox"), ["ip", "a"]).stdout).toMatch(/link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd/);
    expect(run(ip("busybox"), ["ip", "route"]).exit).toBe(1);
  });
});
