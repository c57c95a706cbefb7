/**
 * `kubectl config` (staging/src/k8s.io/kubectl/pkg/cmd/config/): view, current-context,
 * get-contexts, get-clusters, get-users, use-context, set-context, set-cluster, set-credentials,
 * set, unset, delete-context, delete-cluster, delete-user and rename-context, on the kubeconfig
 * files of the host the shell is on (`~/.kube/config`, `$KUBECONFIG`, `--kubeconfig`). Messages
 * and tables checked against the kubectl v1.32.4 binary.
 */
import { type Command, F, type Invocation, KubectlError } from "../command";
import { type FlagSpec, GLOBAL_FLAGS } from "../flags";
import { type ClientConfig, loadClientConfig } from "../kubeconfig/client";
import {
  cloneConfig,
  defaultFilename,
  type Kubeconfig,
  modifyConfig,
  type Section,
} from "../kubeconfig/load";
import { viewConfig } from "../kubeconfig/view";
import { TABLE_TABWRITER, tabwrite } from "../printers";
import { CONFIG_HELP } from "./config-help";

/** get-contexts prints only tables and names (get_contexts.go). */
const GET_CONTEXTS_OUTPUTS = ["", "name"];

type Sub = (inv: Invocation, args: string[], cc: ClientConfig) => void;

/** The file a config command names in its messages: --kubeconfig, else the default file. */
function configFile(cc: ClientConfig): string {
  return cc.access.explicit ?? defaultFilename(cc.access, cc.files);
}

/** Runs change on a copy of the config and writes what changed back to the files. */
function modify(cc: ClientConfig, change: (c: Kubeconfig) => void): void {
  const after = cloneConfig(cc.config);
  change(after);
  modifyConfig(cc.access, cc.files, cc.config, after);
}

/** Prints a subcommand's help and fails with cobra's argument error. */
function usage(inv: Invocation, sub: string, args: string[], lower = false): never {
  inv.out(CONFIG_HELP[sub] ?? "");
  throw new KubectlError(`${lower ? "unexpected" : "Unexpected"} args: [${args.join(" ")}]`);
}

const currentContext: Sub = (inv, _args, { config }) => {
  if (!config.currentContext) throw new KubectlError("current-context is not set");
  inv.out(`${config.currentContext}\n`);
};

const getContexts: Sub = (inv, args, { config }) => {
  const output = inv.flags.str("output");
  if (!GET_CONTEXTS_OUTPUTS.includes(output))
    throw new KubectlError(
      `--output ${output} is not available in kubectl config get-contexts; resetting to default output format`,
    );
  const missing: string[] = [];
  const names = args.length
    ? args.filter((n) => config.contexts.has(n) || !missing.push(n))
    : [...config.contexts.keys()];
  names.sort();
  if (output === "name") inv.out(names.map((n) => `${n}\n`).join(""));
  else {
    const rows = inv.flags.bool("no-headers") ? [] : ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE"];
    for (const n of names) {
      const c = config.contexts.get(n)?.body ?? {};
      rows.push(
        `${n === config.currentContext ? "*" : " "}\t${n}\t${c.cluster ?? ""}\t${c.user ?? ""}\t${c.namespace ?? ""}`,
      );
    }
    if (rows.length) inv.out(tabwrite(`${rows.join("\n")}\n`, TABLE_TABWRITER));
  }
  if (missing.length) {
    for (const n of missing) inv.err(`error: context ${n} not found\n`);
    inv.exit = 1;
  }
};

function getNames(section: "clusters" | "users"): Sub {
  return (inv, _args, { config }) => {
    inv.out(
      `NAME\n${[...config[section].keys()]
        .sort()
        .map((n) => `${n}\n`)
        .join("")}`,
    );
  };
}

const useContext: Sub = (inv, args, cc) => {
  if (args.length !== 1) usage(inv, "use-context", args);
  const name = args[0] as string;
  if (!cc.config.contexts.has(name)) throw new KubectlError(`no context exists with the name: "${name}"`);
  modify(cc, (c) => {
    c.currentContext = name;
  });
  inv.out(`Switched to context "${name}".\n`);
};

const setContext: Sub = (inv, args, cc) => {
  if (args.length > 1) usage(inv, "set-context", args);
  const current = inv.flags.bool("current");
  if (args.length === 1 && current)
    throw new KubectlError("you cannot specify both a context name and --current");
  let name = args[0] ?? "";
  if (current) {
    if (!cc.config.currentContext) throw new KubectlError("no current context is set");
    name = cc.config.currentContext;
  }
  if (!name) throw new KubectlError("you must specify a non-empty context name or --current");
  const exists = cc.config.contexts.has(name);
  modify(cc, (c) => {
    const entry = c.contexts.get(name) ?? { body: {}, origin: "" };
    for (const field of ["cluster", "user", "namespace"]) {
      if (!inv.flags.has(field)) continue;
      const value = inv.flags.str(field);
      if (value) entry.body[field] = value;
      else delete entry.body[field];
    }
    c.contexts.set(name, entry);
  });
  inv.out(`Context "${name}" ${exists ? "modified" : "created"}.\n`);
};

/** set-cluster's flags and the Cluster fields they set (create_cluster.go). */
const CLUSTER_FIELDS: Record<string, string> = {
  server: "server",
  "certificate-authority": "certificate-authority",
  "tls-server-name": "tls-server-name",
  "proxy-url": "proxy-url",
};

const setCluster: Sub = (inv, args, cc) => {
  if (args.length !== 1) usage(inv, "set-cluster", args);
  const name = args[0] as string;
  let caData: string | undefined;
  if (inv.flags.bool("embed-certs") && inv.flags.str("certificate-authority")) {
    const path = inv.flags.str("certificate-authority");
    const text = cc.files.read(path);
    if (text === undefined)
      throw new KubectlError(
        `could not stat certificate-authority file ${path}: stat ${path}: no such file or directory`,
      );
    caData = btoa(text);
  }
  modify(cc, (c) => {
    const entry = c.clusters.get(name) ?? { body: {}, origin: "" };
    for (const [flag, field] of Object.entries(CLUSTER_FIELDS))
      if (inv.flags.has(flag) && !(caData && flag === "certificate-authority"))
        entry.body[field] = inv.flags.str(flag);
    if (caData) {
      entry.body["certificate-authority-data"] = caData;
      delete entry.body["certificate-authority"];
    }
    if (inv.flags.has("insecure-skip-tls-verify")) {
      if (inv.flags.bool("insecure-skip-tls-verify")) {
        entry.body["insecure-skip-tls-verify"] = true;
        // An insecure cluster keeps no CA (create_cluster.go modifyCluster).
        delete entry.body["certificate-authority"];
        delete entry.body["certificate-authority-data"];
      } else delete entry.body["insecure-skip-tls-verify"];
    }
    c.clusters.set(name, entry);
  });
  inv.out(`Cluster "${name}" set.\n`);
};

const setCredentials: Sub = (inv, args, cc) => {
  if (args.length !== 1) usage(inv, "set-credentials", args, true);
  const name = args[0] as string;
  const setToken = inv.flags.has("token");
  const setBasic = inv.flags.has("username") || inv.flags.has("password");
  modify(cc, (c) => {
    const entry = c.users.get(name) ?? { body: {}, origin: "" };
    const body = entry.body;
    for (const flag of ["client-certificate", "client-key"])
      if (inv.flags.has(flag)) body[flag] = inv.flags.str(flag);
    if (setToken) body.token = inv.flags.str("token");
    if (inv.flags.has("username")) body.username = inv.flags.str("username");
    if (inv.flags.has("password")) body.password = inv.flags.str("password");
    // Setting one kind of credential clears the other (create_authinfo.go modifyAuthInfo).
    if (setToken && !setBasic) {
      delete body.username;
      delete body.password;
    }
    if (setBasic && !setToken) delete body.token;
    for (const [k, v] of Object.entries(body)) if (v === "") delete body[k];
    c.users.set(name, entry);
  });
  inv.out(`User "${name}" set.\n`);
};

function deleteEntry(section: Section, noun: string): Sub {
  return (inv, args, cc) => {
    if (args.length !== 1) {
      if (section === "users")
        throw new KubectlError(
          "user to delete is required\nSee 'kubectl config delete-user -h' for help and examples",
        );
      inv.out(CONFIG_HELP[`delete-${noun}`] ?? "");
      return;
    }
    const name = args[0] as string;
    const file = configFile(cc);
    if (!cc.config[section].has(name))
      throw new KubectlError(`cannot delete ${noun} ${name}, not in ${file}`);
    if (section === "contexts" && cc.config.currentContext === name)
      inv.err(
        `warning: this removed your active context, use "kubectl config use-context" to select a different one\n`,
      );
    modify(cc, (c) => {
      c[section].delete(name);
    });
    inv.out(`deleted ${noun} ${name} from ${file}\n`);
  };
}

const renameContext: Sub = (inv, args, cc) => {
  if (args.length !== 2) usage(inv, "rename-context", args);
  const [from, to] = args as [string, string];
  const file = configFile(cc);
  const entry = cc.config.contexts.get(from);
  if (!entry) throw new KubectlError(`cannot rename the context "${from}", it's not in ${file}`);
  if (cc.config.contexts.has(to))
    throw new KubectlError(
      `cannot rename the context "${from}", the context "${to}" already exists in ${file}`,
    );
  modify(cc, (c) => {
    c.contexts.delete(from);
    c.contexts.set(to, { body: structuredClone(entry.body), origin: entry.origin });
    if (c.currentContext === from) c.currentContext = to;
  });
  inv.out(`Context "${from}" renamed to "${to}".\n`);
};

/** `config set|unset PROPERTY`: current-context, or SECTION.NAME.FIELD[.SUBFIELD...] (set.go's navigation). */
function setProperty(unset: boolean): Sub {
  return (inv, args, cc) => {
    if (args.length !== (unset ? 1 : 2)) usage(inv, unset ? "unset" : "set", args);
    const [property, value] = args as [string, string | undefined];
    const parts = property.split(".");
    modify(cc, (c) => {
      if (property === "current-context") {
        c.currentContext = unset ? "" : (value as string);
        return;
      }
      const section = parts[0] as Section;
      if (!["clusters", "contexts", "users"].includes(section) || parts.length < 3)
        throw new KubectlError(`unable to locate path ${property}`);
      const name = parts[1] as string;
      const entry = c[section].get(name) ?? { body: {}, origin: "" };
      let node = entry.body;
      for (const key of parts.slice(2, -1)) {
        if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
        node = node[key];
      }
      const last = parts[parts.length - 1] as string;
      if (unset) delete node[last];
      else node[last] = value === "true" && last === "insecure-skip-tls-verify" ? true : value;
      c[section].set(name, entry);
    });
    inv.out(`Property "${property}" ${unset ? "unset" : "set"}.\n`);
  };
}

const view: Sub = (inv, _args, cc) => {
  inv.out(
    viewConfig(cc.config, {
      output: inv.flags.str("output"),
      minify: inv.flags.bool("minify"),
      raw: inv.flags.bool("raw") || inv.flags.bool("flatten"),
      context: inv.flags.str("context"),
    }),
  );
};

const SUBCOMMANDS: Record<string, Sub> = {
  "current-context": currentContext,
  "get-contexts": getContexts,
  "get-clusters": getNames("clusters"),
  "get-users": getNames("users"),
  "use-context": useContext,
  use: useContext,
  "set-context": setContext,
  "set-cluster": setCluster,
  "set-credentials": setCredentials,
  "delete-context": deleteEntry("contexts", "context"),
  "delete-cluster": deleteEntry("clusters", "cluster"),
  "delete-user": deleteEntry("users", "user"),
  "rename-context": renameContext,
  set: setProperty(false),
  unset: setProperty(true),
  view,
};

/** set-context's own --cluster, --user and --namespace hide the global ones (and -n with them). */
const SET_CONTEXT_FLAGS: FlagSpec[] = [
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "namespace", type: "string" },
];

/** The flags every config subcommand is parsed with here (their union). */
const CONFIG_FLAGS: FlagSpec[] = [
  F.output,
  F.template,
  F.allowMissing,
  { name: "minify", type: "bool" },
  { name: "raw", type: "bool" },
  { name: "flatten", type: "bool" },
  { name: "merge", type: "bool" },
  { name: "no-headers", type: "bool" },
  { name: "current", type: "bool" },
  { name: "embed-certs", type: "bool" },
  { name: "certificate-authority", type: "string" },
  { name: "tls-server-name", type: "string" },
  { name: "proxy-url", type: "string" },
  { name: "token", type: "string" },
  { name: "username", type: "string" },
  { name: "password", type: "string" },
  { name: "client-certificate", type: "string" },
  { name: "client-key", type: "string" },
  { name: "set-raw-bytes", type: "bool" },
];

/** The first argument that is not a flag or a flag's value: the subcommand. */
function subcommandOf(args: string[]): string | undefined {
  const valued = new Set(
    [...CONFIG_FLAGS, ...GLOBAL_FLAGS]
      .filter((f) => f.type !== "bool")
      .flatMap((f) => [`--${f.name}`, f.short ? `-${f.short}` : ""]),
  );
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return args[i + 1];
    if (!a.startsWith("-")) return a;
    if (valued.has(a)) i++;
  }
  return undefined;
}

/** `kubectl config SUBCOMMAND`. */
export const config: Command = {
  name: "config",
  offline: () => true,
  flags: CONFIG_FLAGS,
  subcommand(args) {
    const sub = subcommandOf(args);
    return {
      flags: sub === "set-context" ? [...CONFIG_FLAGS, ...SET_CONTEXT_FLAGS] : CONFIG_FLAGS,
      path: sub && sub in SUBCOMMANDS ? `config ${sub}` : "config",
    };
  },
  run(inv) {
    const [sub, ...args] = inv.flags.args;
    if (sub === undefined) {
      inv.err(CONFIG_HELP[""] ?? "");
      inv.exit = 1;
      return;
    }
    const run = SUBCOMMANDS[sub];
    if (!run)
      throw new KubectlError(`unknown command "${sub}"\nSee 'kubectl config -h' for help and examples`);
    // `kubectl config` reads a missing --kubeconfig file as empty and creates it on change.
    run(inv, args, loadClientConfig(inv.ctx, inv.flags, inv.cluster, true));
  },
};
