/** The inspector's frame: a titled side drawer with a close button and the kind and name it shows. */
import type { ReactNode } from "react";
import { useStore } from "../store";

/** Closes the inspector. */
export function closeInspector(): void {
  const s = useStore.getState();
  if (s.selectedPod !== undefined) s.selectPod(undefined);
  if (s.selectedNode !== undefined) s.selectNode(undefined);
}

/** The drawer around one object's details. */
export function Drawer({
  kind,
  name,
  label,
  icon,
  children,
  footer,
}: {
  kind: "pod" | "node";
  name: string;
  label: string;
  icon?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <aside className="inspector" data-testid="inspector" data-kind={kind} data-name={name} aria-label={label}>
      <header>
        {icon}
        <h3 title={label}>{name}</h3>
        <span className="hint">{kind}</span>
        <button
          type="button"
          className="icon-btn"
          aria-label="Close inspector"
          title="Close (Esc)"
          onClick={closeInspector}
        >
          ×
        </button>
      </header>
      <div className="inspector-body">{children}</div>
      {footer && <footer>{footer}</footer>}
    </aside>
  );
}
