/**
 * The bridge from commands to the output formats: `-o yaml|json|name|jsonpath|custom-columns`
 * and tables. The formats themselves live in src/kubectl/output and src/kubectl/printers; this
 * file only decides which one a command's -o asks for.
 */

import type { ResourceInfo } from "../engine/api/resources";
import type { KubeObject } from "../engine/api/types";
import { type Invocation, KubectlError } from "./command";
import {
  asList,
  JsonPath,
  JsonPathError,
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
  printJson,
  printJsonPath,
  printName,
  printYaml,
} from "./output";
import { goJson } from "./output/gofmt";
import { GoTemplate, GoTemplateError, showValue } from "./output/gotemplate";
import { sortByField, UnsortableError } from "./output/sorter";
import { printTable } from "./printers";
import { customResourceTableHandler } from "./printers/custom";
import { goJson as goJsonText } from "./strategicmerge";

/** Whether -o asks for the objects themselves (yaml, json, jsonpath...) rather than a message. */
export function wantsObjectOutput(output: string): boolean {
  return /^(yaml|json|jsonpath|jsonpath-as-json|jsonpath-file|go-template|go-template-file|template|templatefile|custom-columns|custom-columns-file)(=|$)/.test(
    output,
  );
}

/** Options of printObjects. */
export interface PrintOptions {
  /** Print as a v1 List (kubectl does for several objects or a list request). */
  list?: boolean;
  /**
   * The objects are typed ones kubectl built itself (create/run generators): -o json keeps the
   * Go structs' field order instead of sorting keys.
   */
  typed?: boolean;
  noHeaders?: boolean;
}

const PRINT_FORMATS =
  "(json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)";

/** Prints objects in an -o format other than tables. */
export function printObjects(
  inv: Invocation,
  objs: KubeObject[],
  output: string,
  options: PrintOptions = {},
): void {
  try {
    inv.out(formatObjects(objs, output, options, inv));
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(e.message.replace(/\n$/, ""));
    throw e;
  }
}

function templateOf(output: string, name: string, inv?: Invocation): string {
  const eq = output.indexOf("=");
  let t = eq >= 0 ? output.slice(eq + 1) : (inv?.flags.str("template") ?? "");
  if (name.endsWith("-file")) {
    try {
      t = inv?.ctx.readFile?.(t) ?? "";
    } catch {
      throw new KubectlError(`error reading --template ${t}, no such file or directory`);
    }
  }
  if (!t) throw new KubectlError("template format specified but no template given");
  return t;
}

/** The text of objects in an -o format (yaml, json, name, jsonpath, custom-columns). */
export function formatObjects(
  objs: KubeObject[],
  output: string,
  options: PrintOptions = {},
  inv?: Invocation,
): string {
  const value: unknown = options.list ? asList(objs) : objs[0];
  const name = output.split("=")[0] as string;
  switch (name) {
    case "yaml":
      return printYaml(value);
    case "json":
      return options.typed ? `${goJsonText(JSON.stringify(value, null, 4))}\n` : printJson(value);
    case "name":
      return objs.map((o) => printName(o)).join("");
    case "jsonpath":
    case "jsonpath-file":
      return printJsonPath(templateOf(output, name, inv), value);
    case "jsonpath-as-json": {
      const t = templateOf(output, name, inv);
      const jp = new JsonPath(t, { allowMissingKeys: true });
      return printJson(jp.findResults(value as never).flat());
    }
    case "custom-columns":
    case "custom-columns-file": {
      const spec = templateOf(output, name, inv);
      const cols = name === "custom-columns" ? parseCustomColumns(spec) : parseCustomColumnsFile(spec);
      return printCustomColumns(objs, cols, { noHeaders: options.noHeaders });
    }
    case "go-template":
    case "go-template-file":
    case "template":
    case "templatefile":
      return printGoTemplate(templateOf(output, name, inv), value, inv);
    default:
      throw new KubectlError(
        `unable to match a printer suitable for the output format "${output}", allowed formats are: ${PRINT_FORMATS}`,
      );
  }
}

/** Options of a table. */
export interface TableOptions {
  output: string;
  wide: boolean;
  showLabels: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  withKind: boolean;
  labelColumns: string[];
}

/** A table of objects of one resource type (the printers module's `kubectl get` table). */
export function formatTable(
  res: ResourceInfo,
  objs: KubeObject[],
  now: number,
  options: TableOptions,
): string {
  return printTable(objs, {
    now,
    wide: options.wide,
    noHeaders: options.noHeaders,
    showLabels: options.showLabels,
    labelColumns: options.labelColumns,
    showKind: options.withKind,
    allNamespaces: options.withNamespace,
    handlers: res.custom ? () => customResourceTableHandler(res) : undefined,
  });
}

/** Objects in the API server's list order (namespace, then name), or by a --sort-by JSONPath (sorter.go). */
export function sortObjects(objs: KubeObject[], sortBy?: string): KubeObject[] {
  const copy = [...objs];
  if (!sortBy) {
    return copy.sort((a, b) => {
      const na = a.metadata.namespace ?? "";
      const nb = b.metadata.namespace ?? "";
      if (na !== nb) return na < nb ? -1 : 1;
      const ma = a.metadata.name ?? "";
      const mb = b.metadata.name ?? "";
      return ma < mb ? -1 : ma > mb ? 1 : 0;
    });
  }
  try {
    return sortByField(copy, sortBy);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(e.message);
    if (e instanceof UnsortableError)
      throw new KubectlError(
        `Field ${sortBy} in ${copy[0]?.kind ?? "object"} is an unsortable type: ${e.message}`,
      );
    throw e;
  }
}

/**
 * cli-runtime printers/template.go GoTemplatePrinter: parse errors fail before printing; an
 * execution error prints kubectl's debugging block on stdout, then fails.
 */
function printGoTemplate(source: string, value: unknown, inv?: Invocation): string {
  let template: GoTemplate;
  try {
    template = new GoTemplate(source);
  } catch (e) {
    if (e instanceof GoTemplateError)
      throw new KubectlError(`error parsing template ${source}, ${e.message}\n`);
    throw e;
  }
  try {
    return template.execute(value);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    const decoded = JSON.parse(JSON.stringify(value ?? null));
    inv?.out(
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${source}\n` +
        `\traw data was:\n\t\t${goJson(decoded)}\n` +
        `\tobject given to template engine was:\n\t\t${showValue(decoded)}\n\n`,
    );
    throw new KubectlError(`error executing template ${goQuote(source)}: ${e.message}`);
  }
}

/** Go's %q of a string. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
