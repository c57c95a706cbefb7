/**
 * kubectl's embedded kustomize (v5.5.0): `kubectl kustomize DIR` prints the built objects as
 * YAML, and `-k DIR` on apply, create, delete, get and friends reads them as `-f` reads files
 * (staging/src/k8s.io/kubectl/pkg/cmd/kustomize, pkg/resource/visitor.go KustomizeVisitor).
 */
import type { KubeObject } from "../../engine/api/types";
import { type Command, type Invocation, KubectlError } from "../command";
import type { KubectlContext } from "../interface";
import { klogLine } from "../klog";
import type { ManifestResult } from "../manifest";
import { toYaml } from "../output/yaml";
import { build } from "./build";
import { KustomizeError } from "./errors";
import type { KustFs } from "./loader";
import { basename, join } from "./paths";

export { build } from "./build";
export { KustomizeError } from "./errors";
export type { KustFs } from "./loader";

/**
 * The terminal's file system as the build reads it: the shell's own (localFs) where there is one,
 * else the context's readFile and listDir (whose entries may be full paths).
 */
export function kustFsOf(ctx: KubectlContext): KustFs {
  const local = ctx.localFs;
  if (local)
    return {
      readFile: (path) => local.read(path),
      listDir: (path) => (local.isDir(path) ? local.list(path) : undefined),
    };
  return {
    readFile(path) {
      if (!ctx.readFile) throw new Error("no file system");
      return ctx.readFile(path);
    },
    listDir(path) {
      return ctx.listDir?.(path)?.map((entry) => basename(entry));
    },
  };
}

/** An absolute path for a directory argument, from the shell's working directory. */
export function absoluteDir(ctx: KubectlContext, dir: string): string {
  return join(ctx.localCwd ?? "/", dir);
}

/** Builds DIR and returns its objects as -f would read them; kustomize's warnings go to stderr. */
export function readKustomization(inv: Invocation, dir: string): ManifestResult {
  try {
    const { objects, warnings } = build(kustFsOf(inv.ctx), absoluteDir(inv.ctx, dir), {
      reorder: true,
      given: dir,
    });
    for (const w of warnings) inv.err(`${w}\n`);
    return { objects: objects.map((obj) => ({ obj: obj as KubeObject, source: dir })), errors: [] };
  } catch (e) {
    if (!(e instanceof KustomizeError)) throw e;
    for (const w of e.warnings) inv.err(`${w}\n`);
    throw new KubectlError(e.message);
  }
}

/** The YAML stream `kubectl kustomize` prints: each object as sigs.k8s.io/yaml writes it, `---` between. */
export function kustomizeYaml(objects: unknown[]): string {
  return objects.map((o) => toYaml(o)).join("---\n");
}

/** A string value as klog's text logger writes it: quoted, or `<` lines `>` when it spans lines. */
export function klogValue(text: string): string {
  if (!text.includes("\n")) return JSON.stringify(text);
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  return `<\n${lines.map((l) => `\t${l}\n`).join("")} >`;
}

/** `kubectl kustomize [DIR]`. */
export const kustomize: Command = {
  name: "kustomize",
  offline: () => true,
  flags: [
    { name: "output", short: "o", type: "string" },
    { name: "reorder", type: "string" },
    { name: "load-restrictor", type: "string" },
    { name: "enable-helm", type: "bool" },
    { name: "enable-alpha-plugins", type: "bool" },
    { name: "enable-exec", type: "bool" },
    { name: "as-current-user", type: "bool" },
    { name: "network", type: "bool" },
    { name: "network-name", type: "string" },
    { name: "env", short: "e", type: "stringArray" },
    { name: "mount", type: "stringArray" },
    { name: "helm-command", type: "string" },
    { name: "helm-api-versions", type: "stringArray" },
    { name: "helm-kube-version", type: "string" },
  ],
  run(inv) {
    const args = inv.flags.args;
    if (args.length > 1) throw new KubectlError("specify one path to kustomization.yaml");
    const reorder = inv.flags.has("reorder") ? inv.flags.str("reorder") : "legacy";
    if (!["legacy", "none"].includes(reorder))
      throw new KubectlError(`illegal flag value --reorder ${reorder}; legal values: [legacy none]`);
    const dir = args[0] ?? ".";
    let result: ReturnType<typeof build>;
    try {
      result = build(kustFsOf(inv.ctx), absoluteDir(inv.ctx, dir), {
        reorder: reorder === "legacy",
        given: dir,
      });
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      for (const w of e.warnings) inv.err(`${w}\n`);
      // The kustomize command returns its error to component-base's cli.run, which logs it.
      const line = klogLine(
        "E",
        inv.cluster.clock.now(),
        "run.go",
        72,
        `"command failed" err=${klogValue(e.message)}`,
      );
      throw new KubectlError(line.replace(/\n$/, ""), true);
    }
    for (const w of result.warnings) inv.err(`${w}\n`);
    const text = kustomizeYaml(result.objects);
    const out = inv.flags.str("output");
    if (out) {
      if (!inv.ctx.writeFile) throw new KubectlError(`open ${out}: read-only file system`);
      inv.ctx.writeFile(absoluteDir(inv.ctx, out), text);
      return;
    }
    inv.out(text);
  },
};
