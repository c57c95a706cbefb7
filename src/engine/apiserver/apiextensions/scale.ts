/**
 * The scale subresource of a custom resource (pkg/registry/customresource/etcd.go ScaleREST):
 * the CRD names where the object keeps its desired replicas, its observed replicas and its
 * label selector, as simple JSON paths (`.spec.replicas`).
 */
import type { ResourceInfo } from "../../api/resources";

/** A version's subresources.scale. */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** The scale subresource a custom resource's version has, if any. */
export function customScale(res: ResourceInfo): ScaleSubresource | undefined {
  const scale = res.custom?.definition?.subresources?.scale;
  return scale?.specReplicasPath ? (scale as ScaleSubresource) : undefined;
}

function keys(path: string): string[] {
  return path.replace(/^\./, "").split(".").filter(Boolean);
}

/** The value at a simple JSON path (`.spec.replicas`), or undefined. */
export function readPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of keys(path))
    v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** Sets the value at a simple JSON path, making the objects on the way. */
export function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = keys(path);
  let v = obj;
  for (const key of parts.slice(0, -1)) {
    if (!v[key] || typeof v[key] !== "object") v[key] = {};
    v = v[key] as Record<string, unknown>;
  }
  v[parts[parts.length - 1] as string] = value;
}
