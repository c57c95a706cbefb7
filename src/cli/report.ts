/**
 * Runs a script against a fresh cluster and records what each top-level command printed: the
 * report the conformance runner reads (../shared/conformance/FORMAT.md).
 */
import type { Cluster } from "../engine/cluster";
import type { CommandResult } from "../kubectl/interface";
import { Shell, splitScript } from "../shell";

/** One report entry. */
export interface ReportEntry extends CommandResult {
  command: string;
}

/** Runs every command of a script in one shell session on cluster. */
export function runScript(cluster: Cluster, script: string, home?: string): ReportEntry[] {
  const shell = new Shell(cluster, { home });
  const entries: ReportEntry[] = [];
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
    entries.push({ command, stdout: result.stdout, stderr: result.stderr, exit: result.exit });
  }
  return entries;
}
