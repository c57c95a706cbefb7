/**
 * The random-command campaign, briefly: a few dozen seeded scripts typed at the cka lab and at an
 * empty cluster with two nodes, every invariant checked after every command (src/testing/campaign).
 * A failure prints the seed, the invariant and the shrunk script; `npm run campaign -- --runs 1
 * --seed N` replays it. Scripts that once failed are pinned below as regression tests.
 */
import { describe, expect, it } from "vitest";
import { heredoc, preamble } from "./campaign/generate";
import { outputProblem } from "./campaign/invariants";
import {
  DEFAULT_LIMITS,
  formatScript,
  mustNotWriteOnFailure,
  runCampaignScript,
  type Script,
  scriptForSeed,
  shrink,
} from "./campaign/run";

/** The first seed and the number of scripts `npm test` runs. */
const FIRST_SEED = 20_261_206;
const SCRIPTS = 40;
const OPTIONS = { commands: 20, maxSleep: 300 };

function report(script: Script): string {
  const outcome = runCampaignScript(script);
  const v = outcome.violation;
  if (!v) return "ok";
  const shrunk = shrink(script, v, DEFAULT_LIMITS, 40);
  return `seed ${script.seed}: ${v.invariant} at command ${v.index + 1}: ${v.detail}\n${formatScript(shrunk)}`;
}

describe("a seeded random-command campaign", () => {
  it(`${SCRIPTS} scripts of ${OPTIONS.commands} commands violate no invariant`, () => {
    const failures: string[] = [];
    for (let i = 0; i < SCRIPTS; i++) {
      const r = report(scriptForSeed(FIRST_SEED + i, OPTIONS));
      if (r !== "ok") failures.push(r);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

/** Scripts the campaign once failed on (shrunk), with the seed that found them. */
const REGRESSIONS: Script[] = [
  {
    // The kubelet's static pod source handed a manifest with `command: "a\ab"` to the runtime
    // (TypeError: container.command.map is not a function).
    seed: 16,
    setting: "cka",
    commands: [
      heredoc(
        `ssh controlplane "cat > /etc/kubernetes/manifests/kube-scheduler.yaml"`,
        'apiVersion: v1\nkind: Pod\nmetadata: {name: kube-scheduler, namespace: kube-system}\nspec:\n  containers:\n    - {name: kube-scheduler, image: registry.k8s.io/kube-scheduler:v1.32.2, command: "a\\ab"}\n',
      ),
      "sleep 30",
      "kubectl get pods -n kube-system",
    ],
  },
  {
    // The same with an image that is not a string (TypeError: raw.trim is not a function).
    seed: 33,
    setting: "cka",
    commands: [
      heredoc(
        `ssh controlplane "cat > /etc/kubernetes/manifests/kube-scheduler.yaml"`,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-scheduler, namespace: kube-system}\nspec:\n  containers:\n    - {name: kube-scheduler, image: [1], command: [kube-scheduler]}\n",
      ),
      "sleep 30",
    ],
  },
  {
    // kubectl expose sent port NaN to the API server, whose message then printed "NaN".
    seed: 60,
    setting: "empty",
    commands: ["kubectl create deployment web --image=nginx", "kubectl expose deployment web --port=abc"],
  },
  {
    // A volume source without its path reached the kubelet (TypeError in the node's file system):
    // the API server requires spec.volumes[i].hostPath.path.
    seed: 1075,
    setting: "cka",
    commands: [
      heredoc(
        "kubectl apply -f -",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: ds}}\n  template:\n    metadata: {labels: {app: ds}}\n    spec:\n      containers: [{name: c, image: nginx, volumeMounts: [{name: h, mountPath: /h}]}]\n      volumes: [{name: h, hostPath: {}}]\n",
      ),
      "sleep 30",
    ],
  },
  {
    // Restored from a snapshot at its seed, the cluster drew again the uids the saved pods had;
    // the kubelet on node01 took the new pod "web" for a saved one (TypeError in runContainers).
    // Scenario files now keep the generator's position.
    seed: 1120,
    setting: "cka",
    commands: [
      "ssh controlplane 'systemctl stop kubelet'",
      "kubectl cordon node01",
      heredoc(
        "kubectl apply -f -",
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web, labels: {app: web}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: nginx, ports: [{containerPort: 80}], resources: {requests: {cpu: '1'}}, env: [{name: A, value: '1'}]}]\n      tolerations: [{key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 30}]\n  replicas: 0\n",
      ),
      "kubectl run b --image=redis --labels=app=a",
      "kubectl create deployment api --image=nginx:1.27 --replicas=3",
      "kubectl delete deployment api",
      `kubectl run web --image=busybox --overrides='{"spec":{"nodeName":"node01"}}' -- sh -c 'cat /nonexistent'`,
      "sleep 600",
    ],
  },
  {
    // A JSON patch replacing the whole document with null crashed the patch decoder.
    seed: 10271,
    setting: "cka",
    commands: [`kubectl patch node controlplane --type=json -p '[{"op":"add","path":"","value":null}]'`],
  },
  {
    // A map for kind (or apiVersion) in a patch reached the registry: no matches for kind "[object Object]".
    seed: 10365,
    setting: "cka",
    commands: [
      `kubectl patch node node02 --type=strategic -p '{"kind":{"a":1}}'`,
      `kubectl patch node node02 --type=strategic -p '{"apiVersion":{"a":1}}'`,
      `kubectl patch node node02 --type=merge -p '{"apiVersion":{"a":1}}'`,
    ],
  },
  {
    // describe node printed "0 (NaN%)" for the pods of a node with no allocatable.
    seed: 10422,
    setting: "empty",
    commands: [
      ...preamble("empty"),
      "kubectl create deployment api --image=nginx",
      "sleep 5",
      "kubectl describe node n1",
    ],
  },
  {
    // An environment variable from a fieldRef without fieldPath reached the kubelet (TypeError).
    seed: 20060,
    setting: "cka",
    commands: [
      heredoc(
        "kubectl apply -f -",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: busybox, command: [sleep, '60'], env: [{name: A, valueFrom: {fieldRef: {}}}]}]\n",
      ),
      "sleep 10",
    ],
  },
  {
    // A null in an init container's args reached the kubelet (TypeError in expansion); the API
    // server stores it as "" (json.Unmarshal's zero value).
    seed: 30598,
    setting: "cka",
    commands: [
      heredoc(
        "kubectl apply -f -",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  initContainers: [{name: i, image: busybox, command: [echo], args: [-f, null]}]\n  containers: [{name: c, image: busybox, command: [sleep, '60']}]\n",
      ),
      heredoc(
        `ssh node01 "cat > /etc/kubernetes/manifests/s.yaml"`,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  containers: [{name: c, image: busybox, command: [sleep, null]}]\n",
      ),
      "sleep 30",
    ],
  },
  {
    // A crash-looping Job pod evicted while the controller manager was down (its finalizer holds
    // it): the kubelet adopted it again from its status after each termination, at one instant,
    // without end.
    seed: 30982,
    setting: "cka",
    commands: [
      "sleep 5",
      "kubectl create cronjob web --image=busybox --schedule='*/1 * * * *' -- sh -c 'if then fi'",
      "sleep 120",
      "ssh controlplane 'mv /etc/kubernetes/manifests/kube-controller-manager.yaml /tmp/kube-controller-manager.yaml'",
      "kubectl drain node01 --ignore-daemonsets --force --grace-period=5 --timeout=10s",
    ],
  },
];

describe("campaign regressions", () => {
  it.each(REGRESSIONS.map((s) => [s.seed, s] as const))("seed %i", (_seed, script) => {
    expect(report(script)).toBe("ok");
  });
});

describe("the campaign's checks", () => {
  it("tell a leaking JavaScript value or crash from ordinary output", () => {
    const out = (stdout: string, exit = 0) => outputProblem({ stdout, stderr: "", exit });
    expect(out("pod/a created\n")).toBeUndefined();
    expect(out("", 70)).toBe("exit 70 (an internal error)");
    expect(out("replicas: NaN\n")).toMatch(/^NaN in stdout/);
    expect(out("name: undefined\n")).toMatch(/^undefined in stdout/);
    expect(out("labels: [object Object]\n")).toMatch(/^\[object Object\] in stdout/);
    expect(out("TypeError: x is not a function\n")).toMatch(/^a JavaScript error/);
    expect(out("Error: boom\n    at f (file.ts:1:2)\n    at g (file.ts:3:4)\n")).toMatch(/stack trace/);
  });

  it("stop a command that goes past its step limit, counted in engine steps", () => {
    const outcome = runCampaignScript(
      {
        seed: 0,
        setting: "empty",
        commands: [
          "kubectl apply -f - <<'EOF'\nkind: Node\napiVersion: v1\nmetadata: {name: n1}\nEOF",
          "sleep 600",
        ],
      },
      { ...DEFAULT_LIMITS, stepsPerCommand: 10, stepsPerSimulatedSecond: 0 },
    );
    expect(outcome.violation).toMatchObject({ index: 1, invariant: "unbounded" });
  });

  it("know which failing commands must leave the store unchanged", () => {
    expect(mustNotWriteOnFailure("kubectl apply -f - <<'EOF'\nkind: Pod\nEOF")).toBe(true);
    expect(mustNotWriteOnFailure("kubectl apply -f - <<'EOF'\nkind: Pod\n---\nkind: Pod\nEOF")).toBe(false);
    expect(mustNotWriteOnFailure("kubectl run a --image=nginx")).toBe(true);
    expect(mustNotWriteOnFailure("kubectl drain node01")).toBe(false);
    expect(mustNotWriteOnFailure("kubectl rollout status deployment/web")).toBe(false);
  });
});
