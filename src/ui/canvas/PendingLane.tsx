/**
 * Pods no node has taken, grouped by the workload a person recognises (the top owner: `web ×160`
 * for a Deployment's pods), each with the decisive part of the scheduler's FailedScheduling
 * message first. Opening a group says why, node by node, and offers the fixes.
 */
import { memo, useId, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { decisiveReason, groupPending, type PendingGroup } from "../model/pending";
import { useStore } from "../store";
import { UNSCHEDULED } from "../store/objects";
import { PodChip } from "./PodChip";
import { WhyPending } from "./WhyPending";
import "./pending.css";

const EMPTY: string[] = [];
/** Chips a group shows beside its reason. */
const CHIPS_SHOWN = 4;
/**
 * Groups drawn at most: a big apply of bare pods leaves thousands pending for a moment, each its
 * own group, and a row each froze the page.
 */
const GROUPS_SHOWN = 100;

/** The group's reason: the decisive reasons first, the "0/3 nodes are available" prefix after. */
function Reason({ podKey }: { podKey: string }) {
  const message = useStore((s) => s.schedulingReasons[podKey]);
  if (!message) return <span className="pending-reason">Waiting for the scheduler…</span>;
  const d = decisiveReason(message);
  return (
    <span className="pending-reason" title={message}>
      {d.reasons.length ? (
        <>
          <span className="decisive">{d.reasons.join(", ")}</span>
          <span className="reason-prefix"> · {d.prefix}</span>
        </>
      ) : (
        <span className="decisive">{d.prefix}</span>
      )}
    </span>
  );
}

const SEP = "\u0000";

/** A group as one string, so the lane's selector compares groups by value. */
function signature(g: PendingGroup): string {
  return [g.id, g.owner.kind, g.owner.name, g.owner.namespace, g.keys.join(",")].join(SEP);
}

function fromSignature(sig: string): PendingGroup {
  const [id, kind, name, namespace, members] = sig.split(SEP) as [string, string, string, string, string];
  return { id, owner: { kind, name, namespace }, keys: members.split(",") };
}

/** One group, from its signature (see signature()): re-renders only when its members change. */
const Group = memo(function Group({ sig }: { sig: string }) {
  const group = fromSignature(sig);
  const [open, setOpen] = useState(false);
  const panel = useId();
  const first = group.keys[0] as string;
  const [namespace, name] = first.split("/") as [string, string];
  const more = group.keys.length - CHIPS_SHOWN;
  return (
    <li
      className={`pending-group${open ? " open" : ""}`}
      data-testid="pending-group"
      data-owner={group.id}
      data-count={group.keys.length}
    >
      <div className="pending-group-head">
        <button
          type="button"
          className="group-toggle"
          aria-expanded={open}
          aria-controls={open ? panel : undefined}
          title={open ? "Hide why" : "Why Pending, node by node, with fixes"}
          onClick={() => setOpen(!open)}
        >
          <span className="chevron" aria-hidden>
            {open ? "▾" : "▸"}
          </span>
          <span className="group-name">{group.owner.name}</span>
          <span className="group-count">×{group.keys.length}</span>
          <span className="group-kind">{group.owner.kind}</span>
        </button>
        <Reason podKey={first} />
        <span className="group-chips">
          {group.keys.slice(0, CHIPS_SHOWN).map((k) => (
            <PodChip key={k} podKey={k} />
          ))}
          {more > 0 && <span className="group-more">+{more}</span>}
        </span>
      </div>
      {open && (
        <div id={panel} className="pending-group-why">
          <WhyPending namespace={namespace} name={name} />
        </div>
      )}
    </li>
  );
});

/** The lane above the canvas. Its height is bounded: it scrolls rather than push the canvas away. */
export function PendingLane() {
  const keys = useStore((s) => s.podsByNode[UNSCHEDULED] ?? EMPTY);
  // Groups change only when pods or owners do; compare them by id and members, not by object.
  const groups = useStore(useShallow((s) => groupPending(keys, s.pods, s.others).map(signature)));
  return (
    <section
      className={`pending-lane${keys.length ? "" : " empty"}`}
      data-testid="pending-lane"
      aria-label="Pending pods"
    >
      <h2>
        Pending <span className="count">{keys.length}</span>
      </h2>
      {keys.length === 0 ? (
        <span className="hint">Every pod is scheduled.</span>
      ) : (
        <ul className="pending-groups">
          {groups.slice(0, GROUPS_SHOWN).map((sig) => (
            <Group key={sig.slice(0, sig.indexOf(SEP))} sig={sig} />
          ))}
          {groups.length > GROUPS_SHOWN && (
            <li className="pending-more hint" data-testid="pending-more">
              …and {groups.length - GROUPS_SHOWN} more groups
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
