/**
 * The bundled ingress-nginx manifests: every release and provider answers at its
 * raw.githubusercontent.com URL, parses, and differs between providers only as the project's
 * kustomizations make it (the cloud one's LoadBalancer Service and --publish-service).
 */

import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { readManifestUrl } from "../urls";
import { INGRESS_NGINX_MANIFESTS, ingressNginxManifestUrl } from ".";

const TAGS = ["controller-v1.10.1", "controller-v1.11.3", "controller-v1.12.0"];

function text(tag: string, provider: "baremetal" | "cloud"): string {
  const r = readManifestUrl(ingressNginxManifestUrl(tag, provider));
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

describe("ingress-nginx manifests", () => {
  it("serves both providers of each bundled release", () => {
    expect(Object.keys(INGRESS_NGINX_MANIFESTS)).toHaveLength(TAGS.length * 2);
    for (const tag of TAGS)
      for (const provider of ["baremetal", "cloud"] as const) {
        const docs = parseAllDocuments(text(tag, provider));
        for (const d of docs) expect(d.errors).toEqual([]);
        const version = tag.replace("controller-v", "");
        expect(text(tag, provider)).toContain(
          `image: registry.k8s.io/ingress-nginx/controller:v${version}@sha256:`,
        );
        expect(docs.map((d) => d.get("kind"))).toContain("ValidatingWebhookConfiguration");
      }
  });

  it("makes the controller Service a NodePort on bare metal and a LoadBalancer in the cloud", () => {
    const bare = text("controller-v1.11.3", "baremetal");
    const cloud = text("controller-v1.11.3", "cloud");
    expect(bare).toContain("  type: NodePort\n");
    expect(bare).not.toContain("--publish-service");
    expect(cloud).toContain("  type: LoadBalancer\n");
    expect(cloud).toContain("- --publish-service=$(POD_NAMESPACE)/ingress-nginx-controller\n");
  });
});
