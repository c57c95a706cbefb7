/** Countdown badges on node cards and pod chips, re-rendered once a simulated second. */
import type { Node, Pod } from "../../engine/api/kinds";
import { useStore } from "../store";
import { type Countdown, countdownText, nodeCountdown, podCountdown, shortRemaining } from "./countdown";

const EMPTY: string[] = [];

/** The instant shown (the past one while viewing it), to the second. */
function useSecond(): number {
  return useStore((s) => Math.floor((s.viewingAt ?? s.clock.now) / 1000) * 1000);
}

/** "kind@at@what": a countdown as a string, so that subscribers re-render only when it changes. */
function encode(c: Countdown | undefined): string {
  return c ? `${c.kind}@${c.at}@${c.what}` : "";
}

function decode(text: string): Countdown | undefined {
  if (!text) return undefined;
  const [kind, at, ...what] = text.split("@");
  return { kind: kind as Countdown["kind"], at: Number(at), what: what.join("@") };
}

/** The badge; only it follows the clock, so a pod or node with no timer does not re-render. */
function Badge({
  c,
  testId,
  className,
  compact = false,
}: {
  c: Countdown;
  testId: string;
  className: string;
  /** Only the time left (a pod chip's room); the tooltip says the rest. */
  compact?: boolean;
}) {
  const now = useSecond();
  const text = countdownText(c, now);
  return (
    <span
      className={`countdown countdown-${c.kind} ${className}`}
      data-testid={testId}
      data-kind={c.kind}
      data-at={c.at}
      title={`${text} (at ${new Date(c.at).toISOString().slice(11, 19)})\n${c.what}`}
    >
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path
          d="M8 6v3.2l2 1.3M6.5 1.8h3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
        />
      </svg>
      {compact ? <span className="countdown-full">{text}</span> : text}
      {compact && <span aria-hidden>{shortRemaining(c.at - now)}</span>}
    </span>
  );
}

/** A node card's badge: NotReady in …, or the next eviction on it. */
export function NodeCountdown({ name }: { name: string }) {
  const text = useStore((s) => {
    const node = s.nodes[name] as Node | undefined;
    if (!node) return "";
    const lease = s.others.Lease?.[`kube-node-lease/${name}`];
    const pods = () => (s.podsByNode[name] ?? EMPTY).map((k) => s.pods[k]).filter((p): p is Pod => !!p);
    return encode(nodeCountdown(node, lease, pods, Math.floor((s.viewingAt ?? s.clock.now) / 1000) * 1000));
  });
  const c = decode(text);
  return c ? <Badge c={c} testId="node-countdown" className="node-countdown" /> : null;
}

/** A pod chip's badge: its back-off, or its eviction. */
export function PodCountdown({ podKey }: { podKey: string }) {
  const text = useStore((s) => {
    const pod = s.pods[podKey];
    if (!pod) return "";
    const node = pod.spec?.nodeName ? s.nodes[pod.spec.nodeName] : undefined;
    return encode(podCountdown(pod, node));
  });
  const c = decode(text);
  return c ? <Badge c={c} testId="pod-countdown" className="pod-countdown" compact /> : null;
}
