/**
 * The Monaco YAML editor (lazily loaded chunk): schema validation, kubectl error markers,
 * Ctrl/Cmd+Enter to apply, Ctrl+M to let Tab leave the editor (shown in the panel's header).
 */
import Editor from "@monaco-editor/react";
import type { editor as MonacoEditorApi } from "monaco-editor/editor";
import { useEffect, useRef, useState } from "react";
import { useTheme } from "../theme/theme";
import {
  attachEditor,
  getEditorText,
  getTabMovesFocus,
  rememberEditorText,
  setTabMovesFocus,
} from "./handle";
import { type DocumentSize, documentSize, LARGE_OPTIONS, NORMAL_OPTIONS } from "./largeDocument";
import { MODEL_PATH, monaco, setYamlFeatures, TAB_FOCUS_CHORD } from "./monaco";
import { defineMonacoTheme, monacoThemeName } from "./monacoTheme";

/** Owner of the markers this editor sets from kubectl's output. */
const MARKER_OWNER = "kubectl";

export interface MonacoEditorProps {
  onApply(): void;
  /** Told the document's size class and length whenever the text changes. */
  onSize?(size: DocumentSize, chars: number): void;
}

/** Puts the editor in the mode its document's size calls for (see largeDocument.ts). */
function fitToSize(
  editor: MonacoEditorApi.IStandaloneCodeEditor,
  was: DocumentSize,
): { size: DocumentSize; chars: number } {
  const model = editor.getModel();
  const chars = model?.getValueLength() ?? 0;
  const size = documentSize(chars);
  if (size === was || !model) return { size, chars };
  setYamlFeatures(size === "normal");
  editor.updateOptions(size === "normal" ? NORMAL_OPTIONS : LARGE_OPTIONS);
  if ((size === "huge") !== (was === "huge"))
    monaco.editor.setModelLanguage(model, size === "huge" ? "plaintext" : "yaml");
  return { size, chars };
}

/** The editor itself; the panel around it owns the toolbar and results. */
export default function MonacoEditor({ onApply, onSize }: MonacoEditorProps) {
  const applyRef = useRef(onApply);
  applyRef.current = onApply;
  const sizeRef = useRef(onSize);
  sizeRef.current = onSize;
  const size = useRef<DocumentSize>("normal");
  const editorRef = useRef<MonacoEditorApi.IStandaloneCodeEditor>(undefined);
  const refit = () => {
    if (!editorRef.current) return;
    const fit = fitToSize(editorRef.current, size.current);
    size.current = fit.size;
    sizeRef.current?.(fit.size, fit.chars);
  };
  useEffect(() => () => attachEditor(undefined), []);
  const theme = useTheme();
  // The theme Monaco starts with; later switches go through the effect, which first (re)defines
  // the theme from the page's tokens, which just changed.
  const [initialTheme] = useState(theme);
  useEffect(() => monaco.editor.setTheme(defineMonacoTheme(monaco, theme)), [theme]);
  return (
    <Editor
      path={MODEL_PATH}
      defaultLanguage="yaml"
      defaultValue={getEditorText()}
      theme={monacoThemeName(initialTheme)}
      beforeMount={() => defineMonacoTheme(monaco, initialTheme)}
      onChange={(v) => {
        refit();
        rememberEditorText(v ?? "");
      }}
      options={{
        minimap: { enabled: false },
        fontSize: 12.5,
        lineHeight: 19,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
        scrollBeyondLastLine: false,
        tabSize: 2,
        renderLineHighlight: "line",
        padding: { top: 10 },
        automaticLayout: true,
        scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
      }}
      onMount={(editor) => {
        editorRef.current = editor;
        refit();
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());
        // Ctrl+M toggles tabFocusMode through this editor's option, which the header's toggle shows
        // (Monaco's own action flips a global nobody can read: its binding is removed in monaco.ts).
        editor.addCommand(TAB_FOCUS_CHORD, () => setTabMovesFocus(!getTabMovesFocus()));
        attachEditor({
          getValue: () => editor.getValue(),
          setValue: (text) => {
            if (editor.getValue() !== text) editor.setValue(text);
          },
          setDiagnostics: (list) => {
            const model = editor.getModel();
            if (!model) return;
            monaco.editor.setModelMarkers(
              model,
              MARKER_OWNER,
              list.map((d) => ({
                severity: monaco.MarkerSeverity.Error,
                message: d.message,
                startLineNumber: d.line,
                startColumn: d.column,
                endLineNumber: d.endLine,
                endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
              })),
            );
          },
          focus: () => editor.focus(),
          setTabMovesFocus: (on) => editor.updateOptions({ tabFocusMode: on }),
        });
        (window as unknown as { __kubeglassMonaco?: unknown }).__kubeglassMonaco = { editor, monaco };
      }}
    />
  );
}
