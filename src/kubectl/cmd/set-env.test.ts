// cmd/set/set_env.go and cmd/set/env/env_parse.go helpers (env_parse_test.go, set_env_test.go cases).
import { describe, expect, it } from "vitest";
import { KubectlError } from "../command";
import { envVarRefString, keyToEnvName, parseEnv, splitEnvironmentFromResources, updateEnv } from "./set-env";

describe("set env parsing", () => {
  it("SplitEnvironmentFromResources: resources first, then KEY=VALUE and KEY- arguments", () => {
    expect(splitEnvironmentFromResources(["dc/foo", "a=b", "c-"])).toEqual({
      resources: ["dc/foo"],
      envArgs: ["a=b", "c-"],
    });
    expect(splitEnvironmentFromResources(["a=b", "dc/foo"])).toBeUndefined();
  });

  it("ParseEnv: values keep '=' after the first, stdin lines drop comments, set and remove clash", () => {
    expect(parseEnv(["A=b=c", "D-"], "")).toEqual({ env: [{ name: "A", value: "b=c" }], remove: ["D"] });
    expect(parseEnv(["-"], "X=1 # one\n# note\nY=2\n").env).toEqual([
      { name: "X", value: "1 " },
      { name: "Y", value: "2" },
    ]);
    expect(() => parseEnv(["A=1", "A-"], "")).toThrow(
      new KubectlError("can not both modify and remove the same environment variable in the same command"),
    );
  });

  it("updateEnv replaces in place, appends new names and drops removed ones", () => {
    const existing = [
      { name: "A", value: "1" },
      { name: "B", value: "2" },
      { name: "C", value: "3" },
    ];
    expect(
      updateEnv(
        existing,
        [
          { name: "D", value: "4" },
          { name: "B", value: "x" },
        ],
        ["C"],
      ),
    ).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "x" },
      { name: "D", value: "4" },
    ]);
  });

  it("keyToEnvName and GetEnvVarRefString", () => {
    expect(keyToEnvName("db.host-name")).toBe("DB_HOST_NAME");
    expect(envVarRefString({ secretKeyRef: { name: "s", key: "k" } })).toBe("secret s, key k");
    expect(envVarRefString({ fieldRef: { fieldPath: "metadata.name" } })).toBe("field path metadata.name");
    expect(envVarRefString({ resourceFieldRef: { containerName: "c", resource: "limits.cpu" } })).toBe(
      "resource field c/limits.cpu",
    );
  });
});
