/**
 * kubectl's output formats: `-o yaml`, `-o json`, `-o name`, `-o jsonpath=...`,
 * `-o custom-columns=...` and `-o custom-columns-file=...`.
 *
 * Which object to print is the caller's choice, as in kubectl get: a single named object prints
 * as itself; a list request (or several names) prints asList(objects).
 */
import type { KubeObject } from "../../engine/api/types";
import { kindPrefix, printTable, type TableOptions } from "../printers/table";
import { parseCustomColumns, parseCustomColumnsFile, printCustomColumns } from "./customcolumns";
import { goJson } from "./gofmt";
import { JsonPath, JsonPathError } from "./jsonpath";
import { toYaml } from "./yaml";

export {
  type CustomColumn,
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
  relaxedJsonPathExpression,
} from "./customcolumns";
export { goCompare, goFmtV, goJson } from "./gofmt";
export { JsonPath, JsonPathError } from "./jsonpath";
export { toYaml, yamlKeyLess, yamlStringStyle } from "./yaml";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

/** The List kubectl wraps several objects in for -o yaml|json|jsonpath. */
export function asList(items: KubeObject[]): Json {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/** `-o yaml`: sigs.k8s.io/yaml of the object (ends with a newline). */
export function printYaml(obj: Json): string {
  return toYaml(obj);
}

/** `-o json`: json.MarshalIndent(obj, "", "    ") and a newline, keys sorted. */
export function printJson(obj: Json): string {
  return `${goJson(obj, "    ")}\n`;
}

/** `-o name`: `pod/web`, `deployment.apps/web`, with a newline. */
export function printName(obj: KubeObject): string {
  return `${kindPrefix(obj)}/${obj.metadata.name ?? ""}\n`;
}

/**
 * `-o jsonpath=TEMPLATE` (missing keys allowed, no trailing newline). Throws JsonPathError whose
 * message is what kubectl prints after `error: `.
 */
export function printJsonPath(template: string, data: Json): string {
  let jp: JsonPath;
  try {
    jp = new JsonPath(template, { allowMissingKeys: true });
  } catch (e) {
    throw new JsonPathError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
  }
  try {
    return jp.execute(data);
  } catch (e) {
    throw new JsonPathError(
      `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${(e as Error).message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goJson(data)}\n\n`,
    );
  }
}

/** `-o jsonpath-as-json=TEMPLATE`: the results as indented JSON arrays. Throws like printJsonPath. */
export function printJsonPathAsJson(template: string, data: Json): string {
  let jp: JsonPath;
  try {
    jp = new JsonPath(template, { allowMissingKeys: true });
  } catch (e) {
    throw new JsonPathError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
  }
  return jp.executeAsJson(data);
}

/** The -o formats kubectl accepts, in the order its error message lists them. */
export const ALLOWED_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/** Options of printOutput. */
export interface OutputOptions extends TableOptions {
  /** The -o value: "", "wide", "yaml", "json", "name", "jsonpath=...", "custom-columns=...", ... */
  output?: string;
  /**
   * Whether kubectl would print a List for -o yaml|json|jsonpath: a list request
   * (`get pods`) or several names; false for one named object (`get pod x`).
   */
  asList?: boolean;
  /** Reads the file of jsonpath-file= and custom-columns-file=; throws when missing. */
  readFile?(path: string): string;
}

/**
 * Prints objects in the -o format as `kubectl get` does. Returns stdout; throws JsonPathError
 * (message: what kubectl prints after `error: `) for a bad format or template. For no objects it
 * returns "" and the caller writes noResourcesFound() to stderr (table and name formats) or
 * prints the empty List (yaml, json, jsonpath).
 */
export function printOutput(objs: KubeObject[], options: OutputOptions): string {
  const output = options.output ?? "";
  const eq = output.indexOf("=");
  const format = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : "";
  const data = (): Json => (options.asList || objs.length !== 1 ? asList(objs) : objs[0]);
  switch (format) {
    case "":
    case "wide":
      return printTable(objs, { ...options, wide: format === "wide" || options.wide });
    case "yaml":
      return printYaml(data());
    case "json":
      return printJson(data());
    case "name":
      return objs.map(printName).join("");
    case "jsonpath":
    case "jsonpath-file":
    case "jsonpath-as-json": {
      const template = format === "jsonpath-file" ? readTemplate(arg, options) : arg;
      if (!template) throw new JsonPathError("template format specified but no template given");
      return format === "jsonpath-as-json"
        ? printJsonPathAsJson(template, data())
        : printJsonPath(template, data());
    }
    case "custom-columns":
      return objs.length ? printCustomColumns(objs, parseCustomColumns(arg), options) : "";
    case "custom-columns-file": {
      const cols = parseCustomColumnsFile(readTemplate(arg, options));
      return objs.length ? printCustomColumns(objs, cols, options) : "";
    }
  }
  throw new JsonPathError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}`,
  );
}

function readTemplate(path: string, options: OutputOptions): string {
  if (!options.readFile) throw new JsonPathError(`error reading template ${path}`);
  try {
    return options.readFile(path);
  } catch {
    throw new JsonPathError(`error reading template ${path}, open ${path}: no such file or directory\n`);
  }
}
