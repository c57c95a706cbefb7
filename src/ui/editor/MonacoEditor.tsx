/** The Monaco YAML editor (lazily loaded chunk): schema validation, kubectl error markers, Ctrl/Cmd+Enter. */
import Editor from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import { useTheme } from "../theme/theme";
import { attachEditor, getEditorText, rememberEditorText } from "./handle";
import { MODEL_PATH, monaco } from "./monaco";
import { defineMonacoTheme, monacoThemeName } from "./monacoTheme";

/** Owner of the markers this editor sets from kubectl's output. */
const MARKER_OWNER = "kubectl";

export interface MonacoEditorProps {
  onApply(): void;
}

/** The editor itself; the panel around it owns the toolbar and results. */
export default function MonacoEditor({ onApply }: MonacoEditorProps) {
  const applyRef = useRef(onApply);
  applyRef.current = onApply;
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
      onChange={(v) => rememberEditorText(v ?? "")}
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
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());
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
        });
        (window as unknown as { __kubeglassMonaco?: unknown }).__kubeglassMonaco = { editor, monaco };
      }}
    />
  );
}
