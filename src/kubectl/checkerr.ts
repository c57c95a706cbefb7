/**
 * How kubectl prints the errors a command ends with (cmdutil.checkErr and StandardErrorMessage in
 * staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go). One error: an Invalid status prints as
 * `The Pod "x" is invalid: spec.containers: Required value` (one `* field: message` line per cause
 * when there are several); any other status as `Error from server (Reason): message`; anything
 * else as `error: message`. Several errors (an aggregate) print one line each, statuses as
 * `Error from server (Reason): ...` and the rest without the `error: ` prefix.
 */
import type { ApiError } from "../engine/api/errors";
import { goQuote } from "../engine/apiserver/field";
import type { Invocation } from "./command";

/** One object's failure in a -f command: AddSourceToErr's text and the server's status, if any. */
export interface ObjectError {
  /** `error when creating "x.yaml": Pod "x" is invalid: ...` (without any prefix). */
  message: string;
  /** The status the server returned; its reason and details survive AddSourceToErr. */
  status?: ApiError;
}

/** cmdutil.AddSourceToErr: `error when VERB "SOURCE": MESSAGE`, keeping the status. */
export function sourceError(verb: string, source: string, e: ApiError): ObjectError {
  return { message: `error when ${verb} "${source}": ${e.message}`, status: e };
}

/** The checkErr text of an Invalid status with details (no trailing newline). */
export function invalidMessage(e: ApiError): string {
  const d = e.details;
  let s = "The request is invalid";
  if (d && (d.kind || d.name)) s = `The ${d.kind} ${goQuote(d.name)} is invalid`;
  else if (e.causes.length === 0) s += `: ${e.message}`;
  if (e.causes.length === 0) return s;
  // statusCausesToAggrError: "field: message", duplicates dropped.
  const lines = [...new Set(e.causes.map((c) => `${c.field}: ${c.message}`))];
  if (lines.length === 1) return `${s}: ${lines[0]}`;
  return `${s}: \n${lines.map((l) => `* ${l}`).join("\n")}`;
}

function standard(e: ObjectError | string): string {
  if (typeof e === "string") return e;
  return e.status ? `Error from server (${e.status.reason}): ${e.message}` : `error: ${e.message}`;
}

/**
 * Prints the errors a -f command collected (ObjectErrors, or lines already in their one-error
 * form such as the manifest reader's `error: error parsing ...`) and sets exit 1 if any.
 */
export function reportErrors(inv: Invocation, errors: (ObjectError | string)[]): void {
  if (errors.length === 0) return;
  inv.exit = 1;
  if (errors.length === 1) {
    const e = errors[0] as ObjectError | string;
    if (typeof e !== "string" && e.status?.reason === "Invalid" && e.status.details) {
      inv.err(`${invalidMessage(e.status)}\n`);
      return;
    }
    inv.err(`${standard(e)}\n`);
    return;
  }
  // MultipleErrors: messageForError, which adds no "error: " prefix.
  for (const e of errors) inv.err(`${standard(e).replace(/^error: /, "")}\n`);
}
