/**
 * The helper pod local-path-provisioner runs to create or remove a volume's directory on its node
 * (v0.0.30 provisioner.go createHelperPod): the ConfigMap's helperPod.yaml template, the parent
 * directory as a DirectoryOrCreate hostPath mounted at the same path, the setup/teardown scripts
 * from the ConfigMap at /script, VOL_DIR/VOL_MODE/VOL_SIZE_BYTES, pinned to the node by nodeName.
 */
import type { Pod } from "../api/kinds";
import { clone } from "../api/types";
import { cleanPath, type Result } from "./config";

/** The two things a helper pod does (ActionType). */
export type HelperAction = "create" | "delete";

/** helperScriptDir, helperDataVolName, helperScriptVolName. */
export const HelperScriptDir = "/script";
export const HelperDataVolName = "data";
export const HelperScriptVolName = "script";
/** HelperPodNameMaxLength. */
export const HelperPodNameMaxLength = 128;

/** What one helper pod acts on (volumeOptions). */
export interface VolumeOptions {
  name: string;
  path: string;
  mode: string;
  sizeInBytes: number;
  node: string;
}

/** Where the provisioner runs and what its config says about commands. */
export interface HelperContext {
  namespace: string;
  serviceAccountName: string;
  configMapName: string;
  setupCommand: string;
  teardownCommand: string;
  sharedFS: boolean;
}

/** Go's filepath.Split: the directory with its trailing slash, and the last element. */
function split(path: string): [string, string] {
  const i = path.lastIndexOf("/");
  return [path.slice(0, i + 1), path.slice(i + 1)];
}

/** The command a helper pod runs: the configured one, or the ConfigMap's script under /bin/sh. */
export function helperCommand(action: HelperAction, ctx: HelperContext): string[] {
  const configured = action === "create" ? ctx.setupCommand : ctx.teardownCommand;
  if (configured !== "") return [configured];
  return ["/bin/sh", `${HelperScriptDir}/${action === "create" ? "setup" : "teardown"}`];
}

/**
 * createHelperPod's pod: the template with the volumes, mounts, environment, arguments, name
 * (`helper-pod-create-pvc-<uid>`, cut at 128), namespace, node and service account it adds.
 */
export function buildHelperPod(
  template: Pod,
  action: HelperAction,
  o: VolumeOptions,
  ctx: HelperContext,
): Result<Pod> {
  const wrap = (e: string): Result<Pod> => ({
    ok: false,
    error: `failed to ${action} volume ${o.name}: ${e}`,
  });
  if (o.name === "" || o.path === "" || (!ctx.sharedFS && o.node === ""))
    return wrap("invalid empty name or path or node");
  if (!o.path.startsWith("/")) return wrap(`volume path ${o.path} is not absolute`);
  const cleaned = cleanPath(o.path);
  let [parentDir, volumeDir] = split(cleaned);
  const pod = clone(template) as Pod;
  pod.spec ??= { containers: [] };
  const container = pod.spec.containers?.[0];
  if (!container) return wrap("helper pod template does not specify any container");
  const volumes: NonNullable<Pod["spec"]>["volumes"] = [
    { name: HelperDataVolName, hostPath: { path: parentDir, type: "DirectoryOrCreate" } },
  ];
  const items: { key: string; path: string }[] = [];
  if (ctx.setupCommand === "") items.push({ key: "setup", path: "setup" });
  if (ctx.teardownCommand === "") items.push({ key: "teardown", path: "teardown" });
  const mounts = [...(container.volumeMounts ?? [])];
  const addMount = (name: string, mountPath: string) => {
    const found = mounts.find((m) => m.name === name);
    if (found) return found;
    const m = { name, mountPath };
    mounts.push(m);
    return m;
  };
  if (items.length > 0) {
    volumes.push({ name: HelperScriptVolName, configMap: { name: ctx.configMapName, items } });
    addMount(HelperScriptVolName, HelperScriptDir).mountPath = HelperScriptDir;
  }
  parentDir = addMount(HelperDataVolName, parentDir).mountPath.replace(/\/$/, "");
  volumeDir = volumeDir.replace(/\/$/, "");
  if (parentDir === "" || volumeDir === "" || !parentDir.startsWith("/"))
    return wrap(
      `invalid path ${action} for ${o.path}: cannot find parent dir or volume dir or parent dir is relative`,
    );
  const volDir = `${parentDir}/${volumeDir}`;
  const size = String(o.sizeInBytes);
  const name = `${pod.metadata?.name ?? ""}-${action}-${o.name}`.slice(0, HelperPodNameMaxLength);
  pod.metadata = { ...(pod.metadata ?? {}), name, namespace: ctx.namespace };
  if (o.node !== "") pod.spec.nodeName = o.node;
  pod.spec.serviceAccountName = ctx.serviceAccountName;
  pod.spec.restartPolicy = "Never";
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: "Exists" }];
  pod.spec.volumes = [...(pod.spec.volumes ?? []), ...volumes];
  container.volumeMounts = mounts;
  container.command = helperCommand(action, ctx);
  container.env = [
    ...(container.env ?? []),
    { name: "VOL_DIR", value: volDir },
    { name: "VOL_MODE", value: o.mode },
    { name: "VOL_SIZE_BYTES", value: size },
  ];
  container.args = ["-p", volDir, "-s", size, "-m", o.mode, "-a", action];
  return { ok: true, value: pod };
}
