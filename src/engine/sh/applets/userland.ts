/**
 * The userlands images ship: busybox 1.36 (every applet a link in /bin, as the busybox image
 * installs them), a Debian/Ubuntu base (merged /usr: /bin and /sbin are /usr/bin and /usr/sbin)
 * with the packages an image adds, and an empty one (distroless, scratch) holding only what is
 * passed in. `extra` adds programs (sh, bash, an image's own binaries): a bare name goes in the
 * userland's bin directory, an absolute path (`/usr/sbin/nginx`) where it says.
 */
import type { Program, Userland } from "../interface";
import { awk } from "./awk";
import { bc } from "./bc";
import { BUSYBOX_PROGRAMS } from "./busyboxapplets";
import { BUSYBOX_BANNER } from "./busyboxusage";
import { cat } from "./cat";
import { chown } from "./chown";
import { base64, md5sum, sha1sum, sha256sum } from "./codec";
import { column, comm, join } from "./columns";
import type { Applet, Flavour } from "./common";
import { curl } from "./curl";
import { cut } from "./cut";
import { date } from "./date";
import { dd } from "./dd";
import { diff } from "./diff";
import { dig, getent, host, nslookup } from "./dns";
import { echo, printf } from "./echo";
import { env, printenv } from "./env";
import { expr, test } from "./expr";
import { chmod, cp, ln, mkdir, mv, rm, rmdir, touch } from "./files";
import { file } from "./filetype";
import { df, du, find, stat, xargs } from "./find";
import { grep } from "./grep";
import { gzip } from "./gzip";
import { head, tail } from "./headtail";
import { hostname, id, nproc, uname, whoami } from "./ident";
import { ifconfig, ip as iproute } from "./iproute";
import { jq } from "./jq/index";
import { yq } from "./jq/yq";
import { fold, nl, paste, rev, tac } from "./lines";
import { top, uptime } from "./load";
import { ls } from "./ls";
import { basename, dirname, falseApplet, free, pwd, seq, trueApplet, yes } from "./misc";
import { nc } from "./nc";
import { less, man, more, whereis } from "./pager";
import { pgrep, pidof, pkill } from "./pgrep";
import { ping } from "./ping";
import { kill, ps } from "./procs";
import { telnet, traceroute } from "./remote";
import { sed } from "./sed";
import { sleep, timeout } from "./sleep";
import { netstat, ss } from "./sockets";
import { sort, uniq } from "./sort";
import { ip as busyboxIp, mount } from "./sysinfo";
import { tar } from "./tar";
import { tee, tr } from "./tr";
import { tree } from "./tree";
import { watch } from "./watch";
import { wc } from "./wc";
import { wget } from "./wget";
import { unzip, zip } from "./zip";

/** Applets by name, each built for the userland's flavour. */
export const APPLETS: Record<string, Applet> = {
  awk,
  base64,
  basename,
  bc,
  cat,
  chgrp: chown,
  chmod,
  chown,
  column,
  comm,
  cp,
  curl,
  cut,
  date,
  dd,
  df,
  diff,
  dig,
  dirname,
  du,
  echo,
  env,
  expr,
  false: falseApplet,
  file,
  find,
  fold,
  free,
  getent,
  grep: grep(),
  gunzip: gzip,
  gzip,
  egrep: grep("E"),
  fgrep: grep("F"),
  head,
  host,
  hostname,
  id,
  ifconfig,
  /** busybox's ip knows `ip addr`; iproute2's is the GNU userland's. */
  ip: (flavour) => (flavour === "gnu" ? iproute(flavour) : busyboxIp(flavour)),
  jq: () => jq,
  join,
  kill,
  less,
  ln,
  ls,
  man,
  md5sum,
  mkdir,
  more,
  mount,
  mv,
  nc,
  netstat,
  nl,
  nproc,
  nslookup,
  paste,
  pgrep,
  pidof,
  ping,
  pkill,
  printenv,
  printf,
  ps,
  pwd,
  rev,
  rm,
  rmdir,
  sed,
  seq,
  sha1sum,
  sha256sum,
  sleep,
  sort,
  ss,
  stat,
  tac,
  tail,
  tar,
  tee,
  telnet,
  test,
  "[": test,
  "[[": test,
  timeout,
  top,
  touch,
  tr,
  traceroute,
  tree,
  true: trueApplet,
  uname,
  uniq,
  uptime,
  watch,
  wc,
  wget,
  whereis,
  whoami,
  xargs,
  yes,
  yq: () => yq,
  zcat: gzip,
  zip,
  unzip,
};

/** The applets busybox 1.36's default configuration builds, among those written here. */
export const BUSYBOX_APPLETS = [
  "[",
  "[[",
  "arch",
  "awk",
  "base64",
  "basename",
  "bc",
  "cat",
  "chgrp",
  "chmod",
  "chown",
  "clear",
  "cmp",
  "comm",
  "cp",
  "cut",
  "date",
  "dd",
  "df",
  "diff",
  "dirname",
  "du",
  "echo",
  "egrep",
  "env",
  "expr",
  "false",
  "fgrep",
  "find",
  "fold",
  "free",
  "grep",
  "groups",
  "gunzip",
  "gzip",
  "hd",
  "head",
  "hexdump",
  "hostname",
  "id",
  "ifconfig",
  "ip",
  "kill",
  "killall",
  "less",
  "ln",
  "ls",
  "man",
  "md5sum",
  "mkdir",
  "mktemp",
  "more",
  "mount",
  "mv",
  "nc",
  "netstat",
  "nl",
  "nohup",
  "nproc",
  "nslookup",
  "od",
  "paste",
  "pgrep",
  "pidof",
  "ping",
  "pkill",
  "printenv",
  "printf",
  "ps",
  "pwd",
  "readlink",
  "realpath",
  "rev",
  "rm",
  "rmdir",
  "route",
  "sed",
  "seq",
  "sha1sum",
  "sha256sum",
  "sleep",
  "sort",
  "stat",
  "sync",
  "tac",
  "tail",
  "tar",
  "tee",
  "telnet",
  "test",
  "time",
  "timeout",
  "top",
  "touch",
  "tr",
  "traceroute",
  "tree",
  "true",
  "truncate",
  "tty",
  "uname",
  "uniq",
  "unzip",
  "uptime",
  "usleep",
  "watch",
  "wc",
  "wget",
  "which",
  "whoami",
  "xargs",
  "xxd",
  "yes",
  "zcat",
];

/** Debian packages an image may add, and the programs each brings (all in /usr/bin). */
export const GNU_PACKAGES = {
  /** Essential: in every debian and ubuntu image. */
  coreutils: [
    "[",
    "base64",
    "basename",
    "cat",
    "chgrp",
    "chmod",
    "chown",
    "comm",
    "cp",
    "cut",
    "date",
    "dd",
    "df",
    "dirname",
    "du",
    "echo",
    "env",
    "expr",
    "false",
    "fold",
    "head",
    "id",
    "join",
    "ln",
    "ls",
    "md5sum",
    "mkdir",
    "mv",
    "nl",
    "nproc",
    "paste",
    "printenv",
    "printf",
    "pwd",
    "rm",
    "rmdir",
    "seq",
    "sha1sum",
    "sha256sum",
    "sleep",
    "sort",
    "stat",
    "tac",
    "tail",
    "tee",
    "test",
    "timeout",
    "touch",
    "tr",
    "true",
    "uname",
    "uniq",
    "wc",
    "whoami",
    "yes",
  ],
  grep: ["grep", "egrep", "fgrep"],
  /** Priority: required. */
  diffutils: ["diff"],
  /** util-linux's rev; column is bsdextrautils' (Priority: important, in every server image). */
  "util-linux": ["rev", "more", "whereis"],
  gzip: ["gzip", "gunzip", "zcat"],
  less: ["less"],
  "man-db": ["man"],
  tree: ["tree"],
  file: ["file"],
  bc: ["bc"],
  zip: ["zip"],
  unzip: ["unzip"],
  bsdextrautils: ["column"],
  /** Priority: required, in every debian and ubuntu image. */
  tar: ["tar"],
  /** util-linux's mount (Priority: required). */
  mount: ["mount"],
  sed: ["sed"],
  /** mawk is Debian's awk (Priority: required). */
  mawk: ["awk", "mawk"],
  findutils: ["find", "xargs"],
  debianutils: ["which"],
  hostname: ["hostname"],
  "libc-bin": ["getent"],
  procps: ["ps", "kill", "free", "uptime", "top", "watch", "pgrep", "pkill"],
  /** Priority: required (Debian's pidof is sysvinit-utils', not procps'). */
  "sysvinit-utils": ["pidof"],
  iproute2: ["ip", "ss"],
  "net-tools": ["netstat", "ifconfig"],
  "iputils-ping": ["ping"],
  traceroute: ["traceroute"],
  telnet: ["telnet"],
  wget: ["wget"],
  curl: ["curl"],
  dnsutils: ["nslookup", "dig", "host"],
  "netcat-openbsd": ["nc"],
  jq: ["jq"],
  /** mikefarah/yq v4, a static binary exam nodes add (no Ubuntu package). */
  yq: ["yq"],
} as const;

/** A package an image may install. */
export type GnuPackage = keyof typeof GNU_PACKAGES;

/** What every debian or ubuntu image has. */
export const GNU_BASE: GnuPackage[] = [
  "coreutils",
  "grep",
  "sed",
  "mawk",
  "findutils",
  "debianutils",
  "hostname",
  "libc-bin",
  "sysvinit-utils",
  "tar",
  "mount",
  "diffutils",
  "util-linux",
  "gzip",
];

/** Builds a userland from a map of absolute paths to programs, with directory aliases. */
function fromPaths(
  kind: Userland["kind"],
  byPath: Map<string, Program>,
  aliases: Record<string, string>,
  unlisted: ReadonlySet<string> = new Set(),
): Userland {
  const canonical = (dir: string) => aliases[dir] ?? dir;
  const at = (dir: string, name: string) => byPath.get(`${canonical(dir).replace(/\/$/, "")}/${name}`);
  // PATH search asks the same (name, path) pairs over and over (every `sleep 1` of a loop): the
  // programs never change, so each answer is kept.
  const found = new Map<string, Program | null>();
  /** paths(), worked out once (the programs never change). */
  let listed: string[] | undefined;
  return {
    kind,
    lookup(name, path) {
      const plain = name !== "" && !name.includes("/");
      if (plain && path.length > name.length && path.endsWith(`/${name}`)) {
        const known = found.get(path);
        if (known !== undefined) return known ?? undefined;
        const p = at(path.slice(0, -(name.length + 1)) || "/", name);
        if (found.size < 4096) found.set(path, p ?? null);
        return p;
      }
      if (name.includes("/")) {
        const i = name.lastIndexOf("/");
        const dir = name.slice(0, i).replace(/\/+$/, "") || "/";
        return at(dir.replace(/\/\.$/, ""), name.slice(i + 1));
      }
      // The contract: path is where PATH search looks for name (`/bin/ls`).
      if (path.endsWith(`/${name}`)) return at(path.slice(0, -(name.length + 1)) || "/", name);
      // A PATH list is accepted too (`/usr/bin:/bin`).
      for (const dir of path.split(":")) {
        const p = at(dir.replace(/\/+$/, "") || "/", name);
        if (p) return p;
      }
      return undefined;
    },
    names: () => [...new Set([...byPath.keys()].map((p) => p.slice(p.lastIndexOf("/") + 1)))].sort(),
    paths: () => {
      if (listed) return listed;
      const out: string[] = [];
      for (const path of byPath.keys()) {
        if (unlisted.has(path)) continue;
        out.push(path);
        // A directory that is another's alias (merged /usr: /bin is /usr/bin) lists it too.
        const dir = path.slice(0, path.lastIndexOf("/"));
        for (const [alias, target] of Object.entries(aliases))
          if (target === dir) out.push(`${alias}${path.slice(dir.length)}`);
      }
      listed = out;
      return out;
    },
  };
}

/**
 * Places extra programs: a bare name in `bin` (found through PATH, but no file of the image:
 * returned, so that `ls` does not list it), an absolute path where it says.
 */
function addExtra(
  byPath: Map<string, Program>,
  bin: string,
  extra: Record<string, Program> = {},
): Set<string> {
  const bare = new Set<string>();
  for (const [k, prog] of Object.entries(extra)) {
    const path = k.startsWith("/") ? k : `${bin}/${k}`;
    if (!k.startsWith("/") && !byPath.has(path)) bare.add(path);
    byPath.set(path, prog);
  }
  return bare;
}

/** `which NAME...`: the first PATH directory whose program or executable file has the name. */
function whichFor(get: () => Userland): Program {
  return (ctx) => {
    const names = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    const all = ctx.argv.includes("-a");
    let status = names.length ? 0 : 1;
    for (const n of names) {
      const hits: string[] = [];
      const dirs = n.includes("/") ? [""] : (ctx.env.PATH ?? "").split(":");
      for (const dir of dirs) {
        const full = n.includes("/") ? n : `${dir.replace(/\/+$/, "")}/${n}`;
        const inUserland = n.includes("/") ? get().lookup(n, "") : get().lookup(full, "");
        const info = ctx.fs.stat?.(full);
        const executableFile = ctx.fs.isFile(full) && (info ? (info.mode & 0o111) !== 0 : false);
        if (inUserland || executableFile) {
          hits.push(full);
          if (!all) break;
        }
      }
      if (!hits.length) status = 1;
      ctx.stdout.write(hits.map((h) => `${h}\n`).join(""));
    }
    return status;
  };
}

/** The `busybox` program itself: `busybox APPLET ARGS`, `busybox --list`. */
function busyboxProgram(get: () => Userland): Program {
  return (ctx) => {
    const [, first, ...rest] = ctx.argv;
    if (first === "--list") {
      ctx.stdout.write(
        get()
          .names()
          .filter((n) => n !== "busybox" && BUSYBOX_APPLETS.includes(n))
          .map((n) => `${n}\n`)
          .join(""),
      );
      return 0;
    }
    if (first === "--list-full") {
      ctx.stdout.write(BUSYBOX_APPLETS.map((n) => `bin/${n}\n`).join(""));
      return 0;
    }
    if (first === undefined || first === "--help") {
      ctx.stdout.write(
        `${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\nCurrently defined functions:\n\t${BUSYBOX_APPLETS.join(", ")}\n`,
      );
      return first === undefined ? 0 : 0;
    }
    const prog =
      BUSYBOX_APPLETS.includes(first) || first === "sh" || first === "ash"
        ? get().lookup(`/bin/${first}`, "")
        : undefined;
    if (!prog) {
      ctx.stderr.write(`${first}: applet not found\n`);
      return 127;
    }
    return prog({ ...ctx, argv: [first, ...rest] });
  };
}

/**
 * Applets that touch nothing but their output and the clock (Program.pure): a shell loop of them
 * may run ahead of the cluster's clock (sh/sealed.ts). test and `[` read files; every shell has
 * them built in.
 */
const PURE_APPLETS: ReadonlySet<string> = new Set([
  "sleep",
  "date",
  "expr",
  "seq",
  "echo",
  "printf",
  "true",
  "false",
]);

/** Programs of a flavour for a list of names. */
function build(flavour: Flavour, names: readonly string[], dir: string, byPath: Map<string, Program>): void {
  for (const n of names) {
    const a = (flavour === "busybox" ? BUSYBOX_PROGRAMS[n] : undefined) ?? APPLETS[n];
    if (!a) continue;
    const program = a(flavour);
    byPath.set(
      `${dir}/${n}`,
      PURE_APPLETS.has(n) ? Object.assign(program, { pure: true as const }) : program,
    );
  }
}

/** busybox 1.36's userland: every applet in /bin (but those `without` names), `busybox` too. */
export function busyboxUserland(extra?: Record<string, Program>, without: readonly string[] = []): Userland {
  const byPath = new Map<string, Program>();
  build(
    "busybox",
    BUSYBOX_APPLETS.filter((n) => !without.includes(n)),
    "/bin",
    byPath,
  );
  let self: Userland | undefined;
  const get = () => self as Userland;
  byPath.set("/bin/which", whichFor(get));
  byPath.set("/bin/busybox", busyboxProgram(get));
  const bare = addExtra(byPath, "/bin", extra);
  self = fromPaths("busybox", byPath, {}, bare);
  return self;
}

/**
 * A Debian or Ubuntu userland: the base packages plus the ones given (plain `debian` and
 * `ubuntu` have no ps, wget, curl, nslookup or nc). Merged /usr: /bin is /usr/bin.
 */
export function gnuUserland(extra?: Record<string, Program>, packages: Iterable<GnuPackage> = []): Userland {
  const byPath = new Map<string, Program>();
  let self: Userland | undefined;
  const get = () => self as Userland;
  for (const pkg of new Set([...GNU_BASE, ...packages])) {
    const names = GNU_PACKAGES[pkg].filter((n) => n !== "which" && n !== "mawk");
    build("gnu", names, "/usr/bin", byPath);
    if (pkg === "debianutils") byPath.set("/usr/bin/which", whichFor(get));
    if (pkg === "mawk") byPath.set("/usr/bin/mawk", awk("gnu"));
  }
  const bare = addExtra(byPath, "/usr/bin", extra);
  self = fromPaths("gnu", byPath, { "/bin": "/usr/bin", "/sbin": "/usr/sbin", "/lib": "/usr/lib" }, bare);
  return self;
}

/** A distroless or scratch image: only the programs given. */
export function emptyUserland(extra?: Record<string, Program>): Userland {
  const byPath = new Map<string, Program>();
  const bare = addExtra(byPath, "/bin", extra);
  return fromPaths("none", byPath, {}, bare);
}
