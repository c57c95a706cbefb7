/** admission.NewForbidden: `pods "x" is forbidden: reason`. */
import { ApiError } from "../../api/errors";
import type { AdmissionRequest } from "../../api/interface";
import { qualifiedPlural, resourceForKind } from "../../api/resources";

/** The Forbidden error an admission plugin returns for the object of request. */
export function admissionForbidden(request: AdmissionRequest, reason: string): ApiError {
  const obj = request.object ?? request.oldObject;
  const res = obj ? resourceForKind(obj.kind) : undefined;
  const resource = res ? qualifiedPlural(res) : "";
  return new ApiError("Forbidden", `${resource} "${obj?.metadata.name ?? ""}" is forbidden: ${reason}`);
}

/** apimachinery's Aggregate error text: one message alone, several as `[a, b]`. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? (messages[0] as string) : `[${messages.join(", ")}]`;
}
