/**
 * Random scripts a person might type at a lab cluster: kubectl commands with valid and invalid
 * arguments, manifests with fields of random types, busybox shell snippets in containers, node
 * shell commands over ssh, sleeps, and mutations of the cka scenario's own manifests. Everything
 * is drawn from the engine's seeded Rng, so a seed names a script.
 */
import { stringify, parse as yamlParse } from "yaml";
import type { Rng } from "../../engine/clock/random";
import { addonObjects } from "../../engine/scenarios/addons";
import { kubeSchedulerManifest } from "../../engine/scenarios/manifests";

/** The cluster a script runs on: the cka lab, or an empty cluster given nodes by the script. */
export type Setting = "cka" | "empty";

/** How wild the generated commands are. */
export interface GenerateOptions {
  /** Commands per script. */
  commands: number;
  /** The largest `sleep N` (seconds); a few sleeps are huge only when this is large. */
  maxSleep: number;
}

/** The nodes of each setting (the empty setting's are applied by the script's first commands). */
export const SETTING_NODES: Record<Setting, string[]> = {
  cka: ["controlplane", "node01", "node02"],
  empty: ["n1", "n2"],
};

/** The first commands of a script on the setting (the empty cluster gets its nodes). */
export function preamble(setting: Setting): string[] {
  if (setting === "cka") return [];
  return SETTING_NODES.empty.map((n) =>
    heredoc("kubectl apply -f -", `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${n}\n`),
  );
}

/** A random script of options.commands commands (the preamble not included). */
export function generateScript(rng: Rng, setting: Setting, options: GenerateOptions): string[] {
  const g = new Gen(rng, setting, options);
  const out: string[] = [];
  for (let i = 0; i < options.commands; i++) out.push(g.command());
  return out;
}

/** `cmd <<'EOF'` with body: the quoted delimiter keeps the shell from expanding the body. */
export function heredoc(cmd: string, body: string): string {
  return `${cmd} <<'EOF'\n${body.replace(/\n$/, "")}\nEOF`;
}

const NAMES = ["web", "api", "a", "b"];
const IMAGES = ["nginx", "busybox", "nginx:1.27", "busybox:1.36", "redis", "nosuchimage:9", "nginx:"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute", "Bogus"];
const WORKLOADS = ["deployment", "daemonset", "statefulset", "replicaset", "job"];

/** Busybox shell snippets: loops, pipes, sleeps, arithmetic, and some that do not parse. */
const SNIPPETS = [
  "echo hello",
  "while true; do echo tick; sleep 1; done",
  "for i in 1 2 3; do echo $i; done | wc -l",
  "sleep 3; echo done",
  "echo abc | grep b | tr a-z A-Z",
  "if [ 1 -eq 1 ]; then echo yes; else echo no; fi",
  "seq 1 50 | tail -n 2",
  "yes | head -n 3",
  "cat /etc/hostname; ls /",
  "echo $((7 * 6)) > /tmp/x; cat /tmp/x",
  "exit 3",
  "sleep 2; exit 1",
  "i=0; while [ $i -lt 20 ]; do i=$((i+1)); done; echo $i",
  "env | sort | head -n 3",
  "cat /nonexistent",
  "echo $((1 / 0))",
  "for do done",
  "echo unterminated ${",
  "if then fi",
  "(( ",
  "case x in x) echo x;; esac",
  "trap 'echo bye' EXIT; echo hi",
  "printf '%s-%d\\n' a 5",
];

/** Values of every JSON type, some of them awkward, for fields of random types. */
const ODD_VALUES: unknown[] = [
  "three",
  "",
  "0.5",
  2.5,
  -1,
  0,
  99999999999,
  1e308,
  2 ** 53 + 1,
  true,
  null,
  [],
  ["a", "b"],
  [1],
  {},
  { a: 1 },
  "a\u0007b",
  "\u001b[31mred",
  "x".repeat(300),
  "1Gi",
  "100m",
];

/** Paths (dot-separated, numbers index lists) in a workload manifest where a random value goes. */
const WORKLOAD_PATHS = [
  "kind",
  "apiVersion",
  "metadata",
  "metadata.name",
  "metadata.labels",
  "metadata.labels.app",
  "metadata.annotations.note",
  "spec",
  "spec.replicas",
  "spec.selector",
  "spec.selector.matchLabels",
  "spec.template.metadata.labels",
  "spec.template.spec.containers",
  "spec.template.spec.containers.0.image",
  "spec.template.spec.containers.0.name",
  "spec.template.spec.containers.0.command",
  "spec.template.spec.containers.0.args",
  "spec.template.spec.containers.0.ports.0.containerPort",
  "spec.template.spec.containers.0.resources.requests.cpu",
  "spec.template.spec.containers.0.resources.limits.memory",
  "spec.template.spec.containers.0.env.0.value",
  "spec.template.spec.nodeSelector",
  "spec.template.spec.nodeName",
  "spec.template.spec.tolerations",
  "spec.template.spec.tolerations.0.tolerationSeconds",
  "spec.template.spec.terminationGracePeriodSeconds",
  "spec.strategy.rollingUpdate.maxSurge",
  "spec.minReadySeconds",
  "spec.progressDeadlineSeconds",
  "spec.revisionHistoryLimit",
];

const POD_PATHS = [
  "metadata.name",
  "metadata.labels",
  "spec.containers",
  "spec.containers.0.image",
  "spec.containers.0.command",
  "spec.containers.0.resources.requests.cpu",
  "spec.nodeName",
  "spec.nodeSelector",
  "spec.tolerations",
  "spec.restartPolicy",
  "spec.activeDeadlineSeconds",
  "spec.hostNetwork",
  "spec.priority",
];

class Gen {
  constructor(
    private readonly rng: Rng,
    private readonly setting: Setting,
    private readonly options: GenerateOptions,
  ) {}

  private pick<T>(list: readonly T[]): T {
    return list[this.rng.int(list.length)] as T;
  }

  private chance(p: number): boolean {
    return this.rng.next() < p;
  }

  private name(): string {
    return this.pick(NAMES);
  }

  private node(): string {
    return this.pick(SETTING_NODES[this.setting]);
  }

  private workerNode(): string {
    return this.pick(SETTING_NODES[this.setting].filter((n) => n !== "controlplane"));
  }

  private replicas(): string {
    return this.chance(0.85) ? String(this.rng.int(6)) : this.pick(["-1", "abc", "2.5", "100", "1e3", ""]);
  }

  private snippet(): string {
    return this.pick(SNIPPETS);
  }

  /** One command, drawn by weight. */
  command(): string {
    const table: [number, () => string][] = [
      [8, () => this.run()],
      [6, () => this.createWorkload()],
      [10, () => this.applyManifest()],
      [5, () => `kubectl scale ${this.pick(WORKLOADS)}/${this.name()} --replicas=${this.replicas()}`],
      [
        3,
        () =>
          `kubectl set image deployment/${this.name()} ${this.pick(["c", "web", "*"])}=${this.pick(IMAGES)}`,
      ],
      [4, () => this.labelAnnotate()],
      [4, () => this.taint()],
      [3, () => `kubectl ${this.pick(["cordon", "uncordon"])} ${this.node()}`],
      [2, () => this.drain()],
      [6, () => this.remove()],
      [4, () => this.rollout()],
      [3, () => this.expose()],
      [7, () => this.look()],
      [7, () => this.execLogs()],
      [5, () => this.onNode()],
      [8, () => `sleep ${this.sleepSeconds()}`],
      [5, () => this.mutateScenario()],
      [5, () => this.patch()],
      [4, () => this.output()],
      [4, () => this.otherManifest()],
    ];
    let total = 0;
    for (const [w] of table) total += w;
    let r = this.rng.int(total);
    for (const [w, make] of table) {
      if (r < w) return make();
      r -= w;
    }
    return "kubectl get pods";
  }

  private sleepSeconds(): number {
    const max = this.options.maxSleep;
    if (max > 100_000 && this.chance(0.03)) return this.pick([100_000, 99_999_999_999, max]);
    return this.pick([0, 1, 2, 5, 10, 30, 60, 120, 300, 600].filter((n) => n <= max));
  }

  private run(): string {
    const name = this.name();
    const image = this.pick(IMAGES);
    const flags: string[] = [];
    if (this.chance(0.3)) flags.push(`--restart=${this.pick(["Never", "OnFailure", "Always", "Sometimes"])}`);
    if (this.chance(0.3)) flags.push(`--labels=app=${this.name()}`);
    if (this.chance(0.1)) flags.push(`--overrides='{"spec":{"nodeName":"${this.node()}"}}'`);
    if (this.chance(0.1)) flags.push(`--env=A=${this.pick(["1", "", "x=y"])}`);
    const tail = image.startsWith("busybox") || this.chance(0.2) ? ` -- sh -c '${this.snippet()}'` : "";
    return `kubectl run ${name} --image=${image} ${flags.join(" ")}${tail}`.replace(/ {2,}/g, " ");
  }

  private createWorkload(): string {
    const kind = this.pick(["deployment", "deployment", "job", "cronjob", "configmap", "secret generic"]);
    const name = this.name();
    switch (kind) {
      case "deployment":
        return `kubectl create deployment ${name} --image=${this.pick(IMAGES)} --replicas=${this.replicas()}`;
      case "job":
        return `kubectl create job ${name} --image=busybox -- sh -c '${this.snippet()}'`;
      case "cronjob":
        return `kubectl create cronjob ${name} --image=busybox --schedule='${this.pick(["*/1 * * * *", "0 0 * * *", "bad"])}' -- sh -c '${this.snippet()}'`;
      case "configmap":
        return `kubectl create configmap ${name} --from-literal=k=${this.pick(["v", "", "a=b"])}`;
      default:
        return `kubectl create secret generic ${name} --from-literal=password=${this.pick(["s3cret", ""])}`;
    }
  }

  /** A workload or pod manifest, sometimes with a random value at a random path. */
  private applyManifest(): string {
    const isPod = this.chance(0.3);
    const obj = isPod ? this.podObject() : this.workloadObject();
    const mutations = this.chance(0.6) ? 1 + this.rng.int(2) : 0;
    for (let i = 0; i < mutations; i++)
      setPath(obj, this.pick(isPod ? POD_PATHS : WORKLOAD_PATHS), this.odd());
    const verb = this.pick([
      "kubectl apply -f -",
      "kubectl create -f -",
      "kubectl replace -f -",
      "kubectl apply -f -",
    ]);
    return heredoc(verb, this.text(obj));
  }

  /** The manifest as YAML or JSON; deeply nested values are spliced into JSON text. */
  private text(obj: unknown): string {
    const json = JSON.stringify(obj);
    if (json.includes(DEEP)) {
      const n = this.pick([20, 200, 2000, 20_000]);
      return json.replace(JSON.stringify(DEEP), `${'[{"a":'.repeat(n)}1${"}]".repeat(n)}`);
    }
    return this.chance(0.2) ? json : stringify(obj);
  }

  private odd(): unknown {
    if (this.chance(0.1)) return DEEP;
    return structuredClone(this.pick(ODD_VALUES));
  }

  private podObject(): Record<string, unknown> {
    const snippet = this.snippet();
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: this.name(), labels: { app: this.name() } },
      spec: {
        containers: [
          {
            name: "c",
            image: "busybox",
            command: ["sh", "-c", snippet],
            resources: { requests: { cpu: "100m", memory: "32Mi" } },
          },
        ],
      },
    };
  }

  private workloadObject(): Record<string, unknown> {
    const kind = this.pick(["Deployment", "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet"]);
    const name = this.name();
    const podSpec: Record<string, unknown> = {
      containers: [
        {
          name: "c",
          image: this.pick(IMAGES),
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: this.pick(["50m", "100m", "1", "64"]) } },
          env: [{ name: "A", value: "1" }],
        },
      ],
    };
    if (this.chance(0.3))
      podSpec.tolerations = [
        {
          key: "k",
          operator: "Exists",
          effect: this.pick(["NoExecute", "NoSchedule"]),
          tolerationSeconds: this.pick([0, 5, 30]),
        },
      ];
    if (this.chance(0.2)) podSpec.nodeSelector = { "kubernetes.io/hostname": this.node() };
    const spec: Record<string, unknown> = {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec },
    };
    if (kind !== "DaemonSet") spec.replicas = this.rng.int(5);
    if (kind === "StatefulSet") spec.serviceName = name;
    return { apiVersion: "apps/v1", kind, metadata: { name, labels: { app: name } }, spec };
  }

  /** `kubectl patch` of each type, with a random value at a random path of the patch. */
  private patch(): string {
    const type = this.pick(["strategic", "merge", "json"]);
    const target = this.pick([`deployment ${this.name()}`, `pod ${this.name()}`, `node ${this.node()}`]);
    let body: string;
    if (type === "json") {
      const op = this.pick(["replace", "add", "remove", "test", "move", "bogus"]);
      const path = this.pick([
        "/spec/replicas",
        "/metadata/labels/x",
        "/spec/template/spec/containers/0/image",
        "/spec/unschedulable",
        "/nope/deeper",
        "",
      ]);
      body = JSON.stringify([{ op, path, value: this.odd() }]);
    } else {
      const obj: Record<string, unknown> = {};
      setPath(obj, this.pick([...WORKLOAD_PATHS, ...POD_PATHS]), this.odd());
      body = JSON.stringify(obj);
    }
    // The body goes in single quotes; a quote inside ends the word, as a person's typo would.
    return `kubectl patch ${target} --type=${type} -p '${body.replace(/'/g, "")}'`;
  }

  /** Output formats and templates, some of which do not parse. */
  private output(): string {
    const kind = this.pick(["pods", "deployments", "nodes", "rs", "svc", "events"]);
    const format = this.pick([
      "-o jsonpath='{.items[*].metadata.name}'",
      "-o jsonpath='{range .items[*]}{.metadata.name}{\\t}{.status.phase}{\\n}{end}'",
      "-o jsonpath='{.items[0].spec.containers[0].resources}'",
      "-o jsonpath='{.items[?(@.spec.nodeName==\"node01\")].metadata.name}'",
      "-o jsonpath='{.items[*'",
      "-o jsonpath='{.nope.nothing}'",
      "-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,CPU:.spec.containers[0].resources.requests.cpu",
      "-o custom-columns=BAD",
      "-o go-template='{{range .items}}{{.metadata.name}} {{end}}'",
      "-o name",
      "-o wide --show-labels",
      "--sort-by=.spec.replicas",
      "--sort-by=.spec.containers[0].resources.requests.memory",
      "--sort-by=.status.nothing",
      "-l 'app in (web,api)'",
      "-l '!app'",
      "-l 'app=='",
      "--field-selector=spec.nodeName=node01",
      "--field-selector=status.phase!=Running,bogus=1",
    ]);
    return `kubectl get ${kind} ${this.chance(0.3) ? "-A " : ""}${format}`;
  }

  /** Services, ConfigMaps, Namespaces, PodDisruptionBudgets with random values in places. */
  private otherManifest(): string {
    const name = this.name();
    const obj: Record<string, unknown> = this.pick([
      () => ({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name },
        spec: {
          selector: { app: name },
          ports: [{ port: 80, targetPort: this.pick([80, "http", 0]) }],
          type: "NodePort",
        },
      }),
      () => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { k: "v" } }),
      () => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: this.pick(["dev", "kube-system", "Bad_Name"]) },
      }),
      () => ({
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name },
        spec: { selector: { matchLabels: { app: name } }, minAvailable: this.pick([1, "50%", 100]) },
      }),
      () => ({
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name },
        spec: { limits: [{ type: "Container", default: { cpu: "200m" }, defaultRequest: { cpu: "100m" } }] },
      }),
      () => ({
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name },
        spec: { hard: { pods: this.pick(["2", "0", "10"]), "requests.cpu": "1" } },
      }),
    ])();
    if (this.chance(0.5)) setPath(obj, this.pick(leafPaths(obj)), this.odd());
    return heredoc(this.pick(["kubectl apply -f -", "kubectl create -f -"]), this.text(obj));
  }

  private labelAnnotate(): string {
    const verb = this.pick(["label", "annotate"]);
    const kind = this.pick(["pod", "node", "deployment", "pods --all"]);
    const target = kind === "node" ? this.node() : kind === "pods --all" ? "" : this.name();
    const value = this.pick([
      "k=v",
      "k=v2 --overwrite",
      "k-",
      "app=other --overwrite",
      "bad key=v",
      "k=\u0007",
    ]);
    return `kubectl ${verb} ${kind} ${target} ${value}`.replace(/ {2,}/g, " ");
  }

  private taint(): string {
    const node = this.chance(0.1) ? "--all" : this.node();
    if (this.chance(0.3)) return `kubectl taint node ${node} k-`;
    return `kubectl taint node ${node} k=${this.pick(["v", "", "w"])}:${this.pick(TAINT_EFFECTS)}${this.chance(0.3) ? " --overwrite" : ""}`;
  }

  private drain(): string {
    const flags = [
      "--ignore-daemonsets",
      "--force",
      "--delete-emptydir-data",
      "--timeout=60s",
      "--grace-period=5",
    ];
    return `kubectl drain ${this.node()} ${flags.filter(() => this.chance(0.6)).join(" ")}`.trim();
  }

  private remove(): string {
    const what = this.pick(["pod", "pod", "deployment", "service", "daemonset", "job", "node", "pods --all"]);
    // Deleting the lab's control-plane Node stops its kubelet and so the API server (see the
    // campaign's findings); the campaign deletes worker nodes only.
    const target = what === "node" ? this.workerNode() : what === "pods --all" ? "" : this.name();
    const flags = this.chance(0.3) ? " --grace-period=0 --force" : this.chance(0.2) ? " --wait=false" : "";
    return `kubectl delete ${what} ${target}${flags}`.replace(/ {2,}/g, " ");
  }

  private rollout(): string {
    const sub = this.pick(["status", "restart", "undo", "history", "pause", "resume"]);
    const timeout = sub === "status" ? ` --timeout=${this.pick(["10s", "60s", "0s"])}` : "";
    return `kubectl rollout ${sub} ${this.pick(["deployment", "daemonset", "statefulset"])}/${this.name()}${timeout}`;
  }

  private expose(): string {
    const port = this.pick(["80", "8080", "0", "99999", "abc"]);
    const type = this.chance(0.3)
      ? ` --type=${this.pick(["NodePort", "ClusterIP", "LoadBalancer", "Weird"])}`
      : "";
    return `kubectl expose ${this.pick(["deployment", "pod"])} ${this.name()} --port=${port}${type}`;
  }

  private look(): string {
    return this.pick([
      "kubectl get all -A",
      "kubectl get pods -o wide",
      "kubectl get nodes",
      `kubectl describe pod ${this.name()}`,
      `kubectl describe node ${this.node()}`,
      `kubectl describe deployment ${this.name()}`,
      `kubectl get deployment ${this.name()} -o yaml`,
      "kubectl get events -A",
      "kubectl get pods -A -o json",
      "kubectl get rs",
      `kubectl get pods --sort-by=.metadata.name`,
      "kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'",
    ]);
  }

  private execLogs(): string {
    const name = this.name();
    if (this.chance(0.5)) return `kubectl exec ${name} -- sh -c '${this.snippet()}'`;
    return `kubectl logs ${name}${this.pick(["", " --tail=3", " -p", " --since=10s", " --timestamps"])}`;
  }

  private onNode(): string {
    const node = this.node();
    const kubelet = () =>
      `ssh ${node} 'systemctl ${this.pick(["stop", "start", "restart", "status"])} kubelet'`;
    if (this.setting !== "cka" || this.chance(0.4)) return kubelet();
    const dir = "/etc/kubernetes/manifests";
    const file = this.pick([
      "kube-scheduler.yaml",
      "kube-controller-manager.yaml",
      "etcd.yaml",
      "kube-apiserver.yaml",
    ]);
    return this.pick([
      `ssh controlplane 'mv ${dir}/${file} /tmp/${file}'`,
      `ssh controlplane 'mv /tmp/${file} ${dir}/${file}'`,
      `ssh controlplane "sed -i 's/image: .*/image: ${this.pick(IMAGES)}/' ${dir}/${file}"`,
      `ssh controlplane "sed -i 's/- --/- --bogus-/' ${dir}/${file}"`,
      `ssh ${node} 'cat ${dir}/${file} | head -n 5'`,
      `ssh ${node} 'crictl ps | head -n 3'`,
      `ssh ${node} 'ls ${dir}; df -h / | tail -n 1'`,
    ]);
  }

  /** One of the cka scenario's own manifests, a field given a wrong type, deep nesting, a huge number or a control character. */
  private mutateScenario(): string {
    if (this.setting === "cka" && this.chance(0.3)) {
      const doc = structuredClone(parseScheduler());
      setPath(
        doc,
        this.pick([
          "spec.containers.0.image",
          "spec.containers.0.command",
          "metadata.name",
          "spec.containers",
        ]),
        this.odd(),
      );
      return heredoc(
        `ssh controlplane "cat > /etc/kubernetes/manifests/kube-scheduler.yaml"`,
        this.text(doc),
      );
    }
    const objects = ADDONS.filter((o) => o.kind !== "Namespace");
    const obj = structuredClone(this.pick(objects)) as unknown as Record<string, unknown>;
    setPath(obj, this.pick(leafPaths(obj)), this.odd());
    return heredoc(this.pick(["kubectl apply -f -", "kubectl replace -f -"]), this.text(obj));
  }
}

const ADDONS = addonObjects();
let scheduler: Record<string, unknown> | undefined;

function parseScheduler(): Record<string, unknown> {
  if (!scheduler) {
    // The manifest is YAML; a person pastes it back with one field changed.
    scheduler = JSON.parse(JSON.stringify(yamlParse(kubeSchedulerManifest()))) as Record<string, unknown>;
  }
  return scheduler;
}

/** Every path to a leaf or container of obj, dot-separated, at most `limit` of them. */
export function leafPaths(obj: unknown, prefix = "", out: string[] = [], limit = 400): string[] {
  if (out.length >= limit) return out;
  if (prefix) out.push(prefix);
  if (obj && typeof obj === "object")
    for (const [k, v] of Object.entries(obj)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out, limit);
  return out;
}

/** Sets obj at a dot-separated path, creating maps (or lists, for numeric segments) on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let at: Record<string, unknown> = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    let next = at[key];
    if (!next || typeof next !== "object") {
      next = /^\d+$/.test(parts[i + 1] as string) ? [] : {};
      at[key] = next;
    }
    at = next as Record<string, unknown>;
  }
  at[parts[parts.length - 1] as string] = value;
}

/** Stands for a deeply nested value, spliced into the manifest's JSON text. */
const DEEP = "\u0000deep";
