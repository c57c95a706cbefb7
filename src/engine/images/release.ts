/**
 * The distribution's own release file beside /etc/os-release: Alpine's /etc/alpine-release
 * (alpine-baselayout-data: the release, `3.21.0`) and Debian's /etc/debian_version (base-files:
 * the point release, `12.8`; testing and Ubuntu carry the next Debian's `codename/sid`).
 */
import { debianMajor, ubuntuRelease } from "./osrelease";
import type { OsFamily } from "./types";

/** The newest point release of each Debian major in the catalog's time (Debian's release notes). */
const DEBIAN_POINT: Record<string, string> = {
  "9": "9.13",
  "10": "10.13",
  "11": "11.11",
  "12": "12.8",
  "13": "trixie/sid",
};

/** The Debian release an Ubuntu release is based on, as its /etc/debian_version says. */
const UBUNTU_DEBIAN: Record<string, string> = {
  "18.04": "buster/sid",
  "20.04": "bullseye/sid",
  "22.04": "bookworm/sid",
  "24.04": "trixie/sid",
  "24.10": "trixie/sid",
};

/** The release files of a family at a version (`/etc/alpine-release`, `/etc/debian_version`), by path. */
export function releaseFiles(family: OsFamily, version: string): Record<string, string> {
  switch (family) {
    case "alpine":
      return { "/etc/alpine-release": `${version}\n` };
    case "debian": {
      const point = DEBIAN_POINT[debianMajor(version) ?? "12"] ?? "12.8";
      return { "/etc/debian_version": `${point}\n` };
    }
    case "ubuntu":
      return {
        "/etc/debian_version": `${UBUNTU_DEBIAN[ubuntuRelease(version) ?? "24.04"] ?? "trixie/sid"}\n`,
      };
    default:
      return {};
  }
}
