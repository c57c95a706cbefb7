/**
 * Each container of a pod as `kubectl describe pod` shows it: state (and since when, or why),
 * last state, exit code, ready, restarts, requests and limits. Init containers first.
 */
import type { Container, Pod } from "../../engine/api/kinds";
import { translateTimestampSince } from "../../kubectl/printers/duration";
import { useStore } from "../store";
import { Row, Section } from "./Section";

// biome-ignore lint/suspicious/noExplicitAny: container states are open JSON here
type State = Record<string, any> | undefined;

/** "Running (12s)", "Waiting: CrashLoopBackOff", "Terminated: Error (exit 1)". */
function stateText(state: State, now: number): string {
  if (!state) return "unknown";
  if (state.running) return `Running (${translateTimestampSince(state.running.startedAt, now)})`;
  if (state.waiting) return `Waiting${state.waiting.reason ? `: ${state.waiting.reason}` : ""}`;
  if (state.terminated) {
    const t = state.terminated;
    return `Terminated${t.reason ? `: ${t.reason}` : ""} (exit ${t.exitCode ?? "?"})`;
  }
  return "unknown";
}

/** "cpu 100m, memory 64Mi", or undefined when the map is empty. */
function resourceText(r: Record<string, string> | undefined): string | undefined {
  const parts = Object.entries(r ?? {}).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(", ") : undefined;
}

function ContainerBox({ pod, spec, init }: { pod: Pod; spec: Container; init: boolean }) {
  const now = useStore((s) => s.clock.now);
  const statuses = init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  const st = statuses?.find((s) => s.name === spec.name);
  const state = st?.state as State;
  const last = st?.lastState as State;
  const exitCode = state?.terminated?.exitCode ?? last?.terminated?.exitCode;
  const message = state?.waiting?.message ?? state?.terminated?.message;
  const requests = resourceText(spec.resources?.requests as Record<string, string> | undefined);
  const limits = resourceText(spec.resources?.limits as Record<string, string> | undefined);
  const stateTone = state?.running ? "ok" : state?.terminated?.exitCode === 0 ? "done" : "failed";
  return (
    <div
      className="container-box"
      data-testid="container"
      data-container={spec.name}
      data-restarts={st?.restartCount ?? 0}
      data-exit-code={exitCode}
    >
      <div className="container-head">
        <code>{spec.name}</code>
        {init && <span className="tag">init</span>}
        <span className="hint container-image">{spec.image}</span>
      </div>
      <dl>
        <Row label="State">
          <span className={`tone-text-${state?.waiting ? "waiting" : stateTone}`}>
            {stateText(state, now)}
          </span>
        </Row>
        {message && <Row label="Message">{message}</Row>}
        {last && Object.keys(last).length > 0 && (
          <Row label="Last state">
            {stateText(last, now)}
            {last.terminated?.finishedAt && (
              <span className="hint">
                {" "}
                · finished {translateTimestampSince(last.terminated.finishedAt, now)} ago
              </span>
            )}
          </Row>
        )}
        {exitCode !== undefined && <Row label="Exit code">{exitCode}</Row>}
        <Row label="Ready">{st?.ready ? "True" : "False"}</Row>
        <Row label="Restarts">{st?.restartCount ?? 0}</Row>
        <Row label="Requests">{requests ?? <em>none</em>}</Row>
        {limits && <Row label="Limits">{limits}</Row>}
      </dl>
    </div>
  );
}

/** The containers section. */
export function Containers({ pod }: { pod: Pod }) {
  const init = pod.spec?.initContainers ?? [];
  const main = pod.spec?.containers ?? [];
  return (
    <Section title="Containers" hint={String(init.length + main.length)}>
      {init.map((c) => (
        <ContainerBox key={`init:${c.name}`} pod={pod} spec={c} init />
      ))}
      {main.map((c) => (
        <ContainerBox key={c.name} pod={pod} spec={c} init={false} />
      ))}
    </Section>
  );
}
