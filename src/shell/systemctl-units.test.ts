// systemd 249 src/systemctl/systemctl-list-units.c output_units_list: the dot column, one space
// between columns, the legend and the count line (which names --all unless it was given).
import { describe, expect, it } from "vitest";
import type { UnitState } from "../engine/node/interface";
import { listUnits } from "./systemctl-units";

const units: UnitState[] = [
  {
    name: "containerd.service",
    load: "loaded",
    active: "active",
    sub: "running",
    description: "containerd container runtime",
  },
  {
    name: "kubelet.service",
    load: "loaded",
    active: "failed",
    sub: "failed",
    description: "kubelet: The Kubernetes Node Agent",
  },
];
const base = { types: [], patterns: [], states: [], all: false, legend: true };

describe("systemctl list-units", () => {
  it("marks a failed unit with ● and counts the rows", () => {
    expect(listUnits(units, base)).toBe(
      [
        "  UNIT               LOAD   ACTIVE SUB     DESCRIPTION",
        "  containerd.service loaded active running containerd container runtime",
        "● kubelet.service    loaded failed failed  kubelet: The Kubernetes Node Agent",
        "",
        "LOAD   = Reflects whether the unit definition was properly loaded.",
        "ACTIVE = The high-level unit activation state, i.e. generalization of SUB.",
        "SUB    = The low-level unit activation state, values depend on unit type.",
        "2 loaded units listed. Pass --all to see loaded but inactive units, too.",
        "To show all installed unit files use 'systemctl list-unit-files'.",
        "",
      ].join("\n"),
    );
  });

  it("--state filters on LOAD, ACTIVE or SUB and ends with the bare count", () => {
    expect(
      listUnits(units, { ...base, states: ["running"], legend: true })
        .split("\n")
        .at(-2),
    ).toBe("1 loaded units listed.");
    expect(listUnits(units, { ...base, patterns: ["kube*"], legend: false })).toBe(
      "● kubelet.service loaded failed failed kubelet: The Kubernetes Node Agent\n",
    );
  });
});
