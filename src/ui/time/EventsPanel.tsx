/**
 * The live events panel: every Event in the cluster, newest first, filtered by type, reason and
 * object; a row about a pod or node selects it (the inspector opens on it).
 */
import { memo, useMemo, useState } from "react";
import { translateTimestampSince } from "../../kubectl/printers/duration";
import { usePane } from "../layout/Pane";
import { useStore } from "../store";
import { type EventFilter, type EventRow, eventRows, reasonsOf } from "./events";
import { TimeControls } from "./TimeStrip";

/** Selects what a row is about, when the page can show it. */
function select(row: EventRow): void {
  const s = useStore.getState();
  if (row.kind === "Pod" && row.namespace) {
    const key = `${row.namespace}/${row.name}`;
    if (s.pods[key]) s.selectPod(key);
    else s.showToast({ title: row.object, body: "That pod is gone.", tone: "info" });
  } else if (row.kind === "Node") {
    if (s.nodes[row.name]) s.selectNode(row.name);
    else s.showToast({ title: row.object, body: "That node is gone.", tone: "info" });
  }
}

const Row = memo(function Row({ row, now }: { row: EventRow; now: number }) {
  const selectable = row.kind === "Pod" || row.kind === "Node";
  return (
    <tr
      className={`event-row${row.type === "Warning" ? " warning" : ""}${selectable ? " selectable" : ""}`}
      data-testid="event-row"
      data-reason={row.reason}
      data-object={row.object}
      data-type={row.type}
      tabIndex={selectable ? 0 : undefined}
      onClick={selectable ? () => select(row) : undefined}
      onKeyDown={
        selectable
          ? (e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                select(row);
              }
            }
          : undefined
      }
    >
      <td className="ev-age">
        {translateTimestampSince(row.last, now)}
        {row.count > 1 ? ` ×${row.count}` : ""}
      </td>
      <td className="ev-type">{row.type}</td>
      <td className="ev-reason">{row.reason}</td>
      <td className="ev-object" title={row.object}>
        {row.object}
      </td>
      <td className="ev-message" title={row.message}>
        {row.message}
      </td>
    </tr>
  );
});

/** The panel, in its own collapsible pane; its header holds the time controls. */
export function EventsPanel() {
  const events = useStore((s) => s.others.Event);
  const viewingAt = useStore((s) => s.viewingAt);
  // Ages tick once a second, at the instant shown.
  const now = useStore((s) => Math.floor((s.viewingAt ?? s.clock.now) / 1000) * 1000);
  const [filter, setFilter] = useState<EventFilter>({ type: "", reason: "", object: "" });
  const pane = usePane();
  const collapsed = pane?.collapsed ?? false;
  const all = useMemo(() => Object.values(events ?? {}), [events]);
  // Collapsed, the panel only counts: a big cluster's events are not sorted for nothing.
  const rows = useMemo(() => (collapsed ? undefined : eventRows(all, filter)), [all, filter, collapsed]);
  const shown = rows?.length ?? all.length;
  const reasons = useMemo(() => (collapsed ? [] : reasonsOf(all)), [all, collapsed]);
  return (
    <section className="events-panel" data-testid="events-panel" aria-label="Events">
      <header className="events-head">
        <button
          type="button"
          className="events-title"
          data-testid="events-toggle"
          aria-expanded={!collapsed}
          onClick={() => (collapsed ? pane?.expand() : pane?.collapse())}
          title={collapsed ? "Show the events" : "Hide the events"}
        >
          <span aria-hidden>{collapsed ? "▸" : "▾"}</span> Events
          <span className="count">{shown === all.length ? all.length : `${shown} / ${all.length}`}</span>
        </button>
        <TimeControls />
      </header>
      {!collapsed && (
        <div className="events-filters">
          {viewingAt !== undefined && <span className="events-past">as at the instant viewed</span>}
          <select
            className="select"
            aria-label="Event type"
            data-testid="events-type"
            value={filter.type}
            onChange={(e) => setFilter({ ...filter, type: e.target.value as EventFilter["type"] })}
          >
            <option value="">All types</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
          <select
            className="select"
            aria-label="Event reason"
            data-testid="events-reason"
            value={filter.reason}
            onChange={(e) => setFilter({ ...filter, reason: e.target.value })}
          >
            <option value="">All reasons</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <input
            type="search"
            className="events-object"
            aria-label="Object"
            data-testid="events-object"
            placeholder="Object (node01, Pod/default/web)"
            value={filter.object}
            onChange={(e) => setFilter({ ...filter, object: e.target.value })}
          />
        </div>
      )}
      {rows && (
        <div className="events-body">
          {rows.length === 0 ? (
            <p className="hint">{all.length === 0 ? "No events yet." : "No event matches the filters."}</p>
          ) : (
            <table className="events-table">
              <thead>
                <tr>
                  <th>Last seen</th>
                  <th>Type</th>
                  <th>Reason</th>
                  <th>Object</th>
                  <th>Message</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <Row key={r.key} row={r} now={now} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
