/**
 * Container images as containerd on a node sees them: normalised references, digests, sizes,
 * pull times, and which references cannot be pulled — a thin adapter over the image catalog
 * (engine/images), whose resolve.ts states the rule for images it does not hold.
 */
import { type ImageRef, lookupImage, parseImage, resolveImage } from "../images";
import { hexDigest } from "./hash";

export { type ImageRef, parseImage };

/** Why an image cannot be used, or undefined when it can be pulled. */
export type PullProblem =
  | { reason: "InvalidImageName"; message: string }
  | { reason: "ErrImagePull"; message: string };

/** The problem pulling raw, as containerd and the kubelet word it (from the catalog). */
export function pullProblem(raw: string): PullProblem | undefined {
  const r = resolveImage(raw);
  return r.ok ? undefined : { reason: r.reason, message: r.message };
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

/** Size in bytes of an image (the catalog's, then known sizes, otherwise derived from the name). */
export function imageSize(ref: ImageRef): number {
  const catalogued = lookupImage(ref)?.size;
  if (catalogued) return catalogued;
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
