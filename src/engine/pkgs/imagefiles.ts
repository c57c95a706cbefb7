/**
 * The package manager files a base image ships: Alpine's /etc/apk/repositories, world and
 * installed database (alpine-baselayout, apk-tools), Debian's deb822 debian.sources and Ubuntu's
 * ubuntu.sources (as the official images have them since bookworm and noble, without the
 * snapshot comments the Debian image adds). dpkg's status is not written here: only the few
 * base packages apt's dependencies name are known (dpkgdb.ts falls back to them).
 */
import type { OsFamily } from "../images/types";
import { ALPINE_321, ALPINE_321_BASE, ALPINE_321_WORLD } from "./data";

/** /etc/apk/repositories for an Alpine release (`3.21.0` → v3.21). */
export function apkRepositories(version: string): string {
  const minor = version.split(".").slice(0, 2).join(".");
  return `https://dl-cdn.alpinelinux.org/alpine/v${minor}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${minor}/community\n`;
}

const DEBIAN_SOURCES = `Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

const UBUNTU_SOURCES = `Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
`;

/** The package manager's files of an image of this family at this distribution version. */
export function packageManagerFiles(os: OsFamily, version: string): Record<string, string> {
  switch (os) {
    case "alpine": {
      const installed = ALPINE_321_BASE.map((n) => {
        const spec = ALPINE_321[n];
        const deps = spec?.deps?.length ? `D:${spec.deps.join(" ")}\n` : "";
        return `P:${n}\nV:${spec?.version}\nA:x86_64\nI:${(spec?.size ?? 0) * 1024}\n${deps}`;
      });
      return {
        "/etc/apk/repositories": apkRepositories(version),
        "/etc/apk/world": `${[...ALPINE_321_WORLD].sort().join("\n")}\n`,
        "/lib/apk/db/installed": `${installed.join("\n")}\n`,
      };
    }
    case "debian":
      return { "/etc/apt/sources.list.d/debian.sources": DEBIAN_SOURCES };
    case "ubuntu":
      return { "/etc/apt/sources.list.d/ubuntu.sources": UBUNTU_SOURCES };
    default:
      return {};
  }
}
