/** The edge legend (in the sidebar): what each line means, a toggle for each kind, and whose edges to show. */
import { useCanvasStore } from "./canvasStore";
import { EDGE_KINDS, type EdgeKind } from "./edges";

const LABELS: Record<EdgeKind, string> = {
  "node-affinity": "Node affinity / nodeSelector",
  "pod-affinity": "Pod affinity",
  "pod-anti-affinity": "Pod anti-affinity",
  toleration: "Toleration",
};

/** The legend section. */
export function EdgeLegend() {
  const enabled = useCanvasStore((s) => s.enabled);
  const scope = useCanvasStore((s) => s.scope);
  const { toggle, setScope } = useCanvasStore.getState();
  return (
    <section className="sidebar-section edge-legend" data-testid="edge-legend" aria-label="Edges">
      <h2>Edges</h2>
      <div className="edge-legend-body">
        <ul>
          {EDGE_KINDS.map((k) => (
            <li key={k}>
              <label>
                <input
                  type="checkbox"
                  checked={enabled.has(k)}
                  onChange={() => toggle(k)}
                  data-testid="edge-toggle"
                  data-kind={k}
                />
                <svg width="26" height="8" aria-hidden="true" className={`legend-line edge-${k}`}>
                  <path d="M1,4 H25" />
                </svg>
                {LABELS[k]}
              </label>
            </li>
          ))}
        </ul>
        <div className="edge-legend-hint">solid: required · dashed: preferred</div>
        <fieldset className="edge-scope">
          <legend className="sr-only">Show edges for</legend>
          {(["selected", "all"] as const).map((s) => (
            <label key={s} className={scope === s ? "on" : ""}>
              <input
                type="radio"
                name="edge-scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />
              {s === "selected" ? "Selected pod" : "All pods"}
            </label>
          ))}
        </fieldset>
      </div>
    </section>
  );
}
