/**
 * /etc/os-release as each image family ships it (the distributions' base-files packages: Debian
 * base-files 12.4, Ubuntu base-files 13ubuntu10, Alpine alpine-release, Oracle Linux oraclelinux-
 * release-el9, distroless's base image). busybox images have no /etc/os-release at all.
 */
import type { OsFamily } from "./types";

const DEBIAN_CODENAMES: Record<string, string> = {
  "9": "stretch",
  "10": "buster",
  "11": "bullseye",
  "12": "bookworm",
  "13": "trixie",
};

const UBUNTU: Record<string, { point: string; codename: string; name: string }> = {
  "18.04": { point: "18.04.6 LTS", codename: "bionic", name: "Bionic Beaver" },
  "20.04": { point: "20.04.6 LTS", codename: "focal", name: "Focal Fossa" },
  "22.04": { point: "22.04.5 LTS", codename: "jammy", name: "Jammy Jellyfish" },
  "24.04": { point: "24.04.1 LTS", codename: "noble", name: "Noble Numbat" },
  "24.10": { point: "24.10", codename: "oracular", name: "Oracular Oriole" },
};

/** The Debian major a codename or version names (`bookworm` → 12). */
export function debianMajor(codenameOrVersion: string): string | undefined {
  const major = codenameOrVersion.split(".")[0] as string;
  if (DEBIAN_CODENAMES[major]) return major;
  return Object.entries(DEBIAN_CODENAMES).find(([, c]) => c === codenameOrVersion)?.[0];
}

/** The Ubuntu release a codename or version names (`jammy` → 22.04). */
export function ubuntuRelease(codenameOrVersion: string): string | undefined {
  if (UBUNTU[codenameOrVersion]) return codenameOrVersion;
  return Object.entries(UBUNTU).find(([, u]) => u.codename === codenameOrVersion)?.[0];
}

/**
 * The text of /etc/os-release for a family at a version (Debian `12`, Ubuntu `24.04`, Alpine
 * `3.21.0`); undefined for busybox, which ships none.
 */
export function osRelease(family: OsFamily, version: string): string | undefined {
  switch (family) {
    case "busybox":
      return undefined;
    case "alpine": {
      const minor = version.split(".").slice(0, 2).join(".");
      return [
        'NAME="Alpine Linux"',
        "ID=alpine",
        `VERSION_ID=${version}`,
        `PRETTY_NAME="Alpine Linux v${minor}"`,
        'HOME_URL="https://alpinelinux.org/"',
        'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
        "",
      ].join("\n");
    }
    case "debian": {
      const major = debianMajor(version) ?? "12";
      const codename = DEBIAN_CODENAMES[major] as string;
      return [
        `PRETTY_NAME="Debian GNU/Linux ${major} (${codename})"`,
        'NAME="Debian GNU/Linux"',
        `VERSION_ID="${major}"`,
        `VERSION="${major} (${codename})"`,
        `VERSION_CODENAME=${codename}`,
        "ID=debian",
        'HOME_URL="https://www.debian.org/"',
        'SUPPORT_URL="https://www.debian.org/support"',
        'BUG_REPORT_URL="https://bugs.debian.org/"',
        "",
      ].join("\n");
    }
    case "ubuntu": {
      const release = ubuntuRelease(version) ?? "24.04";
      const u = UBUNTU[release] as { point: string; codename: string; name: string };
      return [
        `PRETTY_NAME="Ubuntu ${u.point}"`,
        'NAME="Ubuntu"',
        `VERSION_ID="${release}"`,
        `VERSION="${u.point} (${u.name})"`,
        `VERSION_CODENAME=${u.codename}`,
        "ID=ubuntu",
        "ID_LIKE=debian",
        'HOME_URL="https://www.ubuntu.com/"',
        'SUPPORT_URL="https://help.ubuntu.com/"',
        'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
        'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
        `UBUNTU_CODENAME=${u.codename}`,
        "LOGO=ubuntu-logo",
        "",
      ].join("\n");
    }
    case "oraclelinux":
      return [
        'NAME="Oracle Linux Server"',
        `VERSION="${version}"`,
        'ID="ol"',
        'ID_LIKE="fedora"',
        'VARIANT="Server"',
        'VARIANT_ID="server"',
        `VERSION_ID="${version}"`,
        `PLATFORM_ID="platform:el${version.split(".")[0]}"`,
        `PRETTY_NAME="Oracle Linux Server ${version}"`,
        'ANSI_COLOR="0;31"',
        `CPE_NAME="cpe:/o:oracle:linux:${version.replace(".", ":")}:server"`,
        'HOME_URL="https://linux.oracle.com/"',
        'BUG_REPORT_URL="https://github.com/oracle/oracle-linux"',
        "",
      ].join("\n");
    case "distroless":
      return [
        'PRETTY_NAME="Distroless"',
        'NAME="Debian GNU/Linux"',
        'ID="debian"',
        'VERSION_ID="12"',
        'VERSION="Debian GNU/Linux 12 (bookworm)"',
        'HOME_URL="https://github.com/GoogleContainerTools/distroless"',
        'SUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"',
        'BUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"',
        "",
      ].join("\n");
  }
}
