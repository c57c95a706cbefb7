/**
 * The golang image's `go` command: `go version`, `go env [-json] [VAR...]` with the image's real
 * values (cmd/go/internal/envcmd MkEnv's order), `go help`. Compiling (`go run`, `go build`,
 * `go test`...) is beyond the simulation: one `kubeglass:` line on stderr and exit 1, never a
 * made-up compiler message.
 */
import type { CommandContext } from "../../sh/interface";

/** What go prints for a subcommand that compiles or fetches code. */
export const GO_UNSUPPORTED =
  "kubeglass: the simulated go answers version, env and help; it does not compile or run Go programs";

/** The commands `go help` lists (cmd/go/main.go's order) and their short help. */
const GO_COMMANDS: [string, string][] = [
  ["bug", "start a bug report"],
  ["build", "compile packages and dependencies"],
  ["clean", "remove object files and cached files"],
  ["doc", "show documentation for package or symbol"],
  ["env", "print Go environment information"],
  ["fix", "update packages to use new APIs"],
  ["fmt", "gofmt (reformat) package sources"],
  ["generate", "generate Go files by processing source"],
  ["get", "add dependencies to current module and install them"],
  ["install", "compile and install packages and dependencies"],
  ["list", "list packages or modules"],
  ["mod", "module maintenance"],
  ["work", "workspace maintenance"],
  ["run", "compile and run Go program"],
  ["telemetry", "manage telemetry data and settings"],
  ["test", "test packages"],
  ["tool", "run specified go tool"],
  ["version", "print Go version"],
  ["vet", "report likely mistakes in packages"],
];

const GO_TOPICS: [string, string][] = [
  ["buildconstraint", "build constraints"],
  ["buildmode", "build modes"],
  ["c", "calling between Go and C"],
  ["cache", "build and test caching"],
  ["environment", "environment variables"],
  ["filetype", "file types"],
  ["go.mod", "the go.mod file"],
  ["gopath", "GOPATH environment variable"],
  ["goproxy", "module proxy protocol"],
  ["importpath", "import path syntax"],
  ["modules", "modules, module versions, and more"],
  ["module-auth", "module authentication using go.sum"],
  ["packages", "package lists and patterns"],
  ["private", "configuration for downloading non-public code"],
  ["testflag", "testing flags"],
  ["testfunc", "testing functions"],
  ["vcs", "controlling version control with GOVCS"],
];

/** `go help`'s text for a go version (telemetry arrived in 1.23). */
export function goUsage(version: string): string {
  const minor = Number(version.split(".")[1] ?? 0);
  const cmds = GO_COMMANDS.filter(([n]) => n !== "telemetry" || minor >= 23);
  return `Go is a tool for managing Go source code.

Usage:

\tgo <command> [arguments]

The commands are:

${cmds.map(([n, s]) => `\t${n.padEnd(11)} ${s}`).join("\n")}

Use "go help <command>" for more information about a command.

Additional help topics:

${GO_TOPICS.map(([n, s]) => `\t${n.padEnd(15)} ${s}`).join("\n")}

Use "go help <topic>" for more information about that topic.

`;
}

/** `go env`'s variables in MkEnv's order, then ExtraEnvVars and ExtraEnvVarsCostly. */
export function goEnv(ctx: CommandContext, version: string): [string, string][] {
  const e = ctx.env;
  const home = e.HOME || "/root";
  const minor = Number(version.split(".")[1] ?? 0);
  const gopath = e.GOPATH || `${home}/go`;
  const goroot = "/usr/local/go";
  // The alpine variants ship no C compiler: cmd/go disables cgo when it finds none (go1.20).
  const cgo = e.CGO_ENABLED || (ctx.fs.isFile("/etc/alpine-release") ? "0" : "1");
  const vars: [string, string][] = [
    ["GO111MODULE", e.GO111MODULE ?? ""],
    ["GOARCH", e.GOARCH || "amd64"],
    ["GOBIN", e.GOBIN ?? ""],
    ["GOCACHE", e.GOCACHE || `${home}/.cache/go-build`],
    ["GOENV", `${home}/.config/go/env`],
    ["GOEXE", ""],
    ["GOEXPERIMENT", e.GOEXPERIMENT ?? ""],
    ["GOFLAGS", e.GOFLAGS ?? ""],
    ["GOHOSTARCH", "amd64"],
    ["GOHOSTOS", "linux"],
    ["GOINSECURE", e.GOINSECURE ?? ""],
    ["GOMODCACHE", e.GOMODCACHE || `${gopath.split(":")[0]}/pkg/mod`],
    ["GONOPROXY", e.GONOPROXY ?? ""],
    ["GONOSUMDB", e.GONOSUMDB ?? ""],
    ["GOOS", e.GOOS || "linux"],
    ["GOPATH", gopath],
    ["GOPRIVATE", e.GOPRIVATE ?? ""],
    ["GOPROXY", e.GOPROXY || "https://proxy.golang.org,direct"],
    ["GOROOT", goroot],
    ["GOSUMDB", e.GOSUMDB || "sum.golang.org"],
    ["GOTMPDIR", e.GOTMPDIR ?? ""],
    ["GOTOOLCHAIN", e.GOTOOLCHAIN ?? ""],
    ["GOTOOLDIR", `${goroot}/pkg/tool/linux_amd64`],
    ["GOVCS", e.GOVCS ?? ""],
    ["GOVERSION", `go${version}`],
  ];
  if (minor >= 23)
    vars.push(
      ["GODEBUG", e.GODEBUG ?? ""],
      ["GOTELEMETRY", "local"],
      ["GOTELEMETRYDIR", `${home}/.config/go/telemetry`],
    );
  vars.push(
    ["GCCGO", "gccgo"],
    ["GOAMD64", e.GOAMD64 || "v1"],
    ["AR", e.AR || "ar"],
    ["CC", e.CC || "gcc"],
    ["CXX", e.CXX || "g++"],
    ["CGO_ENABLED", cgo],
    // Outside a module with modules on, GOMOD is os.DevNull.
    ["GOMOD", ctx.fs.isFile(`${ctx.cwd}/go.mod`) ? `${ctx.cwd}/go.mod`.replace(/\/+/g, "/") : "/dev/null"],
    ["GOWORK", ""],
    ["CGO_CFLAGS", e.CGO_CFLAGS ?? "-O2 -g"],
    ["CGO_CPPFLAGS", e.CGO_CPPFLAGS ?? ""],
    ["CGO_CXXFLAGS", e.CGO_CXXFLAGS ?? "-O2 -g"],
    ["CGO_FFLAGS", e.CGO_FFLAGS ?? "-O2 -g"],
    ["CGO_LDFLAGS", e.CGO_LDFLAGS ?? "-O2 -g"],
    ["PKG_CONFIG", e.PKG_CONFIG || "pkg-config"],
    [
      "GOGCCFLAGS",
      // The build's temporary work directory: go-build and a number that changes on every run.
      `-fPIC -m64${cgo === "1" ? " -pthread" : ""} -Wl,--no-gc-sections -fmessage-length=0 -ffile-prefix-map=/tmp/go-build${goBuildNumber(ctx)}=/tmp/go-build -gno-record-gcc-switches`,
    ],
  );
  return vars;
}

/** A deterministic stand-in for the go-build temporary directory's random suffix. */
function goBuildNumber(ctx: CommandContext): number {
  let h = Math.floor(ctx.sys.now() / 1000);
  for (const c of ctx.sys.hostname()) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1_000_000_000 + (h % 3_000_000_000);
}

/** envcmd's shellQuote: single quotes, an embedded quote as '\''. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** go. */
export function go(ctx: CommandContext): number {
  const version = ctx.env.GOLANG_VERSION || "1.23.4";
  const [cmd, ...args] = ctx.argv.slice(1);
  switch (cmd) {
    case undefined:
      ctx.stderr.write(goUsage(version));
      return 2;
    case "help":
    case "-h":
    case "--help":
      if (args.length === 0) {
        ctx.stdout.write(goUsage(version));
        return 0;
      }
      ctx.stderr.write(`${GO_UNSUPPORTED}\n`);
      return 1;
    case "version":
      if (args.length) {
        ctx.stderr.write(`${GO_UNSUPPORTED}\n`);
        return 1;
      }
      ctx.stdout.write(`go version go${version} linux/amd64\n`);
      return 0;
    case "env": {
      const json = args.includes("-json");
      const names = args.filter((a) => a !== "-json");
      const bad = names.find((a) => a.startsWith("-") || a.includes("="));
      if (bad) {
        ctx.stderr.write(
          bad.includes("=")
            ? `go: invalid variable name "${bad}" (use -w to set variable)\n`
            : `${GO_UNSUPPORTED}\n`,
        );
        return bad.includes("=") ? 2 : 1;
      }
      const vars = goEnv(ctx, version);
      const find = (n: string) => vars.find(([k]) => k === n)?.[1] ?? ctx.env[n] ?? "";
      if (json) {
        const picked = names.length ? names.map((n) => [n, find(n)] as [string, string]) : vars;
        const sorted = [...picked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        ctx.stdout.write(
          `{\n${sorted.map(([k, v]) => `\t${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(",\n")}\n}\n`,
        );
        return 0;
      }
      if (names.length) {
        for (const n of names) ctx.stdout.write(`${find(n)}\n`);
        return 0;
      }
      for (const [k, v] of vars) ctx.stdout.write(`${k}=${shellQuote(v)}\n`);
      return 0;
    }
    default:
      if (!GO_COMMANDS.some(([n]) => n === cmd)) {
        ctx.stderr.write(`go ${cmd}: unknown command\nRun 'go help' for usage.\n`);
        return 2;
      }
      ctx.stderr.write(`${GO_UNSUPPORTED}\n`);
      return 1;
  }
}
