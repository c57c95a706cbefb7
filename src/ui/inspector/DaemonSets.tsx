/**
 * The node drawer's DaemonSets: which should run a pod on this node and which should not, and
 * why (the DaemonSet controller's nodeShouldRunDaemonPod, with the label or taint behind it),
 * with the daemon pod the node has now.
 */
import { useShallow } from "zustand/react/shallow";
import type { DaemonSet } from "../../engine/api/kinds";
import { daemonSetVerdict } from "../../engine/controllers/daemonset/why-not";
import { useStore } from "../store";
import { Section } from "./Section";

const EMPTY: string[] = [];

/** One line per DaemonSet, those that should run here first. */
export function DaemonSets({ name }: { name: string }) {
  const node = useStore((s) => s.nodes[name]);
  const daemonSets = useStore(useShallow((s) => Object.values(s.others.DaemonSet ?? {}) as DaemonSet[]));
  // The daemon pods on this node, by their DaemonSet ("namespace/name").
  const podsByOwner = useStore(
    useShallow((s) => {
      const out: Record<string, string> = {};
      for (const k of s.podsByNode[name] ?? EMPTY) {
        const p = s.pods[k];
        const ref = p?.metadata.ownerReferences?.find((r) => r.controller && r.kind === "DaemonSet");
        if (p && ref) out[`${p.metadata.namespace}/${ref.name}`] = p.metadata.name ?? "";
      }
      return out;
    }),
  );
  if (!node) return null;
  const verdicts = daemonSets
    .map((ds) => daemonSetVerdict(node, ds))
    .sort((a, b) => Number(b.shouldRun) - Number(a.shouldRun) || a.daemonSet.localeCompare(b.daemonSet));
  const running = verdicts.filter((v) => v.shouldRun).length;
  return (
    <Section title="DaemonSets" hint={`${running} of ${verdicts.length} run here`}>
      {verdicts.length === 0 ? (
        <p className="hint">No DaemonSets.</p>
      ) : (
        <ul className="kv-list daemonset-verdicts" data-testid="node-daemonsets">
          {verdicts.map((v) => (
            <li
              key={v.daemonSet}
              data-testid="daemonset-verdict"
              data-daemonset={v.daemonSet}
              data-should-run={String(v.shouldRun)}
            >
              <span className={v.shouldRun ? "tone-text-ok" : "tone-text-waiting"}>{v.daemonSet}</span>{" "}
              {v.shouldRun ? (
                podsByOwner[v.daemonSet] ? (
                  <>runs here: {podsByOwner[v.daemonSet]}</>
                ) : (
                  <>should run here (no pod yet)</>
                )
              ) : (
                <>
                  does not run here: {v.reasons.join("; ") || "the node does not fit"}
                  {v.shouldContinueRunning && podsByOwner[v.daemonSet] && (
                    <>
                      {" "}
                      (its pod {podsByOwner[v.daemonSet]} may stay: no NoExecute taint it does not tolerate)
                    </>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
