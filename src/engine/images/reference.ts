/**
 * Image references as containerd normalises them (distribution/reference's ParseNormalizedNamed):
 * a short name gets `docker.io/library/`, a user repository `docker.io/`, and no tag `:latest`.
 */

/** A parsed, normalised image reference. */
export interface ImageRef {
  /** What the pod spec says. */
  raw: string;
  /** docker.io/library/nginx:1.27 (or repository@sha256:... for a digest reference). */
  full: string;
  /** docker.io/library/nginx */
  repository: string;
  /** The registry host: docker.io, registry.k8s.io, quay.io. */
  registry: string;
  /** The repository path inside its registry: library/nginx, e2e-test-images/agnhost. */
  path: string;
  /** The tag (`latest` when none is given). */
  tag: string;
  /** `sha256:...` when the reference names a digest. */
  digest?: string;
  /** The last path element without the tag: nginx, busybox, kube-apiserver. */
  shortName: string;
}

/** Docker Hub's canonical host (index.docker.io and registry-1.docker.io are aliases). */
export const DOCKER_HUB = "docker.io";

/** Normalises a reference as containerd does (docker.io/library/ and :latest added). */
export function parseImage(raw: string): ImageRef {
  let ref = raw.trim();
  let digest: string | undefined;
  const at = ref.indexOf("@");
  if (at >= 0) {
    digest = ref.slice(at + 1);
    ref = ref.slice(0, at);
  }
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  let tag = "latest";
  if (colon > slash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const parts = ref.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = DOCKER_HUB;
  let path = ref;
  if (hasHost) {
    registry = first === "index.docker.io" || first === "registry-1.docker.io" ? DOCKER_HUB : first;
    path = parts.slice(1).join("/");
  }
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  const repository = `${registry}/${path}`;
  const shortName = (path.split("/").pop() ?? path).toLowerCase();
  return {
    raw,
    full: digest ? `${repository}@${digest}` : `${repository}:${tag}`,
    repository,
    registry,
    path,
    tag,
    ...(digest ? { digest } : {}),
    shortName,
  };
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/**
 * Why a reference cannot be parsed, worded as distribution/reference words it, or undefined when
 * it is valid. Upper case in the repository is the common case:
 * `invalid reference format: repository name (library/NGINX) must be lowercase`.
 */
export function referenceError(raw: string): string | undefined {
  if (raw === "" || /\s/.test(raw)) return "invalid reference format";
  const ref = parseImage(raw);
  if (/^[a-f0-9]{64}$/.test(raw))
    return `invalid repository name (${raw}), cannot specify 64-byte hexadecimal strings`;
  if (ref.path !== ref.path.toLowerCase())
    return `invalid reference format: repository name (${ref.path}) must be lowercase`;
  if (!ref.path.split("/").every((c) => PATH_COMPONENT.test(c))) return "invalid reference format";
  if (!TAG.test(ref.tag)) return "invalid reference format";
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return "invalid reference format";
  return undefined;
}
