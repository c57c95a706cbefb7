/** The YAML panel: templates, the lazily loaded Monaco editor, Apply, and what kubectl printed. */

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { CommandResult } from "../../worker/protocol";
import { useAfterFirstCluster } from "../afterFirstCluster";
import { applyYaml, saveEdit } from "../bridge/bridge";
import { CollapseButton } from "../layout/Pane";
import { useStore } from "../store";
import { ApplyProgress } from "./ApplyProgress";
import { diagnose } from "./diagnostics";
import "./editor.css";
import { getEditorText, setEditorDiagnostics, setEditorText } from "./handle";
import { largeDocumentNote } from "./largeDocument";
import { TabFocusToggle } from "./TabFocusToggle";
import { TEMPLATES } from "./templates";

const MonacoEditor = lazy(() => import("./MonacoEditor"));

/** The right-hand editor panel. */
export function EditorPanel() {
  const [result, setResult] = useState<CommandResult | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [note, setNote] = useState<string>();
  // Monaco (4 MB) loads once the first cluster is drawn, not before the first node card.
  const editorReady = useAfterFirstCluster();
  const request = useStore((s) => s.editorRequest);
  // The `kubectl edit` the text belongs to, if any: saving finishes that edit instead of applying.
  const editSession = useRef<unknown>(undefined);

  useEffect(() => {
    if (request) {
      setEditorText(request.text);
      editSession.current = request.edit;
      setResult(undefined);
    }
  }, [request]);

  const apply = useCallback(async () => {
    const text = getEditorText();
    const session = editSession.current;
    if (!text.trim() && session === undefined) return;
    setBusy(true);
    if (session !== undefined) {
      editSession.current = undefined;
      const r = await saveEdit(session, text);
      setBusy(false);
      setResult(r);
      return;
    }
    setProgress(undefined);
    const r = await applyYaml(text, undefined, undefined, (done, total) => setProgress({ done, total }));
    setBusy(false);
    setResult(r);
    setEditorDiagnostics(r.exit === 0 && !r.stderr ? [] : diagnose(text, r.stderr));
  }, []);

  return (
    <section className="editor-panel" aria-label="YAML editor">
      <header className="panel-header">
        <h2>Manifest</h2>
        <select
          className="select"
          aria-label="Template"
          value=""
          onChange={(e) => {
            const t = TEMPLATES.find((x) => x.id === e.target.value);
            if (t) useStore.getState().loadIntoEditor(t.yaml);
          }}
        >
          <option value="">Templates…</option>
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="apply"
          onClick={apply}
          disabled={busy}
          title="Apply (Ctrl/Cmd+Enter)"
        >
          Apply <kbd>⌘↵</kbd>
        </button>
        <TabFocusToggle />
        <CollapseButton title="YAML editor" glyph="⇥" />
      </header>
      {busy && <ApplyProgress progress={progress} />}
      {note && (
        <div className="editor-large-note" data-testid="editor-large-note" role="note">
          {note}
        </div>
      )}
      {/* "nokey": the canvas's key bindings (Space pans) must not take keys typed here; Monaco's
          EditContext input is no <textarea> that React Flow would know to leave alone. */}
      <div className="editor-host nokey">
        {editorReady ? (
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <MonacoEditor onApply={apply} onSize={(size, chars) => setNote(largeDocumentNote(size, chars))} />
          </Suspense>
        ) : (
          <div className="editor-loading">Loading editor…</div>
        )}
      </div>
      <output
        className={`apply-result ${result ? (result.exit === 0 ? "ok" : "err") : "empty"}`}
        data-testid="apply-result"
      >
        {result ? (
          <pre>{`${result.stdout}${result.stderr}`.trimEnd() || "(no output)"}</pre>
        ) : (
          <span className="hint">
            Apply runs kubectl apply -f - with this text. Multi-document YAML works. Ctrl+M: Tab leaves the
            editor.
          </span>
        )}
      </output>
    </section>
  );
}
