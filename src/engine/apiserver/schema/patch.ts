/**
 * The API server's patch handler (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
 * a patched object that does not decode is refused with an Invalid status about no kind and no
 * name, one cause on the field "patch" whose value is the patch (a strategic merge patch, printed
 * as Go's %+v prints the map) or the patched object's JSON (JSON and merge patches), and whose
 * detail is the decoder's error. kubectl prints it as
 * `The request is invalid: patch: Invalid value: "map[spec:map[replicas:three]]": unrecognized type: int32`.
 */
import { ApiError } from "../../api/errors";
import type { KubeObject } from "../../api/types";
import { invalidField } from "../field";
import { fromUnstructuredError, goValue } from "./convert";
import { decodeTyped } from "./decode";
import { kindDefinition, kubernetesSchema, strictDecodingText } from "./strict";

const definitions = kubernetesSchema.definitions;

/**
 * The kind the request is for: the patch handler decodes into the type its URL names (the
 * patched object's own kind and apiVersion are fields to decode like any other).
 */
type TypeMeta = { apiVersion: string; kind: string };

/** errors.NewInvalid(schema.GroupKind{}, "", field.Invalid(field.NewPath("patch"), value, detail)). */
function invalidPatch(value: string, detail: string): ApiError {
  const cause = invalidField("patch", value, detail);
  return new ApiError("Invalid", ` "" is invalid: patch: ${cause.message}`, [cause], { kind: "", name: "" });
}

/**
 * A strategic merge patch (smpPatcher): the patched map goes through the unstructured converter
 * (`unrecognized type: int32`, `cannot restore slice from string`), then strict field checks.
 * patch is the patch as sent, patched the object it produced, target the object patched.
 */
export function patchDecodingError(
  patch: unknown,
  patched: KubeObject,
  target: TypeMeta = patched,
): ApiError | undefined {
  const def = kindDefinition(target.apiVersion, target.kind);
  if (!def) return undefined;
  const detail =
    fromUnstructuredError(patched, { $ref: `#/definitions/${def}` }, definitions) ??
    strictDecodingText(patched);
  return detail === undefined ? undefined : invalidPatch(goValue(patch), detail);
}

/**
 * A JSON or merge patch (jsonPatcher): the patched JSON is decoded as a request body is, so the
 * detail is encoding/json's text (`json: cannot unmarshal string into Go struct field ...`).
 */
export function jsonPatchDecodingError(
  patched: KubeObject,
  target: TypeMeta = patched,
): ApiError | undefined {
  const def = kindDefinition(target.apiVersion, target.kind);
  if (!def) return undefined;
  const json = JSON.stringify(patched);
  const typed = decodeTyped(JSON.parse(json), def, definitions);
  const detail = typed.ok ? strictDecodingText(patched) : typed.message;
  return detail === undefined ? undefined : invalidPatch(json, detail);
}
