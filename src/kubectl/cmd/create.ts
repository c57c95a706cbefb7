/**
 * `kubectl create -f` and the generators `kubectl create deployment|namespace|configmap|secret
 * generic|service clusterip|nodeport|priorityclass|job|cronjob|serviceaccount|role|rolebinding|
 * clusterrole|clusterrolebinding|quota` (staging/src/k8s.io/kubectl/pkg/cmd/create/). Generated objects
 * are built with keys in the Go structs' field order, so `-o json` matches kubectl's typed
 * printing; `-o yaml` sorts keys as sigs.k8s.io/yaml does.
 */

import { encodeBase64 } from "../../engine/api/base64";
import { ApiError } from "../../engine/api/errors";
import { type ResourceInfo, resourceForKind } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { x509KeyPair } from "../../engine/pki/tls";
import { objectName } from "../builder";
import { type ObjectError, reportErrors, sourceError } from "../checkerr";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import { fieldValidation, hasManifestSource, printWarnings, readManifests } from "../manifest";
import { printObjects, wantsObjectOutput } from "../render";
import { mapObject, placeObject, withLastApplied } from "./apply";
import { ingressGenerator } from "./create-ingress";
import { createToken, TOKEN_FLAGS } from "./token";

type Obj = Record<string, unknown>;

/** Prints or creates a generated object: the shared tail of every `create` generator and `run`. */
export function emitGenerated(inv: Invocation, obj: KubeObject): void {
  const mode = dryRunMode(inv);
  const res = inv.mapper.forKind(obj.kind) as ResourceInfo;
  const output = inv.flags.str("output");
  let result = obj;
  if (mode !== "client") {
    const toCreate = inv.flags.bool("save-config") ? withLastApplied(obj) : obj;
    if (res.namespaced && !toCreate.metadata.namespace) toCreate.metadata.namespace = inv.namespace;
    const warnings: string[] = [];
    result = inv.cluster.api.create(toCreate, {
      dryRun: mode === "server",
      fieldManager: "kubectl-create",
      warnings,
    });
    printWarnings(inv, warnings);
  }
  if (output && wantsObjectOutput(output)) printObjects(inv, [result], output, { typed: mode === "client" });
  else if (output === "name") inv.out(`${objectName(res, result.metadata.name ?? "")}\n`);
  else if (output)
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
    );
  else
    inv.out(
      `${objectName(res, result.metadata.name ?? "")} created${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
    );
}

/** ObjectMeta in field order: name, namespace (when -n was given), creationTimestamp, labels. */
export function meta(inv: Invocation, name: string, extra: Obj = {}, namespaced = true): Obj {
  const m: Obj = { name };
  if (namespaced && inv.explicitNamespace) m.namespace = inv.namespace;
  m.creationTimestamp = null;
  return { ...m, ...extra };
}

/** The container name kubectl derives from an image (`registry.k8s.io/pause:3.10` → `pause`). */
export function containerNameFromImage(image: string): string {
  let name = image.split("@")[0] as string;
  const slash = name.lastIndexOf("/");
  name = name.slice(slash + 1);
  const colon = name.indexOf(":");
  if (colon >= 0) name = name.slice(0, colon);
  return name.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/** NameFromCommandArgs: exactly one NAME. */
export function requireName(inv: Invocation, what: string): string {
  const name = inv.flags.args[0];
  if (!name)
    throw new KubectlError(
      `exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples`,
    );
  if (inv.flags.args.length > 1)
    throw new KubectlError(
      `exactly one NAME is required, got ${inv.flags.args.length}\nSee 'kubectl create ${what} -h' for help and examples`,
    );
  return name;
}

const GEN_FLAGS = [
  ...PRINT_FLAGS,
  F.dryRun,
  F.fieldManager,
  F.validate,
  { name: "save-config", type: "bool" as const },
];

/** One `kubectl create SUB` generator: its flags and the object it builds. */
export type Generator = {
  flags: Command["flags"];
  build(inv: Invocation): KubeObject;
  /** Wraps the create's API error as the generator does (`failed to create ingress: ...`). */
  wrapError?: string;
};

const GENERATORS: Record<string, Generator> = {
  ingress: ingressGenerator,
  deployment: {
    flags: [
      { name: "image", type: "stringArray" },
      { name: "replicas", short: "r", type: "int" },
      { name: "port", type: "int" },
    ],
    build(inv) {
      const name = requireName(inv, "deployment");
      const images = inv.flags.list("image");
      if (images.length === 0) throw new KubectlError('required flag(s) "image" not set');
      if (images.length > 1 && inv.flags.dashArgs?.length)
        throw new KubectlError("cannot specify multiple --image options and command");
      const labels = { app: name };
      const containers = images.map((image) => {
        const c: Obj = { name: containerNameFromImage(image), image };
        if (inv.flags.dashArgs?.length) c.command = inv.flags.dashArgs;
        if (inv.flags.has("port")) c.ports = [{ containerPort: inv.flags.int("port", 0) }];
        c.resources = {};
        return c;
      });
      return {
        kind: "Deployment",
        apiVersion: "apps/v1",
        metadata: meta(inv, name, { labels }),
        spec: {
          replicas: inv.flags.int("replicas", 1),
          selector: { matchLabels: labels },
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
          strategy: {},
        },
        status: {},
      } as KubeObject;
    },
  },
  namespace: {
    flags: [],
    build(inv) {
      const name = requireName(inv, "namespace");
      return {
        kind: "Namespace",
        apiVersion: "v1",
        metadata: meta(inv, name, {}, false),
        spec: {},
        status: {},
      } as KubeObject;
    },
  },
  serviceaccount: {
    flags: [],
    build(inv) {
      const name = requireName(inv, "serviceaccount");
      return { kind: "ServiceAccount", apiVersion: "v1", metadata: meta(inv, name) } as KubeObject;
    },
  },
  configmap: {
    flags: [
      { name: "from-literal", type: "stringArray" },
      { name: "from-file", type: "stringArray" },
      { name: "from-env-file", type: "stringArray" },
      { name: "append-hash", type: "bool" },
    ],
    build(inv) {
      const name = requireName(inv, "configmap");
      const data = collectData(inv, "configmap");
      const obj: Obj = { kind: "ConfigMap", apiVersion: "v1", metadata: meta(inv, name) };
      if (Object.keys(data).length) obj.data = data;
      return obj as KubeObject;
    },
  },
  secret: {
    flags: [
      { name: "from-literal", type: "stringArray" },
      { name: "from-file", type: "stringArray" },
      { name: "from-env-file", type: "stringArray" },
      { name: "type", type: "string" },
      { name: "append-hash", type: "bool" },
      { name: "cert", type: "string" },
      { name: "key", type: "string" },
      { name: "docker-server", type: "string" },
      { name: "docker-username", type: "string" },
      { name: "docker-password", type: "string" },
      { name: "docker-email", type: "string" },
    ],
    build(inv) {
      const [sub, ...rest] = inv.flags.args;
      if (sub !== "generic" && sub !== "tls" && sub !== "docker-registry")
        throw new KubectlError(`unknown command "${sub ?? ""}" for "kubectl create secret"`);
      inv.flags.parsed.args = rest;
      const name = requireName(inv, `secret ${sub}`);
      if (sub === "tls") return tlsSecret(inv, name);
      if (sub === "docker-registry") return dockerRegistrySecret(inv, name);
      const data = collectData(inv, "secret");
      const encoded: Record<string, string> = {};
      for (const [k, v] of Object.entries(data)) encoded[k] = encodeBase64(v);
      const obj: Obj = { kind: "Secret", apiVersion: "v1", metadata: meta(inv, name) };
      if (Object.keys(encoded).length) obj.data = encoded;
      if (inv.flags.str("type")) obj.type = inv.flags.str("type");
      return obj as KubeObject;
    },
  },
  service: {
    flags: [
      { name: "tcp", type: "stringArray" },
      { name: "clusterip", type: "string" },
      { name: "node-port", type: "int" },
    ],
    build(inv) {
      const [sub, ...rest] = inv.flags.args;
      const types: Record<string, string> = {
        clusterip: "ClusterIP",
        nodeport: "NodePort",
        loadbalancer: "LoadBalancer",
      };
      const type = types[sub ?? ""];
      if (!type) throw new KubectlError(`unknown command "${sub ?? ""}" for "kubectl create service"`);
      inv.flags.parsed.args = rest;
      const name = requireName(inv, `service ${sub}`);
      const tcp = inv.flags.list("tcp").flatMap((t) => t.split(","));
      if (tcp.length === 0 && inv.flags.str("clusterip") !== "None")
        throw new KubectlError("at least one tcp port specifier must be provided");
      const ports = tcp.map((spec) => {
        const [p, t] = spec.split(":");
        const port = Number(p);
        const target = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t;
        const entry: Obj = { name: `${p}-${t ?? p}`, protocol: "TCP", port, targetPort: target };
        if (type === "NodePort" && inv.flags.has("node-port")) entry.nodePort = inv.flags.int("node-port", 0);
        return entry;
      });
      const spec: Obj = { ports, selector: { app: name } };
      if (inv.flags.has("clusterip")) spec.clusterIP = inv.flags.str("clusterip");
      spec.type = type;
      return {
        kind: "Service",
        apiVersion: "v1",
        metadata: meta(inv, name, { labels: { app: name } }),
        spec,
        status: { loadBalancer: {} },
      } as KubeObject;
    },
  },
  priorityclass: {
    flags: [
      { name: "value", type: "int" },
      { name: "description", type: "string" },
      { name: "global-default", type: "bool" },
      { name: "preemption-policy", type: "string" },
    ],
    build(inv) {
      const name = requireName(inv, "priorityclass");
      const obj: Obj = {
        kind: "PriorityClass",
        apiVersion: "scheduling.k8s.io/v1",
        metadata: meta(inv, name, {}, false),
        value: inv.flags.int("value", 0),
      };
      if (inv.flags.bool("global-default")) obj.globalDefault = true;
      if (inv.flags.str("description")) obj.description = inv.flags.str("description");
      obj.preemptionPolicy = inv.flags.str("preemption-policy") || "PreemptLowerPriority";
      return obj as KubeObject;
    },
  },
  job: {
    flags: [
      { name: "image", type: "string" },
      { name: "from", type: "string" },
    ],
    build(inv) {
      const name = requireName(inv, "job");
      if (inv.flags.has("from")) return jobFromCronJob(inv, name);
      // --image is parsed with deployment's stringArray definition; as a string flag the last one wins.
      const image = inv.flags.list("image").at(-1) ?? "";
      if (!image) throw new KubectlError("either --image or --from must be specified");
      const c: Obj = { name, image };
      if (inv.flags.dashArgs?.length) c.command = inv.flags.dashArgs;
      c.resources = {};
      return {
        kind: "Job",
        apiVersion: "batch/v1",
        metadata: meta(inv, name),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [c], restartPolicy: "Never" },
          },
        },
        status: {},
      } as KubeObject;
    },
  },
  cronjob: {
    flags: [
      { name: "image", type: "string" },
      { name: "schedule", type: "string" },
      { name: "restart", type: "string" },
    ],
    build(inv) {
      const name = requireName(inv, "cronjob");
      // --image is parsed with deployment's stringArray definition; as a string flag the last one wins.
      const image = inv.flags.list("image").at(-1) ?? "";
      if (!image) throw new KubectlError("--image must be specified");
      if (!inv.flags.str("schedule")) throw new KubectlError("--schedule must be specified");
      const c: Obj = { name, image };
      if (inv.flags.dashArgs?.length) c.command = inv.flags.dashArgs;
      c.resources = {};
      return {
        kind: "CronJob",
        apiVersion: "batch/v1",
        metadata: meta(inv, name),
        spec: {
          schedule: inv.flags.str("schedule"),
          jobTemplate: {
            metadata: { name, creationTimestamp: null },
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: { containers: [c], restartPolicy: inv.flags.str("restart") || "OnFailure" },
              },
            },
          },
        },
        status: {},
      } as KubeObject;
    },
  },
  // create_quota.go: --hard=key=value,... and --scopes=A,B.
  quota: {
    flags: [
      { name: "hard", type: "string" },
      { name: "scopes", type: "string" },
    ],
    build(inv) {
      const name = requireName(inv, "quota");
      const hard: Record<string, string> = {};
      for (const pair of inv.flags.str("hard").split(",")) {
        if (!pair.trim()) continue;
        const parts = pair.split("=");
        if (parts.length !== 2)
          throw new KubectlError(`invalid argument; spec must be in form key=value, got ${pair}`);
        hard[(parts[0] as string).trim()] = (parts[1] as string).trim();
      }
      const spec: Obj = {};
      if (Object.keys(hard).length) spec.hard = hard;
      const scopes = inv.flags
        .str("scopes")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      if (scopes.length) spec.scopes = scopes;
      return {
        kind: "ResourceQuota",
        apiVersion: "v1",
        metadata: meta(inv, name),
        spec,
        status: {},
      } as KubeObject;
    },
  },
  role: roleGenerator("Role"),
  clusterrole: roleGenerator("ClusterRole"),
  rolebinding: bindingGenerator("RoleBinding"),
  clusterrolebinding: bindingGenerator("ClusterRoleBinding"),
};
GENERATORS.deploy = GENERATORS.deployment as Generator;
GENERATORS.ns = GENERATORS.namespace as Generator;
GENERATORS.cm = GENERATORS.configmap as Generator;
GENERATORS.sa = GENERATORS.serviceaccount as Generator;
GENERATORS.pc = GENERATORS.priorityclass as Generator;
GENERATORS.resourcequota = GENERATORS.quota as Generator;
GENERATORS.cj = GENERATORS.cronjob as Generator;
GENERATORS.svc = GENERATORS.service as Generator;

function roleGenerator(kind: "Role" | "ClusterRole"): Generator {
  return {
    flags: [
      { name: "verb", type: "stringArray" },
      { name: "resource", type: "stringArray" },
      { name: "resource-name", type: "stringArray" },
    ],
    build(inv) {
      const name = requireName(inv, kind.toLowerCase());
      const verbs = inv.flags.list("verb").flatMap((v) => v.split(","));
      const resources = inv.flags.list("resource").flatMap((v) => v.split(","));
      if (!verbs.length) throw new KubectlError("at least one verb must be specified");
      if (!resources.length) throw new KubectlError("at least one resource must be specified");
      const byGroup = new Map<string, string[]>();
      for (const r of resources) {
        const [plural, ...g] = r.split(".");
        const group = g.join(".");
        const known = group || (resolveGroup(plural as string) ?? "");
        byGroup.set(known, [...(byGroup.get(known) ?? []), plural as string]);
      }
      const rules = [...byGroup].map(([group, res]) => {
        const rule: Obj = { verbs, apiGroups: [group], resources: res };
        const names = inv.flags.list("resource-name");
        if (names.length) rule.resourceNames = names;
        return rule;
      });
      return {
        kind,
        apiVersion: "rbac.authorization.k8s.io/v1",
        metadata: meta(inv, name, {}, kind === "Role"),
        rules,
      } as KubeObject;
    },
  };
}

function resolveGroup(plural: string): string | undefined {
  for (const kind of [
    "Pod",
    "Deployment",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "Node",
    "Service",
    "ConfigMap",
    "Secret",
    "Namespace",
    "Event",
    "Endpoints",
    "ServiceAccount",
    "PriorityClass",
    "Lease",
  ]) {
    const r = resourceForKind(kind);
    if (r && (r.plural === plural || r.singular === plural || r.shortNames.includes(plural))) return r.group;
  }
  return undefined;
}

function bindingGenerator(kind: "RoleBinding" | "ClusterRoleBinding"): Generator {
  return {
    flags: [
      { name: "clusterrole", type: "string" },
      { name: "role", type: "string" },
      { name: "user", type: "stringArray" },
      { name: "group", type: "stringArray" },
      { name: "serviceaccount", type: "stringArray" },
    ],
    build(inv) {
      const name = requireName(inv, kind.toLowerCase());
      const role = inv.flags.str("role");
      const clusterRole = inv.flags.str("clusterrole");
      if (!role && !clusterRole)
        throw new KubectlError(
          kind === "RoleBinding"
            ? "exactly one of clusterrole or role must be specified"
            : "clusterrole must be specified",
        );
      const subjects: Obj[] = [];
      for (const u of inv.flags.list("user"))
        subjects.push({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: u });
      for (const g of inv.flags.list("group"))
        subjects.push({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: g });
      for (const sa of inv.flags.list("serviceaccount")) {
        const [ns, n] = sa.split(":");
        if (!n) throw new KubectlError(`serviceaccount must be <namespace>:<name>`);
        subjects.push({ kind: "ServiceAccount", name: n, namespace: ns });
      }
      const obj: Obj = {
        kind,
        apiVersion: "rbac.authorization.k8s.io/v1",
        metadata: meta(inv, name, {}, kind === "RoleBinding"),
      };
      if (subjects.length) obj.subjects = subjects;
      obj.roleRef = {
        apiGroup: "rbac.authorization.k8s.io",
        kind: role ? "Role" : "ClusterRole",
        name: role || clusterRole,
      };
      return obj as KubeObject;
    },
  };
}

function jobFromCronJob(inv: Invocation, name: string): KubeObject {
  const from = inv.flags.str("from");
  const [type, cjName] = from.split("/");
  if (!cjName || !/^(cronjob|cronjobs|cj)(\.batch)?$/.test(type ?? ""))
    throw new KubectlError(`from must be an existing cronjob: ${from}`);
  const cj = inv.cluster.api.get("CronJob", inv.namespace, cjName);
  if (!cj) throw new ApiError("NotFound", `cronjobs.batch "${cjName}" not found`);
  return {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: meta(inv, name, {
      annotations: {
        "cronjob.kubernetes.io/instantiate": "manual",
        ...(cj.spec?.jobTemplate?.metadata?.annotations ?? {}),
      },
      labels: cj.spec?.jobTemplate?.metadata?.labels,
      ownerReferences: [
        { apiVersion: "batch/v1", kind: "CronJob", name: cjName, uid: cj.metadata.uid, controller: true },
      ],
    }),
    spec: structuredClone(cj.spec?.jobTemplate?.spec ?? {}),
    status: {},
  } as KubeObject;
}

/** --from-literal, --from-file=[key=]path and --from-env-file, in kubectl's order. */
function collectData(inv: Invocation, what: string): Record<string, string> {
  const data: Record<string, string> = {};
  const put = (k: string, v: string) => {
    if (k in data)
      throw new KubectlError(
        `cannot add key ${k}, another key by that name already exists in Data for ${what === "secret" ? "Secret" : "ConfigMap"} "${inv.flags.args[0]}"`,
      );
    data[k] = v;
  };
  for (const spec of inv.flags.list("from-file")) {
    const eq = spec.indexOf("=");
    const key = eq >= 0 ? spec.slice(0, eq) : undefined;
    const path = eq >= 0 ? spec.slice(eq + 1) : spec;
    const entries = inv.ctx.listDir?.(path);
    if (entries && !key) {
      // Entries may come as full paths (the shell's listDir); the key is the file's name.
      const names = entries.map((f) => f.slice(f.lastIndexOf("/") + 1)).sort();
      for (const f of names) put(f, read(inv, `${path.replace(/\/$/, "")}/${f}`));
      continue;
    }
    put(key ?? (path.split("/").pop() as string), read(inv, path));
  }
  for (const lit of inv.flags.list("from-literal")) {
    const eq = lit.indexOf("=");
    if (eq <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, eq), lit.slice(eq + 1));
  }
  for (const file of inv.flags.list("from-env-file")) {
    for (const line of read(inv, file).split("\n")) {
      const t = line.trim();
      if (!t || t.startsWith("#")) continue;
      const eq = t.indexOf("=");
      if (eq < 0) continue;
      put(t.slice(0, eq), t.slice(eq + 1));
    }
  }
  return data;
}

/** create_secret_tls.go: the key pair must load (tls.X509KeyPair's errors when a part is not PEM). */
function tlsSecret(inv: Invocation, name: string): KubeObject {
  const certPath = inv.flags.str("cert");
  const keyPath = inv.flags.str("key");
  if (!certPath || !keyPath) throw new KubectlError('required flag(s) "cert", "key" not set');
  const cert = readForTls(inv, certPath);
  const key = readForTls(inv, keyPath);
  // create_secret_tls.go runs Go's tls.X509KeyPair on the pair and returns its error as is.
  const pair = x509KeyPair(cert, key);
  if (!pair.ok) throw new KubectlError(pair.error);
  return {
    kind: "Secret",
    apiVersion: "v1",
    metadata: meta(inv, name),
    data: { "tls.crt": encodeBase64(cert), "tls.key": encodeBase64(key) },
    type: "kubernetes.io/tls",
  } as KubeObject;
}

/** create_secret_tls.go readFile: `Cannot read file F, open F: no such file or directory`. */
function readForTls(inv: Invocation, path: string): string {
  try {
    if (!inv.ctx.readFile) throw new Error();
    return inv.ctx.readFile(path);
  } catch {
    throw new KubectlError(`Cannot read file ${path}, open ${path}: no such file or directory`);
  }
}

/** create_secret_docker.go: a .dockerconfigjson for one registry. */
function dockerRegistrySecret(inv: Invocation, name: string): KubeObject {
  const username = inv.flags.str("docker-username");
  const password = inv.flags.str("docker-password");
  if (!username || !password)
    throw new KubectlError(
      "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
    );
  const server = inv.flags.str("docker-server") || "https://index.docker.io/v1/";
  const entry: Record<string, string> = { username, password };
  if (inv.flags.str("docker-email")) entry.email = inv.flags.str("docker-email");
  entry.auth = encodeBase64(`${username}:${password}`);
  const config = JSON.stringify({ auths: { [server]: entry } });
  return {
    kind: "Secret",
    apiVersion: "v1",
    metadata: meta(inv, name),
    data: { ".dockerconfigjson": encodeBase64(config) },
    type: "kubernetes.io/dockerconfigjson",
  } as KubeObject;
}

function read(inv: Invocation, path: string): string {
  try {
    if (!inv.ctx.readFile) throw new Error();
    return inv.ctx.readFile(path);
  } catch {
    throw new KubectlError(`error reading ${path}: no such file or directory`);
  }
}

/** cobra Aliases of the generators. */
const GENERATOR_ALIASES: Record<string, Generator> = { ing: ingressGenerator };

const ALL_GEN_FLAGS = (() => {
  const seen = new Set<string>();
  const out: Command["flags"] = [];
  for (const g of Object.values(GENERATORS))
    for (const f of g.flags)
      if (!seen.has(f.name)) {
        seen.add(f.name);
        out.push(f);
      }
  return out;
})();

export const create: Command = {
  name: "create",
  // A generator's client-side dry run needs no server (create -f still maps kinds through discovery).
  offline: (inv) => inv.flags.str("dry-run") === "client" && inv.flags.list("filename").length === 0,
  flags: [
    ...GEN_FLAGS,
    F.filename,
    F.kustomize,
    F.recursive,
    F.selector,
    { name: "edit", type: "bool" },
    { name: "raw", type: "string" },
    { name: "windows-line-endings", type: "bool" },
    ...ALL_GEN_FLAGS,
    ...TOKEN_FLAGS,
  ],
  run(inv) {
    if (hasManifestSource(inv)) {
      createFromFiles(inv);
      return;
    }
    const [sub, ...rest] = inv.flags.args;
    if (!sub) throw new KubectlError("must specify one of -f and -k");
    if (sub === "token") {
      createToken(inv, rest);
      return;
    }
    const gen = GENERATORS[sub] ?? GENERATOR_ALIASES[sub];
    if (!gen) throw new KubectlError(`unknown command "${sub}" for "kubectl create"`);
    // Flags of another generator are unknown to this one.
    const allowed = new Set(
      [...GEN_FLAGS, ...gen.flags, F.filename, F.recursive, F.selector].map((f) => f.name),
    );
    for (const name of inv.flags.parsed.flags.keys())
      if (
        !allowed.has(name) &&
        ![
          "namespace",
          "context",
          "kubeconfig",
          "cluster",
          "user",
          "server",
          "request-timeout",
          "v",
          "insecure-skip-tls-verify",
          "as",
          "help",
        ].includes(name)
      )
        throw new KubectlError(
          `unknown flag: --${name}\nSee 'kubectl create ${sub} --help' for usage.`,
          false,
        );
    inv.flags.parsed.args = rest;
    const obj = gen.build(inv);
    try {
      emitGenerated(inv, obj);
    } catch (e) {
      if (gen.wrapError && e instanceof ApiError) throw new KubectlError(`${gen.wrapError}: ${e.message}`);
      throw e;
    }
  },
};

function createFromFiles(inv: Invocation): void {
  const mode = dryRunMode(inv);
  const { objects, errors } = readManifests(inv);
  if (objects.length === 0 && errors.length === 0) throw new KubectlError("no objects passed to create");
  const late: ObjectError[] = [];
  const output = inv.flags.str("output");
  for (const m of objects) {
    try {
      const res = mapObject(m, inv.mapper);
      placeObject(inv, res, m.obj);
      const obj = inv.flags.bool("save-config") ? withLastApplied(m.obj) : m.obj;
      const warnings: string[] = [];
      const result =
        mode === "client"
          ? obj
          : inv.cluster.api.create(obj, {
              dryRun: mode === "server",
              fieldManager: "kubectl-create",
              fieldValidation: fieldValidation(inv),
              warnings,
            });
      printWarnings(inv, warnings);
      if (output && wantsObjectOutput(output)) printObjects(inv, [result], output);
      else if (output === "name") inv.out(`${objectName(res, result.metadata.name ?? "")}\n`);
      else
        inv.out(
          `${objectName(res, result.metadata.name ?? "")} created${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
        );
    } catch (e) {
      if (e instanceof ApiError) late.push(sourceError("creating", m.source, e));
      else if (e instanceof KubectlError) late.push({ message: e.message });
      else throw e;
    }
  }
  reportErrors(inv, [...late, ...errors]);
}
