/** The app, loaded by the entry (main.tsx): takes over the engine worker, renders, and exposes a small hook for tests. */
import "@xyflow/react/dist/style.css";
import "./theme/tokens.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { applyYaml, runCommand, startEngine } from "./bridge/bridge";
import { getEditorText, setEditorText } from "./editor/handle";
import { useStore } from "./store";
import { initTheme } from "./theme/theme";

performance.mark("kubeglass:app");
initTheme();
startEngine();

/** For automation where typing is impractical (Monaco): read the replica, set the editor's text. */
(window as unknown as { __kubeglass: unknown }).__kubeglass = {
  store: useStore,
  run: runCommand,
  apply: applyYaml,
  setEditorText,
  getEditorText,
};

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
