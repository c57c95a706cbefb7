/**
 * How apt and dpkg print: apt-pkg's SizeToStr (strutl.cc), apt-private's ShowList (wrapped
 * before the 80th column: a name goes on the line while the line's names and spaces stay under
 * 77 characters), and dpkg's package and archive names.
 */
import type { PackageSpec } from "./data";

/** apt's SizeToStr with its unit: `151 kB`, `55.4 kB`, `10.6 MB`; grouped as `2,070 kB` on Ubuntu. */
export function sizeToStr(bytes: number, grouping = false): string {
  const units = ["", "k", "M", "G", "T"];
  let size = bytes;
  for (let i = 0; i < units.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${units[i]}B`;
    if (size < 10000) {
      const whole = Math.round(size);
      const text = grouping ? whole.toLocaleString("en-US") : String(whole);
      return `${text} ${units[i]}B`;
    }
    size /= 1000;
  }
  return `${Math.round(size)} PB`;
}

/** apt's ShowList: names after two spaces, wrapped before 80 columns. */
export function showList(names: readonly string[]): string {
  const lines: string[] = [];
  let line = " ";
  for (const n of names) {
    if (line.length + 1 + n.length > 79 && line.trim()) {
      lines.push(line);
      line = " ";
    }
    line += ` ${n}`;
  }
  if (line.trim()) lines.push(line);
  return lines.map((l) => `${l}\n`).join("");
}

/** A package name as dpkg prints it (`libcurl4:amd64` for a multi-arch library). */
export function dpkgName(name: string, spec: PackageSpec): string {
  return name.startsWith("lib") && spec.arch !== "all" ? `${name}:amd64` : name;
}

/** The .deb file name (`curl_7.88.1-10+deb12u8_amd64.deb`, the epoch's colon as %3a). */
export function debName(name: string, spec: PackageSpec): string {
  return `${name}_${spec.version.replace(":", "%3a")}_${spec.arch ?? "amd64"}.deb`;
}
