/**
 * The workspace below the header: palette | (canvas over terminal) | inspector | editor, in
 * resizable, collapsible panes whose sizes are kept across reloads (layout/storage.ts). The
 * inspector pane exists while something is selected; the terminal can fill the workspace. The
 * palette pane also holds the lab panel, and widens while a lab is open.
 */
import { type ReactNode, useCallback, useMemo } from "react";
import { Group, type Layout, type LayoutChangedMeta, Panel, Separator } from "react-resizable-panels";
import { useStore } from "../store";
import "./layout.css";
import { Pane } from "./Pane";
import { layoutFor, readLayouts, withLayout } from "./persist";
import { layoutStorage } from "./storage";

/** The panes' contents, filled by App. */
export interface WorkspaceSlots {
  palette: ReactNode;
  stage: ReactNode;
  terminal: ReactNode;
  /** The events panel, between the canvas and the terminal. */
  events: ReactNode;
  inspector: ReactNode;
  editor: ReactNode;
}

const MAIN_WITH_INSPECTOR = ["palette-pane", "center-pane", "inspector-pane", "editor-pane"];
const MAIN = ["palette-pane", "center-pane", "editor-pane"];
const CENTER = ["stage-pane", "events-pane", "terminal-pane"];
/**
 * Pixels the events pane takes collapsed (its header, which holds the timeline; the terminal's
 * first height gives it up) and at least when shown.
 */
const EVENTS_COLLAPSED = 36;
const EVENTS_MIN = 150;
/** Pixels the palette pane widens to while a lab is open (its tasks need the room). */
const LAB_WIDTH = 340;
/** Pixels the inspector takes when it first opens. */
const INSPECTOR_WIDTH = 380;

/**
 * A group's layout kept in layoutStorage under id, per set of panes (persist.ts): the layout to
 * start with, and the callback that saves each change (in the order the panes are listed).
 */
function usePersistedLayout(
  id: string,
  panelIds: readonly string[],
  flex: string,
  added: Record<string, number> = {},
): { defaultLayout?: Layout; onLayoutChanged: (layout: Layout, meta: LayoutChangedMeta) => void } {
  const key = panelIds.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: computed once per pane set (key)
  const defaultLayout = useMemo(
    () => layoutFor(readLayouts(layoutStorage, id), panelIds, flex, added),
    [id, key, flex],
  );
  const onLayoutChanged = useCallback(
    (layout: Layout, meta: LayoutChangedMeta) => {
      const ids = key.split(",").filter((p) => p in layout);
      if (ids.length !== Object.keys(layout).length) return;
      layoutStorage.setItem(
        id,
        JSON.stringify(withLayout(readLayouts(layoutStorage, id), ids, layout, meta)),
      );
    },
    [id, key],
  );
  return { defaultLayout, onLayoutChanged };
}

function Center({ stage, events, terminal }: { stage: ReactNode; events: ReactNode; terminal: ReactNode }) {
  // The events pane starts collapsed to its header: the canvas keeps its room until asked.
  const persisted = usePersistedLayout("center", CENTER, "stage-pane", {
    "events-pane": (EVENTS_COLLAPSED / Math.max(window.innerHeight - 120, 1)) * 100,
  });
  return (
    <Group id="center-group" orientation="vertical" className="workspace-center" {...persisted}>
      <Panel id="stage-pane" minSize={140} className="pane pane-stage">
        {stage}
      </Panel>
      <Separator className="separator separator-h" id="separator-events" />
      <Pane
        id="events-pane"
        title="events"
        defaultSize={EVENTS_COLLAPSED}
        minSize={EVENTS_MIN}
        collapsedSize={EVENTS_COLLAPSED}
        fixed
      >
        {events}
      </Pane>
      <Separator className="separator separator-h" id="separator-terminal" />
      <Pane
        id="terminal-pane"
        title="terminal"
        defaultSize={260 - EVENTS_COLLAPSED}
        minSize={120}
        collapsedSize={38}
        fixed
      >
        {terminal}
      </Pane>
    </Group>
  );
}

/** The resizable workspace. */
export function Workspace(slots: WorkspaceSlots) {
  const inspecting = useStore(
    (s) =>
      (s.selectedPod !== undefined && s.pods[s.selectedPod] !== undefined) ||
      (s.selectedNode !== undefined && s.nodes[s.selectedNode] !== undefined),
  );
  const maximized = useStore((s) => s.terminalMaximized);
  const withLab = useStore((s) => s.labView !== undefined);
  const panelIds = inspecting ? MAIN_WITH_INSPECTOR : MAIN;
  const persisted = usePersistedLayout("main", panelIds, "center-pane", {
    "inspector-pane": (INSPECTOR_WIDTH / Math.max(window.innerWidth, 1)) * 100,
  });
  return (
    <Group
      id="main-group"
      orientation="horizontal"
      className={`workspace${maximized ? " terminal-max" : ""}`}
      {...persisted}
    >
      <Pane
        id="palette-pane"
        title="Palette"
        strip="left"
        defaultSize={224}
        minSize={170}
        maxSize={420}
        collapsedSize={28}
        fixed
        atLeast={withLab ? LAB_WIDTH : undefined}
      >
        {slots.palette}
      </Pane>
      <Separator className="separator separator-v" id="separator-palette" />
      <Panel id="center-pane" minSize={300} className="pane pane-center">
        <Center stage={slots.stage} events={slots.events} terminal={slots.terminal} />
      </Panel>
      {inspecting && (
        <>
          <Separator className="separator separator-v" id="separator-inspector" />
          <Panel
            id="inspector-pane"
            defaultSize={380}
            minSize={260}
            maxSize="60%"
            className="pane pane-inspector"
          >
            {slots.inspector}
          </Panel>
        </>
      )}
      <Separator className="separator separator-v" id="separator-editor" />
      <Pane
        id="editor-pane"
        title="YAML editor"
        strip="right"
        defaultSize="27%"
        minSize={280}
        collapsedSize={28}
        fixed
      >
        {slots.editor}
      </Pane>
    </Group>
  );
}
