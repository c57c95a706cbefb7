// The admission checks of ingress-nginx. TestValidatePathType's table ported from
// kubernetes/ingress-nginx controller-v1.11.3 internal/ingress/inspector/inspector_test.go;
// the overlap cases follow checkOverlap in internal/ingress/controller/controller.go.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { buildServers } from "./routing";
import { checkOverlap, validatePathType } from "./webhook";

function ing(
  name: string,
  host: string | undefined,
  paths: [string, string][],
  created = "2026-01-01T00:00:00Z",
) {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: "default", creationTimestamp: created },
    spec: {
      rules: [
        {
          ...(host ? { host } : {}),
          http: {
            paths: paths.map(([path, pathType]) => ({
              path,
              pathType,
              backend: { service: { name: "svc", port: { number: 80 } } },
            })),
          },
        },
      ],
    },
  } as KubeObject;
}

describe("validatePathType (TestValidatePathType)", () => {
  it("valid should not return an error", () => {
    expect(validatePathType(ing("v", undefined, [["/xpto/lala", "Exact"]]))).toEqual([]);
  });

  it("empty should not return an error", () => {
    expect(validatePathType(ing("e", undefined, [["", "Exact"]]))).toEqual([]);
    expect(
      validatePathType(
        ing("i", undefined, [
          ["/foo.+", "ImplementationSpecific"],
          ["xpto/lala", "ImplementationSpecific"],
        ]),
      ),
    ).toEqual([]);
  });

  it("invalid should return multiple errors", () => {
    const invalid = ing("x", undefined, [
      ["/foo.+", "Exact"],
      ["xpto/lala", "Exact"],
      ["/xpto/lala", "Exact"],
      ["/foo/bar/[a-z]{3}", "Prefix"],
      ["/lala/xp\ntest", "Prefix"],
    ]);
    expect(validatePathType(invalid)).toEqual([
      "path /foo.+ cannot be used with pathType Exact",
      "path xpto/lala cannot be used with pathType Exact",
      "path /foo/bar/[a-z]{3} cannot be used with pathType Prefix",
      "path /lala/xp\ntest cannot be used with pathType Prefix",
    ]);
  });
});

describe("checkOverlap", () => {
  const one = ing("one", "foo.example", [["/app", "Prefix"]], "2026-01-01T00:00:01Z");

  it("refuses a host and path another Ingress holds, naming it", () => {
    const two = ing("two", "foo.example", [["/app", "Prefix"]], "2026-01-01T00:00:02Z");
    expect(checkOverlap(two, buildServers([one, two]))).toBe(
      'host "foo.example" and path "/app" is already defined in ingress default/one',
    );
  });

  it("names the catch-all server `_` for rules without a host", () => {
    const a = ing("a", undefined, [["/", "Prefix"]], "2026-01-01T00:00:01Z");
    const b = ing("b", undefined, [["/", "Prefix"]], "2026-01-01T00:00:02Z");
    expect(checkOverlap(b, buildServers([a, b]))).toBe(
      'host "_" and path "/" is already defined in ingress default/a',
    );
  });

  it("lets an Ingress update its own paths, and other hosts or paths through", () => {
    expect(checkOverlap(one, buildServers([one]))).toBeUndefined();
    const other = ing("other", "bar.example", [["/app", "Prefix"]], "2026-01-01T00:00:02Z");
    expect(checkOverlap(other, buildServers([one, other]))).toBeUndefined();
    const exact = ing("exact", "foo.example", [["/app2", "Exact"]], "2026-01-01T00:00:02Z");
    expect(checkOverlap(exact, buildServers([one, exact]))).toBeUndefined();
  });
});
