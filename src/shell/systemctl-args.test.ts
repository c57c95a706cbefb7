// systemctl.c systemctl_parse_argv: options with values stay apart from the verb and units;
// systemd's format_timespan at millisecond accuracy (time-util.c) for the CPU line of status.
import { describe, expect, it } from "vitest";
import { listUnitFiles, systemdTimespanMs } from "../engine/kubelet/host";
import { parseSystemctlArgs } from "./systemctl-args";

describe("systemctl arguments", () => {
  it("--type service, -t service and --type=service,socket are options, not units", () => {
    expect(parseSystemctlArgs(["list-unit-files", "--type", "service", "--all"])).toEqual({
      operands: ["list-unit-files"],
      types: ["service"],
      legend: true,
      states: [],
      all: true,
    });
    expect(parseSystemctlArgs(["list-units", "--state=running,failed", "-a"])).toMatchObject({
      states: ["running", "failed"],
      all: true,
    });
    expect(parseSystemctlArgs(["-t", "service", "list-units"]).operands).toEqual(["list-units"]);
    expect(parseSystemctlArgs(["--type=service,socket", "--no-legend", "list-unit-files"])).toMatchObject({
      types: ["service", "socket"],
      legend: false,
    });
    expect(parseSystemctlArgs(["status", "kubelet", "-l", "--no-pager"]).operands).toEqual([
      "status",
      "kubelet",
    ]);
  });

  it("list-unit-files pads columns to their widest cell and counts the rows (systemd 249)", () => {
    expect(listUnitFiles([], ["kube*"])).toBe(
      "UNIT FILE       STATE   VENDOR PRESET\nkubelet.service enabled enabled\n\n1 unit files listed.\n",
    );
    expect(listUnitFiles(["socket"], [])).toBe("0 unit files listed.\n");
  });

  it("format_timespan: ms below a second, trailing zeros trimmed, minutes and hours", () => {
    expect(systemdTimespanMs(845)).toBe("845ms");
    expect(systemdTimespanMs(3095)).toBe("3.095s");
    expect(systemdTimespanMs(3100)).toBe("3.1s");
    expect(systemdTimespanMs(62_500)).toBe("1min 2.5s");
    expect(systemdTimespanMs(3_723_400)).toBe("1h 2min 3.4s");
  });
});
