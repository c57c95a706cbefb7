/**
 * What owns a pod, up the controller chain (Pod → ReplicaSet → Deployment, Pod → Job → CronJob),
 * each link opening its owner's live YAML in the editor.
 */
import { useShallow } from "zustand/react/shallow";
import type { Pod } from "../../engine/api/kinds";
import type { OwnerReference } from "../../engine/api/types";
import { actions } from "../actions";
import { useStore } from "../store";

/** Links followed at most (owner chains are short; this bounds a cycle). */
const MAX_DEPTH = 6;

function controllerOf(refs: OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/** The owner references from the pod's controller up, as far as the replica knows the owners. */
export function useOwnerChain(pod: Pod): OwnerReference[] {
  const ns = pod.metadata.namespace;
  return useStore(
    useShallow((s) => {
      const chain: OwnerReference[] = [];
      let ref = controllerOf(pod.metadata.ownerReferences);
      while (ref && chain.length < MAX_DEPTH) {
        chain.push(ref);
        const key = ns ? `${ns}/${ref.name}` : ref.name;
        const owner = s.others[ref.kind]?.[key] ?? (ref.kind === "Node" ? s.nodes[ref.name] : undefined);
        ref = controllerOf(owner?.metadata.ownerReferences);
      }
      return chain;
    }),
  );
}

/** The chain as buttons, the pod's direct owner first. */
export function OwnerChain({ pod }: { pod: Pod }) {
  const chain = useOwnerChain(pod);
  const ns = pod.metadata.namespace;
  if (chain.length === 0) return <em>none</em>;
  return (
    <span className="owner-chain">
      {chain.map((ref, i) => (
        <span key={ref.uid ?? `${ref.kind}/${ref.name}`}>
          {i > 0 && <span className="hint"> ← </span>}
          <button
            type="button"
            className="link-btn"
            data-testid="owner-link"
            title={`Open ${ref.kind} ${ref.name} in the editor`}
            onClick={() =>
              ref.kind === "Node"
                ? useStore.getState().selectNode(ref.name)
                : actions.edit(ref.kind.toLowerCase(), ref.name, ref.kind === "Node" ? undefined : ns)
            }
          >
            {ref.kind}/{ref.name}
          </button>
        </span>
      ))}
    </span>
  );
}
