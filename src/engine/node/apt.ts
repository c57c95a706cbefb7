/**
 * apt on a kubeadm node, as far as the Kubernetes packages go: `apt-get update`, `apt-get install
 * PKG[=VERSION]` (versions may be globs, as the upgrade docs type `kubeadm='1.32.x-*'`), `apt-mark
 * hold|unhold|showhold`, `apt-cache madison|policy`. Installing changes dpkg's database
 * (packages.ts); what the new binaries do shows when they next run (kubeadm at once, the kubelet
 * after `systemctl restart kubelet`). Texts are apt 2.4's (Ubuntu 22.04).
 */
import type { ExecResult } from "./interface";
import {
  compareVersions,
  type InstalledPackage,
  installedPackages,
  PKGS_K8S_IO,
  PKGS_K8S_IO_CDN,
  REPOSITORY,
  writePackages,
} from "./packages";

/** The file system calls apt needs. */
interface Files {
  isFile(path: string): boolean;
  read(path: string): string;
  write(path: string, text: string): void;
  mkdir(path: string, parents?: boolean): void;
}

/** apt's exit status for an error (`E:` lines). */
const APT_ERROR = 100;

/** The repository as apt names it when it picks a version for a glob (origin:label). */
const REPOSITORY_LABEL = "isv:kubernetes:core:stable:v1.32:pkgs.k8s.io";

const READING =
  "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n";

/** The error for a package apt has never heard of. */
export const unableToLocate = (name: string) => `E: Unable to locate package ${name}\n`;
/** The error for a version the repository does not have. */
export const versionNotFound = (version: string, name: string) =>
  `E: Version '${version}' for '${name}' was not found\n`;
/** The error for a held package changed with -y. */
export const HELD_CHANGED =
  "E: Held packages were changed and -y was used without --allow-change-held-packages.\n";
/** The error for a downgrade with -y. */
export const DOWNGRADED = "E: Packages were downgraded and -y was used without --allow-downgrades.\n";

/** Whether a version matches a pattern apt accepts after `=`: exact, or a glob with `*` and `?`. */
function versionMatches(pattern: string, version: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === version;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(version);
}

/** `apt-get ARGS` (and `apt ARGS`, which takes the same verbs here). */
export function aptGet(fs: Files, args: string[]): ExecResult {
  const operands = args.filter((a) => !a.startsWith("-"));
  const flags = new Set(args.filter((a) => a.startsWith("-")));
  const verb = operands[0];
  if (!verb) return { stdout: "", stderr: "E: Invalid operation \n", exit: APT_ERROR };
  if (verb === "update")
    return {
      stdout: `Hit:1 ${PKGS_K8S_IO_CDN}  InRelease\nHit:2 http://archive.ubuntu.com/ubuntu jammy InRelease\nHit:3 http://archive.ubuntu.com/ubuntu jammy-updates InRelease\nHit:4 http://archive.ubuntu.com/ubuntu jammy-backports InRelease\nHit:5 http://security.ubuntu.com/ubuntu jammy-security InRelease\nReading package lists... Done\n`,
      stderr: "",
      exit: 0,
    };
  if (verb !== "install") return { stdout: "", stderr: `E: Invalid operation ${verb}\n`, exit: APT_ERROR };
  const yes = flags.has("-y") || flags.has("--yes") || flags.has("--assume-yes") || flags.has("-qy");
  return install(fs, operands.slice(1), {
    yes,
    allowHeld: flags.has("--allow-change-held-packages"),
    allowDowngrades: flags.has("--allow-downgrades"),
  });
}

interface InstallOptions {
  yes: boolean;
  allowHeld: boolean;
  allowDowngrades: boolean;
}

/** One package the install changes. */
interface Change {
  name: string;
  from?: string;
  to: string;
  size: string;
  held: boolean;
}

function install(fs: Files, specs: string[], o: InstallOptions): ExecResult {
  const installed = installedPackages(fs);
  let stdout = READING;
  const changes: Change[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const pattern = eq < 0 ? undefined : spec.slice(eq + 1);
    const versions = REPOSITORY[name];
    if (!versions) return { stdout, stderr: unableToLocate(name), exit: APT_ERROR };
    const chosen =
      pattern === undefined ? versions[0] : versions.find((v) => versionMatches(pattern, v.version));
    if (!chosen) return { stdout, stderr: versionNotFound(pattern as string, name), exit: APT_ERROR };
    if (pattern !== undefined && /[*?]/.test(pattern))
      stdout += `Selected version '${chosen.version}' (${REPOSITORY_LABEL} [amd64]) for '${name}'\n`;
    const have = installed.find((p) => p.name === name);
    if (have?.version === chosen.version) {
      stdout += `${name} is already the newest version (${chosen.version}).\n`;
      continue;
    }
    if (!changes.some((c) => c.name === name))
      changes.push({
        name,
        from: have?.version,
        to: chosen.version,
        size: chosen.sizeText,
        held: have?.hold ?? false,
      });
  }
  const upgraded = changes.filter((c) => c.from && compareVersions(c.to, c.from) > 0);
  const downgraded = changes.filter((c) => c.from && compareVersions(c.to, c.from) < 0);
  const fresh = changes.filter((c) => !c.from);
  const held = changes.filter((c) => c.held);
  const notUpgraded = installed.filter((p) => {
    if (changes.some((c) => c.name === p.name)) return false;
    const newest = REPOSITORY[p.name]?.[0]?.version;
    return newest !== undefined && compareVersions(newest, p.version) > 0;
  }).length;
  const list = (cs: Change[]) => `  ${cs.map((c) => c.name).join(" ")}\n`;
  if (held.length) stdout += `The following held packages will be changed:\n${list(held)}`;
  if (fresh.length) stdout += `The following NEW packages will be installed:\n${list(fresh)}`;
  if (upgraded.length) stdout += `The following packages will be upgraded:\n${list(upgraded)}`;
  if (downgraded.length) stdout += `The following packages will be DOWNGRADED:\n${list(downgraded)}`;
  stdout += `${upgraded.length} upgraded, ${fresh.length} newly installed, ${downgraded.length > 0 ? `${downgraded.length} downgraded, ` : ""}0 to remove and ${notUpgraded} not upgraded.\n`;
  if (changes.length === 0) return { stdout, stderr: "", exit: 0 };
  if (held.length && !o.allowHeld) {
    if (o.yes) return { stdout, stderr: HELD_CHANGED, exit: APT_ERROR };
    return { stdout: `${stdout}Do you want to continue? [Y/n] Abort.\n`, stderr: "", exit: 1 };
  }
  if (downgraded.length && !o.allowDowngrades) {
    if (o.yes) return { stdout, stderr: DOWNGRADED, exit: APT_ERROR };
    return { stdout: `${stdout}Do you want to continue? [Y/n] Abort.\n`, stderr: "", exit: 1 };
  }
  const total = changes.reduce((n, c) => n + Number.parseFloat(c.size), 0);
  stdout += `Need to get ${total.toFixed(1)} MB of archives.\nAfter this operation, 0 B of additional disk space will be used.\n`;
  changes.forEach((c, i) => {
    stdout += `Get:${i + 1} ${PKGS_K8S_IO_CDN}  ${c.name} ${c.to} [${c.size}]\n`;
  });
  stdout += `Fetched ${total.toFixed(1)} MB in 1s (${total.toFixed(1)} MB/s)\n`;
  for (const c of downgraded) stdout += `dpkg: warning: downgrading ${c.name} from ${c.from} to ${c.to}\n`;
  stdout += "(Reading database ... 20480 files and directories currently installed.)\n";
  for (const c of changes) {
    stdout += `Preparing to unpack .../${c.name}_${c.to}_amd64.deb ...\n`;
    stdout += c.from
      ? `Unpacking ${c.name} (${c.to}) over (${c.from}) ...\n`
      : `Unpacking ${c.name} (${c.to}) ...\n`;
  }
  for (const c of changes) stdout += `Setting up ${c.name} (${c.to}) ...\n`;
  const next: InstalledPackage[] = installed.map((p) => {
    const c = changes.find((x) => x.name === p.name);
    return c ? { ...p, version: c.to } : p;
  });
  for (const c of fresh) next.push({ name: c.name, version: c.to, hold: false });
  writePackages(fs, next);
  return { stdout, stderr: "", exit: 0 };
}

/** `apt-mark hold|unhold|showhold PKG...`. */
export function aptMark(fs: Files, args: string[]): ExecResult {
  const operands = args.filter((a) => !a.startsWith("-"));
  const verb = operands[0];
  const names = operands.slice(1);
  const installed = installedPackages(fs);
  if (verb === "showhold")
    return {
      stdout: installed
        .filter((p) => p.hold && (names.length === 0 || names.includes(p.name)))
        .map((p) => `${p.name}\n`)
        .join(""),
      stderr: "",
      exit: 0,
    };
  if (verb !== "hold" && verb !== "unhold")
    return { stdout: "", stderr: `E: Invalid operation ${verb ?? ""}\n`, exit: APT_ERROR };
  if (names.length === 0) return { stdout: "", stderr: "E: No packages found\n", exit: APT_ERROR };
  let stdout = "";
  for (const name of names) {
    const p = installed.find((x) => x.name === name);
    if (!p) return { stdout, stderr: unableToLocate(name), exit: APT_ERROR };
    if (verb === "hold") {
      stdout += p.hold ? `${name} was already set on hold.\n` : `${name} set on hold.\n`;
      p.hold = true;
    } else {
      stdout += p.hold ? `Canceled hold on ${name}.\n` : `${name} was already not on hold.\n`;
      p.hold = false;
    }
  }
  writePackages(fs, installed);
  return { stdout, stderr: "", exit: 0 };
}

/** `apt-cache madison|policy PKG...`. */
export function aptCache(fs: Files, args: string[]): ExecResult {
  const operands = args.filter((a) => !a.startsWith("-"));
  const verb = operands[0];
  const names = operands.slice(1);
  if (verb === "madison") {
    let stdout = "";
    let stderr = "";
    for (const name of names) {
      const versions = REPOSITORY[name];
      if (!versions) {
        stderr += `N: Unable to locate package ${name}\n`;
        continue;
      }
      for (const v of versions)
        stdout += `${name.padStart(10)} | ${v.version.padStart(10)} | ${PKGS_K8S_IO}  Packages\n`;
    }
    return { stdout, stderr, exit: 0 };
  }
  if (verb === "policy") {
    const installed = installedPackages(fs);
    let stdout = "";
    for (const name of names) {
      const versions = REPOSITORY[name];
      if (!versions) continue;
      const have = installed.find((p) => p.name === name);
      stdout += `${name}:\n  Installed: ${have?.version ?? "(none)"}\n  Candidate: ${versions[0]?.version}\n  Version table:\n`;
      for (const v of versions) {
        const mine = v.version === have?.version;
        stdout += `${mine ? " *** " : "     "}${v.version} 500\n        500 ${PKGS_K8S_IO}  Packages\n`;
        if (mine) stdout += "        100 /var/lib/dpkg/status\n";
      }
    }
    return { stdout, stderr: "", exit: 0 };
  }
  return { stdout: "", stderr: `E: Invalid operation ${verb ?? ""}\n`, exit: APT_ERROR };
}
