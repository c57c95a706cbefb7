/**
 * Resource arguments as kubectl's resource builder reads them (cli-runtime pkg/resource/builder.go):
 * `pods`, `pod/x`, `pods x y`, `deploy,rs`, `nodes node01`, `all`, and the objects they name.
 */

import type { ResourceMapper } from "../engine/api/discovery";
import { notFound } from "../engine/api/errors";
import { qualifiedPlural, type ResourceInfo } from "../engine/api/resources";
import type { KubeObject } from "../engine/api/types";
import { KubectlError } from "./command";

/** What resource args ask for: types with either names or "every object" (names undefined). */
export interface ResourceRequest {
  res: ResourceInfo;
  /** Names asked for; undefined to list every object of the type. */
  names?: string[];
}

/** Resolves one typed resource word against the server's discovery; throws kubectl's error for unknown types. */
export function mustResolve(typed: string, discovery: ResourceMapper): ResourceInfo {
  const res = discovery.resolve(typed);
  if (!res) throw new KubectlError(`the server doesn't have a resource type "${typed}"`);
  return res;
}

/**
 * Expands categories (`all`, or a category only CRDs list) and comma lists into resources, in
 * order, as kubectl's category expander does: a word that names a resource is that resource.
 */
export function expandTypes(word: string, discovery: ResourceMapper): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const part of word.split(",")) {
    if (!part) continue;
    const named = part === "all" ? undefined : discovery.resolve(part);
    if (!named) {
      const inCategory = discovery.all().filter((r) => r.categories?.includes(part));
      // One version per resource: the preferred one comes first.
      const seen = new Set<string>();
      const members = inCategory.filter((r) => {
        const key = `${r.group}/${r.plural}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (members.length > 0 || part === "all") {
        for (const r of members) if (!out.includes(r)) out.push(r);
        continue;
      }
    }
    const r = mustResolve(part, discovery);
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

/**
 * Parses resource args: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`. Throws KubectlError for the
 * mixed forms kubectl refuses.
 */
export function parseResourceArgs(args: string[], discovery: ResourceMapper): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes("/"));
  if (slashed.length > 0) {
    if (slashed.length !== args.length)
      throw new KubectlError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf("/");
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name)
        throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const res = mustResolve(type, discovery);
      const existing = out.find((r) => r.res === res);
      if (existing) existing.names?.push(name);
      else out.push({ res, names: [name] });
    }
    return out;
  }
  const [typeWord, ...names] = args as [string, ...string[]];
  const types = expandTypes(typeWord, discovery);
  if (names.length > 0) {
    if (types.length > 1 || typeWord.split(",").includes("all")) {
      // kubectl get pods,svc x → looks up x in each type.
      return types.map((res) => ({ res, names: [...names] }));
    }
    return [{ res: types[0] as ResourceInfo, names }];
  }
  return types.map((res) => ({ res }));
}

/** Gets one object or throws the API server's NotFound. */
export function getObject(
  api: { get(kind: string, ns: string | undefined, name: string): KubeObject | undefined },
  res: ResourceInfo,
  namespace: string,
  name: string,
): KubeObject {
  const obj = api.get(res.kind, res.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound(qualifiedPlural(res), name);
  return obj;
}

/** "pod/x", "deployment.apps/web": how kubectl names an object in messages (`-o name` form). */
export function objectName(res: ResourceInfo, name: string): string {
  return `${res.group ? `${res.singular}.${res.group}` : res.singular}/${name}`;
}
