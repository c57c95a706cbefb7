/**
 * Why a pending pod fits no node, node by node, down to the label, taint, resource or pod that
 * decided (worked out in the engine by the scheduler's own filters), with the fixes a person would
 * make as buttons. Each fix runs its kubectl command through the transcript, as every canvas
 * action does; a toleration opens the owner's YAML in the editor with the toleration added.
 */
import { useEffect, useState } from "react";
import type { Fix } from "../../engine/scheduler/why/fixes";
import type { SchedulingRecord } from "../../worker/protocol";
import { explain, runCommand } from "../bridge/bridge";
import { addTolerationsToYaml } from "../model/tolerations";
import { useStore } from "../store";

/** Runs a fix's command; an edit gets the fix's tolerations added before the person saves it. */
export async function runFix(fix: Fix): Promise<void> {
  const result = await runCommand(fix.command);
  if (fix.addTolerations && result.edit)
    useStore
      .getState()
      .loadIntoEditor(addTolerationsToYaml(result.edit.buffer, fix.addTolerations), result.edit.session);
}

/** A fix as a button: data-command is the command it runs. */
export function FixButton({ fix }: { fix: Fix }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="fix-action"
      data-testid="fix-action"
      data-command={fix.command}
      title={fix.command}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await runFix(fix);
        } finally {
          setBusy(false);
        }
      }}
    >
      {fix.title}
    </button>
  );
}

/** The per-node answer for one pod, asked again when its reason or the nodes change. */
export function WhyPending({ namespace, name }: { namespace: string; name: string }) {
  const reason = useStore((s) => s.schedulingReasons[`${namespace}/${name}`]);
  const nodes = useStore((s) => s.nodes);
  const [record, setRecord] = useState<SchedulingRecord | undefined>();
  const [asked, setAsked] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask again when the reason or the nodes change
  useEffect(() => {
    let live = true;
    explain(namespace, name).then((r) => {
      if (!live) return;
      setRecord(r);
      setAsked(true);
    });
    return () => {
      live = false;
    };
  }, [namespace, name, reason, nodes]);
  if (!asked) return <p className="hint why-wait">Asking the scheduler…</p>;
  const why = record?.why;
  if (!record || !why) return <p className="hint why-wait">The scheduler has not tried this pod yet.</p>;
  return (
    <div className="why-pending" data-testid="why-pending">
      <p className="why-pod">
        Why <code>{`${namespace}/${name}`}</code> fits no node
        {why.target && why.target.resource !== "pod" && (
          <>
            {" "}
            (made by <code>{`${why.target.resource}/${why.target.name}`}</code>)
          </>
        )}
        :
      </p>
      {why.preFilter && <p className="why-prefilter">{why.preFilter}</p>}
      <ul className="why-nodes">
        {why.nodes.map((n) => (
          <li key={n.node} className="why-node" data-testid="why-node" data-node={n.node}>
            <span className="why-node-name">{n.node}</span>
            <div className="why-node-body">
              <span className="why-obstacles">
                {n.obstacles.length === 0 ? (
                  <span className="why-fits">fits now; the scheduler places it on its next attempt</span>
                ) : (
                  n.obstacles.map((o) => (
                    <span key={o.text} className="why-obstacle" title={o.plugin} data-testid="why-obstacle">
                      {o.text}
                    </span>
                  ))
                )}
              </span>
              {n.fixes.length > 0 && (
                <span className="why-fixes">
                  {n.fixes.map((f) => (
                    <FixButton key={f.command} fix={f} />
                  ))}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
