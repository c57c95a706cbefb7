/** An object's status conditions: type and status, then reason and message on their own line. */
import { Section } from "./Section";

/** One status condition, as pods and nodes carry them. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The conditions section; good(c) tells which status is the healthy one (coloured otherwise). */
export function Conditions({
  conditions,
  good,
}: {
  conditions: readonly Condition[];
  good: (c: Condition) => boolean;
}) {
  if (conditions.length === 0) return null;
  return (
    <Section title="Conditions">
      <ul className="conditions">
        {conditions.map((c) => {
          const detail = [c.reason, c.message].filter(Boolean).join(": ");
          return (
            <li key={c.type} className={good(c) ? "good" : "bad"}>
              <span className="condition-type">{c.type}</span>
              <span className="condition-status">{c.status}</span>
              {detail && <span className="condition-detail">{detail}</span>}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
