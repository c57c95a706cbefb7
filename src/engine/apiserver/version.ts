/** The API server's version.Info (`/version`): the release its running kube-apiserver image is. */
import type { Cluster } from "../cluster";
import { apiServerVersion } from "../controlplane";
import { releaseOf } from "../node/packages";

/** The build fields every v1.32.x binary of the release reports; gitVersion and the rest vary. */
export const V1_32_BUILD = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0",
  gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
  gitTreeState: "clean",
  buildDate: "2024-12-11T17:59:15Z",
  goVersion: "go1.23.3",
  compiler: "gc",
  platform: "linux/amd64",
};

/** version.Info of the running API server. */
export function serverVersionInfo(cluster: Cluster) {
  return versionInfo(apiServerVersion(cluster));
}

/** version.Info of a v1.32 release's server binaries. */
export function versionInfo(gitVersion: string) {
  const release = releaseOf(gitVersion);
  return {
    ...V1_32_BUILD,
    gitVersion,
    ...(release
      ? { gitCommit: release.gitCommit, buildDate: release.buildDate, goVersion: release.goVersion }
      : {}),
  };
}
