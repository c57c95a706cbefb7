/**
 * The kubectl interpreter's contract: one function shared by the terminal, the CLI, the UI's
 * drag-and-drop actions and the conformance cases.
 */

import type { KubeObject } from "../engine/api/types";
import type { Cluster } from "../engine/cluster";
import type { ContainerShell } from "../engine/node/interface";
import type { FileSystem, Listener, Output } from "../engine/sh/interface";

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
  /** `kubectl edit` in the app: open this buffer in the YAML editor, then call finishEdit. */
  edit?: EditRequest;
}

/** Where an edit stands between saves (editoptions.go's loop state); plain JSON, opaque to the UI. */
export interface EditSession {
  /** The objects being edited, as they were when the buffer was made. */
  infos: KubeObject[];
  /** The buffer as generated (header and objects), to tell an unchanged save. */
  original: string;
  /** What was saved last. */
  edited: string;
  /** Why the file is being opened again. */
  reasons: { head: string; other: string[] }[];
  containsError: boolean;
  notfound: number;
  retryable: number;
  format: "yaml" | "json";
}

/** An edit for the app's editor: the text to open and the session to send back with the saved text. */
export interface EditRequest {
  buffer: string;
  session: EditSession;
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
  /** Removes a file (`kubectl edit`'s temporary file once done with). */
  removeFile?(path: string): void;
  /** The shell's environment: HOME and KUBECONFIG choose the kubeconfig files, EDITOR the editor. */
  env?: Record<string, string>;
  /**
   * Runs an editor command line on a file (`kubectl edit`): what it printed and its exit code
   * (127 when there is no such program).
   */
  runEditor?(command: string, path: string): CommandResult;
  /** `kubectl edit` opens the app's YAML editor instead of running an editor (result.edit). */
  appEditor?: boolean;
  /**
   * Runs a program of the shell's host with its environment (`kubectl diff`'s diff): what it
   * printed and its exit status; undefined when the host has no such program.
   */
  runProgram?(argv: string[]): CommandResult | undefined;
  /** Told after each object `kubectl apply` handled: done of total (the app's progress bar). */
  onProgress?(done: number, total: number): void;
  /** The shell's own file system and working directory: the local side of `kubectl cp`. */
  localFs?: FileSystem;
  localCwd?: string;
  /**
   * A terminal takes over an interactive shell started in a container (`kubectl exec -it POD --
   * sh`): its next lines go there until `exit`. Absent where there is no terminal (the app's
   * actions): the shell then runs without input, as `kubectl exec` without -it does. onClose
   * runs when the shell ends (`kubectl run -it --rm` deletes its pod) and says what it printed.
   */
  attachShell?(shell: ContainerShell, onClose?: (exit: number) => CommandResult): void;
  /**
   * A terminal keeps printing a stream after the command (`kubectl logs -f`) until the user
   * interrupts it or the stream ends. Absent: kubectl prints what there is now and returns.
   */
  follow?(stream: LogStream): void;
  /**
   * The terminal's host, for a command that goes on serving after it printed its start
   * (`kubectl port-forward`, `kubectl proxy`). Absent where there is no host to listen on (the
   * app's actions): those commands then say they cannot run here.
   */
  host?: ServingHost;
}

/** Where a serving command listens, and how it asks to be kept running. */
export interface ServingHost {
  /** Opens a listener on the host; undefined when the port is taken (bind: address already in use). */
  listen(listener: Listener): (() => void) | undefined;
  /** A port no listener of the host holds, as the kernel picks one for `:80` (an ephemeral port). */
  freePort(): number;
  /** Keeps the command running after it returns, until it ends or is killed (Ctrl+C, `kill %1`). */
  keep(server: KubectlServer): void;
}

/** A command that serves after it returned: what its process does from then on. */
export interface KubectlServer {
  /** From now on its messages (`Handling connection for 8080`) go to these streams. */
  attach(out: Output, err: Output): void;
  /** The status it ended with on its own (the pod went away), or undefined while it serves. */
  ended(): number | undefined;
  /** Closes its listeners (the process ends). */
  close(): void;
}

/** What `kubectl logs -f` keeps reading after it printed the log so far. */
export interface LogStream {
  /** The text written since the last call. */
  next(): string;
  /** Whether the stream ended (the container stopped, the pod is gone): kubectl returns. */
  ended(): boolean;
  /**
   * The virtual instant (ms) it ends by itself at (`kubectl get -w --request-timeout=5s`), so a
   * script may run it to its end; undefined when only an interrupt or its source ends it.
   */
  deadline?: number;
  /** Stops reading (its watch is closed); called once it ended or was interrupted. */
  close?(): void;
}
