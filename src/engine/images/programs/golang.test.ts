/**
 * The golang image's go against go 1.22 and 1.23: `go version`, `go env` (cmd/go/internal/envcmd
 * MkEnv's order and shell quoting; GOPATH=/go and GOTOOLCHAIN=local from the image's ENV), and
 * the one line it prints for compiling.
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../testing";
import { GO_UNSUPPORTED, go } from "./golang";

const env122 = { GOLANG_VERSION: "1.22.10", GOPATH: "/go", GOTOOLCHAIN: "local", HOME: "/root" };

describe("go", () => {
  const cases: [string[], string, string][] = [
    [
      ["version"],
      "go version go1.22.10 linux/amd64\n",
      "cmd/go/internal/version: runtime.Version() GOOS/GOARCH",
    ],
    [
      ["env", "GOPATH", "GOROOT", "GOOS", "GOARCH"],
      "/go\n/usr/local/go\nlinux\namd64\n",
      "envcmd: named variables print values only",
    ],
    [
      ["env", "GOMODCACHE", "GOCACHE", "GOTOOLCHAIN", "GOVERSION"],
      "/go/pkg/mod\n/root/.cache/go-build\nlocal\ngo1.22.10\n",
      "GOMODCACHE defaults to GOPATH[0]/pkg/mod",
    ],
  ];
  it.each(cases)("go %s", (args, out) => {
    expect(runProgram(go, ["go", ...args], { env: env122 })).toMatchObject({ stdout: out, status: 0 });
  });

  it("prints the whole environment as shell assignments in MkEnv's order", () => {
    const out = runProgram(go, ["go", "env"], { env: env122 }).stdout;
    const names = out
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("=")[0]);
    expect(names.slice(0, 5)).toEqual(["GO111MODULE", "GOARCH", "GOBIN", "GOCACHE", "GOENV"]);
    expect(names).not.toContain("GOTELEMETRY");
    expect(out).toContain(
      "GOPATH='/go'\nGOPRIVATE=''\nGOPROXY='https://proxy.golang.org,direct'\nGOROOT='/usr/local/go'\n",
    );
    expect(out).toContain("GOMOD='/dev/null'\nGOWORK=''\n");
    const go123 = runProgram(go, ["go", "env"], { env: { ...env122, GOLANG_VERSION: "1.23.4" } }).stdout;
    expect(go123).toContain(
      "GOVERSION='go1.23.4'\nGODEBUG=''\nGOTELEMETRY='local'\nGOTELEMETRYDIR='/root/.config/go/telemetry'\n",
    );
  });

  it("says plainly that it does not compile, and rejects unknown commands as go does", () => {
    expect(runProgram(go, ["go", "run", "main.go"], { env: env122 })).toMatchObject({
      stderr: `${GO_UNSUPPORTED}\n`,
      status: 1,
    });
    expect(runProgram(go, ["go", "frob"], { env: env122 })).toMatchObject({
      stderr: "go frob: unknown command\nRun 'go help' for usage.\n",
      status: 2,
    });
    expect(runProgram(go, ["go", "help"], { env: env122 }).stdout).toContain(
      "\tversion     print Go version\n",
    );
  });
});
