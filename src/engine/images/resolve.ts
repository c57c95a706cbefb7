/**
 * Whether an image reference can be pulled, and what it is, decided from the catalog.
 *
 * The rule for images the catalog does not hold (there is no registry to ask):
 * 1. A reference that does not parse is InvalidImageName (upper case in the repository is the
 *    usual mistake), with distribution/reference's message.
 * 2. A catalogued repository exists at the tags the catalog lists, and only those: `nginx:1.91`
 *    is not found.
 * 3. On Docker Hub, a short name (`docker.io/library/X`) that is not an official image does not
 *    exist (`ngnix`): the registry denies the pull, as Docker Hub does for a missing repository.
 * 4. On registry.k8s.io (and k8s.gcr.io or gcr.io/google-containers, its old names), a top-level repository neither
 *    catalogued nor in REGISTRY_K8S_IO_TOP_LEVEL does not exist (`registry.k8s.io/foo`); nested
 *    ones (`registry.k8s.io/sig-storage/csi-provisioner`) are too many to list and fall to rule 5.
 * 5. Anything else (a user's `docker.io/me/app`, any tag of an official image we do not catalog,
 *    `quay.io/...`, a private registry) exists at any tag as a generic image: no shell, no
 *    files, and a process that runs until it is stopped, like most servers.
 * A digest reference (`@sha256:...`) of a catalogued repository is taken to exist.
 */
import { CATALOG, DEFAULT_PATH, LISTED_REGISTRIES } from "./catalog";
import { DOCKER_OFFICIAL_IMAGES } from "./official";
import { DOCKER_HUB, type ImageRef, parseImage, referenceError } from "./reference";
import type { ImageConfig } from "./types";

/**
 * The top-level repositories of registry.k8s.io (and of k8s.gcr.io, which it took over) beyond
 * the catalogued ones: the legacy add-on and test images labs still use. Nested repositories
 * (`sig-storage/...`, `e2e-test-images/...`, `ingress-nginx/...`) are too many to list and are
 * taken to exist.
 */
export const REGISTRY_K8S_IO_TOP_LEVEL: ReadonlySet<string> = new Set(
  `addon-resizer busybox cloud-controller-manager cluster-proportional-autoscaler
  cluster-proportional-autoscaler-amd64 conformance coredns debian-base debian-iptables defaultbackend
  defaultbackend-amd64 dnsutils echoserver elasticsearch etcd event-exporter fluentd-elasticsearch
  fluentd-gcp goproxy heapster heapster-amd64 hpa-example hyperkube ip-masq-agent-amd64 jessie-dnsutils
  k8s-dns-dnsmasq-nanny k8s-dns-kube-dns k8s-dns-node-cache k8s-dns-sidecar kube-addon-manager
  kube-apiserver kube-controller-manager kube-proxy kube-scheduler kubectl kubernetes-dashboard-amd64
  kubernetes-zookeeper liveness metadata-proxy metrics-server-amd64 mounttest netexec nettest nginx-slim
  node-problem-detector node-test pause porter prometheus-to-sd redis rescheduler resource-consumer
  serve_hostname test-webserver update-demo volume-gluster volume-iscsi volume-nfs volume-rbd`
    .split(/\s+/)
    .filter(Boolean),
);

/** k8s.gcr.io is served by registry.k8s.io; the catalog knows its images under the new name. */
const REGISTRY_ALIASES: Record<string, string> = { "k8s.gcr.io": "registry.k8s.io" };

/**
 * The Google Container Registry project k8s.gcr.io fronted (`gcr.io/google-containers/busybox`
 * and its older spelling `gcr.io/google_containers/...` are `k8s.gcr.io/busybox`).
 */
const GCR_K8S_PROJECTS = ["google-containers/", "google_containers/"];

/** The registry and path a reference is filed under, old names mapped to registry.k8s.io. */
function canonical(ref: ImageRef): { registry: string; path: string } {
  const alias = REGISTRY_ALIASES[ref.registry];
  if (alias) return { registry: alias, path: ref.path };
  if (ref.registry === "gcr.io") {
    const project = GCR_K8S_PROJECTS.find((p) => ref.path.startsWith(p));
    if (project) return { registry: "registry.k8s.io", path: ref.path.slice(project.length) };
  }
  return { registry: ref.registry, path: ref.path };
}

/** The repository name the catalog files a reference under. */
function catalogName(ref: ImageRef): string {
  const c = canonical(ref);
  return `${c.registry}/${c.path}`;
}

/** The config of the image a reference names, or undefined when the catalog does not hold it. */
export function lookupImage(ref: ImageRef | string): ImageConfig | undefined {
  const r = typeof ref === "string" ? parseImage(ref) : ref;
  const entry = CATALOG.get(catalogName(r));
  if (!entry) return undefined;
  if (r.digest) return entry.config(entry.tags.has("latest") ? "latest" : ([...entry.tags][0] as string));
  return entry.tags.has(r.tag) ? entry.config(r.tag) : undefined;
}

/** The config an uncatalogued but existing image gets (rule 5): no userland; its one program, /app, runs until stopped. */
export function genericImage(ref: ImageRef): ImageConfig {
  return {
    repository: ref.repository,
    tag: ref.tag,
    version: ref.tag,
    entrypoint: ["/app"],
    cmd: [],
    env: [DEFAULT_PATH],
    workingDir: "",
    user: "",
    exposedPorts: [],
    userland: "none",
    packages: [],
    os: "distroless",
    programs: { "/app": "generic-app" },
    files: {},
    size: 0,
  };
}

/** The kubelet's waiting reasons for an image that cannot be used. */
export type ImageFailureReason = "InvalidImageName" | "ErrImagePull";

/** What a reference resolves to: an image, or why it cannot be had. */
export type ResolvedImage =
  | { ok: true; image: ImageConfig; ref: ImageRef; generic: boolean }
  | { ok: false; reason: ImageFailureReason; message: string; ref: ImageRef };

/** containerd's error when the registry has the repository but not the tag. */
export function notFoundMessage(ref: ImageRef): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
}

/** containerd's error when Docker Hub has no such repository (it answers as for a private one). */
export function accessDeniedMessage(ref: ImageRef): string {
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** The kubelet's message for a reference that does not parse (image_manager.go). */
export function invalidNameMessage(raw: string, cause: string): string {
  return `Failed to apply default image tag "${raw}": couldn't parse image reference "${raw}": ${cause}`;
}

/** Resolves what the pod spec names to an image, or the failure the kubelet reports for it. */
export function resolveImage(raw: string): ResolvedImage {
  const ref = parseImage(raw);
  const invalid = referenceError(raw);
  if (invalid)
    return { ok: false, reason: "InvalidImageName", message: invalidNameMessage(raw, invalid), ref };
  const entry = CATALOG.get(catalogName(ref));
  if (entry) {
    const image = lookupImage(ref);
    if (image) return { ok: true, image, ref, generic: false };
    return { ok: false, reason: "ErrImagePull", message: notFoundMessage(ref), ref };
  }
  if (ref.registry === DOCKER_HUB && ref.path.startsWith("library/")) {
    if (!DOCKER_OFFICIAL_IMAGES.has(ref.path.slice("library/".length)))
      return { ok: false, reason: "ErrImagePull", message: accessDeniedMessage(ref), ref };
  }
  const { registry, path } = canonical(ref);
  if (LISTED_REGISTRIES.has(registry) && !path.includes("/") && !REGISTRY_K8S_IO_TOP_LEVEL.has(path))
    return { ok: false, reason: "ErrImagePull", message: notFoundMessage(ref), ref };
  return { ok: true, image: genericImage(ref), ref, generic: true };
}
