/**
 * Container images as containerd on a node sees them: normalised references, digests, sizes,
 * pull times, and which references cannot be pulled.
 *
 * Which images do not exist (a documented rule, since there is no registry to ask):
 * - a reference with uppercase letters is not a valid name (InvalidImageName);
 * - a reference whose tag or name contains one of NONEXISTENT_WORDS ("doesnotexist", "invalid",
 *   "nope", "wrong", ...) is not found in its registry (ErrImagePull, then ImagePullBackOff);
 * - a well-known misspelling of a popular image (`ngnix`, `busyboxx`) is not found either;
 * - on registry.k8s.io (and k8s.gcr.io) a near miss (edit distance 1 or 2) of a control-plane
 *   repository does not exist (`kube-schedulerr`, `kube-apiservr`), and the control-plane images
 *   have release tags only (`v1.MINOR.PATCH`, optionally `-alpha.N`/`-beta.N`/`-rc.N`, with
 *   MINOR ≤ 35 and PATCH ≤ 20): `:latest`, `:v1.32` or `:v1.32.99` are not found.
 */
import { hexDigest } from "./hash";

/** Words that make an image reference unpullable. */
export const NONEXISTENT_WORDS = [
  "doesnotexist",
  "does-not-exist",
  "notexist",
  "nonexist",
  "notfound",
  "invalid",
  "wrong",
  "nope",
  "fake",
  "broken",
  "missing",
  "typo",
];

const MISSPELLED = new Set([
  "ngnix",
  "nignx",
  "ngix",
  "nginxx",
  "busyboxx",
  "bussybox",
  "busybx",
  "redsi",
  "rediss",
]);

/** The control-plane repositories of registry.k8s.io: a near miss of one does not exist. */
export const K8S_CONTROL_PLANE_REPOSITORIES = [
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kube-proxy",
  "etcd",
  "pause",
  "coredns/coredns",
];

/** The control-plane images, whose tags are Kubernetes releases. */
const RELEASE_TAGGED = new Set(["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"]);

/** Whether a registry.k8s.io reference can name an image that exists (see the rules above). */
function existsOnK8sRegistry(ref: ImageRef): boolean {
  const m = /^(?:registry\.k8s\.io|k8s\.gcr\.io)\/(.+)$/.exec(ref.repository);
  if (!m) return true;
  const path = m[1] as string;
  if (K8S_CONTROL_PLANE_REPOSITORIES.some((r) => r !== path && editDistance(r, path) <= 2)) return false;
  if (!RELEASE_TAGGED.has(path) || ref.full.includes("@")) return true;
  const t = /^v1\.(\d{1,2})\.(\d{1,2})(?:-(?:alpha|beta|rc)\.\d+)?$/.exec(ref.tag);
  return Boolean(t && Number(t[1]) <= 35 && Number(t[2]) <= 20);
}

/** Levenshtein distance (short names only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(
        Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      );
    prev = row;
  }
  return prev[b.length] as number;
}

/** A parsed image reference. */
export interface ImageRef {
  /** What the pod spec says. */
  raw: string;
  /** docker.io/library/nginx:1.27 */
  full: string;
  /** docker.io/library/nginx */
  repository: string;
  tag: string;
  /** The last path element without the tag: nginx, busybox, kube-apiserver. */
  shortName: string;
}

/** Normalises a reference as containerd does (docker.io/library/ and :latest added). */
export function parseImage(raw: string): ImageRef {
  let ref = raw.trim();
  let digest = "";
  const at = ref.indexOf("@");
  if (at >= 0) {
    digest = ref.slice(at);
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
  let repository = ref;
  if (!hasHost) repository = parts.length === 1 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
  const shortName = (repository.split("/").pop() ?? repository).toLowerCase();
  return {
    raw,
    full: digest ? `${repository}${digest}` : `${repository}:${tag}`,
    repository,
    tag,
    shortName,
  };
}

/** Why an image cannot be used, or undefined when it can be pulled. */
export type PullProblem =
  | { reason: "InvalidImageName"; message: string }
  | { reason: "ErrImagePull"; message: string };

/** The problem pulling raw, as containerd and the kubelet word it. */
export function pullProblem(raw: string): PullProblem | undefined {
  if (raw !== raw.toLowerCase() || /\s/.test(raw) || raw === "") {
    const ref = parseImage(raw);
    const repo = ref.repository.replace(/^docker\.io\//, "");
    return {
      reason: "InvalidImageName",
      message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": invalid reference format: repository name (${repo}) must be lowercase`,
    };
  }
  const ref = parseImage(raw);
  const lower = raw.toLowerCase();
  if (
    NONEXISTENT_WORDS.some((w) => lower.includes(w)) ||
    MISSPELLED.has(ref.shortName) ||
    !existsOnK8sRegistry(ref)
  ) {
    return {
      reason: "ErrImagePull",
      message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`,
    };
  }
  return undefined;
}

const KNOWN_SIZES: Record<string, number> = {
  nginx: 72_099_410,
  busybox: 2_155_536,
  alpine: 3_652_536,
  redis: 45_006_372,
  httpd: 58_128_394,
  ubuntu: 29_754_422,
  pause: 320_368,
  "kube-apiserver": 28_671_624,
  "kube-controller-manager": 26_259_392,
  "kube-scheduler": 20_657_536,
  "kube-proxy": 30_908_624,
  etcd: 57_680_541,
  coredns: 18_562_039,
  flannel: 32_196_364,
  "flannel-cni-plugin": 4_856_838,
  mysql: 170_000_123,
  postgres: 158_112_222,
  memcached: 35_012_333,
  "fluentd-elasticsearch": 140_051_215,
};

/** Size in bytes of an image (known sizes for common images, otherwise derived from the name). */
export function imageSize(ref: ImageRef): number {
  const known = KNOWN_SIZES[ref.shortName];
  if (known) return known;
  return 5_000_000 + (Number.parseInt(hexDigest(ref.full, 8), 16) % 90_000_000);
}

/** The repo digest containerd reports: docker.io/library/nginx@sha256:<64 hex>. */
export function imageDigest(ref: ImageRef): string {
  return `${ref.repository}@sha256:${hexDigest(ref.full, 64)}`;
}

/** The image id (config digest) crictl prints: sha256:<64 hex>. */
export function imageId(ref: ImageRef): string {
  return `sha256:${hexDigest(`config:${ref.full}`, 64)}`;
}

/** Seconds a pull takes: a registry round trip plus the layers at ~80 MB/s, to the millisecond. */
export function pullSeconds(ref: ImageRef): number {
  return Math.round((0.3 + imageSize(ref) / 80_000_000) * 1000) / 1000;
}

/** A Go time.Duration string truncated to milliseconds: "1.201s", "328ms", "2m3.5s". */
export function goDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60000);
  const s = (ms % 60000) / 1000;
  const sText = `${Number(s.toFixed(3))}s`;
  return m > 0 ? `${m}m${sText}` : sText;
}

/** The pull policy a pod gets when it names none (`:latest` or no tag → Always). */
export function defaultPullPolicy(raw: string): "Always" | "IfNotPresent" {
  if (raw.includes("@")) return "IfNotPresent";
  return parseImage(raw).tag === "latest" ? "Always" : "IfNotPresent";
}
