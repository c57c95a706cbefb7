/**
 * Runs a script against a fresh cluster and records what each top-level command printed: the
 * report the conformance runner reads (../shared/conformance/FORMAT.md). The report is written
 * entry by entry (ReportWriter), never built as one string: a script over 100000 pods prints more
 * than a JavaScript string can hold.
 */
import fs from "node:fs";
import type { Cluster } from "../engine/cluster";
import type { CommandResult } from "../kubectl/interface";
import { Shell, splitScript } from "../shell";

/** One report entry. */
export interface ReportEntry extends CommandResult {
  command: string;
}

/** Runs every command of a script in one shell session on cluster, handing each entry to onEntry. */
export function streamScript(
  cluster: Cluster,
  script: string,
  home: string | undefined,
  onEntry: (entry: ReportEntry) => void,
): void {
  const shell = new Shell(cluster, { home });
  for (const command of splitScript(script)) {
    let result: CommandResult;
    try {
      result = shell.run(command);
    } catch (e) {
      // A bug in the simulator must not lose the rest of the report.
      const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
      result = { stdout: "", stderr: `kubeglass: internal error: ${why}\n`, exit: 70 };
    }
    // The report keeps the two streams apart (FORMAT.md); the interleaving is for terminals.
    onEntry({ command, stdout: result.stdout, stderr: result.stderr, exit: result.exit });
  }
}

/** Runs every command of a script in one shell session on cluster. */
export function runScript(cluster: Cluster, script: string, home?: string): ReportEntry[] {
  const entries: ReportEntry[] = [];
  streamScript(cluster, script, home, (e) => entries.push(e));
  return entries;
}

/**
 * Writes `{"commands": [...]}` to a file one entry at a time, byte for byte as
 * `JSON.stringify({ commands }, null, 1)` plus a newline would.
 */
export class ReportWriter {
  private readonly fd: number;
  private count = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, "w");
    fs.writeSync(this.fd, '{\n "commands": [');
  }

  /** Appends one entry. */
  write(entry: ReportEntry): void {
    const text = JSON.stringify(entry, null, 1).replace(/\n/g, "\n  ");
    fs.writeSync(this.fd, `${this.count === 0 ? "\n  " : ",\n  "}${text}`);
    this.count++;
  }

  /** Ends the document and closes the file. */
  close(): void {
    fs.writeSync(this.fd, this.count === 0 ? "]\n}\n" : "\n ]\n}\n");
    fs.closeSync(this.fd);
  }
}
