/**
 * The kubectl interpreter's contract: one function shared by the terminal, the CLI, the UI's
 * drag-and-drop actions and the conformance cases.
 */
import type { Cluster } from "../engine/cluster";

/** What one kubectl invocation printed and its exit code. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exit: number;
  /**
   * stdout and stderr interleaved in the order they were written, as a terminal shows them
   * (`2>&1`); present only when that order differs from stdout followed by stderr.
   */
  combined?: string;
}

/** What a terminal shows of a result: both streams in the order they were written. */
export function terminalText(r: CommandResult): string {
  return r.combined ?? `${r.stdout}${r.stderr}`;
}

/** Where a kubectl invocation runs. */
export interface KubectlContext {
  cluster: Cluster;
  /** The kubeconfig context's namespace ("default"). */
  namespace?: string;
  /** Reads a file named by `-f FILE` (from the shell's current node); throws an Error when missing. */
  readFile?(path: string): string;
  /** Lists a directory named by `-f DIR`; undefined when path is not a directory. */
  listDir?(path: string): string[] | undefined;
  /** Writes a file (kubeconfig changes, `kubectl edit`'s temporary file); throws an Error when it cannot. */
  writeFile?(path: string, text: string): void;
  /** The shell's environment: HOME and KUBECONFIG choose the kubeconfig files, EDITOR the editor. */
  env?: Record<string, string>;
}
