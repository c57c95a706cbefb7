/**
 * The helm release the nodes have: v3.16.3 (tag commit cfd07493f46efc9debd9cc1b02a0961186df7fdf),
 * built by the release workflow with Go 1.22.7 (.github/workflows/release.yml at the tag).
 */

/** internal/version.BuildInfo of the binary. */
export const HELM_BUILD = {
  version: "v3.16.3",
  gitCommit: "cfd07493f46efc9debd9cc1b02a0961186df7fdf",
  gitTreeState: "clean",
  goVersion: "go1.22.7",
} as const;

/** `helm version`: fmt's %#v of the BuildInfo. */
export function versionLine(): string {
  const b = HELM_BUILD;
  return `version.BuildInfo{Version:"${b.version}", GitCommit:"${b.gitCommit}", GitTreeState:"${b.gitTreeState}", GoVersion:"${b.goVersion}"}`;
}

/** `helm version --short`: v3.16.3+gcfd0749. */
export function shortVersion(): string {
  return `${HELM_BUILD.version}+g${HELM_BUILD.gitCommit.slice(0, 7)}`;
}
