/**
 * Monaco from the app bundle (never a CDN): the tree-shakeable editor entry, the YAML language,
 * the editor and YAML workers, and monaco-yaml with the Kubernetes schema when it is bundled.
 * Imported only by the lazily loaded editor chunk.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/yaml/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import { configureMonacoYaml, type JSONSchema } from "monaco-yaml";
import kubernetesSchema from "../../engine/apiserver/schema/kubernetes.schema.gen.json";
import YamlWorker from "./yaml.worker?worker";

/** The model path the schema applies to. */
export const MODEL_PATH = "file:///kubeglass/manifest.yaml";

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === "yaml" ? new YamlWorker() : new EditorWorker()),
};

/**
 * monaco-yaml 5.5.1's worker manager calls createWebWorker({moduleId, label, createData}), the
 * pre-0.53 signature. Monaco 0.53+ wants {worker}: make the worker here and send it the two
 * messages the old protocol expects ("init", then createData). See docs stack.md, gotcha 1.
 */
const original = monaco.editor.createWebWorker;
type LegacyOptions = { worker?: Worker; label?: string; createData?: unknown };
(monaco.editor as { createWebWorker: unknown }).createWebWorker = (opts: LegacyOptions) => {
  if (opts.worker) return original(opts as Parameters<typeof original>[0]);
  const env = self.MonacoEnvironment as { getWorker(id: string, label: string): Worker };
  const worker = env.getWorker("", opts.label ?? "");
  worker.postMessage("init");
  worker.postMessage(opts.createData);
  return original({ ...opts, worker } as Parameters<typeof original>[0]);
};

// The Kubernetes JSON schema of the served kinds (generated from the v1.32 OpenAPI document),
// bundled with the app: validation, completion and hover work offline.
const YAML_OPTIONS = {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  schemas: [
    {
      uri: "https://kubeglass.local/kubernetes.json",
      fileMatch: ["**/*.yaml"],
      schema: kubernetesSchema as JSONSchema,
    },
  ],
};
const monacoYaml = configureMonacoYaml(monaco, YAML_OPTIONS);
let yamlFeatures = true;

/**
 * Turns the YAML worker's per-keystroke work (schema validation, completion, hover) on or off:
 * off for a large document, whose validation against the Kubernetes schema can exhaust memory.
 */
export function setYamlFeatures(on: boolean): void {
  if (on === yamlFeatures) return;
  yamlFeatures = on;
  void monacoYaml.update({ ...YAML_OPTIONS, validate: on, completion: on, hover: on });
}

/** Ctrl+M (Ctrl on macOS too, where Cmd+M minimizes the window): Tab moves the focus, or indents. */
export const TAB_FOCUS_CHORD =
  (/Mac|iPhone|iPad/.test(navigator.platform) ? monaco.KeyMod.WinCtrl : monaco.KeyMod.CtrlCmd) |
  monaco.KeyCode.KeyM;

// Monaco's built-in toggle sets a global the page cannot read; unbind it so that Ctrl+M reaches
// the editor's own command (MonacoEditor.tsx), which the header's toggle shows.
monaco.editor.addKeybindingRules([
  { keybinding: monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, command: "-editor.action.toggleTabFocusMode" },
  {
    keybinding: monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM,
    command: "-editor.action.toggleTabFocusMode",
  },
]);

loader.config({ monaco });

export { monaco };
