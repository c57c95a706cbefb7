/**
 * The kubelet's systemd unit as kubeadm's packages install it (Restart=always, RestartSec=10):
 * starting checks the node's files (startup.ts); a kubelet that fails to start is restarted every
 * 10 s until it starts; systemd and the kubelet write to the journal (`journalctl -u kubelet`).
 */

import type { TimerId } from "../clock/clock";
import type { Cluster } from "../cluster";
import type { NodeFileSystem } from "../node/fs";
import type { Kubelet } from "./kubelet";
import {
  KUBELET_BINARY,
  kubeletStartFailure,
  parseDropIn,
  readDropInText,
  type StartFailure,
} from "./startup";

/** RestartSec of kubelet.service. */
export const RESTART_SEC = 10;
/**
 * How systemd names the unit in its Started/Stopped lines: Ubuntu 22.04's systemd 249 keeps the
 * build default StatusUnitFormat=description (Fedora builds "combined": "kubelet.service - ...").
 */
const DESCRIPTION = "kubelet: The Kubernetes Node Agent";
/** The most journal lines a node keeps. */
const JOURNAL_MAX = 5000;

/** One journal entry. */
export interface JournalEntry {
  ms: number;
  ident: "systemd" | "kubelet";
  pid: number;
  text: string;
}

/** A kubelet that failed to start: systemd's view of it. */
export interface Failing {
  since: number;
  pid: number;
  status: StartFailure["status"];
  restarts: number;
  /** The ExecStart binary it ran. */
  binary: string;
}

/** systemctl's warning when a unit's files changed since the last daemon-reload. */
export const CHANGED_ON_DISK =
  "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n";

/** kubelet.service on one node. */
export class KubeletUnit {
  readonly journal: JournalEntry[] = [];
  failing?: Failing;
  private retry?: TimerId;
  private nextPid = 0;
  /** The drop-in as systemd loaded it (at boot or the last daemon-reload; read when first needed). */
  private loadedText?: string;

  constructor(
    private readonly cluster: Cluster,
    private readonly kubelet: Kubelet,
    private readonly fs: NodeFileSystem,
  ) {
    // A restored node's files arrive after its kubelet is built: an empty drop-in is read later.
    const text = readDropInText(fs);
    if (text) this.loadedText = text;
  }

  private get loaded(): string {
    this.loadedText ??= readDropInText(this.fs);
    return this.loadedText;
  }

  /** `systemctl daemon-reload`: the drop-in on disk is the one units run with. */
  daemonReload(): void {
    this.loadedText = readDropInText(this.fs);
  }

  /** The warning systemctl prints while the drop-in on disk differs from the loaded one. */
  changedOnDisk(): string {
    return readDropInText(this.fs) === this.loaded ? "" : CHANGED_ON_DISK;
  }

  private log(ident: JournalEntry["ident"], pid: number, text: string): void {
    this.journal.push({ ms: this.cluster.clock.now(), ident, pid, text });
    if (this.journal.length > JOURNAL_MAX) this.journal.splice(0, this.journal.length - JOURNAL_MAX);
  }

  private pid(): number {
    this.nextPid = this.nextPid ? this.nextPid + 97 : this.kubelet.mainPid + 1013;
    return this.nextPid;
  }

  /** `systemctl start kubelet`. */
  start(): void {
    if (this.kubelet.active || this.failing) return;
    this.attempt(0);
  }

  /** `systemctl stop kubelet`. */
  stop(): void {
    if (this.failing) {
      this.cluster.clock.cancel(this.retry);
      this.failing = undefined;
      this.log("systemd", 1, `Stopped ${DESCRIPTION}.`);
      return;
    }
    if (!this.kubelet.active) return;
    this.log("systemd", 1, `Stopping ${DESCRIPTION}...`);
    this.kubelet.stop();
    this.log("systemd", 1, "kubelet.service: Deactivated successfully.");
    this.log("systemd", 1, `Stopped ${DESCRIPTION}.`);
  }

  /** `systemctl restart kubelet`. */
  restart(): void {
    this.stop();
    this.attempt(0);
  }

  private attempt(restarts: number): void {
    const failure = kubeletStartFailure(this.fs, this.loaded);
    if (!failure) {
      this.failing = undefined;
      this.kubelet.start();
      this.log("systemd", 1, `Started ${DESCRIPTION}.`);
      return;
    }
    const pid = this.pid();
    this.log("systemd", 1, `Started ${DESCRIPTION}.`);
    for (const line of failure.journal)
      this.log(line.ident, line.ident === "systemd" ? 1 : pid, this.klog(line));
    this.log("systemd", 1, `kubelet.service: Main process exited, code=exited, status=${failure.status}`);
    this.log("systemd", 1, "kubelet.service: Failed with result 'exit-code'.");
    const binary = parseDropIn(this.loaded).binary || KUBELET_BINARY;
    this.failing = { since: this.cluster.clock.now(), pid, status: failure.status, restarts, binary };
    this.retry = this.cluster.clock.after(
      RESTART_SEC,
      () => {
        this.log(
          "systemd",
          1,
          `kubelet.service: Scheduled restart job, restart counter is at ${restarts + 1}.`,
        );
        this.log("systemd", 1, `Stopped ${DESCRIPTION}.`);
        this.attempt(restarts + 1);
      },
      `${this.kubelet.name} restart`,
    );
  }

  /** A kubelet line in klog's header format: `E0101 00:10:00.000000    2013 run.go:72] ...`. */
  private klog(line: { ident: string; text: string }): string {
    if (line.ident !== "kubelet") return line.text;
    const ts = this.cluster.clock.timestamp();
    const pid = this.nextPid;
    return `E${ts.slice(5, 7)}${ts.slice(8, 10)} ${ts.slice(11, 19)}.000000 ${String(pid).padStart(7)} ${line.text}`;
  }

  /** `is-active`: active, activating (restarting after a failure) or inactive. */
  state(): "active" | "activating" | "inactive" {
    return this.kubelet.active ? "active" : this.failing ? "activating" : "inactive";
  }

  /** `journalctl` lines of the unit: `Jan 01 00:10:00 node01 kubelet[2013]: ...`. */
  lines(node: string): string[] {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return this.journal.map((e) => {
      const ts = this.cluster.clock.timestamp(e.ms);
      const month = months[Number(ts.slice(5, 7)) - 1];
      return `${month} ${ts.slice(8, 10)} ${ts.slice(11, 19)} ${node} ${e.ident}[${e.pid}]: ${e.text}`;
    });
  }
}
