/**
 * apk, Alpine's package manager (apk-tools 2.14 as in Alpine 3.20 and 3.21): `add [--no-cache]
 * [-t NAME] PKG...`, `del PKG...`, `update`, `info [PKG]`, `search PATTERN`. It reads the
 * simulated Alpine 3.21 index (data.ts), keeps its database in the container's layer (apkdb.ts)
 * and installs programs there (install.ts), so a new container of the image has none of them.
 * The package mirror is reachable (README, "What is simulated": package mirrors are the one
 * deliberate exception to the cluster having no internet).
 * Texts: apk-tools src/app_add.c, app_del.c, commit.c (`(%i/%i) Installing %s (%s)`, `Executing
 * %s.trigger`, `OK: %zu MiB in %d packages`), solver.c's "unable to select packages".
 */
import { hexDigest } from "../kubelet/hash";
import type { CommandContext, FileSystem, Program } from "../sh/interface";
import {
  APK_CACHE,
  APK_CACHE_MAX_AGE_MS,
  APK_REPOSITORIES,
  readInstalled,
  readWorld,
  writeInstalled,
  writeWorld,
} from "./apkdb";
import {
  ALPINE_321,
  ALPINE_321_BASE,
  ALPINE_321_DISTINCT,
  ALPINE_321_REPOSITORIES,
  type PackageSpec,
} from "./data";
import { fsReason, installOrder, offered, removePrograms, writePrograms } from "./install";
import { type Pacer, paced } from "./pacing";

/** apk's exit status when it cannot open its database (not root, read-only layer). */
const EXIT_DB = 99;

/** Directories busybox's trigger watches (it refreshes its applet links when they change). */
const BUSYBOX_TRIGGER_DIRS = ["/bin", "/sbin", "/usr/bin", "/usr/sbin"];

/** The Alpine release a container runs (`v3.21`), from its /etc/os-release. */
function releaseOf(fs: FileSystem): string {
  try {
    const m = /^VERSION_ID=(\d+)\.(\d+)/m.exec(fs.read("/etc/os-release"));
    if (m) return `v${m[1]}.${m[2]}`;
  } catch {
    // no os-release: the index's own release
  }
  return "v3.21";
}

/** The repositories apk reads (/etc/apk/repositories, else the release's main and community) and their index URLs. */
function indexUrls(fs: FileSystem, release: string): { repo: string; url: string; name: string }[] {
  let repos = ALPINE_321_REPOSITORIES.map(
    (r) => `https://dl-cdn.alpinelinux.org/alpine/${release}/${r.name}`,
  );
  try {
    const listed = fs
      .read(APK_REPOSITORIES)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    if (listed.length) repos = listed;
  } catch {
    // no repositories file: the release's
  }
  return repos.map((repo) => ({
    repo,
    url: `${repo.replace(/\/+$/, "")}/x86_64/APKINDEX.tar.gz`,
    name: repo.slice(repo.replace(/\/+$/, "").lastIndexOf("/") + 1).replace(/\/+$/, ""),
  }));
}

/** Fetches the indexes unless a fresh copy is cached (always with --no-cache, never kept then). */
function fetchIndexes(
  ctx: CommandContext,
  pacer: Pacer,
  release: string,
  noCache: boolean,
  force: boolean,
): void {
  const now = ctx.sys.now();
  for (const { url } of indexUrls(ctx.fs, release)) {
    const cached = `${APK_CACHE}/APKINDEX.${hexDigest(url, 8)}.tar.gz`;
    const info = ctx.fs.isFile(cached) ? ctx.fs.stat?.(cached) : undefined;
    const fresh = info !== undefined && now - info.mtimeMs < APK_CACHE_MAX_AGE_MS;
    if (!force && !noCache && fresh) continue;
    ctx.stdout.write(`fetch ${url}\n`);
    pacer.wait(FETCH_MS);
    if (!noCache) {
      ctx.fs.mkdir(APK_CACHE, true);
      ctx.fs.write(cached, `${url}\n`);
    }
  }
}

/** `OK: N MiB in M packages`. */
function okLine(installed: ReadonlyMap<string, string>): string {
  let kib = 0;
  for (const name of installed.keys()) kib += ALPINE_321[name]?.size ?? 0;
  return `OK: ${Math.floor(kib / 1024)} MiB in ${installed.size} packages\n`;
}

/** Whether a package puts files where busybox's trigger looks. */
function touchesBusyboxDirs(spec: PackageSpec | undefined): boolean {
  return (spec?.bin ?? []).some((p) => BUSYBOX_TRIGGER_DIRS.includes(p.slice(0, p.lastIndexOf("/"))));
}

/** `YYYYMMDD.HHMMSS` of the virtual clock: the version apk gives a virtual package. */
function virtualVersion(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}.${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

interface ApkOptions {
  noCache: boolean;
  update: boolean;
  virtual?: string;
  /** info -e: only whether each package is installed. */
  exists: boolean;
  args: string[];
}

function parse(argv: string[]): ApkOptions {
  const o: ApkOptions = { noCache: false, update: false, exists: false, args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--no-cache") o.noCache = true;
    else if (a === "-U" || a === "--update-cache") o.update = true;
    else if (a === "-t" || a === "--virtual") o.virtual = argv[++i];
    else if (a === "-q" || a === "--quiet" || a === "-v" || a === "--verbose" || a === "--no-progress") {
      // accepted; the output here has no progress bar to quieten
    } else if (a === "-e" || a === "--installed") o.exists = true;
    else if (!a.startsWith("-")) o.args.push(a);
  }
  return o;
}

/** apk's lock file: taking it is the first write, so a layer that refuses writes fails here. */
const APK_LOCK = "/lib/apk/db/lock";

/**
 * Takes the database lock (root only, a writable layer), then runs a step that writes the
 * database; a failure is apk's "Unable to lock database" and nothing changes.
 */
function guarded(ctx: CommandContext, run: () => number): number {
  const failed = (reason: string) => {
    ctx.stderr.write(`ERROR: Unable to lock database: ${reason}\n`);
    ctx.stderr.write(`ERROR: Failed to open apk database: ${reason}\n`);
    return EXIT_DB;
  };
  if (ctx.sys.user().uid !== 0) return failed("Permission denied");
  try {
    ctx.fs.mkdir("/lib/apk/db", true);
    ctx.fs.write(APK_LOCK, "");
  } catch (e) {
    return failed(fsReason(e));
  }
  try {
    return run();
  } catch (e) {
    return failed(fsReason(e));
  }
}

function add(ctx: CommandContext, pacer: Pacer, o: ApkOptions): number {
  return guarded(ctx, () => {
    const fs = ctx.fs;
    fetchIndexes(ctx, pacer, releaseOf(fs), o.noCache, o.update);
    const installed = readInstalled(fs);
    const names = o.args.map((a) => a.replace(/[<>=~].*$/, ""));
    const missing = names.filter((n) => !offered(ALPINE_321, n));
    if (missing.length) {
      ctx.stderr.write("ERROR: unable to select packages:\n");
      for (const n of missing) {
        ctx.stderr.write(`  ${n} (no such package):\n`);
        ctx.stderr.write(`    required by: world[${n}]\n`);
      }
      return 1;
    }
    const order = installOrder(ALPINE_321, [...names].sort(), new Set(installed.keys()));
    const virtual = o.virtual;
    const total = order.length + (virtual ? 1 : 0);
    let busyboxTrigger = false;
    order.forEach((name, i) => {
      const spec = ALPINE_321[name] as PackageSpec;
      // apk-tools 2.14 does not pad the step (`(9/12)`, `(10/12)`; apk 3 in Alpine 3.23 does).
      ctx.stdout.write(`(${i + 1}/${total}) Installing ${name} (${spec.version})\n`);
      pacer.wait(unpackMs(spec));
      writePrograms(fs, spec);
      for (const s of spec.scripts ?? []) ctx.stdout.write(`Executing ${name}-${spec.version}.${s}\n`);
      installed.set(name, spec.version);
      if (touchesBusyboxDirs(spec)) busyboxTrigger = true;
    });
    if (virtual) {
      ctx.stdout.write(`(${total}/${total}) Installing ${virtual} (${virtualVersion(ctx.sys.now())})\n`);
      installed.set(virtual, virtualVersion(ctx.sys.now()));
    }
    if (busyboxTrigger && installed.has("busybox"))
      ctx.stdout.write(`Executing busybox-${installed.get("busybox")}.trigger\n`);
    for (const name of order)
      if (ALPINE_321[name]?.trigger) ctx.stdout.write(`Executing ${name}-${installed.get(name)}.trigger\n`);
    writeInstalled(fs, installed);
    writeWorld(fs, [...readWorld(fs), ...(virtual ? [virtual] : names)]);
    ctx.stdout.write(okLine(installed));
    return 0;
  });
}

function del(ctx: CommandContext, o: ApkOptions): number {
  return guarded(ctx, () => {
    const fs = ctx.fs;
    const installed = readInstalled(fs);
    const world = readWorld(fs);
    // app_del.c delete_name: a name no repository or database knows is an error and nothing
    // changes; a known name that is not installed only leaves the world.
    const unknown = o.args.filter((n) => !installed.has(n) && !ALPINE_321[n]);
    for (const n of unknown) ctx.stderr.write(`ERROR: No such package: ${n}\n`);
    if (unknown.length) return unknown.length;
    const dropping = new Set(o.args.filter((n) => installed.has(n)));
    const newWorld = world.filter((w) => !dropping.has(w) && !o.args.includes(w));
    // What the remaining world still needs stays; everything else that was pulled in goes.
    const keep = new Set(installOrder(ALPINE_321, [...newWorld, ...ALPINE_321_BASE], new Set()));
    for (const n of installed.keys()) if (!ALPINE_321[n] && !dropping.has(n)) keep.add(n);
    const order = installOrder(ALPINE_321, [...installed.keys()], new Set())
      .filter((n) => installed.has(n) && !keep.has(n))
      .reverse();
    for (const n of dropping) if (!ALPINE_321[n] && !order.includes(n)) order.unshift(n);
    let busyboxTrigger = false;
    order.forEach((name, i) => {
      const spec = ALPINE_321[name];
      ctx.stdout.write(`(${i + 1}/${order.length}) Purging ${name} (${installed.get(name)})\n`);
      if (spec) removePrograms(fs, spec);
      if (touchesBusyboxDirs(spec)) busyboxTrigger = true;
      installed.delete(name);
    });
    if (busyboxTrigger && installed.has("busybox"))
      ctx.stdout.write(`Executing busybox-${installed.get("busybox")}.trigger\n`);
    writeInstalled(fs, installed);
    writeWorld(fs, newWorld);
    ctx.stdout.write(okLine(installed));
    return 0;
  });
}

function update(ctx: CommandContext, pacer: Pacer, o: ApkOptions): number {
  return guarded(ctx, () => {
    const release = releaseOf(ctx.fs);
    fetchIndexes(ctx, pacer, release, o.noCache, true);
    for (const { repo, name } of indexUrls(ctx.fs, release)) {
      const known = ALPINE_321_REPOSITORIES.find((r) => r.name === name);
      if (known) ctx.stdout.write(`${known.describe.replace("v3.21", release)} [${repo}]\n`);
    }
    ctx.stdout.write(`OK: ${ALPINE_321_DISTINCT} distinct packages available\n`);
    return 0;
  });
}

function info(ctx: CommandContext, o: ApkOptions): number {
  const installed = readInstalled(ctx.fs);
  if (!o.args.length) {
    for (const n of installed.keys()) ctx.stdout.write(`${n}\n`);
    return 0;
  }
  let status = 0;
  for (const n of o.args) {
    const version = installed.get(n);
    const spec = offered(ALPINE_321, n);
    // -e: whether it is installed, by name and exit status.
    if (o.exists) {
      if (version) ctx.stdout.write(`${n}\n`);
      else status++;
      continue;
    }
    if (!version && !spec) continue;
    const id = `${n}-${version ?? spec?.version}`;
    ctx.stdout.write(`${id} description:\n${spec?.description ?? ""}\n\n`);
    ctx.stdout.write(`${id} installed size:\n${spec?.size ?? 0} KiB\n\n`);
  }
  return status;
}

function search(ctx: CommandContext, o: ApkOptions): number {
  const pattern = (o.args[0] ?? "").replace(/\*/g, "");
  const hits = Object.keys(ALPINE_321)
    .filter((n) => n.includes(pattern) && offered(ALPINE_321, n))
    .sort();
  for (const n of hits) ctx.stdout.write(`${n}-${ALPINE_321[n]?.version}\n`);
  return 0;
}

/** apk-tools' version banner. */
const BANNER = "apk-tools 2.14.6, compiled for x86_64.\n";

/** The usage apk prints for no or an unknown command. */
const USAGE = `${BANNER}
usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]

Package installation and removal:
  add        Add packages to WORLD and commit changes
  del        Remove packages from WORLD and commit changes

System maintenance:
  fix        Fix, reinstall or upgrade packages without modifying WORLD
  update     Update repository indexes
  upgrade    Install upgrades available from repositories
  cache      Manage the local package cache

Querying package information:
  info       Give detailed information about packages or repositories
  list       List packages matching a pattern or other criteria
  dot        Render dependencies as graphviz graphs
  policy     Show repository policy for packages
  search     Search for packages by name or description

This apk has coffee making abilities.
`;

/** How long fetching one APKINDEX takes (about 1 MB from the CDN). */
const FETCH_MS = 250;

/** How long downloading and unpacking a package takes: 20 ms and 1 ms per 64 KiB installed. */
function unpackMs(spec: PackageSpec): number {
  return 20 + Math.round(spec.size / 64);
}

/** The apk program. */
export const apk: Program = (outer) => paced(outer, (ctx, pacer) => apkMain(ctx, pacer));

function apkMain(ctx: CommandContext, pacer: Pacer): number {
  // Options may come before the command (`apk --no-cache add curl`).
  const argv = ctx.argv.slice(1);
  const at = argv.findIndex((a) => !a.startsWith("-"));
  const cmd = at < 0 ? argv[0] : argv[at];
  const o = parse(at < 0 ? argv.slice(1) : [...argv.slice(0, at), ...argv.slice(at + 1)]);
  switch (cmd) {
    case "add":
      if (!o.args.length && !o.virtual) {
        ctx.stdout.write(okLine(readInstalled(ctx.fs)));
        return 0;
      }
      return add(ctx, pacer, o);
    case "del":
      return del(ctx, o);
    case "update":
      return update(ctx, pacer, o);
    case "info":
      return info(ctx, o);
    case "search":
      return search(ctx, o);
    case "--version":
    case "-V":
      ctx.stdout.write(BANNER);
      return 0;
    default:
      ctx.stdout.write(USAGE);
      return 1;
  }
}
