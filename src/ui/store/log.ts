/** The transcript of commands: typed in the terminal, run by canvas actions, or applied YAML. */
import type { StateCreator } from "zustand";
import type { CommandResult } from "../../worker/protocol";
import type { AppState } from "./index";

/** Where a command came from. */
export type CommandSource = "terminal" | "action" | "editor" | "lab";

/** One command and, once it has run, what it printed. */
export interface LogEntry {
  id: number;
  source: CommandSource;
  command: string;
  result?: CommandResult;
}

/** Entries kept in the transcript. */
const MAX_ENTRIES = 200;

export interface LogSlice {
  log: LogEntry[];
  /** The shell's prompt (`root@controlplane:~# `): it changes after `ssh NODE`. */
  prompt: string;
  setPrompt(prompt: string): void;
  addLogEntry(entry: LogEntry): void;
  setLogResult(id: number, result: CommandResult): void;
  clearLog(): void;
}

export const createLogSlice: StateCreator<AppState, [], [], LogSlice> = (set) => ({
  log: [],
  prompt: "$ ",
  setPrompt(prompt) {
    set({ prompt });
  },
  addLogEntry(entry) {
    set((s) => ({ log: [...s.log, entry].slice(-MAX_ENTRIES) }));
  },
  setLogResult(id, result) {
    set((s) => ({ log: s.log.map((e) => (e.id === id ? { ...e, result } : e)) }));
  },
  clearLog() {
    set({ log: [] });
  },
});
