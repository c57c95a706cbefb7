/**
 * The Kustomization file (api/types/kustomization.go): its fields, the strict decoding that
 * rejects an unknown field (`invalid Kustomization: json: unknown field "x"`), and the warnings
 * for deprecated fields that kustomize prints on stderr (CheckDeprecatedFields).
 */
import { parse } from "yaml";
import { KustomizeError } from "./errors";

/** A target selector of a patch (types.Selector). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One entry of `patches` (types.Patch). */
export interface Patch {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

/** One entry of `images` (types.Image). */
export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

/** generatorOptions (types.GeneratorOptions). */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** A configMapGenerator or secretGenerator entry (types.GeneratorArgs). */
export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: GeneratorOptions;
}

/** One entry of `labels` (types.Label). */
export interface Label {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: unknown[];
}

/** The fields Kubeglass's kustomize reads. */
export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  labels?: Label[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  images?: Image[];
  replicas?: { name: string; count: number }[];
  resources?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
  patches?: Patch[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: Patch[];
}

/** Every field of types.Kustomization (its json tags): anything else is an unknown field. */
const KNOWN_FIELDS = [
  "apiVersion",
  "kind",
  "metadata",
  "openapi",
  "namePrefix",
  "nameSuffix",
  "namespace",
  "commonLabels",
  "labels",
  "commonAnnotations",
  "patchesStrategicMerge",
  "patchesJson6902",
  "patches",
  "images",
  "imageTags",
  "replacements",
  "replicas",
  "vars",
  "sortOptions",
  "resources",
  "components",
  "crds",
  "bases",
  "configMapGenerator",
  "secretGenerator",
  "helmGlobals",
  "helmCharts",
  "helmChartInflationGenerator",
  "generatorOptions",
  "configurations",
  "generators",
  "transformers",
  "validators",
  "buildMetadata",
];

/** Fields kustomize has that this build does not implement: a clear error instead of a silent skip. */
const UNSUPPORTED_FIELDS = [
  "openapi",
  "imageTags",
  "replacements",
  "vars",
  "sortOptions",
  "components",
  "crds",
  "helmGlobals",
  "helmCharts",
  "helmChartInflationGenerator",
  "configurations",
  "generators",
  "transformers",
  "validators",
];

const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";

/** The deprecation warnings kustomize prints (types/kustomization.go), by field. */
export const DEPRECATION_WARNINGS: [keyof Kustomization, string][] = [
  ["bases", `# Warning: 'bases' is deprecated. Please use 'resources' instead. ${EDIT_FIX}`],
  ["commonLabels", `# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. ${EDIT_FIX}`],
  [
    "patchesJson6902",
    `# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`,
  ],
  [
    "patchesStrategicMerge",
    `# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`,
  ],
];

/** Decodes a kustomization file strictly, with the deprecation warnings it earns. */
export function parseKustomization(text: string, dir: string): { k: Kustomization; warnings: string[] } {
  let value: unknown;
  try {
    value = parse(text, { version: "1.1", uniqueKeys: false }) ?? {};
  } catch (e) {
    throw new KustomizeError(`invalid Kustomization: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof value !== "object" || Array.isArray(value) || value === null)
    throw new KustomizeError(
      "invalid Kustomization: json: cannot unmarshal array into Go value of type types.Kustomization",
    );
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.includes(key))
      throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`);
  }
  for (const key of Object.keys(record)) {
    if (UNSUPPORTED_FIELDS.includes(key) && record[key] !== null && record[key] !== undefined)
      throw new KustomizeError(`the kustomization field '${key}' is not supported in Kubeglass`);
  }
  const k = record as Kustomization;
  // CheckEmpty: nothing but apiVersion and kind (or nothing at all) is an empty kustomization.
  const empty = (v: unknown) =>
    v === null ||
    v === undefined ||
    v === "" ||
    (typeof v === "object" && Object.keys(v as object).length === 0);
  if (Object.entries(record).every(([key, v]) => key === "apiVersion" || key === "kind" || empty(v)))
    throw new KustomizeError("kustomization.yaml is empty");
  const warnings = DEPRECATION_WARNINGS.filter(([field]) => k[field] != null).map(([, w]) => w);
  // EnforceFields (types/kustomization.go), reported by KustTarget.Load with the directory.
  const errs: string[] = [];
  const kind = k.kind ?? "";
  if (kind !== "" && kind !== "Kustomization" && kind !== "Component")
    errs.push("kind should be Kustomization or Component");
  const required =
    kind === "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
  if (k.apiVersion && k.apiVersion !== required) errs.push(`apiVersion for ${kind} should be ${required}`);
  if (errs.length)
    throw new KustomizeError(`Failed to read kustomization file under ${dir}:\n${errs.join("\n")}`);
  if (kind === "Component")
    throw new KustomizeError("the kustomization kind 'Component' is not supported in Kubeglass");
  return { k, warnings };
}
