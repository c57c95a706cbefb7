/**
 * A container's log inline, read through the engine as `kubectl logs --tail=N [--previous]`
 * prints it; read again when the pod changes and every few seconds while shown. Following keeps
 * the newest line in view.
 */
import { useEffect, useRef, useState } from "react";
import type { Pod } from "../../engine/api/kinds";
import type { CommandResult } from "../../worker/protocol";
import { podLogs } from "../bridge/bridge";
import { Section } from "./Section";

/** Lines of log read at most. */
const TAIL_CHOICES = [50, 200, 1000];
/** Real milliseconds between two reads while the log is shown (a running container keeps writing). */
const REFRESH_MS = 2000;

function useLog(pod: Pod, container: string, previous: boolean, tail: number): CommandResult | undefined {
  const [result, setResult] = useState<CommandResult | undefined>();
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  const version = pod.metadata.resourceVersion;
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the pod changes
  useEffect(() => {
    let live = true;
    const read = () => podLogs(ns, name, container, previous, tail).then((r) => live && setResult(r));
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ns, name, container, previous, tail, version]);
  return result;
}

/** The logs section. */
export function Logs({ pod }: { pod: Pod }) {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const [chosen, setChosen] = useState<string | undefined>();
  const [previous, setPrevious] = useState(false);
  const [tail, setTail] = useState(TAIL_CHOICES[1] ?? 200);
  const container = chosen && names.includes(chosen) ? chosen : (pod.spec?.containers?.[0]?.name ?? "");
  const [follow, setFollow] = useState(true);
  const result = useLog(pod, container, previous, tail);
  const text = result ? `${result.stdout}${result.stderr}` : "";
  const pre = useRef<HTMLPreElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again when the text changes
  useEffect(() => {
    const el = pre.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, text]);
  return (
    <Section title="Logs">
      <div className="logs-controls">
        {names.length > 1 && (
          <select
            className="select"
            aria-label="Container"
            value={container}
            onChange={(e) => setChosen(e.target.value)}
          >
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
        <label className="check-inline">
          <input
            type="checkbox"
            checked={previous}
            data-testid="logs-previous"
            onChange={(e) => setPrevious(e.target.checked)}
          />
          previous
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow
        </label>
        <select
          className="select"
          aria-label="Lines"
          value={tail}
          onChange={(e) => setTail(Number(e.target.value))}
        >
          {TAIL_CHOICES.map((n) => (
            <option key={n} value={n}>
              last {n}
            </option>
          ))}
        </select>
      </div>
      <pre
        ref={pre}
        className={`pod-logs${result && result.exit !== 0 ? " failed" : ""}`}
        data-testid="pod-logs"
        title={`Log of ${container}`}
      >
        {result ? text.trimEnd() || "(no output)" : "…"}
      </pre>
    </Section>
  );
}
