/** A tiny glyph for what owns a pod: DaemonSet, ReplicaSet/Deployment, static, Job, bare. */
import type { OwnerKind } from "../model/pod";

const TITLES: Record<OwnerKind, string> = {
  DaemonSet: "DaemonSet",
  ReplicaSet: "ReplicaSet (Deployment)",
  StatefulSet: "StatefulSet",
  Job: "Job",
  Static: "Static pod (mirror)",
  Bare: "Bare pod",
};

/** The owner glyph, 12 px. */
export function OwnerIcon({ kind }: { kind: OwnerKind }) {
  return (
    <svg
      className="owner-icon"
      viewBox="0 0 12 12"
      width="12"
      height="12"
      aria-label={TITLES[kind]}
      role="img"
    >
      <title>{TITLES[kind]}</title>
      {kind === "DaemonSet" && (
        <>
          <rect x="0.5" y="3.5" width="3" height="5" rx="0.8" />
          <rect x="4.5" y="3.5" width="3" height="5" rx="0.8" />
          <rect x="8.5" y="3.5" width="3" height="5" rx="0.8" />
        </>
      )}
      {kind === "ReplicaSet" && (
        <>
          <rect x="3.5" y="0.8" width="7.5" height="7.5" rx="1.5" className="hollow" />
          <rect x="1" y="3.5" width="7.5" height="7.5" rx="1.5" />
        </>
      )}
      {kind === "StatefulSet" && (
        <>
          <rect x="1" y="1" width="10" height="2.6" rx="0.8" />
          <rect x="1" y="4.7" width="10" height="2.6" rx="0.8" />
          <rect x="1" y="8.4" width="10" height="2.6" rx="0.8" />
        </>
      )}
      {kind === "Job" && <path d="M2 6.3 4.8 9 10 3" className="stroke" />}
      {kind === "Static" && (
        <>
          <rect x="1" y="1" width="10" height="10" rx="2" className="hollow" />
          <circle cx="6" cy="6" r="2" />
        </>
      )}
      {kind === "Bare" && <circle cx="6" cy="6" r="4.2" className="hollow" />}
    </svg>
  );
}
