/**
 * Files as a control-plane container sees them: only what its volumeMounts bring in (a hostPath
 * from its node, a ConfigMap's keys); the image itself has no /etc/kubernetes.
 */
import type { Container, Pod } from "../api/kinds";
import type { Cluster } from "../cluster";

/** A file's text, or the Go error opening it gives (`open PATH: no such file or directory`). */
export type FileRead = { text: string } | { missing: true };

/** Reads path inside container of pod (a static pod or an API pod on a node with a host). */
export function readContainerFile(cluster: Cluster, pod: Pod, container: Container, path: string): FileRead {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const m of mounts) {
    const mount = m.mountPath.replace(/\/+$/, "");
    if (path !== mount && !path.startsWith(`${mount}/`)) continue;
    const rel = path === mount ? "" : path.slice(mount.length + 1);
    const vol = (pod.spec?.volumes ?? []).find((v) => v.name === m.name);
    if (!vol) return { missing: true };
    if (vol.hostPath) {
      const fs = pod.spec?.nodeName ? cluster.hosts.get(pod.spec.nodeName)?.fs : undefined;
      const base = vol.hostPath.path.replace(/\/+$/, "");
      const full = rel ? `${base}/${rel}` : base;
      if (fs?.isFile(full)) return { text: fs.read(full) };
      // FileOrCreate: the kubelet made an empty file there before the container started.
      if (!rel && vol.hostPath.type === "FileOrCreate") return { text: "" };
      return { missing: true };
    }
    if (vol.configMap) {
      const cm = cluster.api.get("ConfigMap", pod.metadata.namespace, vol.configMap.name as string);
      const file = m.subPath && !rel ? m.subPath : rel;
      if (!cm || !file) return { missing: true };
      const items = vol.configMap.items ?? [];
      const key = items.length ? items.find((it) => it.path === file)?.key : file;
      const text = key === undefined ? undefined : cm.data?.[key];
      return typeof text === "string" ? { text } : { missing: true };
    }
    return { missing: true };
  }
  return { missing: true };
}

/** Where a path inside a container lives on its node: a hostPath mount's node and host path. */
export function hostPathOf(
  pod: Pod,
  container: Container,
  path: string,
): { node: string; path: string } | undefined {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const m of mounts) {
    const mount = m.mountPath.replace(/\/+$/, "");
    if (path !== mount && !path.startsWith(`${mount}/`)) continue;
    const vol = (pod.spec?.volumes ?? []).find((v) => v.name === m.name);
    if (!vol?.hostPath || !pod.spec?.nodeName) return undefined;
    const base = vol.hostPath.path.replace(/\/+$/, "") || "/";
    const rel = path === mount ? "" : path.slice(mount.length + 1);
    return { node: pod.spec.nodeName, path: rel ? `${base === "/" ? "" : base}/${rel}` : base };
  }
  return undefined;
}
