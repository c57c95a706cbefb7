// The proxy subresources' name parsing: the table of apimachinery/pkg/util/net/port_split_test.go
// (TestSplitSchemeNamePort), and the paths that name a proxy.
import { describe, expect, it } from "vitest";
import { proxyTarget, splitSchemeNamePort } from "./proxy";

describe("splitSchemeNamePort", () => {
  const table: { in: string; scheme?: string; name?: string; port?: string; valid: boolean }[] = [
    { in: "aoeu:asdf", name: "aoeu", port: "asdf", valid: true },
    { in: "http:aoeu:asdf", scheme: "http", name: "aoeu", port: "asdf", valid: true },
    { in: "https:aoeu:", scheme: "https", name: "aoeu", port: "", valid: true },
    { in: "https:aoeu:asdf", scheme: "https", name: "aoeu", port: "asdf", valid: true },
    { in: "aoeu:", name: "aoeu", valid: true },
    { in: "aoeu", name: "aoeu", valid: true },
    { in: ":asdf", valid: false },
    { in: "aoeu:asdf:htns", valid: false },
    { in: "http::asdf", valid: false },
    { in: "http::", valid: false },
    { in: "", valid: false },
  ];
  for (const t of table)
    it(`splits ${JSON.stringify(t.in)}`, () => {
      const got = splitSchemeNamePort(t.in);
      if (!t.valid) expect(got).toBeUndefined();
      else expect(got).toEqual({ scheme: t.scheme ?? "", name: t.name ?? "", port: t.port ?? "" });
    });
});

describe("proxyTarget", () => {
  it("names the pod or Service and the backend path with its query", () => {
    expect(proxyTarget("/api/v1/namespaces/default/pods/web-0:8080/proxy/")).toEqual({
      namespace: "default",
      resource: "pods",
      id: "web-0:8080",
      path: "/",
    });
    expect(proxyTarget("/api/v1/namespaces/ns/services/https:web:443/proxy/a/b?x=1")).toEqual({
      namespace: "ns",
      resource: "services",
      id: "https:web:443",
      path: "/a/b?x=1",
    });
    expect(proxyTarget("/api/v1/namespaces/default/pods/web-0/proxy")?.path).toBe("/");
    expect(proxyTarget("/api/v1/namespaces/default/pods/web-0")).toBeUndefined();
    expect(proxyTarget("/api/v1/namespaces/default/pods/web-0/log")).toBeUndefined();
  });
});
