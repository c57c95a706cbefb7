/**
 * The URL table for `kubectl apply -f URL`: the documentation's examples at every URL the docs
 * give them, what a missing example answers (the site's 404, as kubectl v1.32 reports it), and
 * the DNS failure every other host gets.
 */
import { describe, expect, it } from "vitest";
import { WEBSITE_EXAMPLES } from "./examples/website-examples";
import {
  LOCAL_PATH_EXAMPLE_POD,
  LOCAL_PATH_EXAMPLE_PVC,
  LOCAL_PATH_STORAGE_V0_0_30,
} from "./local-path-provisioner-v0.0.30";
import { EXAMPLE_URL_PREFIXES, examplePath, readManifestUrl } from "./urls";

const PATH = "pods/probe/exec-liveness.yaml";

describe("readManifestUrl", () => {
  it.each([
    `https://k8s.io/examples/${PATH}`,
    `https://kubernetes.io/examples/${PATH}`,
    `https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/${PATH}`,
    `http://k8s.io/examples/${PATH}`,
  ])("serves the bundled example at %s", (url) => {
    expect(readManifestUrl(url)).toEqual({ ok: true, text: WEBSITE_EXAMPLES[PATH] });
  });

  it("maps each prefix to the path under content/en/examples/", () => {
    for (const prefix of EXAMPLE_URL_PREFIXES) expect(examplePath(`${prefix}${PATH}`)).toBe(PATH);
    expect(examplePath("https://k8s.io/docs/home/")).toBeUndefined();
    expect(examplePath("https://raw.githubusercontent.com/kubernetes/website/release-1.32/x.yaml")).toBe(
      undefined,
    );
  });

  it("answers a path the site does not have with kubectl's report of the 404 (visitor.go readHttpWithRetries)", () => {
    for (const prefix of EXAMPLE_URL_PREFIXES) {
      const url = `${prefix}pods/no-such-example.yaml`;
      expect(readManifestUrl(url)).toEqual({
        ok: false,
        error: `error: unable to read URL "${url}", server reported 404 Not Found, status code=404`,
      });
    }
  });

  it("fails other hosts as an unresolvable name", () => {
    expect(readManifestUrl("https://example.com/x.yaml")).toEqual({
      ok: false,
      error: "Unable to connect to the server: dial tcp: lookup example.com on 127.0.0.53:53: no such host",
    });
  });

  it("bundles only manifests, each of which parses", async () => {
    const { parseAllDocuments } = await import("yaml");
    const paths = Object.keys(WEBSITE_EXAMPLES);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p).toMatch(/\.(ya?ml|json)$/);
      for (const doc of parseAllDocuments(WEBSITE_EXAMPLES[p] ?? "")) expect(doc.errors, p).toEqual([]);
    }
  });

  it("serves local-path-provisioner v0.0.30 at its tag and at master (pinned), with the README's examples", () => {
    const repo = "https://raw.githubusercontent.com/rancher/local-path-provisioner";
    for (const ref of ["v0.0.30", "master"]) {
      expect(readManifestUrl(`${repo}/${ref}/deploy/local-path-storage.yaml`)).toEqual({
        ok: true,
        text: LOCAL_PATH_STORAGE_V0_0_30,
      });
      expect(readManifestUrl(`${repo}/${ref}/examples/pvc/pvc.yaml`)).toEqual({
        ok: true,
        text: LOCAL_PATH_EXAMPLE_PVC,
      });
      expect(readManifestUrl(`${repo}/${ref}/examples/pod/pod.yaml`)).toEqual({
        ok: true,
        text: LOCAL_PATH_EXAMPLE_POD,
      });
    }
    expect(LOCAL_PATH_STORAGE_V0_0_30).toContain("image: rancher/local-path-provisioner:v0.0.30\n");
    expect(LOCAL_PATH_STORAGE_V0_0_30.endsWith("        imagePullPolicy: IfNotPresent\n")).toBe(true);
  });
});
