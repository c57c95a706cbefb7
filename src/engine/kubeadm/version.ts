/** `kubeadm version [-o short|yaml|json]` (cmd/kubeadm/app/cmd/version.go). */
import { fail, type KubeadmEnv, type KubeadmResult, kubeadmRelease } from "./common";

/** The version.Info kubeadm prints, from the release of the installed kubeadm package. */
export function kubeadmVersionInfo(env: KubeadmEnv) {
  const r = kubeadmRelease(env.fs);
  const [, minor = ""] = r.gitVersion.slice(1).split(".");
  return {
    major: "1",
    minor,
    gitVersion: r.gitVersion,
    gitCommit: r.gitCommit,
    gitTreeState: "clean",
    buildDate: r.buildDate,
    goVersion: r.goVersion,
    compiler: "gc",
    platform: "linux/amd64",
  };
}

/** Runs `kubeadm version` with its -o value ("" for the default). */
export function runVersion(env: KubeadmEnv, output: string): KubeadmResult {
  const v = kubeadmVersionInfo(env);
  switch (output) {
    case "":
      return {
        stdout: `kubeadm version: &version.Info{Major:"${v.major}", Minor:"${v.minor}", GitVersion:"${v.gitVersion}", GitCommit:"${v.gitCommit}", GitTreeState:"${v.gitTreeState}", BuildDate:"${v.buildDate}", GoVersion:"${v.goVersion}", Compiler:"${v.compiler}", Platform:"${v.platform}"}\n`,
        stderr: "",
        exit: 0,
      };
    case "short":
      return { stdout: `${v.gitVersion}\n`, stderr: "", exit: 0 };
    case "json":
      return { stdout: `${JSON.stringify({ clientVersion: v }, null, 2)}\n`, stderr: "", exit: 0 };
    case "yaml": {
      const keys = Object.keys(v).sort() as (keyof typeof v)[];
      const quote = (s: string) => (/^[\d.]+$|^\d{4}-\d\d-\d\dT/.test(s) ? `"${s}"` : s);
      return {
        stdout: `clientVersion:\n${keys.map((k) => `  ${k}: ${quote(v[k])}\n`).join("")}`,
        stderr: "",
        exit: 0,
      };
    }
    default:
      return fail("", `invalid output format: ${output}`);
  }
}
