/**
 * The userland of an image: its flavour's utilities (busybox applets, or Debian's packages), its
 * shells (busybox ash as /bin/sh; dash as Debian's /bin/sh and bash as /bin/bash), the extra
 * packages its catalog entry lists (curl, bind-tools, ...), and its own programs (nginx, redis,
 * agnhost...) on top. Userlands are built once per image config and shared.
 */

import { imageProgramsFor } from "../images";
import type { ImageConfig } from "../images/types";
import { apk, aptProgram, programOfBinary } from "../pkgs";
import { shellProgram } from "../sh";
import { ALPINE_WITHOUT } from "../sh/applets/busyboxapplets";
import { nslookupLegacy } from "../sh/applets/dns";
import {
  APPLETS,
  busyboxUserland,
  emptyUserland,
  type GnuPackage,
  gnuUserland,
} from "../sh/applets/userland";
import type { Program, Userland } from "../sh/interface";

/** Catalog package names (Debian's and Alpine's) to the GNU package sets the applets model. */
const PACKAGE_SETS: Record<string, GnuPackage> = {
  curl: "curl",
  wget: "wget",
  dnsutils: "dnsutils",
  "bind-tools": "dnsutils",
  "bind9-dnsutils": "dnsutils",
  "netcat-openbsd": "netcat-openbsd",
  procps: "procps",
  "procps-ng": "procps",
};

/** Programs of alpine packages that shadow busybox applets (/usr/bin comes before /bin in PATH). */
const ALPINE_PACKAGE_PROGRAMS: Record<string, string[]> = {
  curl: ["curl"],
  "bind-tools": ["nslookup", "dig", "host"],
  "netcat-openbsd": ["nc"],
};

const cache = new WeakMap<ImageConfig, Userland>();

/** The programs an image runs, found as its PATH finds them. */
export function userlandFor(image: ImageConfig): Userland {
  const cached = cache.get(image);
  if (cached) return cached;
  const own = imageProgramsFor(image);
  let userland: Userland;
  if (image.userland === "busybox") {
    const extra: Record<string, Program> = {
      "/bin/sh": shellProgram("ash"),
      "/bin/ash": shellProgram("ash"),
    };
    for (const pkg of image.packages) {
      if (pkg === "bash") extra["/bin/bash"] = shellProgram("bash");
      for (const name of ALPINE_PACKAGE_PROGRAMS[pkg] ?? []) {
        const applet = APPLETS[name];
        if (applet) extra[`/usr/bin/${name}`] = applet("gnu");
      }
    }
    // busybox before 1.29 has the old nslookup (libc resolver, `Address 1:` lines).
    if (image.os === "busybox" && isBefore(image.version, 1, 29))
      extra["/bin/nslookup"] = nslookupLegacy("busybox");
    // Alpine images have apk (busybox has no package manager).
    if (image.os === "alpine") extra["/sbin/apk"] = apk;
    userland = busyboxUserland({ ...extra, ...own }, image.os === "alpine" ? ALPINE_WITHOUT : []);
  } else if (image.userland === "gnu") {
    const packages = image.packages.map((p) => PACKAGE_SETS[p]).filter((p): p is GnuPackage => Boolean(p));
    const extra: Record<string, Program> = {
      "/usr/bin/sh": shellProgram("dash"),
      "/usr/bin/dash": shellProgram("dash"),
      "/usr/bin/bash": shellProgram("bash"),
      "/usr/bin/rbash": shellProgram("bash"),
    };
    if (image.os === "debian" || image.os === "ubuntu") {
      extra["/usr/bin/apt-get"] = aptProgram(false);
      extra["/usr/bin/apt"] = aptProgram(true);
    }
    userland = gnuUserland({ ...extra, ...own }, packages);
  } else {
    userland = emptyUserland(own);
  }
  // Binaries a package manager installed into a container's layer run their programs.
  if (image.userland !== "none") userland = { ...userland, binary: programOfBinary };
  cache.set(image, userland);
  return userland;
}

/** Whether a `MAJOR.MINOR[.PATCH]` version is older than major.minor. */
function isBefore(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  return Number(m[1]) < major || (Number(m[1]) === major && Number(m[2]) < minor);
}
