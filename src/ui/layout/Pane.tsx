/**
 * A resizable pane of the workspace (a react-resizable-panels Panel) that can collapse: to a thin
 * strip with its title (side panes), or to what its own header shows (the terminal). Its content
 * stays mounted while collapsed, so the editor's text and the terminal's scrollback survive.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { Panel, type PanelImperativeHandle, usePanelRef } from "react-resizable-panels";

/** What a pane's content can ask of its pane. */
export interface PaneControls {
  collapsed: boolean;
  collapse(): void;
  expand(): void;
}

const PaneContext = createContext<PaneControls | undefined>(undefined);

/** The enclosing pane's state and actions (undefined outside a Pane). */
export function usePane(): PaneControls | undefined {
  return useContext(PaneContext);
}

/** Sizes in pixels (numbers) or percentages ("27%"), as Panel takes them. */
export interface PaneProps {
  /** The Panel's id (also its DOM id and data-testid): "NAME-pane". */
  id: string;
  title: string;
  /** Where a collapsed pane's strip sits: a vertical strip (left, right) or none (bottom: the header stays). */
  strip?: "left" | "right";
  defaultSize: number | string;
  minSize: number | string;
  maxSize?: number | string;
  /** Pixels left when collapsed (the strip's width, or the header's height). */
  collapsedSize: number;
  /** Keeps its pixel size when the window resizes (side panes and the terminal). */
  fixed?: boolean;
  /** When set, the pane opens and widens to at least this many pixels (what it shows needs room). */
  atLeast?: number;
  children: ReactNode;
}

function controlsOf(ref: React.RefObject<PanelImperativeHandle | null>, collapsed: boolean): PaneControls {
  return {
    collapsed,
    collapse: () => ref.current?.collapse(),
    expand: () => ref.current?.expand(),
  };
}

/** One collapsible pane. */
export function Pane({
  id,
  title,
  strip,
  defaultSize,
  minSize,
  maxSize,
  collapsedSize,
  fixed,
  atLeast,
  children,
}: PaneProps) {
  const ref = usePanelRef();
  const [collapsed, setCollapsed] = useState(false);
  const controls = useMemo(() => controlsOf(ref, collapsed), [ref, collapsed]);
  useEffect(() => {
    const panel = ref.current;
    if (atLeast === undefined || !panel) return;
    if (panel.isCollapsed()) panel.expand();
    if (panel.getSize().inPixels < atLeast) panel.resize(atLeast);
  }, [ref, atLeast]);
  return (
    <Panel
      id={id}
      panelRef={ref}
      className={`pane ${id}${collapsed ? " collapsed" : ""}`}
      collapsible
      collapsedSize={collapsedSize}
      defaultSize={defaultSize}
      minSize={minSize}
      maxSize={maxSize}
      groupResizeBehavior={fixed ? "preserve-pixel-size" : "preserve-relative-size"}
      onResize={(size) => setCollapsed(size.inPixels <= collapsedSize + 1)}
    >
      <PaneContext.Provider value={controls}>
        {strip && collapsed && (
          <button
            type="button"
            className={`pane-strip pane-strip-${strip}`}
            data-testid={`expand-${id.replace(/-pane$/, "")}`}
            aria-label={`Show ${title}`}
            title={`Show ${title}`}
            onClick={controls.expand}
          >
            <span>{title}</span>
          </button>
        )}
        <div className="pane-body" hidden={Boolean(strip && collapsed)}>
          {children}
        </div>
      </PaneContext.Provider>
    </Panel>
  );
}

/** A small button in a pane's header that collapses the pane. */
export function CollapseButton({ title, glyph }: { title: string; glyph: string }) {
  const pane = usePane();
  if (!pane) return null;
  return (
    <button
      type="button"
      className="icon-btn pane-collapse"
      aria-label={`Hide ${title}`}
      title={`Hide ${title}`}
      onClick={pane.collapse}
    >
      {glyph}
    </button>
  );
}
