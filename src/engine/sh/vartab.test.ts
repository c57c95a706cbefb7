// ash's and dash's variable table order (busybox shell/ash.c and dash src/var.c: hashvar,
// VTABSIZE 39, varinit first in a bucket), as `sh -c env` prints a container's environment.
import { describe, expect, it } from "vitest";
import { environOrder, scriptExecEnviron, varBucket } from "./vartab";

describe("varBucket", () => {
  it("is hashvar: the first character shifted four bits plus each character, mod 39", () => {
    // H=72: (72 << 4) + 72+79+77+69 = 1449, 1449 % 39 = 6.
    expect(varBucket("HOME")).toBe(6);
    expect(varBucket("PATH")).toBe(21);
    expect(varBucket("PWD")).toBe(33);
    expect(varBucket("HOSTNAME")).toBe(4);
  });
});

describe("environOrder", () => {
  const env: [string, string][] = [
    ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    ["HOSTNAME", "web"],
    ["NGINX_VERSION", "1.27.3"],
    ["HOME", "/root"],
    ["PWD", "/"],
  ];

  it("lists dash's and ash's exported variables bucket by bucket", () => {
    expect(environOrder("dash", env).map(([k]) => k)).toEqual([
      "HOSTNAME",
      "HOME",
      "NGINX_VERSION",
      "PATH",
      "PWD",
    ]);
    expect(environOrder("ash", env)).toEqual(environOrder("dash", env));
  });

  it("keeps varinit's PATH first in its bucket, the others in the order they were set", () => {
    // Two names that hash to PATH's bucket (21), set before and after it.
    const collide = [...Array(200).keys()]
      .map((i) => `V${i}`)
      .filter((n) => varBucket(n) === varBucket("PATH"))
      .slice(0, 2);
    expect(collide).toHaveLength(2);
    const entries: [string, string][] = [
      [collide[0] as string, "a"],
      ["PATH", "/bin"],
      [collide[1] as string, "b"],
    ];
    expect(environOrder("ash", entries).map(([k]) => k)).toEqual(["PATH", collide[0], collide[1]]);
  });

  it("leaves bash's order alone", () => {
    expect(environOrder("bash", env)).toEqual(env);
  });
});

describe("scriptExecEnviron", () => {
  it("adds the PWD the shell exports, and busybox ash's SHLVL", () => {
    expect(scriptExecEnviron("dash", { HOME: "/root" }, "/")).toEqual({ HOME: "/root", PWD: "/" });
    // SHLVL's bucket (5) comes before HOME's (6).
    expect(Object.entries(scriptExecEnviron("ash", { HOME: "/root", SHLVL: "1" }, "/app"))).toEqual([
      ["SHLVL", "2"],
      ["HOME", "/root"],
      ["PWD", "/app"],
    ]);
  });
});
