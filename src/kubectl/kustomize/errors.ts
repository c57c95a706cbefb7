/** A kustomize build error: kubectl prints its message after "error: ". */
export class KustomizeError extends Error {}
