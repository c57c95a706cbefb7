import { describe, expect, it } from "vitest";
import {
  type ContainerCommand,
  expandContainerCommandAndArgs,
  lookupImage,
  noCommandMessage,
  processArgs,
  resolveCommand,
} from "./index";

/** A stand-in for the kubelet's $(VAR) expander (third_party/forked/golang/expansion) for these cases. */
const expander = (env: Record<string, string>) => (s: string) =>
  s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);

// Ported from kubernetes/kubernetes pkg/kubelet/container/helpers_test.go, TestExpandCommandAndArgs.
describe("ExpandContainerCommandAndArgs", () => {
  const cases: {
    name: string;
    container: ContainerCommand;
    envs: Record<string, string>;
    expectedCommand?: string[];
    expectedArgs?: string[];
  }[] = [
    { name: "none", container: {}, envs: {} },
    {
      name: "command expanded",
      container: { command: ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"] },
      envs: { VAR_TEST: "zoo", VAR_TEST2: "boo" },
      expectedCommand: ["foo", "zoo", "boo"],
    },
    {
      name: "args expanded",
      container: { args: ["zap", "$(VAR_TEST)", "$(VAR_TEST2)"] },
      envs: { VAR_TEST: "hap", VAR_TEST2: "trap" },
      expectedArgs: ["zap", "hap", "trap"],
    },
    {
      name: "both expanded",
      container: {
        command: ["$(VAR_TEST2)--$(VAR_TEST)", "foo", "$(VAR_TEST3)"],
        args: ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"],
      },
      envs: { VAR_TEST: "zoo", VAR_TEST2: "boo", VAR_TEST3: "roo" },
      expectedCommand: ["boo--zoo", "foo", "roo"],
      expectedArgs: ["foo", "zoo", "boo"],
    },
  ];
  it.each(cases)("$name", (tc) => {
    const got = expandContainerCommandAndArgs(tc.container, expander(tc.envs));
    expect(got.command).toEqual(tc.expectedCommand);
    expect(got.args).toEqual(tc.expectedArgs);
  });
});

// containerd's WithProcessArgs (internal/cri/opts/spec_opts.go).
describe("the runtime's command rule", () => {
  const image = { entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"] };
  const table: [string, string[] | undefined, string[] | undefined, string[] | "none"][] = [
    [
      "neither: entrypoint then cmd",
      undefined,
      undefined,
      ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"],
    ],
    ["args replace cmd", undefined, ["nginx", "-T"], ["/docker-entrypoint.sh", "nginx", "-T"]],
    ["command replaces entrypoint and drops cmd", ["sleep", "10"], undefined, ["sleep", "10"]],
    ["command and args", ["sh", "-c"], ["echo hi"], ["sh", "-c", "echo hi"]],
  ];
  it.each(table)("%s", (_name, command, args, want) => {
    const r = processArgs(command, args, image);
    expect(r.ok ? r.argv : "none").toEqual(want);
  });
  it("is `no command specified` when neither the pod nor the image has one", () => {
    expect(processArgs(undefined, undefined, { entrypoint: [], cmd: [] })).toEqual({
      ok: false,
      error: "no command specified",
    });
    expect(processArgs(undefined, undefined, { entrypoint: [""], cmd: [] }).ok).toBe(false);
    expect(noCommandMessage("abc")).toBe(
      'failed to generate container "abc" spec: failed to generate spec: no command specified',
    );
  });
  it("resolves the docs' images as they run", () => {
    const resolve = (ref: string, c: ContainerCommand, env: Record<string, string> = {}) => {
      const r = resolveCommand(
        c,
        lookupImage(ref) as NonNullable<ReturnType<typeof lookupImage>>,
        expander(env),
      );
      return r.ok ? r.argv : r.error;
    };
    expect(resolve("registry.k8s.io/liveness", { args: ["/server"] })).toEqual(["/server"]);
    expect(resolve("vish/stress", { args: ["-mem-total", "150Mi"] })).toEqual([
      "/stress",
      "-logtostderr",
      "-mem-total",
      "150Mi",
    ]);
    expect(resolve("hashicorp/http-echo", { args: ["-text=$(WORD)"] }, { WORD: "apple" })).toEqual([
      "/http-echo",
      "-text=apple",
    ]);
    expect(resolve("busybox", {})).toEqual(["sh"]);
    expect(resolve("registry.k8s.io/e2e-test-images/agnhost:2.39", {})).toEqual(["/agnhost", "pause"]);
    expect(
      resolve("registry.k8s.io/e2e-test-images/agnhost:2.39", { args: ["netexec", "--http-port=8080"] }),
    ).toEqual(["/agnhost", "netexec", "--http-port=8080"]);
    expect(resolve("curlimages/curl", { args: ["-s", "http://web"] })).toEqual([
      "/entrypoint.sh",
      "-s",
      "http://web",
    ]);
    expect(resolve("registry.k8s.io/kube-apiserver:v1.32.2", {})).toEqual(["/go-runner"]);
    expect(resolve("registry.k8s.io/kube-proxy:v1.32.2", {})).toBe("no command specified");
  });
});
