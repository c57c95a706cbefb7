/** A kustomize build error: kubectl prints its message after "error: ". */
export class KustomizeError extends Error {
  /** The deprecation warnings printed before the build failed (set by build). */
  warnings: string[] = [];
}
