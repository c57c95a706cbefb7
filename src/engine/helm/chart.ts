/**
 * Charts as helm's loader reads them from a directory (pkg/chart/loader/directory.go, load.go):
 * Chart.yaml is the metadata, values.yaml the default values, templates/ the templates and
 * everything else the chart's files, walked in lexical order. Validation texts are
 * pkg/chart/metadata.go's. A chart is kept in the JSON shape a release stores (pkg/chart/chart.go).
 */
import { parse as parseYaml } from "yaml";
import { encodeBase64 } from "../api/base64";
import { gunzipText } from "../sh/applets/gzip";
import { readArchive } from "../sh/applets/tar";
import { CHART_NAME } from "./scaffold";
import { parseSemVer } from "./semver";

/** Chart.yaml's fields, in chart.Metadata's field order (the order its JSON has). */
export interface ChartMetadata {
  name?: string;
  home?: string;
  sources?: string[];
  version?: string;
  description?: string;
  keywords?: string[];
  maintainers?: unknown[];
  icon?: string;
  apiVersion?: string;
  condition?: string;
  tags?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  kubeVersion?: string;
  dependencies?: unknown[];
  type?: string;
}

/** A file of a chart: its path in the chart and its text. */
export interface ChartFile {
  name: string;
  data: string;
}

/** A loaded chart. */
export interface Chart {
  metadata: ChartMetadata;
  templates: ChartFile[];
  values: Record<string, unknown>;
  files: ChartFile[];
  /** values.yaml as written, for `helm show values`. */
  valuesText: string;
}

/** The file calls loading needs (the shell's file system). */
export interface ChartFs {
  isDir(path: string): boolean;
  isFile(path: string): boolean;
  read(path: string): string;
  list(path: string): string[];
}

/** The loader's message for a directory without Chart.yaml. */
export const ERR_CHARTFILE_MISSING = "Chart.yaml file is missing";

const METADATA_ORDER: (keyof ChartMetadata)[] = [
  "name",
  "home",
  "sources",
  "version",
  "description",
  "keywords",
  "maintainers",
  "icon",
  "apiVersion",
  "condition",
  "tags",
  "appVersion",
  "deprecated",
  "annotations",
  "kubeVersion",
  "dependencies",
  "type",
];

/** The metadata in chart.Metadata's field order, empty fields left out (omitempty). */
function orderedMetadata(raw: Record<string, unknown>): ChartMetadata {
  const out: Record<string, unknown> = {};
  for (const k of METADATA_ORDER) {
    const v = raw[k];
    if (v === undefined || v === null || v === "" || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    // Numbers and booleans in Chart.yaml are read as the strings the fields are.
    out[k] = typeof v === "number" ? String(v) : v;
  }
  return out as ChartMetadata;
}

/** Metadata.Validate's first complaint, if any (without the `validation: ` prefix). */
export function validateMetadata(md: ChartMetadata): string | undefined {
  if (!md.apiVersion) return "chart.metadata.apiVersion is required";
  if (!md.name) return "chart.metadata.name is required";
  if (!CHART_NAME.test(md.name) || md.name === "." || md.name === "..")
    return `chart.metadata.name ${JSON.stringify(md.name)} is invalid`;
  if (!md.version) return "chart.metadata.version is required";
  if (!parseSemVer(md.version)) return `chart.metadata.version ${JSON.stringify(md.version)} is invalid`;
  if (md.type && md.type !== "application" && md.type !== "library")
    return "chart.metadata.type must be application or library";
  return undefined;
}

/** Every file under dir, relative to it, in filepath.Walk's lexical order. */
function walk(fs: ChartFs, dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of [...fs.list(dir)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const full = `${dir}/${name}`;
    if (fs.isDir(full)) out.push(...walk(fs, full, `${prefix}${name}/`));
    else if (fs.isFile(full)) out.push(`${prefix}${name}`);
  }
  return out;
}

/** Reads YAML as sigs.k8s.io/yaml does (YAML 1.1, the last of duplicate keys). */
export function readYaml(text: string): unknown {
  return parseYaml(text, { version: "1.1", uniqueKeys: false }) ?? null;
}

/** Loads the chart in dir (an absolute path); a message as the loader gives it when it cannot. */
export function loadChartDir(fs: ChartFs, dir: string): Chart | string {
  return loadChartFiles(packageFiles(fs, dir));
}

/**
 * Loads a packaged chart (loader.LoadArchive): the members under the archive's top directory.
 * This simulation's tar and gzip keep archives as plain ustar text (see sh/applets/tar.ts).
 */
export function loadChartArchive(text: string): Chart | string {
  const plain = gunzipText(text)?.text ?? text;
  const entries = readArchive(plain);
  if (!entries) return "chart archive is not a tar archive";
  const files: ChartFile[] = [];
  for (const e of entries) {
    if (e.dir) continue;
    const slash = e.name.indexOf("/");
    if (slash < 0) continue;
    files.push({ name: e.name.slice(slash + 1), data: e.data });
  }
  if (files.length === 0) return "no files in chart archive";
  return loadChartFiles(files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

/** LoadFiles: a chart from its files (paths relative to the chart, in lexical order). */
export function loadChartFiles(all: readonly ChartFile[]): Chart | string {
  const chartFile = all.find((f) => f.name === "Chart.yaml");
  if (!chartFile) return ERR_CHARTFILE_MISSING;
  let raw: unknown;
  try {
    raw = readYaml(chartFile.data);
  } catch (e) {
    return `cannot load Chart.yaml: error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`;
  }
  if (raw !== null && (typeof raw !== "object" || Array.isArray(raw)))
    return "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type chart.Metadata";
  const metadata = orderedMetadata((raw ?? {}) as Record<string, unknown>);
  const invalid = validateMetadata(metadata);
  if (invalid) return `validation: ${invalid}`;
  const chart: Chart = { metadata, templates: [], values: {}, files: [], valuesText: "" };
  for (const { name: path, data } of all) {
    if (path === "Chart.yaml" || path.startsWith("charts/")) continue;
    if (path === "values.yaml") {
      chart.valuesText = data;
      try {
        const v = readYaml(data);
        chart.values = v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
      } catch (e) {
        return `cannot load values.yaml: error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`;
      }
    } else if (path.startsWith("templates/")) chart.templates.push({ name: path, data });
    else if (path !== "values.schema.json" && path !== "Chart.lock") chart.files.push({ name: path, data });
  }
  return chart;
}

/** The files of a chart directory less what .helmignore rules out (LoadDir), Chart.yaml first. */
export function packageFiles(fs: ChartFs, dir: string): ChartFile[] {
  const root = dir.replace(/\/+$/, "") || "/";
  const files = walk(fs, root).map((path) => ({ name: path, data: fs.read(`${root}/${path}`) }));
  const ignore = ignoreRules(files.find((f) => f.name === ".helmignore")?.data ?? "");
  const kept = files.filter((f) => !ignore(f.name));
  return [...kept.filter((f) => f.name === "Chart.yaml"), ...kept.filter((f) => f.name !== "Chart.yaml")];
}

/** .helmignore's rules, simplified to shell globs on the name or a path prefix (`dir/`). */
function ignoreRules(text: string): (path: string) => boolean {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const glob = (g: string) =>
    new RegExp(
      `^${g
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")}$`,
    );
  return (path) => {
    let ignored = false;
    for (const r of rules) {
      const negate = r.startsWith("!");
      const pat = negate ? r.slice(1) : r;
      const base = path.split("/").pop() ?? path;
      const hit = pat.endsWith("/")
        ? path
            .split("/")
            .slice(0, -1)
            .some((_d, i, parts) => glob(pat.slice(0, -1)).test(parts[i] as string))
        : pat.includes("/")
          ? glob(pat.replace(/^\//, "")).test(path)
          : glob(pat).test(base);
      if (hit) ignored = !negate;
    }
    return ignored;
  };
}

/** The chart as a release stores it (chart.Chart's JSON: file data base64, no schema or lock). */
export function chartJson(chart: Chart): unknown {
  const file = (f: ChartFile) => ({ name: f.name, data: encodeBase64(f.data) });
  return {
    metadata: chart.metadata,
    lock: null,
    templates: chart.templates.map(file),
    values: chart.values,
    schema: null,
    files: chart.files.map(file),
  };
}

/** A chart back from a release's JSON. */
export function chartFromJson(json: {
  metadata: ChartMetadata;
  templates?: { name: string; data: string }[] | null;
  values?: Record<string, unknown> | null;
  files?: { name: string; data: string }[] | null;
}): Chart {
  const decode = (f: { name: string; data: string }) => ({
    name: f.name,
    data: new TextDecoder().decode(Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))),
  });
  return {
    metadata: json.metadata,
    templates: (json.templates ?? []).map(decode),
    values: json.values ?? {},
    files: (json.files ?? []).map(decode),
    valuesText: "",
  };
}
