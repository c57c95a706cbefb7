/**
 * The harness the end-to-end tests share: a script run on a fresh copy of the cka scenario as
 * the CLI's `run --scenario cka` runs it, entry by entry.
 */
import { type ReportEntry, runScript } from "../cli/report";
import { bootScenario, homeNodeOf } from "../engine/boot";

/** Runs script on a fresh cka cluster from its home node; one entry per top-level command. */
export function runOnCka(script: string): ReportEntry[] {
  const cluster = bootScenario("cka");
  if (!cluster) throw new Error("no cka scenario");
  return runScript(cluster, script, homeNodeOf(cluster));
}

/** The last entry whose command starts with prefix (throws when there is none). */
export function lastEntry(entries: ReportEntry[], prefix: string): ReportEntry {
  const found = [...entries].reverse().find((e) => e.command.startsWith(prefix));
  if (!found) throw new Error(`no command ${prefix}`);
  return found;
}
