// Routing of ingress-nginx. Tables ported from kubernetes/ingress-nginx controller-v1.11.3:
// internal/ingress/controller/template/template_test.go (tmplFuncTestcases' Path, Target,
// Location and enforceRegex columns for TestBuildLocation; TestEnforceRegexModifier) and
// test/e2e/annotations/rewrite.go (the requests and the request_uri the echo backend saw); and
// from the Kubernetes documentation's Ingress path matching and hostname wildcard tables
// (content/en/docs/concepts/services-networking/ingress.md), where ingress-nginx's answers are
// the ones its code gives (rows where it differs from the table are marked).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import {
  buildLocation,
  buildServers,
  enforceRegexModifier,
  type Location,
  matchServer,
  route,
} from "./routing";

let created = 0;

/** An Ingress with one rule; paths as [path, pathType] pairs, each to Service `svc-INDEX`. */
function ingress(
  name: string,
  host: string | undefined,
  paths: [string, string][],
  annotations: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): KubeObject {
  created++;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name,
      namespace: "default",
      annotations,
      creationTimestamp: `2026-01-01T00:00:${String(created).padStart(2, "0")}Z`,
    },
    spec: {
      ingressClassName: "nginx",
      rules: [
        {
          ...(host ? { host } : {}),
          http: {
            paths: paths.map(([path, pathType], i) => ({
              path,
              pathType,
              backend: { service: { name: `svc-${i}`, port: { number: 80 } } },
            })),
          },
        },
      ],
      ...extra,
    },
  } as KubeObject;
}

/** Where a request lands: the Service, or `default` for the default backend's 404. */
function landing(ings: KubeObject[], host: string, uri: string): string {
  const r = route(buildServers(ings), "http", host, uri);
  if (r.kind === "proxy") return `${r.backend.service} ${r.path}`;
  return r.kind;
}

function loc(path: string, rewriteTarget = ""): Location {
  return {
    path,
    pathType: "Prefix",
    backend: { kind: "default" },
    isDefBackend: false,
    rewriteTarget,
    useRegex: false,
    sslRedirect: true,
    forceSslRedirect: false,
  };
}

describe("buildLocation (TestBuildLocation)", () => {
  // [name, Path, Target, Location, enforceRegex]
  const table: [string, string, string, string, boolean][] = [
    ["when secure backend enabled", "/", "/", "/", false],
    ["invalid redirect / to /", "/", "/", "/", false],
    ["redirect / to /jenkins", "/", "/jenkins", '~* "^/"', true],
    ["redirect / to /something with sticky enabled", "/", "/something", '~* "^/"', true],
    ["add the X-Forwarded-Prefix header", "/there", "/something", '~* "^/there"', true],
    [
      "use ~* location modifier when ingress does not use rewrite/regex target but at least one other ingress does",
      "/something",
      "/something",
      '~* "^/something"',
      true,
    ],
  ];
  it.each(table)("%s", (_name, path, target, expected, enforceRegex) => {
    expect(buildLocation(loc(path, target), enforceRegex)).toBe(expected);
  });

  it("writes an Exact path with the = modifier", () => {
    expect(buildLocation({ ...loc("/foo"), pathType: "Exact" }, false)).toBe("= /foo");
  });

  it("enforces the regex modifier when one location rewrites or uses regex (TestEnforceRegexModifier)", () => {
    expect(enforceRegexModifier([{ ...loc("/ok", "/alright"), useRegex: true }])).toBe(true);
    expect(enforceRegexModifier([loc("/ok"), loc("/ok2", "/ok2")])).toBe(false);
    expect(enforceRegexModifier([loc("/ok"), loc("/there", "/something")])).toBe(true);
  });
});

describe("path matching (the Ingress documentation's examples)", () => {
  // [pathType, paths, request, landing service or "default"]
  const table: [string, string[], string, string][] = [
    ["Prefix", ["/"], "/anything/at/all", "svc-0"],
    ["Exact", ["/foo"], "/foo", "svc-0"],
    ["Exact", ["/foo"], "/bar", "default"],
    ["Exact", ["/foo"], "/foo/", "default"],
    ["Exact", ["/foo/"], "/foo", "default"],
    ["Prefix", ["/foo"], "/foo", "svc-0"],
    ["Prefix", ["/foo"], "/foo/", "svc-0"],
    ["Prefix", ["/foo/"], "/foo/", "svc-0"],
    // The table says yes; ingress-nginx keeps `/foo/` and adds only an Exact `/foo/`
    // (updateServerLocations), so `/foo` falls to the default backend.
    ["Prefix", ["/foo/"], "/foo", "default"],
    ["Prefix", ["/aaa/bb"], "/aaa/bbb", "default"],
    ["Prefix", ["/aaa/bbb"], "/aaa/bbb", "svc-0"],
    // The table's "Yes, ignores trailing slash": not so in ingress-nginx, as above.
    ["Prefix", ["/aaa/bbb/"], "/aaa/bbb", "default"],
    ["Prefix", ["/aaa/bbb"], "/aaa/bbb/", "svc-0"],
    ["Prefix", ["/aaa/bbb"], "/aaa/bbb/ccc", "svc-0"],
    ["Prefix", ["/aaa/bbb"], "/aaa/bbbxyz", "default"],
    ["Prefix", ["/", "/aaa"], "/aaa/ccc", "svc-1"],
    ["Prefix", ["/", "/aaa", "/aaa/bbb"], "/aaa/bbb", "svc-2"],
    ["Prefix", ["/", "/aaa", "/aaa/bbb"], "/ccc", "svc-0"],
    ["Prefix", ["/aaa"], "/ccc", "default"],
    // ImplementationSpecific is Prefix in ingress-nginx (SetDefaultNGINXPathType).
    ["ImplementationSpecific", ["/aaa"], "/aaa/x", "svc-0"],
    ["ImplementationSpecific", ["/aaa"], "/aaaxyz", "default"],
  ];
  it.each(table)("%s %j, request %s", (pathType, paths, request, expected) => {
    const ing = ingress(
      "paths",
      "foo.bar.com",
      paths.map((p) => [p, pathType]),
    );
    expect(landing([ing], "foo.bar.com", request).split(" ")[0]).toBe(expected);
  });

  it("prefers Exact over Prefix for the same path (Mixed)", () => {
    const ing = ingress("mixed", "foo.bar.com", [
      ["/foo", "Prefix"],
      ["/foo", "Exact"],
    ]);
    expect(landing([ing], "foo.bar.com", "/foo")).toBe("svc-1 /foo");
    expect(landing([ing], "foo.bar.com", "/foo/x")).toBe("svc-0 /foo/x");
  });
});

describe("hosts", () => {
  it("matches wildcards on one label only (the documentation's hostname wildcard table)", () => {
    const servers = buildServers([ingress("w", "*.foo.com", [["/", "Prefix"]])]);
    expect(matchServer(servers, "bar.foo.com")?.hostname).toBe("*.foo.com");
    expect(matchServer(servers, "baz.bar.foo.com")?.hostname).toBe("_");
    expect(matchServer(servers, "foo.com")?.hostname).toBe("_");
  });

  it("ignores the Host header's port and case, and sends unknown hosts to the default backend", () => {
    const ings = [ingress("h", "foo.bar.com", [["/", "Prefix"]])];
    expect(landing(ings, "FOO.bar.com:31080", "/")).toBe("svc-0 /");
    expect(landing(ings, "other.example", "/")).toBe("default");
  });

  it("serves rules without a host on the catch-all server", () => {
    const ings = [ingress("nohost", undefined, [["/app", "Prefix"]])];
    expect(landing(ings, "10.0.0.1", "/app/x")).toBe("svc-0 /app/x");
    expect(landing(ings, "10.0.0.1", "/other")).toBe("default");
  });

  it("sends a host's unmatched paths to the Ingress's defaultBackend", () => {
    const ings = [
      ingress(
        "db",
        "foo.bar.com",
        [["/app", "Prefix"]],
        {},
        {
          defaultBackend: { service: { name: "fallback", port: { number: 80 } } },
        },
      ),
    ];
    expect(landing(ings, "foo.bar.com", "/zzz")).toBe("fallback /zzz");
  });

  it("lets the oldest Ingress keep a host and path another one also claims", () => {
    const first = ingress("first", "foo.bar.com", [["/", "Prefix"]]);
    const second = ingress("second", "foo.bar.com", [
      ["/", "Prefix"],
      ["/x", "Prefix"],
    ]);
    const servers = buildServers([second, first]);
    const root = matchServer(servers, "foo.bar.com")?.locations.find((l) => l.path === "/");
    expect(root?.ingress).toBe("default/first");
    expect(landing([second, first], "foo.bar.com", "/x")).toBe("svc-1 /x");
  });
});

describe("rewrite-target (test/e2e/annotations/rewrite.go)", () => {
  const host = "rewrite.bar.com";
  const rewrite = (target: string, regex = false) => ({
    "nginx.ingress.kubernetes.io/rewrite-target": target,
    ...(regex ? { "nginx.ingress.kubernetes.io/use-regex": "true" } : {}),
  });

  it("should use correct longest path match", () => {
    const lego = ingress("kube-lego", host, [["/.well-known/acme/challenge", "Prefix"]]);
    const index = ingress("rewrite-index", host, [["/", "Prefix"]], rewrite("/new/backend"));
    const server = matchServer(buildServers([lego, index]), host);
    const locations = server?.locations.map((l) => buildLocation(l, true));
    expect(locations).toContain('~* "^/"');
    expect(locations).toContain('~* "^/.well-known/acme/challenge"');
    expect(landing([lego, index], host, "/.well-known/acme/challenge")).toBe(
      "svc-0 /.well-known/acme/challenge",
    );
  });

  it("should use ~* location modifier if regex annotation is present", () => {
    const foo = ingress("foo", host, [["/foo", "Prefix"]]);
    const regex = ingress("regex", host, [["/foo.+", "Prefix"]], rewrite("/new/backend", true));
    expect(landing([foo, regex], host, "/foo")).toBe("svc-0 /foo");
    expect(landing([foo, regex], host, "/foo/bar")).toBe("svc-0 /new/backend");
  });

  it("should fail to use longest match for documented warning", () => {
    const foo = ingress("foo", host, [["/foo/bar/bar", "Prefix"]]);
    const regex = ingress("regex", host, [["/foo/bar/[a-z]{3}", "Prefix"]], rewrite("/new/backend", true));
    expect(landing([foo, regex], host, "/foo/bar/bar")).toBe("svc-0 /new/backend");
  });

  it("should allow for custom rewrite parameters", () => {
    const regex = ingress("regex", host, [["/foo/bar/(.+)", "Prefix"]], rewrite("/new/backend/$1", true));
    expect(landing([regex], host, "/foo/bar/bar")).toBe("svc-0 /new/backend/bar");
  });

  it("rewrites with capture groups as the rewrite documentation's example does", () => {
    // docs/examples/rewrite: path /something(/|$)(.*) with rewrite-target /$2.
    const ing = ingress(
      "rewrite",
      host,
      [["/something(/|$)(.*)", "ImplementationSpecific"]],
      rewrite("/$2", true),
    );
    expect(landing([ing], host, "/something")).toBe("svc-0 /");
    expect(landing([ing], host, "/something/")).toBe("svc-0 /");
    expect(landing([ing], host, "/something/new")).toBe("svc-0 /new");
    expect(landing([ing], host, "/something/new?x=1")).toBe("svc-0 /new?x=1");
  });
});

describe("ssl-redirect", () => {
  const tls = { tls: [{ hosts: ["secure.example"], secretName: "secure-tls" }] };

  it("redirects plain HTTP to HTTPS with 308 for a TLS host", () => {
    const ings = [ingress("s", "secure.example", [["/", "Prefix"]], {}, tls)];
    expect(route(buildServers(ings), "http", "secure.example:30080", "/a?b=1")).toMatchObject({
      kind: "redirect",
      status: 308,
      location: "https://secure.example/a?b=1",
    });
    expect(route(buildServers(ings), "https", "secure.example", "/a").kind).toBe("proxy");
  });

  it("does not redirect when ssl-redirect is false, and always with force-ssl-redirect", () => {
    const off = [
      ingress(
        "s",
        "secure.example",
        [["/", "Prefix"]],
        { "nginx.ingress.kubernetes.io/ssl-redirect": "false" },
        tls,
      ),
    ];
    expect(route(buildServers(off), "http", "secure.example", "/").kind).toBe("proxy");
    const forced = [
      ingress("f", "plain.example", [["/", "Prefix"]], {
        "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
      }),
    ];
    expect(route(buildServers(forced), "http", "plain.example", "/").kind).toBe("redirect");
  });
});
