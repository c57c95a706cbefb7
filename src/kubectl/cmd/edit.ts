/**
 * `kubectl edit` (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go): the objects
 * as YAML (or JSON) under kubectl's header go to a temporary file, the editor named by
 * KUBE_EDITOR, EDITOR or `vi` runs on it, and what was saved is patched onto the live objects
 * (`pod/x edited`). Unchanged → `Edit cancelled, no changes made.`; a syntax error or an invalid
 * object re-opens the file with the reasons in the header; a second save with nothing changed
 * gives up (`A copy of your changes has been stored to ...`, `Edit cancelled, no valid changes
 * were saved.`).
 *
 * In the app the YAML editor is the editor: the result carries the buffer (`edit`), and the app
 * sends the saved text back to finishEdit.
 */

import { parseAllDocuments } from "yaml";
import type { ResourceMapper } from "../../engine/api/discovery";
import { ApiError } from "../../engine/api/errors";
import { qualifiedPlural, type ResourceInfo } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { objectName, parseResourceArgs } from "../builder";
import { type Command, F, Invocation, KubectlError } from "../command";
import { Flags } from "../flags";
import type { CommandResult, EditRequest, EditSession, KubectlContext } from "../interface";
import { readManifests } from "../manifest";
import { printJson, printYaml } from "../output";
import { deepEqual, sortedJson, threeWayMerge } from "../strategicmerge";
import { mapObject } from "./apply";
import { fetchObjects } from "./get";

/** editHeader.writeTo's text for the normal edit mode. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The editor kubectl runs when neither KUBE_EDITOR nor EDITOR is set (editor.go defaultEditor). */
export const DEFAULT_EDITOR = "vi";

/** How many times a file is re-opened before giving up (kubectl has no bound; an editor script could loop). */
const MAX_ROUNDS = 20;

/** cmdutil.ManualStrip: drops the lines that are comments (`#`, not `#!`). */
export function manualStrip(text: string): string {
  return text
    .split("\n")
    .filter((line) => {
      const t = line.trim();
      return !(t.startsWith("#") && !t.startsWith("#!"));
    })
    .join("\n");
}

/** cmdutil.StripComments: the content as JSON when it parses, else ManualStrip; for comparing. */
function stripComments(text: string): string {
  try {
    const docs = parseAllDocuments(text, { version: "1.1" });
    const list = Array.isArray(docs) ? docs : [docs];
    if (list.some((d) => d.errors.length)) throw new Error("syntax");
    return sortedJson(list.map((d) => d.toJS()));
  } catch {
    return manualStrip(text);
  }
}

/** hasLines: whether anything but blank lines and comments remains. */
function hasLines(text: string): boolean {
  return text.split("\n").some((l) => l.trim() !== "" && !l.trim().startsWith("#"));
}

/** hashOnLineBreak: a reason spanning lines keeps each line a comment. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n/g, "\n# ");
}

/** The buffer the editor opens next: the header with the reasons, then the objects or the last text. */
function nextBuffer(s: EditSession): string {
  let buf = EDIT_HEADER;
  for (const r of s.reasons) {
    buf += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) buf += `# * ${hashOnLineBreak(o)}\n`;
    buf += "#\n";
  }
  if (s.containsError) return buf + manualStrip(s.edited);
  const value =
    s.infos.length === 1
      ? s.infos[0]
      : { apiVersion: "v1", items: s.infos, kind: "List", metadata: { resourceVersion: "" } };
  buf += s.format === "json" ? printJson(value) : printYaml(value);
  s.original = buf;
  return buf;
}

/** `pods`, `deployments.apps`: how edit names a resource in its errors. */
function resourceString(obj: KubeObject, mapper: ResourceMapper): string {
  const res = mapper.forGVK(obj.apiVersion ?? "", obj.kind) ?? mapper.forKind(obj.kind);
  return res ? qualifiedPlural(res) : obj.kind.toLowerCase();
}

/** editResults.addError: the line printed now, and what it means for the next round. */
function addError(
  s: EditSession,
  e: ApiError,
  obj: KubeObject,
  edit: KubeObject[],
  mapper: ResourceMapper,
): string {
  // editResults.addError.
  const what = `${resourceString(obj, mapper)} "${obj.metadata.name}"`;
  if (e.reason === "Invalid") {
    edit.push(obj);
    s.reasons.push({ head: `${what} was not valid`, other: e.causes.map((c) => `${c.field}: ${c.message}`) });
    return `error: ${what} is invalid`;
  }
  if (e.reason === "NotFound") {
    s.notfound++;
    return `error: ${what} could not be found on the server`;
  }
  s.retryable++;
  return `error: ${what} could not be patched: ${e.message}`;
}

/** The objects of the edited text, or the syntax error kubectl reports. */
function parseEdited(text: string): KubeObject[] | string {
  const docs = parseAllDocuments(text, { version: "1.1" });
  const list = Array.isArray(docs) ? docs : [docs];
  const objs: KubeObject[] = [];
  for (const d of list) {
    const err = d.errors[0];
    if (err)
      return `error converting YAML to JSON: yaml: line ${err.linePos?.[0]?.line ?? 1}: ${err.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`;
    const v = d.toJS();
    if (v === null || v === undefined) continue;
    if (typeof v !== "object" || Array.isArray(v)) return "Object 'Kind' is missing in the edited file";
    if (v.kind === "List" && Array.isArray(v.items)) objs.push(...v.items);
    else objs.push(v as KubeObject);
  }
  for (const o of objs) if (!o.kind) return `Object 'Kind' is missing in '${JSON.stringify(o)}'`;
  return objs;
}

/** The identity an edited object must keep. */
const identity = (o: KubeObject) =>
  `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

/**
 * What follows a save (the loop body after LaunchTempFile): messages printed on inv, and
 * whether the file is opened again.
 */
function afterSave(inv: Invocation, s: EditSession, edited: string, file?: string): "done" | "again" {
  const previous = s.edited;
  s.edited = edited;
  const preserved = (message: string) => {
    if (file) inv.err(`A copy of your changes has been stored to "${file}"\n`);
    throw new KubectlError(message);
  };
  if (s.containsError && stripComments(previous) === stripComments(edited))
    preserved("Edit cancelled, no valid changes were saved.");
  if (stripComments(s.original) === stripComments(edited)) {
    inv.err("Edit cancelled, no changes made.\n");
    return "done";
  }
  if (!hasLines(edited)) {
    inv.err("Edit cancelled, saved file was empty.\n");
    return "done";
  }
  s.reasons = [];
  s.notfound = 0;
  s.retryable = 0;
  const updated = parseEdited(manualStrip(edited));
  if (typeof updated === "string") {
    s.containsError = true;
    s.reasons.push({ head: `The edited file had a syntax error: ${updated}`, other: [] });
    return "again";
  }
  s.containsError = false;
  const edit: KubeObject[] = [];
  for (const obj of updated) {
    // visitToPatch finds the original by UID; CreateTwoWayMergePatch's preconditions then refuse
    // a changed apiVersion, kind or name.
    const original = s.infos.find((o) => o.metadata.uid === obj.metadata?.uid) ?? s.infos[0];
    if (!original || identity(original) !== identity(obj))
      preserved("At least one of apiVersion, kind and name was changed");
    const orig = original as KubeObject;
    const res = inv.mapper.forKind(orig.kind) as ResourceInfo;
    if (deepEqual(orig, obj)) {
      inv.out(`${objectName(res, orig.metadata.name ?? "")} skipped\n`);
      continue;
    }
    try {
      const live = inv.cluster.api.get(orig.kind, orig.metadata.namespace, orig.metadata.name ?? "");
      if (!live)
        throw new ApiError(
          "NotFound",
          `${resourceString(orig, inv.mapper)} "${orig.metadata.name}" not found`,
        );
      const merged = threeWayMerge(orig, obj, live) as KubeObject;
      merged.metadata.resourceVersion = live.metadata.resourceVersion;
      inv.cluster.api.update(merged);
      inv.out(`${objectName(res, orig.metadata.name ?? "")} edited\n`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      inv.err(`${addError(s, e, obj, edit, inv.mapper)}\n`);
    }
  }
  if (s.retryable > 0) {
    if (file) inv.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
    inv.exit = 1;
    return "done";
  }
  if (s.notfound > 0) {
    if (file) inv.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
    inv.exit = 1;
    return "done";
  }
  if (edit.length === 0) return "done";
  // Invalid objects: the saved text is opened again under the reasons.
  s.containsError = s.reasons.length > 0;
  return "again";
}

/** The objects named by the arguments or -f, as they are live now. */
function objectsToEdit(inv: Invocation): KubeObject[] {
  const errors: unknown[] = [];
  let objs: KubeObject[];
  if (inv.flags.list("filename").length) {
    const read = readManifests(inv);
    for (const e of read.errors) inv.err(`${e}\n`);
    objs = [];
    for (const m of read.objects) {
      const res = mapObject(m, inv.mapper);
      const ns = res.namespaced ? m.obj.metadata.namespace || inv.namespace : undefined;
      const live = inv.cluster.api.get(res.kind, ns, m.obj.metadata.name ?? "");
      if (live) objs.push(live);
      else
        errors.push(new ApiError("NotFound", `${qualifiedPlural(res)} "${m.obj.metadata.name}" not found`));
    }
  } else {
    if (inv.flags.args.length === 0)
      throw new KubectlError(
        "one or more resources must be specified as <resource> <name> or <resource>/<name>",
      );
    objs = fetchObjects(inv, parseResourceArgs(inv.flags.args, inv.mapper), errors).groups.flatMap(
      (g) => g.objects,
    );
  }
  for (const e of errors) inv.report(e);
  return objs;
}

/** Temporary files made so far, per cluster (their names must not repeat). */
const tempFiles = new WeakMap<object, number>();

/** A temporary file name as os.CreateTemp("", "kubectl-edit-*.yaml") makes one: a number in the pattern. */
function tempFile(inv: Invocation, ext: string): string {
  const n = (tempFiles.get(inv.cluster) ?? 0) + 1;
  tempFiles.set(inv.cluster, n);
  // A fixed scramble of the count and the time: varied like CreateTemp's random digits, but replayable.
  const seed = (Math.floor(inv.cluster.clock.now() / 1000) * 2654435761 + n * 40503) % 4294967291;
  return `/tmp/kubectl-edit-${seed}${ext}`;
}

/** `kubectl edit`. */
export const edit: Command = {
  name: "edit",
  flags: [
    F.output,
    F.filename,
    F.recursive,
    F.fieldManager,
    F.validate,
    { name: "output-patch", type: "bool" },
    { name: "windows-line-endings", type: "bool" },
    { name: "save-config", type: "bool" },
    { name: "subresource", type: "string" },
    { name: "show-managed-fields", type: "bool" },
  ],
  run(inv) {
    const output = inv.flags.str("output") || "yaml";
    if (output !== "yaml" && output !== "json")
      throw new KubectlError(`the edit mode doesn't support output format ${output}`);
    const infos = objectsToEdit(inv);
    if (inv.exit !== 0) return;
    if (infos.length === 0) throw new KubectlError("edit cancelled, no objects found");
    const session: EditSession = {
      infos,
      original: "",
      edited: "",
      reasons: [],
      containsError: false,
      notfound: 0,
      retryable: 0,
      format: output,
    };
    if (inv.ctx.appEditor) {
      // The app opens the buffer in its YAML editor and calls finishEdit with what was saved.
      inv.editRequest = { buffer: nextBuffer(session), session };
      return;
    }
    const env = inv.ctx.env ?? {};
    const editor = env.KUBE_EDITOR || env.EDITOR || DEFAULT_EDITOR;
    const ext = output === "json" ? ".json" : ".yaml";
    let lastFile: string | undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const buffer = nextBuffer(session);
      const file = tempFile(inv, ext);
      const write = inv.ctx.writeFile;
      const run = inv.ctx.runEditor;
      if (!write || !run) throw new KubectlError(`unable to launch the editor "${editor}"`);
      write(file, buffer);
      const r = run(editor, file);
      inv.out(r.stdout);
      inv.err(r.stderr);
      if (r.exit !== 0) {
        if (lastFile) inv.err(`A copy of your changes has been stored to "${lastFile}"\n`);
        // editor.go names the editor by its argv: a command line runs as `$SHELL -c LINE`.
        const args = /\s/.test(editor.trim()) ? `${env.SHELL || "/bin/bash"} -c ${editor}` : editor;
        throw new KubectlError(
          r.exit === 127
            ? `unable to launch the editor "${args}"`
            : `there was a problem with the editor "${args}"`,
        );
      }
      const outcome = afterSave(inv, session, inv.ctx.readFile?.(file) ?? "", file);
      // The file of the previous pass goes; this one stays only when it holds what failed.
      if (lastFile) inv.ctx.removeFile?.(lastFile);
      lastFile = file;
      if (outcome === "done") {
        if (inv.exit === 0) inv.ctx.removeFile?.(file);
        return;
      }
    }
    throw new KubectlError("Edit cancelled, no valid changes were saved.");
  },
};

/**
 * Applies what the app's editor saved for an edit session (the rest of the edit loop): the
 * messages kubectl prints, and a new edit request when the file is to be opened again.
 */
export function finishEdit(ctx: KubectlContext, session: EditSession, edited: string): CommandResult {
  const inv = new Invocation(ctx, "edit", new Flags({ flags: new Map(), args: [] }), "");
  const s = structuredClone(session);
  try {
    if (afterSave(inv, s, edited) === "again") inv.editRequest = { buffer: nextBuffer(s), session: s };
  } catch (e) {
    if (e instanceof KubectlError || e instanceof ApiError) inv.report(e);
    else throw e;
  }
  return inv.result();
}

export type { EditRequest };
