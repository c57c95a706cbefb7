/**
 * API errors as the API server returns them (metav1.Status): a reason, an HTTP code and a
 * message. kubectl prints them as `Error from server (Reason): message`.
 */

/** The metav1.StatusReason values the simulated API server uses. */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "Unauthorized"
  | "Forbidden"
  | "BadRequest"
  | "MethodNotAllowed"
  | "TooManyRequests"
  | "UnsupportedMediaType"
  | "InternalError"
  | "ServiceUnavailable";

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Unauthorized: 401,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  UnsupportedMediaType: 415,
  InternalError: 500,
  ServiceUnavailable: 503,
};

/** One field error of an Invalid status (field.Error). */
export interface FieldCause {
  /** e.g. "FieldValueInvalid", "FieldValueRequired". */
  type: string;
  field: string;
  message: string;
}

/** metav1.StatusDetails: the kind and name an Invalid error is about ("" and "" for a patch). */
export interface StatusDetails {
  kind: string;
  name: string;
}

/** An error the API server returned. Thrown by the store; kubectl formats it. */
export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  readonly causes: FieldCause[];
  readonly details: StatusDetails | undefined;

  constructor(reason: StatusReason, message: string, causes: FieldCause[] = [], details?: StatusDetails) {
    super(message);
    this.name = "ApiError";
    this.reason = reason;
    this.code = CODES[reason];
    this.causes = causes;
    this.details = details;
  }

  /** `Error from server (NotFound): pods "x" not found`, as kubectl prints it. */
  toKubectl(): string {
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** `pods "x" not found` (resource is the qualified plural: "deployments.apps"). */
export function notFound(resource: string, name: string): ApiError {
  return new ApiError("NotFound", `${resource} "${name}" not found`);
}

/** `pods "x" already exists`. */
export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError("AlreadyExists", `${resource} "${name}" already exists`);
}

/** The optimistic-concurrency failure of an update with a stale resourceVersion. */
export function conflict(resource: string, name: string): ApiError {
  return new ApiError(
    "Conflict",
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

/**
 * `Pod "x" is invalid: [a, b]` (one cause: `Pod "x" is invalid: a`), as
 * apimachinery's errors.NewInvalid builds it. kind is the kind ("Pod"); for a group kind
 * the API server writes "Deployment.apps".
 */
export function invalid(qualifiedKind: string, name: string, causes: FieldCause[]): ApiError {
  const texts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const body = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  // StatusDetails.Kind is the GroupKind's Kind: "Deployment" for "Deployment.apps".
  const kind = qualifiedKind.split(".")[0] ?? "";
  return new ApiError("Invalid", `${qualifiedKind} "${name}" is invalid: ${body}`, causes, { kind, name });
}
