/**
 * The inspector drawer's content: the selected pod or node. Esc closes it, unless the key belongs
 * to the terminal, the editor, a form field, an open menu or dialog.
 */
import { useEffect } from "react";
import { useStore } from "../store";
import { closeInspector } from "./Drawer";
import "./inspector.css";
import { NodeInspector } from "./NodeInspector";
import { PodInspector } from "./PodInspector";

/** Where Esc means something else. */
const OWNS_ESCAPE = '.xterm, .monaco-editor, input[type="text"], textarea, [role=dialog], [role=menu]';

function useEscapeCloses(open: boolean): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      const s = useStore.getState();
      if (s.nodeMenu || s.addNodeOpen) return;
      if (e.target instanceof Element && e.target.closest(OWNS_ESCAPE)) return;
      closeInspector();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
}

/** The selected object's details. */
export function Inspector() {
  const pod = useStore((s) => s.selectedPod);
  const node = useStore((s) => s.selectedNode);
  useEscapeCloses(pod !== undefined || node !== undefined);
  if (pod) return <PodInspector key={pod} podKey={pod} />;
  if (node) return <NodeInspector key={node} name={node} />;
  return null;
}
