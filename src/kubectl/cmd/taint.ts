/**
 * `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint/{taint.go,utils.go}): parse
 * `key[=value]:Effect`, `key:Effect-`, `key-`; merge into the node's taints; print
 * `node/n1 tainted`, `untainted` or `modified`.
 */
import type { Node, Taint } from "../../engine/api/kinds";
import { clone } from "../../engine/api/types";
import { isQualifiedName, isValidLabelValue } from "../../engine/apiserver/field";
import { parseResourceArgs } from "../builder";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import { printObjects, wantsObjectOutput } from "../render";
import { fetchObjects } from "./get";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** A usage error: `error: MSG\nSee 'kubectl taint -h' for help and examples`. */
function usage(msg: string): KubectlError {
  return new KubectlError(`${msg}\nSee 'kubectl taint -h' for help and examples`);
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. Throws Error with upstream's text. */
export function parseTaint(st: string): Taint {
  const parts = st.split(":");
  let key: string;
  let value = "";
  let effect = "";
  if (parts.length === 1) key = parts[0] as string;
  else if (parts.length === 2) {
    effect = parts[1] as string;
    if (!EFFECTS.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = (parts[0] as string).split("=");
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0] as string;
    if (kv.length === 2) {
      value = kv[1] as string;
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join("; ")}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join("; ")}`);
  const t: Taint = { key, effect: effect as Taint["effect"] };
  if (value) t.value = value;
  return t;
}

/** Go's %v of a corev1.Taint struct, as the duplicate error prints it. */
function goTaint(t: Taint): string {
  return `{${t.key} ${t.value ?? ""} ${t.effect ?? ""} <nil>}`;
}

/** parseTaints: the taints to add and to remove. Throws Error with upstream's text. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const unique = new Map<string, Set<string>>();
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    const seen = unique.get(t.effect) ?? new Set<string>();
    if (seen.has(t.key)) throw new Error(`duplicated taints with the same key and effect: ${goTaint(t)}`);
    seen.add(t.key);
    unique.set(t.effect, seen);
    add.push(t);
  }
  return { add, remove };
}

/** Taint.ToString: `key=value:effect`, shorter when parts are empty. */
export function taintString(t: Taint): string {
  let s = t.key;
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * reorganizeTaints: the node's new taints and the operation word. Errors (taints to remove that
 * are absent) are returned, not thrown, as upstream aggregates them.
 */
export function reorganizeTaints(
  old: Taint[],
  overwrite: boolean,
  add: Taint[],
  remove: Taint[],
): { operation: "modified" | "tainted" | "untainted"; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = r.effect ? taints.filter((t) => !matches(r, t)) : taints.filter((t) => t.key !== r.key);
    deleted = before !== taints.length;
    if (!deleted) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? "modified" : added ? "tainted" : "untainted";
  return { operation, taints, errors };
}

export const taint: Command = {
  name: "taint",
  flags: [F.overwrite, F.selector, F.all, ...PRINT_FLAGS, F.dryRun, F.fieldManager, F.validate],
  run(inv: Invocation) {
    const mode = dryRunMode(inv);
    const resources: string[] = [];
    const taintArgs: string[] = [];
    let met = false;
    for (const s of inv.flags.args) {
      const isTaint = s.includes("=") || s.includes(":") || s.endsWith("-");
      if (isTaint) {
        met = true;
        taintArgs.push(s);
      } else if (met) throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (resources.length < 1)
      throw new KubectlError("one or more resources must be specified as <resource> <name>");
    if (taintArgs.length < 1) throw new KubectlError("at least one taint update is required");
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(taintArgs);
    } catch (e) {
      throw usage((e as Error).message);
    }
    const typeWord = (resources[0] as string).toLowerCase().split("/")[0] as string;
    const reqs = parseResourceArgs([typeWord], inv.mapper);
    if (reqs[0]?.res.kind !== "Node")
      throw new KubectlError(`invalid resource type ${typeWord}, only node types are supported`);
    const conflicts: string[] = [];
    for (const a of parsed.add)
      for (const r of parsed.remove)
        if (a.key === r.key && (!r.effect || a.effect === r.effect))
          conflicts.push(`{"${r.key}":"${r.effect ?? ""}"}`);
    if (conflicts.length)
      throw new KubectlError(
        `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(", ")}`,
      );
    const all = inv.flags.bool("all");
    const selector = inv.flags.str("selector");
    if (all && selector)
      throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    // `kubectl taint node/n1 ...` names the node in the first argument.
    const names = resources[0]?.includes("/")
      ? [resources[0].split("/")[1] as string, ...resources.slice(1)]
      : resources.slice(1);
    if (!all && !selector && names.length < 1)
      throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    const errors: unknown[] = [];
    const { groups } = fetchObjects(
      inv,
      [{ res: reqs[0].res, names: all || selector ? undefined : names }],
      errors,
    );
    for (const e of errors) throw e;
    const overwrite = inv.flags.bool("overwrite");
    for (const live of groups.flatMap((g) => g.objects) as Node[]) {
      const name = live.metadata.name;
      const old = (live.spec?.taints ?? []) as Taint[];
      if (!overwrite) {
        const exists = parsed.add.filter((t) => old.some((o) => matches(o, t))).map((t) => t.key);
        if (exists.length)
          throw new KubectlError(
            `node ${name} already has ${exists.join(",")} taint(s) with same effect(s) and --overwrite is false`,
          );
      }
      const { operation, taints, errors: errs } = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
      if (errs.length)
        throw new KubectlError(errs.length === 1 ? (errs[0] as string) : `[${errs.join(", ")}]`);
      const next = clone(live);
      next.spec = next.spec ?? {};
      if (taints.length) next.spec.taints = taints;
      else delete next.spec.taints;
      const result = mode === "client" ? next : inv.cluster.api.update(next, { dryRun: mode === "server" });
      const output = inv.flags.str("output");
      if (output && output !== "name") printObjects(inv, [result], output);
      else if (output === "name") inv.out(`node/${name}\n`);
      else
        inv.out(
          `node/${name} ${operation}${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`,
        );
    }
    void wantsObjectOutput;
  },
};
