/**
 * Container lifecycle hooks as the kubelet's HandlerRunner runs them (pkg/kubelet/lifecycle/
 * handlers.go): an exec handler runs its command in the container, an httpGet handler asks the
 * listener on the pod's IP, a sleep handler waits. postStart runs right after the container
 * started (kuberuntime_container.go startContainer, step 4); preStop runs before the SIGTERM of a
 * kill, within the grace period (executePreStopHook).
 */
import type { Clock } from "../clock/clock";
import type { ClusterNetwork } from "./network";
import type { ContainerRecord, PodRuntime } from "./runtime";

// biome-ignore lint/suspicious/noExplicitAny: lifecycle handlers are open JSON
export type LifecycleHandler = any;

/** A handler's outcome: ok, or why it failed (the kubelet logs it; events never quote it). */
export interface HookResult {
  ok: boolean;
  message: string;
}

/** A handler under way: cancel() stops waiting for it (its process, if any, ends with the container). */
export interface RunningHook {
  cancel(): void;
}

/** The event a failed postStart handler records (events.FailedPostStartHook; the text hides the output). */
export const FailedPostStartHook = "FailedPostStartHook";
/** The event a failed preStop handler records (events.FailedPreStopHook). */
export const FailedPreStopHook = "FailedPreStopHook";
/** kuberuntime_container.go: "do not record the message in the event so that secrets won't leak". */
export const PostStartHookFailedMessage = "PostStartHook failed";
/** The message of the FailedPreStopHook event. */
export const PreStopHookFailedMessage = "PreStopHook failed";
/** killContainer's message (its Killing event) when a postStart handler failed. */
export const KillingFailedPostStartHook = "FailedPostStartHook";
/** The shortest grace a container gets after its preStop hook (minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/**
 * Runs a lifecycle handler against container c of the pod sandbox rt; done gets its result once,
 * at once for a handler that finishes at this instant, or later on the clock.
 */
export function runLifecycleHandler(
  handler: LifecycleHandler,
  rt: PodRuntime,
  c: ContainerRecord,
  network: ClusterNetwork,
  clock: Clock,
  done: (r: HookResult) => void,
): RunningHook {
  let over = false;
  const finish = (r: HookResult) => {
    if (over) return;
    over = true;
    done(r);
  };
  const hook: RunningHook = { cancel: () => (over = true) };
  if (handler?.exec) {
    const argv: string[] = handler.exec.command ?? [];
    const sandbox = c.sandbox;
    if (!sandbox) {
      finish({ ok: true, message: "" });
      return hook;
    }
    let output = "";
    const sink = { write: (t: string) => (output = (output + t).slice(-10_240)) };
    const r = sandbox.spawn(argv, { stdout: sink, stderr: sink }, (code) =>
      finish(
        code === 0
          ? { ok: true, message: "" }
          : { ok: false, message: execFailure(argv, c.name, code, output) },
      ),
    );
    if ("message" in r) finish({ ok: false, message: r.message });
    return hook;
  }
  if (handler?.httpGet) {
    const get = handler.httpGet;
    const host = get.host || rt.ip;
    const port = typeof get.port === "number" ? get.port : namedPort(get.port, c);
    const listener = port === undefined ? undefined : network.listening(host, port);
    const path = get.path ?? "/";
    if (!listener?.http) {
      finish({
        ok: false,
        message: `Http lifecycle hook (${path}) for Container "${c.name}" failed - error: Get "http://${host}:${port ?? get.port}${path}": dial tcp ${host}:${port ?? get.port}: connect: connection refused`,
      });
      return hook;
    }
    const headers: Record<string, string> = {};
    for (const h of get.httpHeaders ?? []) headers[String(h.name).toLowerCase()] = String(h.value);
    listener.http({ method: "GET", path, headers, body: "", remoteAddress: rt.ip });
    finish({ ok: true, message: "" });
    return hook;
  }
  if (handler?.sleep) {
    const timer = clock.after(
      Number(handler.sleep.seconds ?? 0),
      () => finish({ ok: true, message: "" }),
      "sleep hook",
    );
    return {
      cancel: () => {
        over = true;
        clock.cancel(timer);
      },
    };
  }
  finish({ ok: false, message: "Cannot run handler: invalid handler" });
  return hook;
}

/** handlers.go's text for an exec handler that exited non-zero. */
function execFailure(argv: string[], container: string, code: number, output: string): string {
  return `Exec lifecycle hook ([${argv.join(" ")}]) for Container "${container}" failed - error: command '${argv.join(" ")}' exited with ${code}: ${output}, message: ${JSON.stringify(output)}`;
}

/** A named container port's number (resolvePort). */
function namedPort(port: string | undefined, c: ContainerRecord): number | undefined {
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return c.spec.ports?.find((p) => p.name === port)?.containerPort;
}
