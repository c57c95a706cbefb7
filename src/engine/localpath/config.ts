/**
 * local-path-provisioner's configuration (rancher/local-path-provisioner v0.0.30 provisioner.go):
 * config.json read into ConfigData, canonicalised into per-node path sets (canonicalizeConfig,
 * canonicalizeStorageClassConfig), the config a class uses (pickConfig), whether it is a shared
 * file system (isSharedFilesystem) and the base path a volume gets on a node (getPathOnNode).
 * Pure functions; errors are values carrying the provisioner's own texts.
 */

/** The node entry that applies to every node the map does not list (NodeDefaultNonListedNodes). */
export const NodeDefaultNonListedNodes = "DEFAULT_PATH_FOR_NON_LISTED_NODES";
/** cmdTimeoutSeconds when config.json does not set it (defaultCmdTimeoutSeconds). */
export const DefaultCmdTimeoutSeconds = 120;

/** The paths one node may hold volumes in. */
export interface NodePathMap {
  paths: string[];
}

/** One class's view of the nodes (StorageClassConfig). */
export interface StorageClassConfig {
  nodePathMap: Map<string, NodePathMap>;
  sharedFileSystemPath: string;
}

/** The canonical configuration (Config). */
export interface LocalPathConfig {
  cmdTimeoutSeconds: number;
  setupCommand: string;
  teardownCommand: string;
  /** Used when storageClassConfigs is empty. */
  defaultClass: StorageClassConfig;
  storageClassConfigs: Map<string, StorageClassConfig>;
}

/** An outcome: a value or the provisioner's error text. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

interface NodePathMapData {
  node?: string;
  paths?: string[];
}
interface StorageClassConfigData {
  nodePathMap?: NodePathMapData[];
  sharedFileSystemPath?: string;
}

/** Go's filepath.Clean for an absolute path. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

function canonicalizeStorageClassConfig(data: StorageClassConfigData): Result<StorageClassConfig> {
  const wrap = (e: string) => fail<StorageClassConfig>(`StorageClass config canonicalization failed: ${e}`);
  const nodePathMap = new Map<string, NodePathMap>();
  for (const n of data.nodePathMap ?? []) {
    const node = n.node ?? "";
    if (nodePathMap.has(node)) return wrap(`duplicate node ${node}`);
    const entry: NodePathMap = { paths: [] };
    nodePathMap.set(node, entry);
    for (const p of n.paths ?? []) {
      if (!p.startsWith("/")) return wrap(`path must start with / for path ${p} on node ${node}`);
      const path = cleanPath(p);
      if (path === "/") return wrap(`cannot use root ('/') as path on node ${node}`);
      if (entry.paths.includes(path)) return wrap(`duplicate path ${p} on node ${node}`);
      entry.paths.push(path);
    }
  }
  return ok({ nodePathMap, sharedFileSystemPath: data.sharedFileSystemPath ?? "" });
}

/** loadConfigFile and canonicalizeConfig: config.json's text as the provisioner reads it. */
export function parseConfig(text: string, file = "/etc/config/config.json"): Result<LocalPathConfig> {
  let data: StorageClassConfigData & {
    cmdTimeoutSeconds?: number;
    setupCommand?: string;
    teardownCommand?: string;
    storageClassConfigs?: Record<string, StorageClassConfigData>;
  };
  try {
    data = JSON.parse(text);
  } catch {
    return fail(`fail to load config file ${file}: invalid character in JSON`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return fail(
      `fail to load config file ${file}: json: cannot unmarshal into Go value of type main.ConfigData`,
    );
  const storageClassConfigs = new Map<string, StorageClassConfig>();
  let defaultClass: StorageClassConfig = { nodePathMap: new Map(), sharedFileSystemPath: "" };
  const classes = Object.entries(data.storageClassConfigs ?? {});
  if (classes.length === 0) {
    const c = canonicalizeStorageClassConfig(data);
    if (!c.ok) return c;
    defaultClass = c.value;
  } else {
    for (const [name, classData] of classes) {
      const c = canonicalizeStorageClassConfig(classData);
      if (!c.ok) return fail(`config for class ${name} is invalid: ${c.error}`);
      storageClassConfigs.set(name, c.value);
    }
  }
  return ok({
    cmdTimeoutSeconds:
      (data.cmdTimeoutSeconds ?? 0) > 0 ? (data.cmdTimeoutSeconds as number) : DefaultCmdTimeoutSeconds,
    setupCommand: data.setupCommand ?? "",
    teardownCommand: data.teardownCommand ?? "",
    defaultClass,
    storageClassConfigs,
  });
}

/** pickConfig: the class's own config when storageClassConfigs lists classes, else the default. */
export function pickConfig(cfg: LocalPathConfig, storageClassName: string): Result<StorageClassConfig> {
  if (cfg.storageClassConfigs.size === 0) return ok(cfg.defaultClass);
  const c = cfg.storageClassConfigs.get(storageClassName);
  if (!c) return fail(`BUG: Got request for unexpected storage class ${storageClassName}`);
  return ok(c);
}

/** isSharedFilesystem: one path mounted on every node, or a path map per node. */
export function isSharedFilesystem(c: StorageClassConfig): Result<boolean> {
  if (c.sharedFileSystemPath !== "" && c.nodePathMap.size !== 0)
    return fail("both nodePathMap and sharedFileSystemPath are defined. Please make sure only one is in use");
  if (c.nodePathMap.size !== 0) return ok(false);
  if (c.sharedFileSystemPath !== "") return ok(true);
  return fail("both nodePathMap and sharedFileSystemPath are unconfigured");
}

/**
 * getPathOnNode: the base directory a volume gets on a node. A node the map does not list uses
 * the DEFAULT_PATH_FOR_NON_LISTED_NODES entry; of several paths one is picked (Go's map order,
 * random: `pick` chooses). `usedDefault` says the default entry applied (the provisioner logs it).
 */
export function getPathOnNode(
  c: StorageClassConfig,
  node: string,
  requestedPath: string,
  pick: (paths: readonly string[]) => string,
): Result<{ path: string; usedDefault: boolean }> {
  const shared = isSharedFilesystem(c);
  if (!shared.ok) return shared;
  if (shared.value) return ok({ path: c.sharedFileSystemPath, usedDefault: false });
  let npMap = c.nodePathMap.get(node);
  let usedDefault = false;
  if (!npMap) {
    npMap = c.nodePathMap.get(NodeDefaultNonListedNodes);
    if (!npMap)
      return fail(`config doesn't contain node ${node}, and no ${NodeDefaultNonListedNodes} available`);
    usedDefault = true;
  }
  if (npMap.paths.length === 0) return fail(`no local path available on node ${node}`);
  if (requestedPath !== "") {
    if (!npMap.paths.includes(requestedPath))
      return fail(`config doesn't contain path ${requestedPath} on node ${node}`);
    return ok({ path: requestedPath, usedDefault });
  }
  return ok({ path: pick(npMap.paths), usedDefault });
}

/** The claim fields a pathPattern template may name (pvMetadata). */
export interface PathMetadata {
  pvName: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * pathFromPattern: the StorageClass parameter pathPattern, a Go text/template over
 * `{PVName, PVC: ObjectMeta}`. The field references the provisioner's docs use are supported
 * (`{{ .PVName }}`, `{{ .PVC.Namespace }}`, `{{ .PVC.Name }}`, `{{ .PVC.Labels.key }}`,
 * `{{ .PVC.Annotations.key }}`); anything else is refused.
 */
export function pathFromPattern(pattern: string, meta: PathMetadata): Result<string> {
  let error: string | undefined;
  const out = pattern.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_m, expr: string) => {
    const ref = /^\.(PVName|PVC\.Namespace|PVC\.Name|PVC\.Labels\.(\S+)|PVC\.Annotations\.(\S+))$/.exec(expr);
    if (!ref) {
      error ??= `failed to create path from pattern ${pattern}: template: pathPattern: unsupported expression "${expr}"`;
      return "";
    }
    if (ref[1] === "PVName") return meta.pvName;
    if (ref[1] === "PVC.Namespace") return meta.namespace;
    if (ref[1] === "PVC.Name") return meta.name;
    // A missing map key prints Go's "<no value>".
    if (ref[2] !== undefined) return meta.labels[ref[2]] ?? "<no value>";
    return meta.annotations[ref[3] as string] ?? "<no value>";
  });
  return error ? fail(error) : ok(out);
}
