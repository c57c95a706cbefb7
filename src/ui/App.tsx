/**
 * The page: header with time controls, then the workspace's resizable panes: palette sidebar,
 * canvas with its Pending lane over the terminal, the inspector drawer, the editor.
 */
import { lazy, Suspense, useEffect } from "react";
import { useAfterFirstCluster } from "./afterFirstCluster";
import { discardPrevious } from "./bridge/bridge";
import { Canvas } from "./canvas/Canvas";
import { EdgeLegend } from "./canvas/EdgeLegend";
import { PendingLane } from "./canvas/PendingLane";
import { EditorPanel } from "./editor/EditorPanel";
import { Inspector } from "./inspector/Inspector";
import { Keyboard } from "./keyboard/Keyboard";
import { LabPanel } from "./labs/LabPanel";
import { Workspace } from "./layout/Workspace";
import { PanelBoundary } from "./PanelBoundary";
import { AddNodeDialog } from "./panels/AddNodeDialog";
import { NodeMenu } from "./panels/NodeMenu";
import { TaintPalette } from "./panels/TaintPalette";
import { TimeBar } from "./panels/TimeBar";
import { ScenarioMenu } from "./persistence/ScenarioMenu";
import { useStore } from "./store";
import { ThemeToggle } from "./theme/ThemeToggle";
import { resetWithUndo } from "./time/actions";
import { EventsPanel } from "./time/EventsPanel";
import { TimeStrip } from "./time/TimeStrip";

/** xterm loads with the terminal's own chunk, once the first cluster is drawn (afterFirstCluster.ts). */
const Terminal = lazy(() => import("./panels/Terminal").then((m) => ({ default: m.Terminal })));

/** The terminal's place while its chunk loads: the same dark panel, empty. */
function TerminalLoading() {
  return <section className="terminal-loading" aria-busy="true" aria-label="Terminal (loading)" />;
}

/** The terminal, loaded after the first cluster is drawn. */
function LazyTerminal() {
  const ready = useAfterFirstCluster();
  return ready ? (
    <Suspense fallback={<TerminalLoading />}>
      <Terminal />
    </Suspense>
  ) : (
    <TerminalLoading />
  );
}

function Legend() {
  const tones = [
    ["ok", "Running"],
    ["progress", "Creating"],
    ["waiting", "Pending"],
    ["failed", "Failing"],
    ["done", "Completed"],
    ["gone", "Terminating"],
  ];
  return (
    <section className="sidebar-section" aria-label="Legend">
      <h2>Pods</h2>
      <ul className="legend">
        {tones.map(([tone, label]) => (
          <li key={tone}>
            <span className={`legend-swatch tone-${tone}`} />
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScenarioPicker() {
  const scenarios = useStore((s) => s.scenarios);
  const scenario = useStore((s) => s.scenario);
  const title = useStore((s) => s.scenarioTitle);
  // An imported or shared cluster is none of the built-in scenarios: show its own title.
  const builtIn = scenarios.some((s) => s.id === scenario);
  return (
    <div className="scenario">
      {scenarios.length > 1 && (
        <select
          className="select scenario-select"
          aria-label="Scenario"
          title={builtIn ? undefined : title}
          value={scenario}
          onChange={(e) => resetWithUndo(e.target.value)}
        >
          {!builtIn && scenario && (
            <option value={scenario} disabled>
              {title}
            </option>
          )}
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className="btn btn-ghost"
        title="Start the scenario again (undo brings the cluster back)"
        onClick={() => resetWithUndo()}
      >
        Reset
      </button>
      <ScenarioMenu />
    </div>
  );
}

function Header() {
  const nodeCount = useStore((s) => s.nodeOrder.length);
  const podCount = useStore((s) => Object.keys(s.pods).length);
  const connected = useStore((s) => s.connected);
  return (
    <header className="app-header">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden>
          <path d="M12 2.5 20.5 7v10L12 21.5 3.5 17V7z" className="hex" />
          <path d="M12 7.5 16 9.8v4.4L12 16.5 8 14.2V9.8z" className="core" />
        </svg>
        <h1 className="brand-name">Kubeglass</h1>
        <span className="brand-sub">
          {connected ? `v1.32 · ${nodeCount} nodes · ${podCount} pods` : "starting engine…"}
        </span>
      </div>
      <ScenarioPicker />
      <TimeBar />
      <button
        type="button"
        className="btn btn-primary"
        data-testid="add-node"
        onClick={() => useStore.getState().setAddNodeOpen(true)}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M8 2.5v11M2.5 8h11" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        Add node
      </button>
      <ThemeToggle />
    </header>
  );
}

function ToastView() {
  const toast = useStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => useStore.getState().showToast(undefined), 8000);
    return () => clearTimeout(t);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className={`toast toast-${toast.tone}`} role="status" data-testid="toast">
      <div className="toast-body">
        <strong>{toast.title}</strong>
        <pre>{toast.body}</pre>
      </div>
      {toast.action && (
        <button
          type="button"
          className="btn btn-primary toast-action"
          data-testid="toast-action"
          onClick={() => {
            useStore.getState().showToast(undefined);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        aria-label="Dismiss"
        onClick={() => useStore.getState().showToast(undefined)}
      >
        ×
      </button>
    </div>
  );
}

function EngineError() {
  const message = useStore((s) => s.engineError);
  const offerDiscard = useStore((s) => s.engineErrorDiscard);
  if (!message) return null;
  return (
    <div className="engine-error" role="alert">
      <strong>Engine error</strong> {message}
      {offerDiscard && (
        <button type="button" className="btn btn-ghost" onClick={() => void discardPrevious()}>
          Discard it
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        aria-label="Dismiss"
        onClick={() => useStore.getState().setEngineError(undefined)}
      >
        ×
      </button>
    </div>
  );
}

/** The whole app. */
export function App() {
  return (
    <div className="app">
      <PanelBoundary name="Header">
        <Header />
      </PanelBoundary>
      <Workspace
        palette={
          <aside className="sidebar">
            <PanelBoundary name="Labs">
              <LabPanel />
            </PanelBoundary>
            <PanelBoundary name="Palette">
              <TaintPalette />
              <Legend />
              <EdgeLegend />
            </PanelBoundary>
          </aside>
        }
        stage={
          <main className="stage">
            <PanelBoundary name="Time strip">
              <TimeStrip />
            </PanelBoundary>
            <PanelBoundary name="Pending lane">
              <PendingLane />
            </PanelBoundary>
            <PanelBoundary name="Canvas">
              <Canvas />
            </PanelBoundary>
            <ToastView />
          </main>
        }
        events={
          <PanelBoundary name="Events">
            <EventsPanel />
          </PanelBoundary>
        }
        terminal={
          <PanelBoundary name="Terminal">
            <LazyTerminal />
          </PanelBoundary>
        }
        inspector={
          <PanelBoundary name="Inspector">
            <Inspector />
          </PanelBoundary>
        }
        editor={
          <PanelBoundary name="Editor">
            <EditorPanel />
          </PanelBoundary>
        }
      />
      <PanelBoundary name="Node menu">
        <NodeMenu />
      </PanelBoundary>
      <PanelBoundary name="Add node">
        <AddNodeDialog />
      </PanelBoundary>
      <EngineError />
      <PanelBoundary name="Keyboard">
        <Keyboard />
      </PanelBoundary>
    </div>
  );
}
