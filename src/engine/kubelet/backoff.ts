/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for crashing containers and failed image
 * pulls: 10 s initially, doubling up to 300 s, forgotten after twice the maximum without a failure.
 */
import { CrashLoopBackOff } from "./constants";

/** CrashLoopBackOff and ImagePullBackOff: initial delay, seconds. */
export const BACKOFF_INITIAL = 10;
/** The maximum delay, seconds (MaxContainerBackOff). */
export const BACKOFF_MAX = 300;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

/** Per-key exponential back-off on virtual time (seconds are the unit; times in ms). */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initial = BACKOFF_INITIAL,
    private readonly max = BACKOFF_MAX,
  ) {}

  /** Records a failure at nowMs: the next delay is the initial one, or double the last. */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, nowMs)) this.entries.set(key, { backoff: this.initial, lastUpdate: nowMs });
    else this.entries.set(key, { backoff: Math.min(e.backoff * 2, this.max), lastUpdate: nowMs });
  }

  /** The current delay of key in seconds (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** Whether key is still backing off at nowMs for a failure at eventMs (IsInBackOffSince). */
  isInBackOffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventMs)) return false;
    return nowMs - eventMs < e.backoff * 1000;
  }

  /** When the back-off of a failure at eventMs ends. */
  until(key: string, eventMs: number): number {
    return eventMs + this.get(key) * 1000;
  }

  /** Sets key's state as a restarted kubelet rebuilds it: delay (seconds) and last failure (ms). */
  set(key: string, backoff: number, lastUpdate: number): void {
    this.entries.set(key, { backoff: Math.min(backoff, this.max), lastUpdate });
  }

  /** Forgets key. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  private expired(e: Entry, atMs: number): boolean {
    return atMs - e.lastUpdate > 2 * this.max * 1000;
  }
}

/** Seconds of a Go duration string as goDuration writes it ("10s", "1m20s", "328ms"); 0 if unreadable. */
export function parseGoDuration(text: string): number {
  const m = /^(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)(ms|s))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return 0;
  return Number(m[1] ?? 0) * 60 + (m[2] ? Number(m[2]) / (m[3] === "ms" ? 1000 : 1) : 0);
}

/** The parts of a container status the back-off deadline is read from. */
export interface BackoffStatus {
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { finishedAt?: string } };
}

/**
 * When the kubelet restarts a container waiting in CrashLoopBackOff (ms since the epoch), read
 * from its status as a restarted kubelet reads it (adoptBackoff): the delay the waiting message
 * names ("back-off 40s restarting failed container=..."), counted from the last instance's
 * finishedAt. Undefined when the container is not backing off. finishedAt has whole seconds, so
 * the restart comes up to a second after this.
 */
export function crashLoopRestartAt(status: BackoffStatus): number | undefined {
  const waiting = status.state?.waiting;
  if (waiting?.reason !== CrashLoopBackOff) return undefined;
  const delay = parseGoDuration(/back-off (\S+) restarting/.exec(waiting.message ?? "")?.[1] ?? "");
  const finished = Date.parse(status.lastState?.terminated?.finishedAt ?? "");
  if (!delay || Number.isNaN(finished)) return undefined;
  return finished + delay * 1000;
}
