/**
 * Tab completion for the terminal: kubectl verbs, resource types and the names of live objects
 * (from the UI's replica), node names after ssh, namespaces after -n. Pure: the caller passes the
 * names it knows.
 */
import { RESOURCES } from "../../engine/api/resources";

/** kubectl's subcommands, as completion offers them. */
export const KUBECTL_VERBS = [
  "annotate",
  "api-resources",
  "api-versions",
  "apply",
  "auth",
  "cluster-info",
  "config",
  "cordon",
  "create",
  "delete",
  "describe",
  "diff",
  "drain",
  "edit",
  "events",
  "exec",
  "explain",
  "expose",
  "get",
  "label",
  "logs",
  "patch",
  "replace",
  "rollout",
  "run",
  "scale",
  "set",
  "taint",
  "top",
  "uncordon",
  "version",
  "wait",
];

/** Commands the script shell runs. */
export const SHELL_COMMANDS = [
  "kubectl",
  "ssh",
  "sleep",
  "exit",
  "clear",
  "cd",
  "ls",
  "cat",
  "mkdir",
  "rm",
  "cp",
  "mv",
  "echo",
  "grep",
  "head",
  "tail",
  "wc",
  "systemctl",
  "crictl",
  "etcdctl",
  "etcdutl",
  "hostname",
  "history",
  "export",
];

/** Verbs whose next word is a resource type. */
const TAKES_TYPE = new Set([
  "get",
  "describe",
  "delete",
  "edit",
  "label",
  "annotate",
  "scale",
  "patch",
  "explain",
  "taint",
  "wait",
  "events",
]);
/** Verbs whose next word is a name of this kind. */
const TAKES_NAME: Record<string, string> = {
  cordon: "Node",
  uncordon: "Node",
  drain: "Node",
  logs: "Pod",
  exec: "Pod",
};

/** The names completion may offer. */
export interface CompletionSource {
  /** Object keys by kind: "namespace/name" for namespaced kinds, "name" otherwise. */
  keys(kind: string): string[];
}

/** Resource types as kubectl's own completion offers them: plurals. */
const TYPE_WORDS = [...new Set(RESOURCES.filter((r) => r.kind !== "Binding").map((r) => r.plural))].sort();

function kindOf(typed: string): string | undefined {
  const t = typed.toLowerCase().split(".")[0];
  return RESOURCES.find((r) => r.plural === t || r.singular === t || r.shortNames.includes(t ?? ""))?.kind;
}

/** The result of completing the word before the cursor. */
export interface Completion {
  /** The word being completed (what the candidates replace). */
  word: string;
  candidates: string[];
}

function namesIn(source: CompletionSource, kind: string, namespace: string | undefined): string[] {
  const all = source.keys(kind);
  return all
    .map((key) => {
      const i = key.indexOf("/");
      if (i < 0) return key;
      return namespace === "*" || key.slice(0, i) === namespace ? key.slice(i + 1) : "";
    })
    .filter(Boolean);
}

/** The candidates for the last word of `before` (the text left of the cursor). */
export function complete(before: string, source: CompletionSource): Completion {
  const words = before.split(/\s+/);
  const word = words.pop() ?? "";
  // Only the command after the last `|`, `&&`, `;`.
  let start = 0;
  words.forEach((w, i) => {
    if (w === "|" || w === "&&" || w === "||" || w === ";") start = i + 1;
  });
  const args = words.slice(start).filter(Boolean);
  const pick = (options: string[]) => ({
    word,
    candidates: [...new Set(options)].filter((o) => o.startsWith(word)).sort(),
  });
  if (args.length === 0) return pick(SHELL_COMMANDS);
  const cmd = args[0];
  if (cmd === "ssh") return args.length === 1 ? pick(source.keys("Node")) : pick([]);
  if (cmd !== "kubectl" && cmd !== "k") return pick([]);

  const prev = args[args.length - 1] ?? "";
  if (prev === "-n" || prev === "--namespace") return pick(source.keys("Namespace"));
  if (word.startsWith("-"))
    return pick([
      "--all-namespaces",
      "--namespace",
      "--output",
      "--selector",
      "-A",
      "-n",
      "-o",
      "-l",
      "-f",
      "--show-labels",
      "--watch",
    ]);
  if (prev === "-o" || prev === "--output")
    return pick(["yaml", "json", "wide", "name", "jsonpath=", "custom-columns="]);
  if (prev === "-f" || prev === "--filename") return pick(["-"]);

  // Positional words after `kubectl`, skipping flags and their values.
  const positional: string[] = [];
  let namespace = "default";
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-n" || a === "--namespace") namespace = args[++i] ?? namespace;
    else if (a.startsWith("--namespace=")) namespace = a.slice("--namespace=".length);
    else if (a === "-A" || a === "--all-namespaces") namespace = "*";
    else if (a === "-o" || a === "-l" || a === "-f" || a === "--output" || a === "--selector") i++;
    else if (!a.startsWith("-")) positional.push(a);
  }
  for (const a of words.slice(start + 1)) if (a === "-A" || a === "--all-namespaces") namespace = "*";

  if (positional.length === 0) return pick(KUBECTL_VERBS);
  const verb = positional[0] as string;
  if (verb === "rollout" && positional.length === 1)
    return pick(["history", "pause", "restart", "resume", "status", "undo"]);
  const nameKind = TAKES_NAME[verb];
  if (nameKind) return pick(namesIn(source, nameKind, namespace));
  if (!TAKES_TYPE.has(verb) && verb !== "rollout") return pick([]);

  const typeIndex = verb === "rollout" ? 2 : 1;
  if (positional.length === typeIndex) {
    // `type/name` completes the name.
    const slash = word.indexOf("/");
    if (slash > 0) {
      const kind = kindOf(word.slice(0, slash));
      if (!kind) return pick([]);
      return pick(namesIn(source, kind, namespace).map((n) => `${word.slice(0, slash)}/${n}`));
    }
    if (verb === "taint") return pick(["nodes", "node", "no"]);
    // CRDs the cluster has add their plurals (a CRD is named PLURAL.GROUP).
    const custom = source.keys("CustomResourceDefinition").map((name) => name.split(".")[0] ?? name);
    return pick([...TYPE_WORDS, ...custom]);
  }
  const typed = positional[typeIndex] as string;
  const kind = kindOf(typed);
  return pick(kind ? namesIn(source, kind, namespace) : []);
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return "";
  let prefix = candidates[0] as string;
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
