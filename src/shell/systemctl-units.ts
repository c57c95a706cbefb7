/**
 * `systemctl list-units` as systemd 249 prints it (systemctl-list-units.c output_units_list):
 * a dot column (● for a failed unit), UNIT, LOAD, ACTIVE, SUB and DESCRIPTION one space apart,
 * the legend and the count line. Only the units the node models are listed.
 */
import type { UnitState } from "../engine/node/interface";

/** What list-units shows: --type, patterns, --state, --all, --no-legend. */
export interface ListUnitsOptions {
  types: string[];
  patterns: string[];
  states: string[];
  all: boolean;
  legend: boolean;
}

function glob(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`);
}

/** The list-units table of units. */
export function listUnits(units: UnitState[], o: ListUnitsOptions): string {
  const rows = units.filter(
    (u) =>
      (o.types.length === 0 || o.types.some((t) => u.name.endsWith(`.${t}`))) &&
      (o.patterns.length === 0 || o.patterns.some((p) => glob(p).test(u.name))) &&
      (o.states.length > 0
        ? o.states.some((s) => [u.load, u.active, u.sub].includes(s))
        : o.all || u.active !== "inactive"),
  );
  const table = [
    ["", "UNIT", "LOAD", "ACTIVE", "SUB", "DESCRIPTION"],
    ...rows.map((u) => [u.active === "failed" ? "●" : " ", u.name, u.load, u.active, u.sub, u.description]),
  ].slice(o.legend ? 0 : 1);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(1, ...table.map((r) => (r[i] as string).length)));
  const lines = table.map((r) =>
    r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] as number) : cell)).join(" "),
  );
  let out = lines.length ? `${lines.join("\n")}\n` : "";
  if (!o.legend) return out;
  if (rows.length > 0)
    out +=
      "\nLOAD   = Reflects whether the unit definition was properly loaded.\n" +
      "ACTIVE = The high-level unit activation state, i.e. generalization of SUB.\n" +
      "SUB    = The low-level unit activation state, values depend on unit type.\n";
  if (o.all || o.states.includes("inactive"))
    out += `${rows.length} loaded units listed.\nTo show all installed unit files use 'systemctl list-unit-files'.\n`;
  else if (o.states.length === 0)
    out += `${rows.length} loaded units listed. Pass --all to see loaded but inactive units, too.\nTo show all installed unit files use 'systemctl list-unit-files'.\n`;
  else out += `${rows.length} loaded units listed.\n`;
  return out;
}
