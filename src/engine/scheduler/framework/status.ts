/**
 * The result of a plugin call, as the framework's Status: a code, reasons and the plugin that
 * said it. `undefined` means Success, so the fast path allocates nothing.
 */

/** Status codes (framework.Code), in upstream order. */
export enum Code {
  /** The plugin ran correctly and found the pod schedulable (or the step done). */
  Success = 0,
  /** An internal error: the pod is retried with back-off, never preempts. */
  Error = 1,
  /** The pod does not fit now; preemption might help. */
  Unschedulable = 2,
  /** The pod does not fit and preempting pods on this node will not change that. */
  UnschedulableAndUnresolvable = 3,
  /** A Permit plugin asks the pod to wait. */
  Wait = 4,
  /** The plugin has nothing to do for this pod; its later extension points are skipped. */
  Skip = 5,
}

/** The names upstream prints for codes. */
export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: "Success",
  [Code.Error]: "Error",
  [Code.Unschedulable]: "Unschedulable",
  [Code.UnschedulableAndUnresolvable]: "UnschedulableAndUnresolvable",
  [Code.Wait]: "Wait",
  [Code.Skip]: "Skip",
};

/** A non-success plugin result. */
export class Status {
  plugin = "";
  constructor(
    readonly code: Code,
    readonly reasons: string[] = [],
  ) {}

  /** The reasons joined with ", " (Status.Message). */
  message(): string {
    return this.reasons.join(", ");
  }

  /** Records which plugin said it; returns this. */
  withPlugin(name: string): Status {
    this.plugin = name;
    return this;
  }

  /** Whether the pod was rejected (Unschedulable or UnschedulableAndUnresolvable). */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
}

/** A status value: undefined is Success. */
export type MaybeStatus = Status | undefined;

/** Whether a status is Success. */
export function isSuccess(s: MaybeStatus): boolean {
  return s === undefined || s.code === Code.Success;
}

/** A new status with code and reasons. */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return new Status(code, reasons);
}

/** An Error status from an exception or text. */
export function asStatus(err: unknown): Status {
  return new Status(Code.Error, [err instanceof Error ? err.message : String(err)]);
}
