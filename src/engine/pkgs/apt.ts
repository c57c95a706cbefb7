/**
 * apt-get and apt inside Debian 12 (bookworm) and Ubuntu 24.04 (noble) containers: `update`,
 * `install [-y] [--no-install-recommends] PKG...`, `remove [-y] PKG...`. The image's lists are
 * empty (its Dockerfile removed them), so install finds nothing until update; update fills
 * /var/lib/apt/lists, install writes dpkg's status and the package's programs into the
 * container's layer (dpkgdb.ts, install.ts). The mirrors are reachable (README: the package
 * mirrors are the one deliberate exception to the cluster having no internet).
 * Texts: apt's apt-private/private-install.cc, private-output.cc (ShowList, "Need to get"),
 * apt-pkg/contrib/strutl.cc SizeToStr, acquire-item "Get:%lu %s [%s]", dpkg's unpack messages.
 */
import { unableToLocate } from "../node/apt";
import type { CommandContext, FileSystem, Program } from "../sh/interface";
import { debName, dpkgName, showList, sizeToStr } from "./aptformat";
import {
  BOOKWORM,
  BOOKWORM_BASE,
  BOOKWORM_DATABASE_FILES,
  BOOKWORM_LISTS,
  NOBLE,
  NOBLE_BASE,
  NOBLE_DATABASE_FILES,
  NOBLE_LISTS,
  type PackageIndex,
  type PackageSpec,
} from "./data";
import { APT_LISTS, listFileName, listsUpdated, readStatus, writeStatus } from "./dpkgdb";
import { fsReason, installOrder, offered, removePrograms, writePrograms } from "./install";
import { type Pacer, paced } from "./pacing";

/** apt's exit status for errors. */
const EXIT_APT = 100;

/** `apt` run with output to a pipe warns first (apt-private/private-cmndline.cc). */
export const APT_UNSTABLE_CLI =
  "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n";

/** A release's archive as apt sees it. */
interface Release {
  index: PackageIndex;
  base: PackageIndex;
  lists: readonly { url: string; size: number }[];
  /** `http://deb.debian.org/debian bookworm` for Get lines of packages. */
  archive: string;
  suite: string;
  databaseFiles: number;
  /** Ubuntu's apt groups thousands (`2,070 kB`), Debian's does not (`1090 kB`). */
  grouping: boolean;
  /** ca-certificates' certificate count at its first setup. */
  certificates: number;
}

const BOOKWORM_RELEASE: Release = {
  index: BOOKWORM,
  base: BOOKWORM_BASE,
  lists: BOOKWORM_LISTS,
  archive: "http://deb.debian.org/debian",
  suite: "bookworm",
  databaseFiles: BOOKWORM_DATABASE_FILES,
  grouping: false,
  certificates: 142,
};

const NOBLE_RELEASE: Release = {
  index: NOBLE,
  base: NOBLE_BASE,
  lists: NOBLE_LISTS,
  archive: "http://archive.ubuntu.com/ubuntu",
  suite: "noble",
  databaseFiles: NOBLE_DATABASE_FILES,
  grouping: true,
  certificates: 146,
};

/** The release a container runs, from its /etc/os-release (Ubuntu → noble, else bookworm). */
function releaseOf(fs: FileSystem): Release {
  try {
    if (/^ID=ubuntu$/m.test(fs.read("/etc/os-release"))) return NOBLE_RELEASE;
  } catch {
    // no os-release: Debian
  }
  return BOOKWORM_RELEASE;
}

/** Whether apt's progress lines end with ` Done` (a terminal) or not (a pipe). */
function terminal(ctx: CommandContext): boolean {
  return Boolean(ctx.env.TERM) && ctx.env.TERM !== "dumb";
}

function readingLists(ctx: CommandContext, withTree: boolean): void {
  const done = terminal(ctx) ? " Done" : "";
  ctx.stdout.write(`Reading package lists...${done}\n`);
  if (withTree) {
    ctx.stdout.write(`Building dependency tree...${done}\n`);
    ctx.stdout.write(`Reading state information...${done}\n`);
  }
}

/** errno numbers of the reasons a lock file cannot be opened. */
const ERRNO: Record<string, number> = { "Permission denied": 13, "Read-only file system": 30 };

/**
 * Opens apt's lock (lists for update, dpkg's frontend lock otherwise) as root in a writable
 * layer; else prints apt's lock errors and returns its exit status.
 */
function lock(ctx: CommandContext, update: boolean): number | undefined {
  const file = update ? `${APT_LISTS}/lock` : "/var/lib/dpkg/lock-frontend";
  let reason = "Permission denied";
  if (ctx.sys.user().uid === 0) {
    try {
      ctx.fs.mkdir(file.slice(0, file.lastIndexOf("/")), true);
      ctx.fs.write(file, "");
      return undefined;
    } catch (e) {
      reason = fsReason(e);
    }
  }
  ctx.stderr.write(`E: Could not open lock file ${file} - open (${ERRNO[reason] ?? 13}: ${reason})\n`);
  ctx.stderr.write(
    update
      ? `E: Unable to lock directory ${APT_LISTS}/\n`
      : "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n",
  );
  return EXIT_APT;
}

function update(ctx: CommandContext, pacer: Pacer, apt: boolean): number {
  const locked = lock(ctx, true);
  if (locked !== undefined) return locked;
  const r = releaseOf(ctx.fs);
  let total = 0;
  try {
    ctx.fs.mkdir(APT_LISTS, true);
    r.lists.forEach((l, i) => {
      pacer.wait(Math.round(UPDATE_MS / r.lists.length));
      ctx.stdout.write(`Get:${i + 1} ${l.url} [${sizeToStr(l.size, r.grouping)}]\n`);
      ctx.fs.write(`${APT_LISTS}/${listFileName(l.url)}`, "");
      total += l.size;
    });
  } catch (e) {
    ctx.stderr.write(`E: Unable to write to ${APT_LISTS}/: ${fsReason(e)}\n`);
    return EXIT_APT;
  }
  ctx.stdout.write(
    `Fetched ${sizeToStr(total, r.grouping)} in 1s (${sizeToStr(Math.round(total / 1.3), r.grouping)}/s)\n`,
  );
  readingLists(ctx, apt);
  if (apt) ctx.stdout.write("All packages are up to date.\n");
  return 0;
}

interface InstallOptions {
  yes: boolean;
  recommends: boolean;
  names: string[];
}

function parseInstall(args: string[]): InstallOptions {
  const o: InstallOptions = { yes: false, recommends: true, names: [] };
  for (const a of args) {
    if (a === "-y" || a === "--yes" || a === "--assume-yes") o.yes = true;
    else if (a === "--no-install-recommends") o.recommends = false;
    else if (a.startsWith("-")) continue;
    else o.names.push(a.replace(/=.*$/, ""));
  }
  return o;
}

/** Asks `Do you want to continue? [Y/n]` unless -y; no answer (a closed stdin) aborts. */
function confirm(ctx: CommandContext, yes: boolean): boolean {
  if (yes) return true;
  ctx.stdout.write("Do you want to continue? [Y/n] ");
  const answer = (ctx.stdin.split("\n")[0] ?? "").trim();
  if (answer === "" && ctx.stdin === "") {
    ctx.stdout.write("Abort.\n");
    return false;
  }
  if (answer === "" || /^y(es)?$/i.test(answer)) return true;
  ctx.stdout.write("Abort.\n");
  return false;
}

function install(ctx: CommandContext, pacer: Pacer, args: string[]): number {
  const locked = lock(ctx, false);
  if (locked !== undefined) return locked;
  const r = releaseOf(ctx.fs);
  const o = parseInstall(args);
  readingLists(ctx, true);
  const installed = readStatus(ctx.fs, r.base);
  const updated = listsUpdated(ctx.fs);
  for (const n of o.names)
    if (!installed.has(n) && (!updated || !offered(r.index, n))) {
      ctx.stderr.write(unableToLocate(n));
      return EXIT_APT;
    }
  for (const n of o.names)
    if (installed.has(n)) ctx.stdout.write(`${n} is already the newest version (${installed.get(n)}).\n`);
  const order = installOrder(r.index, o.names, new Set(installed.keys()), { recommends: o.recommends });
  if (!order.length) {
    ctx.stdout.write("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    return 0;
  }
  const spec = (n: string) => r.index[n] as PackageSpec;
  const additional = order.filter((n) => !o.names.includes(n));
  if (additional.length) {
    ctx.stdout.write("The following additional packages will be installed:\n");
    ctx.stdout.write(showList([...additional].sort()));
  }
  // DoInstall: over the packages to install in name order, each Recommends/Suggests group once,
  // unless one of its alternatives is installed or being installed; an alternative is `| name`.
  const named = (field: "suggests" | "recommends") => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const n of [...order].sort())
      for (const group of spec(n)[field] ?? []) {
        if (seen.has(group)) continue;
        seen.add(group);
        const alternatives = group.split(" | ");
        if (alternatives.some((a) => order.includes(a) || installed.has(a))) continue;
        out.push(...alternatives.map((a, i) => (i ? `| ${a}` : a)));
      }
    return out;
  };
  const suggested = named("suggests");
  if (suggested.length) ctx.stdout.write(`Suggested packages:\n${showList(suggested)}`);
  const recommended = o.recommends ? [] : named("recommends");
  if (recommended.length) ctx.stdout.write(`Recommended packages:\n${showList(recommended)}`);
  ctx.stdout.write("The following NEW packages will be installed:\n");
  ctx.stdout.write(showList([...order].sort()));
  ctx.stdout.write(`0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  const download = order.reduce((s, n) => s + (spec(n).download ?? 0), 0);
  const size = order.reduce((s, n) => s + spec(n).size, 0) * 1024;
  ctx.stdout.write(`Need to get ${sizeToStr(download, r.grouping)} of archives.\n`);
  ctx.stdout.write(
    `After this operation, ${sizeToStr(size, r.grouping)} of additional disk space will be used.\n`,
  );
  if (additional.length && !confirm(ctx, o.yes)) return 1;
  order.forEach((n, i) => {
    const s = spec(n);
    const pocket = s.pocket ?? r.suite;
    const section = /universe/.test(pocket) ? "universe" : "main";
    ctx.stdout.write(
      `Get:${i + 1} ${r.archive} ${pocket}/${section} amd64 ${n} ${s.arch ?? "amd64"} ${s.version} [${sizeToStr(s.download ?? 0, r.grouping)}]\n`,
    );
    pacer.wait(Math.round((s.download ?? 0) / DOWNLOAD_BYTES_PER_MS));
  });
  ctx.stderr.write("debconf: delaying package configuration, since apt-utils is not installed\n");
  ctx.stdout.write(
    `Fetched ${sizeToStr(download, r.grouping)} in 0s (${sizeToStr(Math.round(download * 8.5), r.grouping)}/s)\n`,
  );
  try {
    order.forEach((n, i) => {
      const s = spec(n);
      ctx.stdout.write(`Selecting previously unselected package ${dpkgName(n, s)}.\n`);
      if (i === 0)
        ctx.stdout.write(
          `(Reading database ... ${r.databaseFiles} files and directories currently installed.)\n`,
        );
      const prefix = order.length > 1 ? `${String(i).padStart(2, "0")}-` : "";
      ctx.stdout.write(`Preparing to unpack .../${prefix}${debName(n, s)} ...\n`);
      ctx.stdout.write(`Unpacking ${dpkgName(n, s)} (${s.version}) ...\n`);
      pacer.wait(20 + Math.round(s.size / 256));
      writePrograms(ctx.fs, s);
      installed.set(n, s.version);
    });
    writeStatus(ctx.fs, installed);
  } catch (e) {
    ctx.stderr.write(`dpkg: error: ${fsReason(e)}\n`);
    return EXIT_APT;
  }
  for (const n of order) {
    const s = spec(n);
    ctx.stdout.write(`Setting up ${dpkgName(n, s)} (${s.version}) ...\n`);
    pacer.wait(10);
    if (n === "ca-certificates")
      ctx.stdout.write(
        `Updating certificates in /etc/ssl/certs...\n${r.certificates} added, 0 removed; done.\n`,
      );
  }
  if (order.some((n) => n.startsWith("lib")))
    ctx.stdout.write(`Processing triggers for libc-bin (${installed.get("libc-bin")}) ...\n`);
  if (order.includes("ca-certificates"))
    ctx.stdout.write(
      `Processing triggers for ca-certificates (${installed.get("ca-certificates")}) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n`,
    );
  return 0;
}

function remove(ctx: CommandContext, args: string[]): number {
  const locked = lock(ctx, false);
  if (locked !== undefined) return locked;
  const r = releaseOf(ctx.fs);
  const o = parseInstall(args);
  readingLists(ctx, true);
  const installed = readStatus(ctx.fs, r.base);
  for (const n of o.names)
    if (!installed.has(n) && !(listsUpdated(ctx.fs) && r.index[n])) {
      ctx.stderr.write(unableToLocate(n));
      return EXIT_APT;
    }
  const removing = o.names.filter((n) => installed.has(n));
  for (const n of o.names)
    if (!installed.has(n)) ctx.stdout.write(`Package '${n}' is not installed, so not removed\n`);
  if (!removing.length) {
    ctx.stdout.write("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    return 0;
  }
  ctx.stdout.write("The following packages will be REMOVED:\n");
  ctx.stdout.write(showList([...removing].sort()));
  ctx.stdout.write(`0 upgraded, 0 newly installed, ${removing.length} to remove and 0 not upgraded.\n`);
  const freed = removing.reduce((s, n) => s + (r.index[n]?.size ?? 0), 0) * 1024;
  ctx.stdout.write(`After this operation, ${sizeToStr(freed, r.grouping)} disk space will be freed.\n`);
  if (removing.length > o.names.length && !confirm(ctx, o.yes)) return 1;
  ctx.stdout.write(`(Reading database ... ${r.databaseFiles} files and directories currently installed.)\n`);
  for (const n of removing) {
    const s = r.index[n];
    ctx.stdout.write(`Removing ${s ? dpkgName(n, s) : n} (${installed.get(n)}) ...\n`);
    if (s) removePrograms(ctx.fs, s);
    installed.delete(n);
  }
  writeStatus(ctx.fs, installed);
  return 0;
}

/** apt's quiet level from -q, -qq, -q=N, --quiet (2 and up print nothing but errors). */
function quietLevel(args: readonly string[]): number {
  let level = 0;
  for (const a of args) {
    if (/^-q+$/.test(a)) level += a.length - 1;
    else if (a === "--quiet") level++;
    else if (/^(-q|--quiet)=\d+$/.test(a)) level = Number(a.split("=")[1]);
  }
  return level;
}

/** An output that drops what is written (apt -qq). */
const SILENT = { write: () => {} };

/** How long apt-get update takes to fetch the lists (its `Fetched ... in 1s`). */
const UPDATE_MS = 1100;
/** Download speed from the mirror: 10 MB/s. */
const DOWNLOAD_BYTES_PER_MS = 10_000;

/** apt-get, or apt when `apt` is true (its pipe warning and update summary). */
export function aptProgram(apt: boolean): Program {
  return (outer) => paced(outer, (ctx, pacer) => aptMain(ctx, pacer, apt));
}

/** One apt-get or apt command line, writing through the pacer's outputs. */
function aptMain(outer: CommandContext, pacer: Pacer, apt: boolean): number {
  const ctx = quietLevel(outer.argv) >= 2 ? { ...outer, stdout: SILENT } : outer;
  const argv = ctx.argv.slice(1);
  const at = argv.findIndex((a) => !a.startsWith("-"));
  const cmd = at < 0 ? undefined : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (apt && !terminal(ctx) && cmd) ctx.stderr.write(APT_UNSTABLE_CLI);
  switch (cmd) {
    case "update":
      return update(ctx, pacer, apt);
    case "install":
      return install(ctx, pacer, rest);
    case "remove":
    case "purge":
      return remove(ctx, rest);
    case undefined:
      ctx.stdout.write(`apt ${releaseOf(ctx.fs).grouping ? "2.7.14" : "2.6.1"} (amd64)\n`);
      return 1;
    default:
      ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
      return EXIT_APT;
  }
}
