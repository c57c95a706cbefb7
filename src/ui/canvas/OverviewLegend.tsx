/**
 * The large-cluster overview's legend: the scale it colours nodes by (which the person can
 * change), its gradient from empty to full, and what the outlines mean.
 */
import { useTheme } from "../theme/theme";
import { useCanvasStore } from "./canvasStore";
import { HEAT_METRIC_SHORT, HEAT_METRICS, type HeatMetric, heatStops } from "./heat";

/** The legend, shown over the canvas while the overview is. */
export function OverviewLegend() {
  const metric = useCanvasStore((s) => s.heatMetric);
  const theme = useTheme();
  const gradient = heatStops(5, theme)
    .map((s) => `${s.colour} ${s.ratio * 100}%`)
    .join(", ");
  return (
    <section className="overview-legend" data-testid="overview-legend" aria-label="Overview legend">
      <label className="overview-legend-scale">
        <span>Colour by</span>
        <select
          className="select"
          aria-label="Overview colour scale"
          value={metric}
          onChange={(e) => useCanvasStore.getState().setHeatMetric(e.target.value as HeatMetric)}
        >
          {Object.entries(HEAT_METRIC_SHORT).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="overview-legend-name" data-testid="overview-scale">
        {HEAT_METRICS[metric]}
      </div>
      <div
        className="overview-legend-ramp"
        style={{ background: `linear-gradient(to right, ${gradient})` }}
      />
      <div className="overview-legend-ticks" aria-hidden="true">
        <span>0%</span>
        <span>50%</span>
        <span>100%</span>
      </div>
      <ul className="overview-legend-keys">
        <li>
          <span className="overview-key not-ready" /> NotReady
        </li>
        <li>
          <span className="overview-key cordoned" /> Cordoned
        </li>
        <li>
          <span className="overview-key tainted">1 taint</span> tainted
        </li>
      </ul>
      <p className="overview-legend-hint">Click a node to zoom to it · Ctrl+K searches</p>
    </section>
  );
}
