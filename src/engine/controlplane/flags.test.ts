/**
 * pflag as the control-plane binaries use it: the first error stops parsing with pflag's text
 * (spf13/pflag flag.go: "unknown flag: --%s", "unknown shorthand flag: %q in -%s", "flag needs
 * an argument: %s", strconv.ParseBool's "invalid syntax"), cobra's legacyArgs-style message for
 * positional arguments of kube-scheduler (cmd/kube-scheduler/app/server.go).
 */
import { describe, expect, it } from "vitest";
import { commandArgv } from "./components";
import { boolFlag, KUBE_CONTROLLER_MANAGER_FLAGS, KUBE_SCHEDULER_FLAGS, parseFlags } from "./flags";

describe("parseFlags", () => {
  const cases: [string, string[], Record<string, string> | string][] = [
    ["--name=value", ["--config=/etc/kubernetes/s.yaml"], { config: "/etc/kubernetes/s.yaml" }],
    ["--name value", ["--config", "/etc/s.yaml"], { config: "/etc/s.yaml" }],
    ["a bare boolean is true", ["--leader-elect"], { "leader-elect": "true" }],
    ["a boolean with a value", ["--leader-elect=false"], { "leader-elect": "false" }],
    ["underscores read as hyphens", ["--leader_elect=false"], { "leader-elect": "false" }],
    ["-v2 is --v=2", ["-v2"], { v: "2" }],
    ["-v 2", ["-v", "2"], { v: "2" }],
    ["an unknown flag", ["--leader-elect=true", "--foo=bar"], "unknown flag: --foo"],
    ["an unknown flag keeps its spelling", ["--foo_bar"], "unknown flag: --foo_bar"],
    ["an unknown shorthand", ["-x"], "unknown shorthand flag: 'x' in -x"],
    ["a value missing at the end", ["--config"], "flag needs an argument: --config"],
    [
      "a boolean that is not one",
      ["--leader-elect=yes"],
      'invalid argument "yes" for "--leader-elect" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    ],
    [
      "a positional argument",
      ["--v=2", "extra"],
      '"kube-scheduler" does not take any arguments, got ["extra"]',
    ],
  ];
  for (const [name, args, want] of cases)
    it(name, () => {
      const got = parseFlags(KUBE_SCHEDULER_FLAGS, args);
      if (typeof want === "string") expect(got).toEqual({ error: want });
      else expect("flags" in got && Object.fromEntries(got.flags)).toEqual(want);
    });

  it("accepts every flag of kubeadm's kube-controller-manager manifest", () => {
    const args = [
      "--allocate-node-cidrs=true",
      "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--bind-address=127.0.0.1",
      "--client-ca-file=/etc/kubernetes/pki/ca.crt",
      "--cluster-cidr=10.244.0.0/16",
      "--cluster-name=kubernetes",
      "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
      "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
      "--controllers=*,bootstrapsigner,tokencleaner",
      "--kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--leader-elect=true",
      "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
      "--root-ca-file=/etc/kubernetes/pki/ca.crt",
      "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
      "--service-cluster-ip-range=10.96.0.0/12",
      "--use-service-account-credentials=true",
    ];
    const got = parseFlags(KUBE_CONTROLLER_MANAGER_FLAGS, args);
    expect("flags" in got && got.flags.size).toBe(args.length);
  });

  it("boolFlag reads strconv.ParseBool values and falls back when unset", () => {
    const flags = new Map([
      ["a", "F"],
      ["b", "1"],
    ]);
    expect([boolFlag(flags, "a", true), boolFlag(flags, "b", false), boolFlag(flags, "c", true)]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("looks through the images' /go-runner entrypoint and its own flags", () => {
    expect(
      commandArgv(["/go-runner", "--log-file=/var/log/s.log", "--also-stdout", "kube-scheduler", "--v=2"]),
    ).toEqual(["kube-scheduler", "--v=2"]);
    expect(commandArgv(["kube-scheduler", "--v=2"])).toEqual(["kube-scheduler", "--v=2"]);
    // Only flags after /go-runner: nothing for it to run.
    expect(commandArgv(["/go-runner", "--config=/etc/s.yaml"])).toEqual([]);
  });
});
