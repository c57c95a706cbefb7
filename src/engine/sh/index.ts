/**
 * The shell subsystem's public API: parse a script, run one, the `sh`/`bash`/`ash` programs, and
 * an interactive session. The contract it runs against is in ./interface.
 */
export type { Script } from "./ast";
export * from "./interface";
export { MAX_FUNC_DEPTH } from "./interp";
export { CAPTURE_LIMIT } from "./io";
export { type Dialect, parseScript, type ScriptSource, ShSyntaxError } from "./parse";
export {
  type RunScriptOptions,
  runScript,
  type SessionInit,
  ShellSession,
  shellProgram,
} from "./shell";
export { SIGNALS, signalName } from "./signals";
