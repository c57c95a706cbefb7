/**
 * The package indexes the container package managers read: Alpine 3.21's (apk) and Debian 12
 * bookworm's and Ubuntu 24.04 noble's (apt), each limited to the packages people install in a pod
 * to debug it (curl, DNS tools, ping, ps, nc, bash, wget, editors) and what those pull in, plus
 * what the base images already have installed.
 *
 * Where the strings come from (pkgs.alpinelinux.org and packages.debian.org were not reachable):
 * - VERIFIED: seen in stored transcripts of the real commands. Alpine 3.21 `apk add curl` on a
 *   fresh alpine:3.21.3 (brotli-libs 1.1.0-r2, c-ares 1.34.3-r0, libunistring 1.2-r0, libidn2
 *   2.3.7-r0, nghttp2-libs 1.64.0-r0, libpsl 0.21.5-r3, zstd-libs 1.5.6-r2, libcurl/curl
 *   8.12.1-r1, `Executing busybox-1.37.0-r12.trigger`, `OK: 12 MiB in 24 packages`); ncurses
 *   6.5_p20241006-r3 and readline 8.2.13-r0 (3.21 `apk add postgresql-client`); pcre2 10.43-r0 and
 *   wget 1.25.0-r0 (3.21 `apk add wget curl`); libmd 1.1.0-r0, libbsd 0.12.2-r0, netcat-openbsd
 *   1.226.1.1-r0 (3.21 `apk add netcat-openbsd`); the 3.21 mirror lines of `apk update`. Debian:
 *   curl/libcurl4 7.88.1-10+deb12u8 (named in the task; u5..u15 seen in logs), libnghttp2-14
 *   1.52.0-1+deb12u2, librtmp1 2.4+20151223.gitfa8646d.1-2+b2, libc-bin trigger line. Ubuntu:
 *   dnsutils 1:9.18.39-0ubuntu0.24.04.x and net-tools 2.10-0.1ubuntu4.x (noble-updates logs).
 * - RECALLED: the rest are the versions those releases carried in early 2025 as remembered,
 *   not checked against an index; sizes are approximate (they only feed the `OK: N MiB`,
 *   `Need to get` and `After this operation` totals). Dependency lists follow the packages'
 *   Depends/Recommends/Suggests as remembered; the install order is computed from them.
 * Keep every version string of the simulated package managers in this file.
 */

/** One package in an index. */
export interface PackageSpec {
  /** Its version as the index gives it (`8.12.1-r1`, `7.88.1-10+deb12u8`, `1:9.18.33-1~deb12u2`). */
  version: string;
  /** Packages it needs (Depends / apk `D:`), in the index's order. */
  deps?: readonly string[];
  /** Packages apt installs with it unless --no-install-recommends (Recommends). */
  recommends?: readonly string[];
  /** Packages apt only names (Suggests; alternatives as `a | b`). */
  suggests?: readonly string[];
  /** Installed size in KiB. */
  size: number;
  /** Download size in bytes (apt's `[151 kB]`); apk does not print it. */
  download?: number;
  /** Programs it installs, by absolute path (the program is the file's name, see binary.ts). */
  bin?: readonly string[];
  /** apk scripts it runs (`Executing bash-5.2.37-r0.post-install`). */
  scripts?: readonly ("pre-install" | "post-install")[];
  /** apk: it has a trigger, run after the transaction (`Executing ca-certificates-20241121-r1.trigger`). */
  trigger?: boolean;
  /** Debian: the archive section pocket it is served from (`bookworm-updates`, `noble-updates`). */
  pocket?: string;
  /** Debian: `all` for architecture-independent packages (krb5-locales, publicsuffix). */
  arch?: "all";
  /** A short description (apk search -v, apt-cache). */
  description?: string;
}

/** An index: package name → spec. */
export type PackageIndex = Readonly<Record<string, PackageSpec>>;

// ---------------------------------------------------------------------------------------------
// Alpine 3.21 (main and community, x86_64), the index as of 3.21.3.

/** What `apk update` prints for each repository of Alpine 3.21 (RECALLED shape, VERIFIED format). */
export const ALPINE_321_REPOSITORIES = [
  { name: "main", describe: "v3.21.3-72-g2d1a1d46ab2" },
  { name: "community", describe: "v3.21.3-71-g4e5a0a7f3b7" },
] as const;

/** `OK: N distinct packages available` after apk update on 3.21 (VERIFIED order of magnitude: 25397..25401). */
export const ALPINE_321_DISTINCT = 25401;

/** Alpine 3.21's packages the simulated apk knows. */
export const ALPINE_321: PackageIndex = {
  // The base image (alpine:3.21): 15 packages (VERIFIED count: 24 after curl's 9).
  "alpine-baselayout": { version: "3.6.8-r1", deps: ["alpine-baselayout-data"], size: 12 },
  "alpine-baselayout-data": { version: "3.6.8-r1", size: 24 },
  "alpine-keys": { version: "2.5-r0", size: 156 },
  "alpine-release": { version: "3.21.3-r0", size: 8 },
  "apk-tools": { version: "2.14.6-r3", deps: ["musl", "libcrypto3", "zlib"], size: 248 },
  busybox: { version: "1.37.0-r12", deps: ["musl"], size: 920 },
  "busybox-binsh": { version: "1.37.0-r12", deps: ["busybox"], size: 4 },
  "ca-certificates-bundle": { version: "20241121-r1", size: 228 },
  libcrypto3: { version: "3.3.3-r0", deps: ["musl"], size: 4652 },
  libssl3: { version: "3.3.3-r0", deps: ["libcrypto3"], size: 824 },
  musl: { version: "1.2.5-r9", size: 632 },
  "musl-utils": { version: "1.2.5-r9", deps: ["musl"], size: 128 },
  scanelf: { version: "1.3.8-r1", size: 84 },
  ssl_client: { version: "1.37.0-r12", deps: ["libssl3"], size: 32 },
  zlib: { version: "1.3.1-r2", size: 100 },
  // ca-certificates (RECALLED; its trigger line VERIFIED in older releases' transcripts).
  "ca-certificates": {
    version: "20241121-r1",
    deps: ["ca-certificates-bundle", "libcrypto3"],
    size: 680,
    trigger: true,
    description: "Common CA certificates PEM files from Mozilla",
  },
  // curl (VERIFIED order and versions).
  "brotli-libs": { version: "1.1.0-r2", size: 727 },
  "c-ares": { version: "1.34.3-r0", size: 215 },
  libunistring: { version: "1.2-r0", size: 1712 },
  libidn2: { version: "2.3.7-r0", deps: ["libunistring"], size: 228 },
  "nghttp2-libs": { version: "1.64.0-r0", size: 168 },
  libpsl: { version: "0.21.5-r3", deps: ["libidn2", "libunistring"], size: 72 },
  "zstd-libs": { version: "1.5.6-r2", size: 624 },
  libcurl: {
    version: "8.12.1-r1",
    deps: [
      "brotli-libs",
      "c-ares",
      "libidn2",
      "nghttp2-libs",
      "libpsl",
      "zstd-libs",
      "ca-certificates-bundle",
      "libssl3",
      "zlib",
    ],
    size: 512,
  },
  curl: {
    version: "8.12.1-r1",
    deps: ["libcurl"],
    size: 256,
    bin: ["/usr/bin/curl"],
    description: "URL retrival utility and library",
  },
  // wget (VERIFIED versions; deps RECALLED).
  pcre2: { version: "10.43-r0", size: 660 },
  wget: {
    version: "1.25.0-r0",
    deps: ["libidn2", "libpsl", "pcre2", "libssl3", "zlib"],
    size: 488,
    bin: ["/usr/bin/wget"],
    description: "Network utility to retrieve files from the Web",
  },
  // bash (ncurses and readline VERIFIED; bash RECALLED).
  "ncurses-terminfo-base": { version: "6.5_p20241006-r3", size: 40 },
  libncursesw: { version: "6.5_p20241006-r3", deps: ["ncurses-terminfo-base"], size: 372 },
  readline: { version: "8.2.13-r0", deps: ["libncursesw"], size: 276 },
  bash: {
    version: "5.2.37-r0",
    deps: ["readline", "busybox-binsh"],
    size: 1304,
    bin: ["/bin/bash"],
    scripts: ["post-install"],
    description: "The GNU Bourne Again shell",
  },
  // netcat-openbsd (VERIFIED).
  libmd: { version: "1.1.0-r0", size: 84 },
  libbsd: { version: "0.12.2-r0", deps: ["libmd"], size: 120 },
  "netcat-openbsd": {
    version: "1.226.1.1-r0",
    deps: ["libbsd"],
    size: 56,
    bin: ["/usr/bin/nc"],
    description: "The netcat utility as found in OpenBSD",
  },
  // bind-tools (RECALLED; the dependency shape of 3.19's VERIFIED transcript).
  fstrm: { version: "0.6.1-r4", size: 52 },
  "krb5-conf": { version: "1.0-r2", size: 8 },
  libcom_err: { version: "1.47.1-r1", size: 24 },
  "keyutils-libs": { version: "1.6.3-r4", size: 36 },
  libverto: { version: "0.3.2-r2", size: 36 },
  "krb5-libs": {
    version: "1.21.3-r0",
    deps: ["krb5-conf", "libcom_err", "keyutils-libs", "libverto"],
    size: 2112,
  },
  "json-c": { version: "0.18-r0", size: 88 },
  "protobuf-c": { version: "1.5.0-r2", size: 56 },
  libuv: { version: "1.49.2-r0", size: 168 },
  "xz-libs": { version: "5.6.3-r0", size: 204 },
  libxml2: { version: "2.13.4-r5", deps: ["xz-libs"], size: 1136 },
  "bind-libs": {
    version: "9.18.33-r0",
    deps: ["fstrm", "krb5-libs", "json-c", "nghttp2-libs", "protobuf-c", "libuv", "libxml2"],
    size: 3572,
  },
  "bind-tools": {
    version: "9.18.33-r0",
    deps: ["bind-libs"],
    size: 560,
    bin: ["/usr/bin/nslookup", "/usr/bin/dig", "/usr/bin/host"],
    description: "The ISC DNS tools (dig, host, nslookup, nsupdate)",
  },
  // iputils-ping (RECALLED).
  libcap2: { version: "2.71-r0", size: 40 },
  "iputils-ping": {
    version: "20240905-r0",
    deps: ["libcap2"],
    size: 84,
    bin: ["/bin/ping"],
    description: "IP Network Tools - ping",
  },
  // procps-ng (RECALLED).
  libproc2: { version: "4.0.4-r2", size: 152 },
  "procps-ng": {
    version: "4.0.4-r2",
    deps: ["libproc2", "libncursesw"],
    size: 720,
    bin: ["/bin/ps", "/usr/bin/free", "/bin/kill", "/usr/bin/top"],
    description: "Utilities for monitoring your system and processes on your system",
  },
  // net-tools (RECALLED).
  "net-tools": {
    version: "2.10-r3",
    size: 316,
    bin: ["/bin/netstat", "/sbin/ifconfig"],
    description: "Linux networking base tools",
  },
  // Editors (RECALLED).
  xxd: { version: "9.1.1105-r0", size: 24 },
  "vim-common": { version: "9.1.1105-r0", size: 28 },
  vim: {
    version: "9.1.1105-r0",
    deps: ["xxd", "libncursesw", "vim-common"],
    size: 3768,
    bin: ["/usr/bin/vim"],
    description: "Improved vi-style text editor",
  },
  libmagic: { version: "5.46-r2", size: 8500 },
  nano: {
    version: "8.2-r0",
    deps: ["libmagic", "libncursesw"],
    size: 648,
    bin: ["/usr/bin/nano", "/usr/bin/rnano"],
    description: "Enhanced clone of the Pico text editor",
  },
  // jq (RECALLED; offered once a jq program exists, see binary.ts).
  oniguruma: { version: "6.9.9-r0", size: 520 },
  jq: {
    version: "1.7.1-r0",
    deps: ["oniguruma"],
    size: 320,
    bin: ["/usr/bin/jq"],
    description: "A lightweight and flexible command-line JSON processor",
  },
};

/** The packages an alpine:3.21 image has installed (its /lib/apk/db/installed). */
export const ALPINE_321_BASE: readonly string[] = [
  "alpine-baselayout",
  "alpine-baselayout-data",
  "alpine-keys",
  "alpine-release",
  "apk-tools",
  "busybox",
  "busybox-binsh",
  "ca-certificates-bundle",
  "libcrypto3",
  "libssl3",
  "musl",
  "musl-utils",
  "scanelf",
  "ssl_client",
  "zlib",
];

/** alpine:3.21's /etc/apk/world (the packages asked for; the rest are their dependencies; RECALLED). */
export const ALPINE_321_WORLD: readonly string[] = [
  "alpine-baselayout",
  "alpine-keys",
  "alpine-release",
  "apk-tools",
  "busybox",
  "ca-certificates-bundle",
  "musl-utils",
];

// ---------------------------------------------------------------------------------------------
// Debian 12 bookworm (main, amd64), with bookworm-updates and bookworm-security.

/** apt-get update's lines for bookworm: [URL and suite, size] (RECALLED sizes, VERIFIED shape). */
export const BOOKWORM_LISTS = [
  { url: "http://deb.debian.org/debian bookworm InRelease", size: 151_000 },
  { url: "http://deb.debian.org/debian bookworm-updates InRelease", size: 55_400 },
  { url: "http://deb.debian.org/debian-security bookworm-security InRelease", size: 48_000 },
  { url: "http://deb.debian.org/debian bookworm/main amd64 Packages", size: 8_792_000 },
  { url: "http://deb.debian.org/debian bookworm-updates/main amd64 Packages", size: 13_500 },
  { url: "http://deb.debian.org/debian-security bookworm-security/main amd64 Packages", size: 246_000 },
] as const;

/** Packages debian:bookworm has installed that the indexed packages depend on. */
export const BOOKWORM_BASE: PackageIndex = {
  bash: { version: "5.2.15-2+b7", size: 7164, bin: ["/usr/bin/bash"] },
  "libc-bin": { version: "2.36-9+deb12u9", size: 2604 },
  libc6: { version: "2.36-9+deb12u9", size: 12985 },
  zlib1g: { version: "1:1.2.13.dfsg-1", size: 168 },
  libzstd1: { version: "1.5.4+dfsg2-5", size: 875 },
  "libidn2-0": { version: "2.3.3-1+b1", size: 398 },
  libcap2: { version: "1:2.66-4", size: 95 },
  libtinfo6: { version: "6.4-4", size: 497 },
  libncursesw6: { version: "6.4-4", size: 411 },
  libmd0: { version: "1.0.4-2", size: 83 },
  "libcom-err2": { version: "1.47.0-2", size: 52 },
  libgpm2: { version: "1.20.7-10+b1", size: 53 },
  libsystemd0: { version: "252.33-1~deb12u1", size: 943 },
};

/** debian:bookworm's package count and file count (`(Reading database ... N files and directories`). */
export const BOOKWORM_DATABASE_FILES = 6090;

/** Debian 12 bookworm's packages the simulated apt knows. */
export const BOOKWORM: PackageIndex = {
  ...BOOKWORM_BASE,
  // curl (curl, libcurl4, libnghttp2-14, librtmp1 VERIFIED; the rest RECALLED).
  libssl3: { version: "3.0.15-1~deb12u1", size: 6315, download: 2_025_000 },
  openssl: { version: "3.0.15-1~deb12u1", deps: ["libssl3"], size: 2370, download: 1_427_000 },
  "ca-certificates": { version: "20230311", deps: ["openssl"], size: 384, download: 153_000, arch: "all" },
  "krb5-locales": { version: "1.20.1-2+deb12u2", size: 3193, download: 62_900, arch: "all" },
  libbrotli1: { version: "1.0.9-2+b6", size: 792, download: 269_000 },
  libkrb5support0: { version: "1.20.1-2+deb12u2", size: 140, download: 32_800 },
  libk5crypto3: { version: "1.20.1-2+deb12u2", deps: ["libkrb5support0"], size: 244, download: 78_900 },
  libkeyutils1: { version: "1.6.3-2", size: 38, download: 8_800 },
  "libkrb5-3": {
    version: "1.20.1-2+deb12u2",
    deps: ["libcom-err2", "libk5crypto3", "libkeyutils1", "libkrb5support0", "libssl3"],
    recommends: ["krb5-locales"],
    size: 1047,
    download: 332_000,
  },
  "libgssapi-krb5-2": {
    version: "1.20.1-2+deb12u2",
    deps: ["libcom-err2", "libk5crypto3", "libkrb5-3", "libkrb5support0"],
    suggests: ["krb5-doc", "krb5-user"],
    size: 435,
    download: 135_000,
  },
  "libsasl2-modules-db": { version: "2.1.28+dfsg-10", size: 101, download: 20_300 },
  "libsasl2-2": { version: "2.1.28+dfsg-10", deps: ["libsasl2-modules-db"], size: 180, download: 59_700 },
  "libldap-common": { version: "2.5.13+dfsg-5", size: 156, download: 29_300, arch: "all" },
  "libsasl2-modules": {
    version: "2.1.28+dfsg-10",
    size: 347,
    download: 66_600,
    suggests: [
      "libsasl2-modules-gssapi-mit | libsasl2-modules-gssapi-heimdal",
      "libsasl2-modules-ldap",
      "libsasl2-modules-otp",
      "libsasl2-modules-sql",
    ],
  },
  "libldap-2.5-0": {
    version: "2.5.13+dfsg-5",
    deps: ["libsasl2-2"],
    recommends: ["libldap-common", "libsasl2-modules"],
    size: 611,
    download: 183_000,
  },
  "libnghttp2-14": { version: "1.52.0-1+deb12u2", size: 195, download: 72_300 },
  publicsuffix: { version: "20230209.2326-1", size: 312, download: 126_000, arch: "all" },
  libpsl5: {
    version: "0.21.2-1",
    deps: ["libidn2-0"],
    recommends: ["publicsuffix"],
    size: 95,
    download: 58_700,
  },
  librtmp1: { version: "2.4+20151223.gitfa8646d.1-2+b2", size: 138, download: 60_800 },
  "libssh2-1": { version: "1.10.0-3+b1", size: 280, download: 179_000 },
  libcurl4: {
    version: "7.88.1-10+deb12u8",
    deps: [
      "libbrotli1",
      "libgssapi-krb5-2",
      "libidn2-0",
      "libldap-2.5-0",
      "libnghttp2-14",
      "libpsl5",
      "librtmp1",
      "libssh2-1",
      "libssl3",
      "libzstd1",
      "zlib1g",
    ],
    recommends: ["ca-certificates"],
    size: 816,
    download: 391_000,
  },
  curl: {
    version: "7.88.1-10+deb12u8",
    deps: ["libcurl4", "zlib1g"],
    size: 500,
    download: 315_000,
    bin: ["/usr/bin/curl"],
    description: "command line tool for transferring data with URL syntax",
  },
  // wget (RECALLED).
  wget: {
    version: "1.21.3-1+b2",
    deps: ["libidn2-0", "libpsl5", "libssl3", "zlib1g"],
    recommends: ["ca-certificates"],
    size: 3608,
    download: 984_000,
    bin: ["/usr/bin/wget"],
    description: "retrieves files from the web",
  },
  // dnsutils (RECALLED).
  libuv1: { version: "1.44.2-1", size: 357, download: 140_000 },
  "libjson-c5": { version: "0.16-2", size: 101, download: 44_100 },
  libfstrm0: { version: "0.6.1-1", size: 63, download: 21_600 },
  "libprotobuf-c1": { version: "1.4.1-1+b1", size: 62, download: 27_800 },
  liblmdb0: { version: "0.9.24-1", size: 106, download: 45_000 },
  libmaxminddb0: { version: "1.7.1-1", size: 56, download: 29_800 },
  libicu72: { version: "72.1-3", size: 36974, download: 9_376_000 },
  libxml2: { version: "2.9.14+dfsg-1.3~deb12u1", deps: ["libicu72"], size: 2058, download: 687_000 },
  "bind9-libs": {
    version: "1:9.18.33-1~deb12u2",
    deps: [
      "libfstrm0",
      "libgssapi-krb5-2",
      "libjson-c5",
      "libkrb5-3",
      "liblmdb0",
      "libmaxminddb0",
      "libnghttp2-14",
      "libprotobuf-c1",
      "libssl3",
      "libuv1",
      "libxml2",
    ],
    size: 3787,
    download: 1_181_000,
  },
  "bind9-host": {
    version: "1:9.18.33-1~deb12u2",
    deps: ["bind9-libs"],
    size: 145,
    download: 54_900,
    bin: ["/usr/bin/host"],
  },
  "bind9-dnsutils": {
    version: "1:9.18.33-1~deb12u2",
    deps: ["bind9-host", "bind9-libs"],
    size: 675,
    download: 156_000,
    bin: ["/usr/bin/nslookup", "/usr/bin/dig"],
  },
  dnsutils: {
    version: "1:9.18.33-1~deb12u2",
    deps: ["bind9-dnsutils"],
    size: 20,
    download: 3_856,
    arch: "all",
    description: "Transitional package for bind9-dnsutils",
  },
  // iputils-ping (RECALLED).
  "iputils-ping": {
    version: "3:20221126-1+deb12u1",
    deps: ["libcap2"],
    recommends: ["libcap2-bin"],
    size: 116,
    download: 47_100,
    bin: ["/usr/bin/ping"],
    description: "Tools to test the reachability of network hosts",
  },
  "libcap2-bin": { version: "1:2.66-4", deps: ["libcap2"], size: 102, download: 34_600 },
  // procps (RECALLED).
  "libproc2-0": { version: "2:4.0.2-3", deps: ["libsystemd0"], size: 197, download: 62_800 },
  psmisc: { version: "23.6-1", size: 887, download: 259_000 },
  procps: {
    version: "2:4.0.2-3",
    deps: ["libncursesw6", "libproc2-0", "libtinfo6"],
    recommends: ["psmisc"],
    size: 2264,
    download: 709_000,
    bin: ["/usr/bin/ps", "/usr/bin/free", "/usr/bin/kill", "/usr/bin/top"],
    description: "/proc file system utilities",
  },
  // netcat-openbsd (RECALLED).
  libbsd0: { version: "0.11.7-2", deps: ["libmd0"], size: 234, download: 117_000 },
  "netcat-openbsd": {
    version: "1.219-1",
    deps: ["libbsd0"],
    size: 109,
    download: 41_400,
    bin: ["/usr/bin/nc.openbsd", "/usr/bin/nc", "/usr/bin/netcat"],
    description: "TCP/IP swiss army knife",
  },
  // net-tools (RECALLED).
  "net-tools": {
    version: "2.10-0.1",
    size: 1031,
    download: 243_000,
    bin: ["/usr/bin/netstat", "/usr/sbin/ifconfig"],
    description: "NET-3 networking toolkit",
  },
  // Editors (RECALLED).
  "vim-common": { version: "2:9.0.1378-2+deb12u2", size: 377, download: 125_000, arch: "all" },
  "vim-runtime": { version: "2:9.0.1378-2+deb12u2", size: 36_837, download: 7_025_000, arch: "all" },
  libsodium23: { version: "1.0.18-1", size: 349, download: 161_000 },
  xxd: { version: "2:9.0.1378-2+deb12u2", size: 102, download: 84_100 },
  vim: {
    version: "2:9.0.1378-2+deb12u2",
    deps: ["vim-common", "vim-runtime", "libgpm2", "libsodium23", "libtinfo6"],
    recommends: ["xxd"],
    suggests: ["ctags", "vim-doc", "vim-scripts"],
    size: 3843,
    download: 1_567_000,
    bin: ["/usr/bin/vim.basic", "/usr/bin/vim", "/usr/bin/vi"],
    description: "Vi IMproved - enhanced vi editor",
  },
  nano: {
    version: "7.2-1+deb12u1",
    deps: ["libncursesw6", "libtinfo6"],
    suggests: ["hunspell"],
    size: 2830,
    download: 690_000,
    bin: ["/usr/bin/nano", "/usr/bin/rnano"],
    description: "small, friendly text editor inspired by Pico",
  },
  // jq (RECALLED; offered once a jq program exists).
  libonig5: { version: "6.9.8-1", size: 648, download: 188_000 },
  libjq1: { version: "1.6-2.1", deps: ["libonig5"], size: 372, download: 135_000 },
  jq: {
    version: "1.6-2.1",
    deps: ["libjq1"],
    size: 102,
    download: 64_900,
    bin: ["/usr/bin/jq"],
    description: "lightweight and flexible command-line JSON processor",
  },
};

// ---------------------------------------------------------------------------------------------
// Ubuntu 24.04 noble (main and universe, amd64), with noble-updates and noble-security.

/** apt-get update's lines for noble (RECALLED sizes). */
export const NOBLE_LISTS = [
  { url: "http://archive.ubuntu.com/ubuntu noble InRelease", size: 256_000 },
  { url: "http://security.ubuntu.com/ubuntu noble-security InRelease", size: 126_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble-updates InRelease", size: 126_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble-backports InRelease", size: 126_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages", size: 19_300_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble/main amd64 Packages", size: 1_808_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble/restricted amd64 Packages", size: 117_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble/multiverse amd64 Packages", size: 331_000 },
  { url: "http://security.ubuntu.com/ubuntu noble-security/main amd64 Packages", size: 1_006_000 },
  { url: "http://security.ubuntu.com/ubuntu noble-security/universe amd64 Packages", size: 1_089_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble-updates/main amd64 Packages", size: 1_302_000 },
  { url: "http://archive.ubuntu.com/ubuntu noble-updates/universe amd64 Packages", size: 1_412_000 },
] as const;

/** Packages ubuntu:24.04 has installed that the indexed packages depend on. */
export const NOBLE_BASE: PackageIndex = {
  bash: { version: "5.2.21-2ubuntu4", size: 1848, bin: ["/usr/bin/bash"] },
  "libc-bin": { version: "2.39-0ubuntu8.4", size: 2786 },
  libc6: { version: "2.39-0ubuntu8.4", size: 13284 },
  zlib1g: { version: "1:1.3.dfsg-3.1ubuntu2.1", size: 180 },
  libzstd1: { version: "1.5.5+dfsg2-2build1.1", size: 830 },
  "libidn2-0": { version: "2.3.7-2build1.1", size: 390 },
  libcap2: { version: "1:2.66-5ubuntu2.2", size: 90 },
  libtinfo6: { version: "6.4+20240113-1ubuntu2", size: 460 },
  libncursesw6: { version: "6.4+20240113-1ubuntu2", size: 430 },
  libmd0: { version: "1.1.0-2build1.1", size: 80 },
  "libcom-err2": { version: "1.47.0-2.4~exp1ubuntu4.1", size: 50 },
  libssl3t64: { version: "3.0.13-0ubuntu3.5", size: 5600 },
  libsystemd0: { version: "255.4-1ubuntu8.6", size: 950 },
  libgpm2: { version: "1.20.7-11", size: 50 },
};

/** ubuntu:24.04's file count for `(Reading database ... N files and directories`. */
export const NOBLE_DATABASE_FILES = 4381;

const U = "noble-updates";

/** Ubuntu 24.04 noble's packages the simulated apt knows (RECALLED, noble-updates as of early 2025). */
export const NOBLE: PackageIndex = {
  ...NOBLE_BASE,
  openssl: { version: "3.0.13-0ubuntu3.5", size: 2050, download: 1_003_000, pocket: U },
  "ca-certificates": {
    version: "20240203",
    deps: ["openssl"],
    size: 384,
    download: 159_000,
    arch: "all",
  },
  "krb5-locales": { version: "1.20.1-6ubuntu2.5", size: 3100, download: 14_200, arch: "all", pocket: U },
  libbrotli1: { version: "1.1.0-2build2", size: 800, download: 331_000 },
  libkrb5support0: { version: "1.20.1-6ubuntu2.5", size: 140, download: 34_100, pocket: U },
  libk5crypto3: {
    version: "1.20.1-6ubuntu2.5",
    deps: ["libkrb5support0"],
    size: 240,
    download: 81_800,
    pocket: U,
  },
  libkeyutils1: { version: "1.6.3-3build1", size: 38, download: 9_490 },
  "libkrb5-3": {
    version: "1.20.1-6ubuntu2.5",
    deps: ["libcom-err2", "libk5crypto3", "libkeyutils1", "libkrb5support0", "libssl3t64"],
    recommends: ["krb5-locales"],
    size: 1000,
    download: 348_000,
    pocket: U,
  },
  "libgssapi-krb5-2": {
    version: "1.20.1-6ubuntu2.5",
    deps: ["libcom-err2", "libk5crypto3", "libkrb5-3", "libkrb5support0"],
    suggests: ["krb5-doc", "krb5-user"],
    size: 430,
    download: 143_000,
    pocket: U,
  },
  "libsasl2-modules-db": { version: "2.1.28+dfsg1-5ubuntu3.1", size: 100, download: 20_300, pocket: U },
  "libsasl2-2": {
    version: "2.1.28+dfsg1-5ubuntu3.1",
    deps: ["libsasl2-modules-db"],
    size: 180,
    download: 53_200,
    pocket: U,
  },
  "libldap-common": {
    version: "2.6.7+dfsg-1~exp1ubuntu8.2",
    size: 150,
    download: 31_700,
    arch: "all",
    pocket: U,
  },
  "libsasl2-modules": {
    version: "2.1.28+dfsg1-5ubuntu3.1",
    size: 340,
    download: 69_900,
    pocket: U,
    suggests: [
      "libsasl2-modules-gssapi-mit | libsasl2-modules-gssapi-heimdal",
      "libsasl2-modules-ldap",
      "libsasl2-modules-otp",
      "libsasl2-modules-sql",
    ],
  },
  libldap2: {
    version: "2.6.7+dfsg-1~exp1ubuntu8.2",
    deps: ["libsasl2-2"],
    recommends: ["libldap-common", "libsasl2-modules"],
    size: 600,
    download: 195_000,
    pocket: U,
  },
  "libnghttp2-14": { version: "1.59.0-1ubuntu0.2", size: 200, download: 74_300, pocket: U },
  publicsuffix: { version: "20231001.0357-0.1", size: 320, download: 129_000, arch: "all" },
  libpsl5t64: {
    version: "0.21.2-1.1build1",
    deps: ["libidn2-0"],
    recommends: ["publicsuffix"],
    size: 90,
    download: 57_400,
  },
  librtmp1: { version: "2.4+20151223.gitfa8646d.1-2build7", size: 140, download: 56_300 },
  "libssh-4": { version: "0.10.6-2ubuntu0.1", size: 560, download: 188_000, pocket: U },
  libcurl4t64: {
    version: "8.5.0-2ubuntu10.6",
    deps: [
      "libbrotli1",
      "libgssapi-krb5-2",
      "libidn2-0",
      "libldap2",
      "libnghttp2-14",
      "libpsl5t64",
      "librtmp1",
      "libssh-4",
      "libssl3t64",
      "libzstd1",
      "zlib1g",
    ],
    recommends: ["ca-certificates"],
    size: 850,
    download: 341_000,
    pocket: U,
  },
  curl: {
    version: "8.5.0-2ubuntu10.6",
    deps: ["libcurl4t64", "zlib1g"],
    size: 520,
    download: 226_000,
    pocket: U,
    bin: ["/usr/bin/curl"],
    description: "command line tool for transferring data with URL syntax",
  },
  wget: {
    version: "1.21.4-1ubuntu4.1",
    deps: ["libidn2-0", "libpsl5t64", "libssl3t64", "zlib1g"],
    recommends: ["ca-certificates"],
    size: 3700,
    download: 334_000,
    pocket: U,
    bin: ["/usr/bin/wget"],
    description: "retrieves files from the web",
  },
  libuv1t64: { version: "1.48.0-1.1build1", size: 360, download: 97_600 },
  "libjson-c5": { version: "0.17-1build1", size: 100, download: 35_300 },
  libfstrm0: { version: "0.6.1-1build3", size: 60, download: 21_600 },
  "libprotobuf-c1": { version: "1.4.1-1ubuntu4", size: 60, download: 20_600 },
  liblmdb0: { version: "0.9.31-1build1", size: 100, download: 48_000 },
  libmaxminddb0: { version: "1.9.1-1build1", size: 50, download: 25_100 },
  libicu74: { version: "74.2-1ubuntu3.1", size: 35_000, download: 10_900_000, pocket: U },
  libxml2: {
    version: "2.9.14+dfsg-1.3ubuntu3.1",
    deps: ["libicu74"],
    size: 2000,
    download: 763_000,
    pocket: U,
  },
  "bind9-libs": {
    version: "1:9.18.30-0ubuntu0.24.04.2",
    deps: [
      "libfstrm0",
      "libgssapi-krb5-2",
      "libjson-c5",
      "libkrb5-3",
      "liblmdb0",
      "libmaxminddb0",
      "libnghttp2-14",
      "libprotobuf-c1",
      "libssl3t64",
      "libuv1t64",
      "libxml2",
    ],
    size: 3800,
    download: 1_257_000,
    pocket: U,
  },
  "bind9-host": {
    version: "1:9.18.30-0ubuntu0.24.04.2",
    deps: ["bind9-libs"],
    size: 140,
    download: 50_400,
    pocket: U,
    bin: ["/usr/bin/host"],
  },
  "bind9-dnsutils": {
    version: "1:9.18.30-0ubuntu0.24.04.2",
    deps: ["bind9-host", "bind9-libs"],
    size: 650,
    download: 156_000,
    pocket: U,
    bin: ["/usr/bin/nslookup", "/usr/bin/dig"],
  },
  dnsutils: {
    version: "1:9.18.30-0ubuntu0.24.04.2",
    deps: ["bind9-dnsutils"],
    size: 20,
    download: 3_684,
    arch: "all",
    pocket: U,
    description: "Transitional package for bind9-dnsutils",
  },
  "iputils-ping": {
    version: "3:20240117-1build1",
    deps: ["libcap2"],
    recommends: ["libcap2-bin"],
    size: 110,
    download: 44_200,
    bin: ["/usr/bin/ping"],
    description: "Tools to test the reachability of network hosts",
  },
  "libcap2-bin": { version: "1:2.66-5ubuntu2.2", deps: ["libcap2"], size: 100, download: 34_200, pocket: U },
  "libproc2-0": {
    version: "2:4.0.4-4ubuntu3.2",
    deps: ["libsystemd0"],
    size: 200,
    download: 59_500,
    pocket: U,
  },
  procps: {
    version: "2:4.0.4-4ubuntu3.2",
    deps: ["libncursesw6", "libproc2-0", "libtinfo6"],
    size: 2300,
    download: 708_000,
    pocket: U,
    bin: ["/usr/bin/ps", "/usr/bin/free", "/usr/bin/kill", "/usr/bin/top"],
    description: "/proc file system utilities",
  },
  libbsd0: { version: "0.12.1-1build1.1", deps: ["libmd0"], size: 230, download: 41_500, pocket: U },
  "netcat-openbsd": {
    version: "1.226-1ubuntu2",
    deps: ["libbsd0"],
    size: 110,
    download: 44_400,
    bin: ["/usr/bin/nc.openbsd", "/usr/bin/nc", "/usr/bin/netcat"],
    description: "TCP/IP swiss army knife",
  },
  // net-tools (2.10-0.1ubuntu4.x VERIFIED in noble-updates; the point release RECALLED).
  "net-tools": {
    version: "2.10-0.1ubuntu4",
    size: 1040,
    download: 204_000,
    bin: ["/usr/bin/netstat", "/usr/sbin/ifconfig"],
    description: "NET-3 networking toolkit",
  },
  "vim-common": { version: "2:9.1.0016-1ubuntu7.8", size: 400, download: 386_000, arch: "all", pocket: U },
  "vim-runtime": {
    version: "2:9.1.0016-1ubuntu7.8",
    size: 37_000,
    download: 7_281_000,
    arch: "all",
    pocket: U,
  },
  libsodium23: { version: "1.0.18-1build3", size: 350, download: 161_000 },
  xxd: { version: "2:9.1.0016-1ubuntu7.8", size: 100, download: 63_400, pocket: U },
  vim: {
    version: "2:9.1.0016-1ubuntu7.8",
    deps: ["vim-common", "vim-runtime", "libgpm2", "libsodium23", "libtinfo6"],
    recommends: ["xxd"],
    suggests: ["ctags", "vim-doc", "vim-scripts"],
    size: 4000,
    download: 1_881_000,
    pocket: U,
    bin: ["/usr/bin/vim.basic", "/usr/bin/vim", "/usr/bin/vi"],
    description: "Vi IMproved - enhanced vi editor",
  },
  nano: {
    version: "7.2-2ubuntu0.1",
    deps: ["libncursesw6", "libtinfo6"],
    suggests: ["hunspell"],
    size: 880,
    download: 280_000,
    pocket: U,
    bin: ["/usr/bin/nano", "/usr/bin/rnano"],
    description: "small, friendly text editor inspired by Pico",
  },
  libonig5: { version: "6.9.9-1build1", size: 650, download: 172_000 },
  libjq1: { version: "1.7.1-3build1", deps: ["libonig5"], size: 400, download: 141_000 },
  jq: {
    version: "1.7.1-3build1",
    deps: ["libjq1"],
    size: 100,
    download: 65_700,
    bin: ["/usr/bin/jq"],
    description: "lightweight and flexible command-line JSON processor",
  },
};
