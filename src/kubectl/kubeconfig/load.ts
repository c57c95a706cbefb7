/**
 * Kubeconfig files as client-go's clientcmd reads and writes them (tools/clientcmd/loader.go,
 * config.go): `--kubeconfig FILE` alone, else `$KUBECONFIG` (colon-separated, merged: the first
 * file to define a cluster, context or user wins, and the first non-empty current-context), else
 * `~/.kube/config`. Each entry remembers its file (LocationOfOrigin) so that a change is written
 * back where the entry came from (ModifyConfig); new entries go to the default file.
 */
import { parse } from "yaml";
import { KubectlError } from "../command";
import { toYaml } from "../output";

// biome-ignore lint/suspicious/noExplicitAny: kubeconfig entries are free-form JSON
type Json = Record<string, any>;

/** The entry lists of a kubeconfig, by their v1 field name. */
export const SECTIONS = ["clusters", "contexts", "users"] as const;
/** One of the entry lists. */
export type Section = (typeof SECTIONS)[number];
/** The field holding an entry's body in each list (`- name: x\n  cluster: {...}`). */
export const BODY_FIELD: Record<Section, string> = {
  clusters: "cluster",
  contexts: "context",
  users: "user",
};

/** One named entry and the file it came from (clientcmd's LocationOfOrigin). */
export interface Entry {
  body: Json;
  origin: string;
}

/** A loaded (possibly merged) kubeconfig. */
export interface Kubeconfig {
  currentContext: string;
  preferences: Json;
  clusters: Map<string, Entry>;
  contexts: Map<string, Entry>;
  users: Map<string, Entry>;
}

/** How the invocation reaches files: read returns undefined for a missing file. */
export interface ConfigFiles {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
}

/** Where kubeconfig comes from (clientcmd.PathOptions). */
export interface ConfigAccess {
  /** --kubeconfig, when given. */
  explicit?: string;
  /** The files read, in precedence order. */
  precedence: string[];
}

/** The loading precedence for --kubeconfig, $KUBECONFIG and $HOME (ClientConfigLoadingRules). */
export function configAccess(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
): ConfigAccess {
  if (explicit) return { explicit, precedence: [explicit] };
  const list = (env.KUBECONFIG ?? "").split(":").filter(Boolean);
  if (list.length) return { precedence: [...new Set(list)] };
  return { precedence: [`${(env.HOME ?? "/root").replace(/\/$/, "")}/.kube/config`] };
}

/**
 * The file new entries and a new current-context go to (PathOptions.GetDefaultFilename): the
 * explicit file, else the first existing file of the list, else the last one.
 */
export function defaultFilename(access: ConfigAccess, files: ConfigFiles): string {
  if (access.explicit) return access.explicit;
  for (const f of access.precedence) if (files.read(f) !== undefined) return f;
  return access.precedence[access.precedence.length - 1] as string;
}

/** An empty kubeconfig. */
export function emptyConfig(): Kubeconfig {
  return { currentContext: "", preferences: {}, clusters: new Map(), contexts: new Map(), users: new Map() };
}

/** Parses one file's text (clientcmd.Load); throws kubectl's `error loading config file` error. */
export function parseConfigFile(path: string, text: string): Json {
  let raw: unknown;
  try {
    raw = parse(text, { version: "1.1", prettyErrors: false }) ?? {};
  } catch (e) {
    const first = (e as Error).message.split("\n")[0] ?? "";
    const line = /at line (\d+)/.exec(first)?.[1] ?? "1";
    throw new KubectlError(
      `error loading config file "${path}": yaml: line ${line}: did not find expected node content`,
    );
  }
  if (typeof raw !== "object" || Array.isArray(raw) || raw === null)
    throw new KubectlError(
      `error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(raw) ? "array" : typeof raw} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  return raw as Json;
}

/**
 * Loads the kubeconfig: every existing file of the precedence, merged. A missing --kubeconfig file
 * fails (`stat FILE: no such file or directory`) unless tolerateMissing, as `kubectl config` does.
 */
export function loadConfig(access: ConfigAccess, files: ConfigFiles, tolerateMissing = false): Kubeconfig {
  const config = emptyConfig();
  for (const path of access.precedence) {
    const text = files.read(path);
    if (text === undefined) {
      if (access.explicit && !tolerateMissing)
        throw new KubectlError(`stat ${path}: no such file or directory`);
      continue;
    }
    const raw = parseConfigFile(path, text);
    if (!config.currentContext && typeof raw["current-context"] === "string")
      config.currentContext = raw["current-context"];
    if (!Object.keys(config.preferences).length && raw.preferences && typeof raw.preferences === "object")
      config.preferences = raw.preferences;
    for (const section of SECTIONS) {
      const list = Array.isArray(raw[section]) ? (raw[section] as Json[]) : [];
      for (const item of list) {
        const name = typeof item?.name === "string" ? item.name : "";
        if (config[section].has(name)) continue;
        const body = item?.[BODY_FIELD[section]];
        config[section].set(name, { body: body && typeof body === "object" ? body : {}, origin: path });
      }
    }
  }
  return config;
}

/** A deep copy of a config (entries share nothing with the original). */
export function cloneConfig(c: Kubeconfig): Kubeconfig {
  const copy = (m: Map<string, Entry>) =>
    new Map([...m].map(([k, e]) => [k, { body: structuredClone(e.body), origin: e.origin }]));
  return {
    currentContext: c.currentContext,
    preferences: structuredClone(c.preferences),
    clusters: copy(c.clusters),
    contexts: copy(c.contexts),
    users: copy(c.users),
  };
}

/** An entry body with the fields v1 always writes (Cluster.server, Context.cluster/user). */
function normalized(section: Section, body: Json): Json {
  if (section === "clusters") return { server: "", ...body };
  if (section === "contexts") return { cluster: "", user: "", ...body };
  return body;
}

/**
 * The v1 Config object of a kubeconfig (entries sorted by name, as Go's maps serialize), the
 * shape `kubectl config view` prints and files are written in.
 */
export function toV1(c: Kubeconfig): Json {
  const list = (section: Section) => {
    const m = c[section];
    if (m.size === 0) return null;
    return [...m.keys()].sort().map((name) => ({
      name,
      [BODY_FIELD[section]]: normalized(section, (m.get(name) as Entry).body),
    }));
  };
  return {
    apiVersion: "v1",
    clusters: list("clusters"),
    contexts: list("contexts"),
    "current-context": c.currentContext,
    kind: "Config",
    preferences: c.preferences,
    users: list("users"),
  };
}

/**
 * Writes a changed config back (clientcmd.ModifyConfig): each added, changed or removed entry in
 * the file it came from (new ones in the default file), the current-context as writeCurrentContext
 * does. Files are rewritten whole, entries sorted by name.
 */
export function modifyConfig(
  access: ConfigAccess,
  files: ConfigFiles,
  before: Kubeconfig,
  after: Kubeconfig,
): void {
  const fallback = defaultFilename(access, files);
  const touched = new Map<string, Kubeconfig>();
  const fileConfig = (path: string): Kubeconfig => {
    let c = touched.get(path);
    if (!c) {
      c = loadConfig({ precedence: [path] }, files, true);
      touched.set(path, c);
    }
    return c;
  };
  for (const section of SECTIONS) {
    for (const [name, entry] of after[section]) {
      const old = before[section].get(name);
      if (old && JSON.stringify(old.body) === JSON.stringify(entry.body) && old.origin === entry.origin)
        continue;
      const dest = entry.origin || fallback;
      fileConfig(dest)[section].set(name, { body: entry.body, origin: dest });
    }
    for (const [name, entry] of before[section])
      if (!after[section].has(name)) fileConfig(entry.origin)[section].delete(name);
  }
  if (before.currentContext !== after.currentContext) {
    if (access.explicit || after.currentContext) fileConfig(fallback).currentContext = after.currentContext;
    else
      for (const path of access.precedence) {
        const text = files.read(path);
        if (text !== undefined && parseConfigFile(path, text)["current-context"]) {
          fileConfig(path).currentContext = "";
          break;
        }
      }
  }
  for (const [path, c] of touched) files.write(path, toYaml(toV1(c)));
}
