/**
 * The workspace below the header: palette | (canvas over terminal) | inspector | editor, in
 * resizable, collapsible panes whose sizes are kept across reloads (layout/storage.ts). The
 * inspector pane exists while something is selected; the terminal can fill the workspace. The
 * palette pane also holds the lab panel, and widens while a lab is open.
 */
import type { ReactNode } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import { useStore } from "../store";
import "./layout.css";
import { Pane } from "./Pane";
import { layoutStorage } from "./storage";

/** The panes' contents, filled by App. */
export interface WorkspaceSlots {
  palette: ReactNode;
  stage: ReactNode;
  terminal: ReactNode;
  inspector: ReactNode;
  editor: ReactNode;
}

const MAIN_WITH_INSPECTOR = ["palette-pane", "center-pane", "inspector-pane", "editor-pane"];
const MAIN = ["palette-pane", "center-pane", "editor-pane"];
/** Pixels the palette pane widens to while a lab is open (its tasks need the room). */
const LAB_WIDTH = 340;

function Center({ stage, terminal }: { stage: ReactNode; terminal: ReactNode }) {
  const persisted = useDefaultLayout({
    id: "center",
    storage: layoutStorage,
    panelIds: ["stage-pane", "terminal-pane"],
  });
  return (
    <Group id="center-group" orientation="vertical" className="workspace-center" {...persisted}>
      <Panel id="stage-pane" minSize={140} className="pane pane-stage">
        {stage}
      </Panel>
      <Separator className="separator separator-h" id="separator-terminal" />
      <Pane id="terminal-pane" title="terminal" defaultSize={260} minSize={120} collapsedSize={38} fixed>
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
  const persisted = useDefaultLayout({ id: "main", storage: layoutStorage, panelIds });
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
        <Center stage={slots.stage} terminal={slots.terminal} />
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
