/** The inspector's building blocks: a titled section and a label/value row. */
import type { ReactNode } from "react";

/** A titled part of the inspector. */
export function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="inspector-section" aria-label={title}>
      <h4>
        {title}
        {hint !== undefined && <span className="hint">{hint}</span>}
      </h4>
      {children}
    </section>
  );
}

/** One label: value line of a definition list. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="inspector-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
