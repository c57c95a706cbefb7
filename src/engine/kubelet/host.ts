/**
 * A node's host as `ssh NODE` reaches it: its files, `systemctl` for the kubelet, `crictl` and
 * `docker` tables of what containerd runs, container logs and `kubectl exec`.
 */

import type { Pod } from "../api/kinds";
import type { Cluster } from "../cluster";
import type { NodeFileSystem } from "../node/fs";
import type {
  ContainerProcess,
  ContainerShell,
  ExecOptions,
  ExecResult,
  NodeHost,
  ShellOptions,
  UnitState,
} from "../node/interface";
import { ttyExecEnv } from "./envvars";
import { KUBEADM_DROPIN, KUBELET_COMMAND } from "./files";
import { imageId } from "./images";
import { openContainerShell } from "./interactive";
import { iptablesSave } from "./iptables";
import type { Kubelet } from "./kubelet";
import { LogBuffer, type LogLine } from "./logbuffer";
import { readLogs } from "./logread";
import type { ContainerRecord, PodRuntime } from "./runtime";
import { KubeletUnit } from "./unit";

const ok = (stdout = ""): ExecResult => ({ stdout, stderr: "", exit: 0 });
const fail = (stderr: string, exit = 1): ExecResult => ({ stdout: "", stderr, exit });

/** Go tabwriter as crictl uses it: minwidth 20, padding 3, last column unpadded. */
export function crictlTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((cell, i) => {
      if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(cell.length + 3, 20));
    });
  return `${rows
    .map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] as number) : cell)).join(""))
    .join("\n")}\n`;
}

/** "2 minutes ago", as crictl (go-units HumanDuration) words it. */
export function humanAgo(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  let text: string;
  if (s < 1) text = "Less than a second";
  else if (s === 1) text = "1 second";
  else if (s < 60) text = `${s} seconds`;
  else if (Math.floor(s / 60) === 1) text = "About a minute";
  else if (s < 3600) text = `${Math.floor(s / 60)} minutes`;
  else if (Math.round(s / 3600) === 1) text = "About an hour";
  else if (s < 48 * 3600) text = `${Math.round(s / 3600)} hours`;
  else if (s < 7 * 24 * 3600 * 2) text = `${Math.floor(s / 86400)} days`;
  else text = `${Math.floor(s / (7 * 86400))} weeks`;
  return `${text} ago`;
}

/** go-units HumanSize: decimal units, 4 significant digits ("72.1MB", "320kB"). */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

/** systemd's "5min 3s ago" style timespan. */
function systemdAgo(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`.replace(" 0s", "");
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}min ago`.replace(" 0min", "");
}

/**
 * Where Ubuntu 22.04's systemd (249, built with rootprefix /) reports system unit files, and the
 * "vendor preset" wording it uses (systemd 252 changed both wording and layout).
 */
export const UNIT_DIR = "/lib/systemd/system";

/** The journal lines `systemctl status` shows (its -n default). */
const STATUS_JOURNAL_LINES = 10;

/** CPU time of a kubelet that exits while loading its configuration (a few tens of ms). */
const FAILED_START_CPU_MS = 60;

/** The share of one CPU an idle kubelet uses, for the CPU line of `systemctl status`. */
const KUBELET_CPU_SHARE = 0.012;

/**
 * systemd's format_timespan at millisecond accuracy, as `systemctl status` prints CPU time:
 * "845ms", "3.095s", "1min 2.5s", "1h 2min 3.4s".
 */
export function systemdTimespanMs(ms: number): string {
  if (ms <= 0) return "0";
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["min", 60_000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) {
    const frac = String(rest % 1000)
      .padStart(3, "0")
      .replace(/0+$/, "");
    parts.push(`${Math.floor(rest / 1000)}${frac ? `.${frac}` : ""}s`);
  }
  return parts.join(" ");
}

/** The unit files a node has (systemctl list-unit-files): name, state, vendor preset. */
const UNIT_FILES: readonly [string, string, string][] = [
  ["containerd.service", "enabled", "enabled"],
  ["kubelet.service", "enabled", "enabled"],
];

/**
 * `systemctl list-unit-files [--type T] [PATTERN...]` as systemd 249 prints it: columns padded
 * to their widest cell and one space apart, then the count line.
 */
export function listUnitFiles(types: string[], patterns: string[], legend = true): string {
  const glob = (p: string) =>
    new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
  const rows = UNIT_FILES.filter(
    ([name]) =>
      (types.length === 0 || types.some((t) => name.endsWith(`.${t}`))) &&
      (patterns.length === 0 || patterns.some((p) => glob(p).test(name))),
  );
  if (rows.length === 0) return legend ? "0 unit files listed.\n" : "";
  const table: string[][] = legend ? [["UNIT FILE", "STATE", "VENDOR PRESET"], ...rows] : [...rows];
  const widths = [0, 1].map((i) => Math.max(...table.map((r) => (r[i] as string).length)));
  const lines = table.map(
    (r) =>
      `${(r[0] as string).padEnd(widths[0] as number)} ${(r[1] as string).padEnd(widths[1] as number)} ${r[2]}`,
  );
  return `${lines.join("\n")}\n${legend ? `\n${rows.length} unit files listed.\n` : ""}`;
}

/** The host of one node. */
export class SimNodeHost implements NodeHost {
  /** kubelet.service: start-up checks, restarts after a failure, the journal. */
  readonly unit: KubeletUnit;

  constructor(
    private readonly cluster: Cluster,
    readonly kubelet: Kubelet,
    readonly fs: NodeFileSystem,
  ) {
    this.unit = new KubeletUnit(cluster, kubelet, fs);
  }

  get nodeName(): string {
    return this.kubelet.nodeName;
  }

  systemctl(verb: string, unit: string): ExecResult {
    const name = unit.replace(/\.service$/, "");
    const known = ["kubelet", "containerd"];
    if (["daemon-reload", "daemon-reexec"].includes(verb)) {
      this.unit.daemonReload();
      return ok();
    }
    if (!known.includes(name)) {
      if (verb === "status") return fail(`Unit ${name}.service could not be found.\n`, 4);
      if (verb === "is-active") return { stdout: "inactive\n", stderr: "", exit: 3 };
      return fail(`Failed to ${verb} ${name}.service: Unit ${name}.service not found.\n`, 5);
    }
    const isKubelet = name === "kubelet";
    const active = isKubelet ? this.kubelet.active : this.kubelet.runtimeActive;
    switch (verb) {
      case "start":
        if (!isKubelet) this.kubelet.setRuntimeActive(true);
        else this.unit.start();
        return { stdout: "", stderr: isKubelet ? this.unit.changedOnDisk() : "", exit: 0 };
      case "stop":
        if (isKubelet) this.unit.stop();
        else this.kubelet.setRuntimeActive(false);
        return ok();
      case "restart":
        if (!isKubelet) this.kubelet.setRuntimeActive(true);
        else this.unit.restart();
        return { stdout: "", stderr: isKubelet ? this.unit.changedOnDisk() : "", exit: 0 };
      case "enable":
      case "disable":
      case "reload":
        return ok();
      case "is-active": {
        const state = isKubelet ? this.unit.state() : active ? "active" : "inactive";
        return { stdout: `${state}\n`, stderr: "", exit: state === "active" ? 0 : 3 };
      }
      case "is-enabled":
        return ok("enabled\n");
      case "status":
        if (isKubelet) return this.kubeletStatus();
        return { stdout: this.containerdStatus(), stderr: "", exit: active ? 0 : 3 };
      default:
        return fail(`Unknown command verb ${verb}.\n`, 1);
    }
  }

  /** containerd.service and kubelet.service as list-units shows them. */
  units(): UnitState[] {
    const kubelet = this.unit.state();
    return [
      {
        name: "containerd.service",
        load: "loaded",
        active: this.kubelet.runtimeActive ? "active" : "inactive",
        sub: this.kubelet.runtimeActive ? "running" : "dead",
        description: "containerd container runtime",
      },
      {
        name: "kubelet.service",
        load: "loaded",
        active: kubelet,
        sub: kubelet === "active" ? "running" : kubelet === "activating" ? "auto-restart" : "dead",
        description: "kubelet: The Kubernetes Node Agent",
      },
    ];
  }

  private kubeletStatus(): ExecResult {
    const k = this.kubelet;
    const since = this.cluster.clock.timestamp(k.activeSince);
    const d = new Date(k.activeSince);
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
    const when = `${day} ${since.slice(0, 10)} ${since.slice(11, 19)} UTC`;
    const ago = systemdAgo((this.cluster.clock.now() - k.activeSince) / 1000);
    const head = [
      `${k.active ? "●" : "○"} kubelet.service - kubelet: The Kubernetes Node Agent`,
      `     Loaded: loaded (${UNIT_DIR}/kubelet.service; enabled; vendor preset: enabled)`,
      "    Drop-In: /usr/lib/systemd/system/kubelet.service.d",
      "             └─10-kubeadm.conf",
    ];
    const failing = this.unit.failing;
    if (!k.active && failing) {
      const at = this.cluster.clock.timestamp(failing.since);
      const fd = new Date(failing.since);
      const fday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][fd.getUTCDay()];
      head[0] = `● kubelet.service - kubelet: The Kubernetes Node Agent`;
      head.push(
        `     Active: activating (auto-restart) (Result: exit-code) since ${fday} ${at.slice(0, 10)} ${at.slice(11, 19)} UTC; ${systemdAgo((this.cluster.clock.now() - failing.since) / 1000)}`,
        "       Docs: https://kubernetes.io/docs/",
        `    Process: ${failing.pid} ExecStart=${failing.binary} $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=${failing.status})`,
        `   Main PID: ${failing.pid} (code=exited, status=${failing.status})`,
        `        CPU: ${systemdTimespanMs(FAILED_START_CPU_MS + (failing.pid % 40))}`,
      );
      return { stdout: this.withJournal(head), stderr: this.unit.changedOnDisk(), exit: 3 };
    }
    if (!k.active) {
      head.push(
        `     Active: inactive (dead) since ${when}; ${ago}`,
        "       Docs: https://kubernetes.io/docs/",
        `    Process: ${k.mainPid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)`,
        `   Main PID: ${k.mainPid} (code=exited, status=0/SUCCESS)`,
      );
      return { stdout: this.withJournal(head), stderr: "", exit: 3 };
    }
    head.push(
      `     Active: active (running) since ${when}; ${ago}`,
      "       Docs: https://kubernetes.io/docs/",
      `   Main PID: ${k.mainPid} (kubelet)`,
      "      Tasks: 13 (limit: 9367)",
      "     Memory: 38.4M",
      `        CPU: ${systemdTimespanMs(Math.round((this.cluster.clock.now() - k.activeSince) * KUBELET_CPU_SHARE))}`,
      "     CGroup: /system.slice/kubelet.service",
      `             └─${k.mainPid} ${KUBELET_COMMAND}`,
    );
    return ok(this.withJournal(head));
  }

  /** systemctl status ends, for root, with the unit's last ten journal lines after a blank line. */
  private withJournal(head: string[]): string {
    const journal = this.unit.lines(this.nodeName).slice(-STATUS_JOURNAL_LINES);
    return `${head.join("\n")}\n${journal.length ? `\n${journal.join("\n")}\n` : ""}`;
  }

  private containerdStatus(): string {
    return [
      `${this.kubelet.runtimeActive ? "●" : "○"} containerd.service - containerd container runtime`,
      `     Loaded: loaded (${UNIT_DIR}/containerd.service; enabled; vendor preset: enabled)`,
      this.kubelet.runtimeActive ? "     Active: active (running)" : "     Active: inactive (dead)",
      "       Docs: https://containerd.io",
      "",
    ].join("\n");
  }

  /** Every container with its pod, newest first (crictl sorts by creation time). */
  private containers(all: boolean): { rt: PodRuntime; c: ContainerRecord }[] {
    const out: { rt: PodRuntime; c: ContainerRecord }[] = [];
    for (const rt of this.kubelet.runtime.values())
      for (const c of rt.containers.values()) {
        if (!c.id) continue;
        if (all || c.state === "running") out.push({ rt, c });
        // The kubelet's container GC keeps one dead instance besides the current one.
        const last = c.last;
        if (all && last && last.containerID !== `containerd://${c.id}`)
          out.push({
            rt,
            c: {
              ...c,
              id: last.containerID.replace(/^containerd:\/\//, ""),
              state: "terminated",
              startedMs: Date.parse(last.startedAt),
              finishedMs: Date.parse(last.finishedAt),
              terminated: last,
              restartCount: Math.max(0, c.restartCount - (c.state === "terminated" ? 2 : 1)),
              logs: c.previousLogs ?? new LogBuffer(),
            },
          });
      }
    out.sort((a, b) => (b.c.startedMs ?? 0) - (a.c.startedMs ?? 0));
    return out;
  }

  containerProcesses(): ContainerProcess[] {
    const out: ContainerProcess[] = [];
    // Host pids are stable per container id: 1000-65535 from the id's first hex digits.
    const pidOf = (id: string) => 1100 + (Number.parseInt(id.slice(0, 6), 16) % 60000);
    for (const rt of this.kubelet.runtime.values()) {
      const running = [...rt.containers.values()].filter((c) => c.state === "running" && c.id && c.argv);
      if (running.length === 0) continue;
      const first = Math.min(...running.map((c) => c.startedMs ?? 0));
      out.push({ pid: pidOf(rt.sandboxId), command: "/pause", startedMs: first });
      const pod = this.cluster.api.get("Pod", rt.namespace, rt.name) as Pod | undefined;
      for (const c of running)
        out.push({
          pid: pidOf(c.id as string),
          command: (c.argv as string[]).join(" "),
          startedMs: c.startedMs ?? 0,
          pod: { namespace: rt.namespace, name: rt.name, hostNetwork: !!pod?.spec?.hostNetwork, ip: rt.ip },
          ports: (c.spec.ports ?? []).map((p) => ({
            port: p.containerPort,
            protocol: p.protocol === "UDP" ? "UDP" : "TCP",
          })),
        });
    }
    return out;
  }

  /** `journalctl [-u kubelet] [-n N] [--no-pager] [-f]`: the kubelet unit's journal. */
  journalctl(args: string[]): ExecResult {
    let unit: string | undefined;
    let lines: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "-u" || a === "--unit") unit = args[++i];
      else if (a.startsWith("--unit=")) unit = a.slice(7);
      else if (a.startsWith("-u") && a.length > 2) unit = a.slice(2);
      else if (a === "-n" || a === "--lines") lines = Number(args[++i]);
      else if (a.startsWith("--lines=")) lines = Number(a.slice(8));
      else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
      else if (a === "-e" || a === "--pager-end") lines = lines ?? 1000;
    }
    const name = unit?.replace(/\.service$/, "");
    if (name !== undefined && name !== "kubelet" && name !== "containerd") return ok("-- No entries --\n");
    let out = name === "containerd" ? [] : this.unit.lines(this.nodeName);
    if (lines !== undefined && Number.isFinite(lines)) out = out.slice(Math.max(0, out.length - lines));
    return ok(out.length ? `${out.join("\n")}\n` : "-- No entries --\n");
  }

  crictl(args: string[]): ExecResult {
    const [verb, ...rest] = args;
    if (!this.kubelet.runtimeActive && verb !== "version" && verb !== undefined)
      return fail(
        'E0101 00:00:00.000000    4321 remote_runtime.go:633] "Status from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory\\""\n' +
          'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory"\n',
      );
    const now = this.cluster.clock.now();
    const quiet = rest.includes("-q") || rest.includes("--quiet");
    const nameFilter = optionValue(rest, "--name");
    switch (verb) {
      case "ps": {
        const all = rest.includes("-a") || rest.includes("--all");
        let list = this.containers(all);
        if (nameFilter) list = list.filter(({ c }) => new RegExp(nameFilter).test(c.name));
        if (quiet) return ok(list.map(({ c }) => `${c.id}\n`).join(""));
        const rows = [
          ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"],
        ];
        for (const { rt, c } of list)
          rows.push([
            (c.id as string).slice(0, 13),
            imageId(c.image).slice(7, 20),
            humanAgo((now - (c.startedMs ?? now)) / 1000),
            c.state === "running" ? "Running" : "Exited",
            c.name,
            String(c.restartCount),
            rt.sandboxId.slice(0, 13),
            rt.name,
            rt.namespace,
          ]);
        return ok(crictlTable(rows));
      }
      case "pods": {
        let list = [...this.kubelet.runtime.values()].sort((a, b) => b.createdMs - a.createdMs);
        if (nameFilter) list = list.filter((rt) => new RegExp(nameFilter).test(rt.name));
        if (quiet) return ok(list.map((rt) => `${rt.sandboxId}\n`).join(""));
        const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
        for (const rt of list)
          rows.push([
            rt.sandboxId.slice(0, 13),
            humanAgo((now - rt.createdMs) / 1000),
            rt.sandboxStopped ? "NotReady" : "Ready",
            rt.name,
            rt.namespace,
            "0",
            "(default)",
          ]);
        return ok(crictlTable(rows));
      }
      case "images":
      case "img": {
        const list = [...this.kubelet.images.values()].sort((a, b) => a.ref.full.localeCompare(b.ref.full));
        if (quiet) return ok(list.map((i) => `${imageId(i.ref)}\n`).join(""));
        const rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]];
        for (const i of list)
          rows.push([i.ref.repository, i.ref.tag, imageId(i.ref).slice(7, 20), humanSize(i.size)]);
        return ok(crictlTable(rows));
      }
      case "logs": {
        const id = rest.filter((a) => !a.startsWith("-")).pop();
        const found = this.findContainer(id);
        if (!found)
          return fail(
            `E0101 00:00:00.000000    1234 log.go:32] "Failed to get container status" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id ?? ""}\\": not found"\n`,
          );
        return ok(readLogs(found.c.logs.entries(this.cluster.clock.now())));
      }
      case "inspect": {
        const found = this.findContainer(rest.filter((a) => !a.startsWith("-")).pop());
        if (!found) return fail("no such container\n");
        const { rt, c } = found;
        return ok(
          `${JSON.stringify(
            {
              status: {
                id: c.id,
                metadata: { attempt: c.restartCount, name: c.name },
                state: c.state === "running" ? "CONTAINER_RUNNING" : "CONTAINER_EXITED",
                createdAt: c.startedAt,
                image: { image: c.image.full },
                imageRef: imageId(c.image),
                labels: {
                  "io.kubernetes.container.name": c.name,
                  "io.kubernetes.pod.name": rt.name,
                  "io.kubernetes.pod.namespace": rt.namespace,
                  "io.kubernetes.pod.uid": rt.uid,
                },
                logPath: `/var/log/pods/${rt.namespace}_${rt.name}_${rt.uid}/${c.name}/${c.restartCount}.log`,
              },
            },
            null,
            2,
          )}\n`,
        );
      }
      case "version":
        return ok(
          "Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.24\nRuntimeApiVersion:  v1\n",
        );
      case "info":
        return ok(
          '{\n  "status": {\n    "conditions": [\n      {\n        "type": "RuntimeReady",\n        "status": true\n      }\n    ]\n  }\n}\n',
        );
      case "stop":
      case "rm":
      case "rmp":
      case "stopp":
        return ok(rest.map((a) => `${a}\n`).join(""));
      default:
        return fail(`crictl: '${verb ?? ""}' is not a crictl command. See 'crictl --help'\n`);
    }
  }

  private findContainer(id: string | undefined): { rt: PodRuntime; c: ContainerRecord } | undefined {
    if (!id) return undefined;
    return this.containers(true).find(({ c }) => (c.id as string).startsWith(id));
  }

  /**
   * `iptables-save`: kube-proxy's rules when a kube-proxy pod runs on this node (its
   * ConfigMap's clusterCIDR decides the masquerade rules); nothing when none does.
   */
  iptablesSave(): ExecResult {
    const api = this.cluster.api;
    const proxy = api
      .list("Pod", { namespace: "kube-system" })
      .some(
        (p) =>
          p.spec?.nodeName === this.nodeName &&
          p.metadata.labels?.["k8s-app"] === "kube-proxy" &&
          p.status?.phase === "Running",
      );
    if (!proxy) return ok("");
    const conf = api.get("ConfigMap", "kube-system", "kube-proxy")?.data?.["config.conf"] ?? "";
    const clusterCIDR = /^clusterCIDR:\s*"?([^"\s]+)"?/m.exec(conf)?.[1];
    const d = new Date(this.cluster.clock.now());
    const nowText = `${d.toUTCString().slice(0, 3)} ${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
    return ok(
      iptablesSave({ services: api.list("Service"), endpoints: api.list("Endpoints"), clusterCIDR }, nowText),
    );
  }

  docker(args: string[]): ExecResult {
    const [verb, ...rest] = args;
    const now = this.cluster.clock.now();
    if (verb === "ps") {
      const all = rest.includes("-a") || rest.includes("--all");
      const list = this.containers(all);
      const quiet = rest.includes("-q");
      if (quiet) return ok(list.map(({ c }) => `${(c.id as string).slice(0, 12)}\n`).join(""));
      const rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]];
      for (const { rt, c } of list) {
        const argv = [...(c.spec.command ?? []), ...(c.spec.args ?? [])].join(" ") || "/docker-entrypoint…";
        const cmd = `"${argv.length > 20 ? `${argv.slice(0, 19)}…` : argv}"`;
        const age = humanAgo((now - (c.startedMs ?? now)) / 1000);
        const status =
          c.state === "running"
            ? `Up ${age.replace(" ago", "")}`
            : `Exited (${c.terminated?.exitCode ?? 0}) ${humanAgo((now - (c.finishedMs ?? now)) / 1000)}`;
        rows.push([
          (c.id as string).slice(0, 12),
          imageId(c.image).slice(7, 19),
          cmd,
          age,
          status,
          "",
          `k8s_${c.name}_${rt.name}_${rt.namespace}_${rt.uid}_${c.restartCount}`,
        ]);
      }
      return ok(crictlTable(rows));
    }
    if (verb === "images") {
      const rows = [["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]];
      for (const i of this.kubelet.images.values())
        rows.push([
          i.ref.repository.replace(/^docker\.io\/(library\/)?/, ""),
          i.ref.tag,
          imageId(i.ref).slice(7, 19),
          "2 months ago",
          humanSize(i.size),
        ]);
      return ok(crictlTable(rows));
    }
    return fail(`docker: '${verb ?? ""}' is not a docker command.\nSee 'docker --help'\n`);
  }

  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
  ): readonly LogLine[] | undefined {
    const rt = this.kubelet.runtimeByName(namespace, pod);
    const c = rt?.containers.get(container);
    if (!c?.id) return undefined;
    const buffer = previous ? c.previousLogs : c.logs;
    return buffer?.entries(this.cluster.clock.now());
  }

  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    stdin?: string,
    options: ExecOptions = {},
  ): ExecResult {
    const rt = this.kubelet.runtimeByName(namespace, pod);
    const c = rt?.containers.get(container);
    if (!rt || !c) return fail(`error: unable to upgrade connection: container not found ("${container}")\n`);
    if (c.state !== "running")
      return fail(
        `error: Internal error occurred: unable to upgrade connection: container not found ("${container}")\n`,
      );
    return this.runInContainer(c, argv, stdin, options.tty === true);
  }

  attachInput(namespace: string, pod: string, container: string, text: string): boolean {
    const c = this.kubelet.runtimeByName(namespace, pod)?.containers.get(container);
    if (!c || c.state !== "none" || c.id !== undefined) return false;
    c.attachInput = text;
    return true;
  }

  openShell(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    options: ShellOptions = {},
  ): ContainerShell | ExecResult {
    const rt = this.kubelet.runtimeByName(namespace, pod);
    const c = rt?.containers.get(container);
    if (!rt || !c) return fail(`error: unable to upgrade connection: container not found ("${container}")\n`);
    if (c.state !== "running" || !c.sandbox)
      return fail(
        `error: Internal error occurred: unable to upgrade connection: container not found ("${container}")\n`,
      );
    const opened = openContainerShell(this.cluster, c.sandbox, argv, options.attach === true);
    if ("exited" in opened) return opened.exited;
    if ("message" in opened) {
      const why = opened.message.includes("executable file not found")
        ? `exec: "${argv[0]}": executable file not found in $PATH`
        : opened.message;
      return fail(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown\n`,
        126,
      );
    }
    return opened;
  }

  /**
   * Runs a command in a running container (CRI ExecSync): a process beside PID 1 in its sandbox,
   * with the container's environment. A command that waits takes its time: the cluster's clock
   * advances until it ends (up to EXEC_MAX_SECONDS); one that waits forever (`tail -f`) is cut
   * off with what it printed, as a Ctrl+C would.
   */
  private runInContainer(c: ContainerRecord, argv: string[], stdin?: string, tty = false): ExecResult {
    const sandbox = c.sandbox;
    const notFound = (cmd: string) =>
      fail(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
        126,
      );
    if (!sandbox) return notFound(argv[0] ?? "");
    let stdout = "";
    let stderr = "";
    const bounded = (add: string, to: string) => (to.length + add.length > EXEC_OUTPUT_MAX ? to : to + add);
    let code: number | undefined;
    const r = sandbox.spawn(
      argv,
      {
        // With -t the process writes to the exec's pseudo-terminal (curl then shows no meter).
        stdout: { write: (t) => (stdout = bounded(t, stdout)), ...(tty && { terminal: true }) },
        stderr: { write: (t) => (stderr = bounded(t, stderr)), ...(tty && { terminal: true }) },
        ...(stdin !== undefined && { stdin }),
        ...(tty && { env: ttyExecEnv(sandbox.spec.env) }),
      },
      (exit) => (code = exit),
    );
    if ("message" in r) {
      if (r.message.includes("executable file not found")) return notFound(argv[0] ?? "");
      return fail(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${r.message}: unknown\n`,
        126,
      );
    }
    const deadline = this.cluster.clock.now() + EXEC_MAX_SECONDS * 1000;
    while (code === undefined && r.alive) {
      const until = r.waitingUntil();
      if (until === undefined || until > deadline) {
        r.kill(130);
        break;
      }
      this.cluster.advance(Math.max(0, until - this.cluster.clock.now()) / 1000);
    }
    return { stdout, stderr, exit: code ?? 130 };
  }
}

/** How long `kubectl exec` waits for a command that sleeps (simulated seconds). */
export const EXEC_MAX_SECONDS = 3600;
/** What `kubectl exec` keeps of a command's output. */
const EXEC_OUTPUT_MAX = 16 * 1024 * 1024;

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

export { KUBEADM_DROPIN };
