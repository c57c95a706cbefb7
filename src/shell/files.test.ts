/**
 * The file commands of a node's shell, run through the terminal's bash and Ubuntu userland (the
 * old hand-written file commands' behaviour, kept). Expected outputs were taken from GNU coreutils
 * 8.32, sed 4.8 and grep 3.7 on the same input.
 */
import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { Shell } from "./index";

/** A shell on the workstation with a static pod manifest in place. */
function host() {
  const shell = new Shell(createCluster());
  shell.run(
    "mkdir -p /etc/kubernetes/manifests && printf 'image: nginx:1.26\\nname: web\\n' > /etc/kubernetes/manifests/web.yaml",
  );
  return shell;
}
const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
const run = (shell: Shell, line: string, stdin?: string) => {
  const r =
    stdin === undefined ? shell.run(line) : shell.run(`${line} <<'EOF'\n${stdin.replace(/\n$/, "")}\nEOF`);
  return { stdout: r.stdout, stderr: r.stderr, exit: r.exit };
};
const read = (shell: Shell, path: string) => shell.run(`cat ${path}`).stdout;

describe("file commands", () => {
  it("ls lists names and reports missing paths as coreutils does", () => {
    const ctx = host();
    expect(run(ctx, "ls /etc/kubernetes/manifests").stdout).toBe("web.yaml\n");
    expect(run(ctx, "ls /nope")).toEqual({
      stdout: "",
      stderr: "ls: cannot access '/nope': No such file or directory\n",
      exit: 2,
    });
  });

  it("sed -i substitutes in place", () => {
    const ctx = host();
    expect(run(ctx, "sed -i s/1.26/1.28.4/ /etc/kubernetes/manifests/web.yaml").exit).toBe(0);
    expect(read(ctx, "/etc/kubernetes/manifests/web.yaml")).toBe("image: nginx:1.28.4\nname: web\n");
  });

  it("rm, mv, cp and mkdir act on the tree", () => {
    const ctx = host();
    run(ctx, "mkdir -p /tmp/a/b");
    run(ctx, "cp /etc/kubernetes/manifests/web.yaml /tmp/a/b");
    expect(run(ctx, "test -f /tmp/a/b/web.yaml").exit).toBe(0);
    run(ctx, "mv /tmp/a/b/web.yaml /tmp/w.yaml");
    expect(run(ctx, "test -f /tmp/a/b/web.yaml").exit).toBe(1);
    expect(run(ctx, "rm /tmp/a").stderr).toBe("rm: cannot remove '/tmp/a': Is a directory\n");
    expect(run(ctx, "rm -rf /tmp/a").exit).toBe(0);
    expect(run(ctx, "test -e /tmp/a").exit).toBe(1);
    expect(run(ctx, "cat /tmp/nope").stderr).toBe("cat: /tmp/nope: No such file or directory\n");
  });

  it("grep filters lines and exits 1 when nothing matches", () => {
    const ctx = host();
    expect(run(ctx, "grep image", "image: a\nname: b\n")).toEqual({
      stdout: "image: a\n",
      stderr: "",
      exit: 0,
    });
    expect(run(ctx, "grep zzz", "a\n").exit).toBe(1);
    expect(run(ctx, "grep -c e /etc/kubernetes/manifests/web.yaml").stdout).toBe("2\n");
  });

  // Expected outputs below were taken from GNU sed 4.8 / grep 3.7 on the same input.
  const deploy =
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  strategy: {}\n  template:\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\nstatus: {}\n";
  const argv = (ctx: Shell, args: string[], stdin?: string) => run(ctx, args.map(quote).join(" "), stdin);

  it("sed runs ;-separated commands with addresses, ranges, ! and a/i/c", () => {
    const ctx = host();
    run(ctx, "cat > /root/d.yaml", deploy);
    argv(ctx, ["sed", "-i", "/replicas:/d; /strategy: {}/d; /status: {}/d", "d.yaml"]);
    expect(read(ctx, "/root/d.yaml")).toBe(
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n",
    );
    expect(argv(ctx, ["sed", "-n", "2,3p", "d.yaml"]).stdout).toBe("kind: Deployment\nspec:\n");
    expect(argv(ctx, ["sed", "3!d", "d.yaml"]).stdout).toBe("spec:\n");
    expect(argv(ctx, ["sed", "-e", "s/a/A/g", "-e", "2,$d", "d.yaml"]).stdout).toBe("ApiVersion: Apps/v1\n");
    expect(
      argv(ctx, ["sed", "/containers:/i\\      tolerations:\\n      - operator: Exists", "d.yaml"]).stdout,
    ).toContain("    spec:\n      tolerations:\n      - operator: Exists\n      containers:\n");
    expect(argv(ctx, ["sed", "/kind/a  x", "d.yaml"]).stdout).toContain("kind: Deployment\nx\nspec:\n");
    expect(argv(ctx, ["sed", "s/\\(name\\): \\(.*\\)/\\2=\\1/", "d.yaml"]).stdout).toContain(
      "        nginx=name\n",
    );
    expect(argv(ctx, ["sed", "-E", "s/(image): (.*)/\\2=\\1/", "d.yaml"]).stdout).toContain(
      "      - nginx=image\n",
    );
    expect(argv(ctx, ["sed", "s/n/N/2"], "nginx\n").stdout).toBe("ngiNx\n");
    expect(argv(ctx, ["sed", "s/l/[&]/g"], "hello\n").stdout).toBe("he[l][l]o\n");
  });

  it("sed reports errors as GNU sed does", () => {
    const ctx = host();
    expect(argv(ctx, ["sed", "s/a/b", "x"])).toEqual({
      stdout: "",
      stderr: "sed: -e expression #1, char 5: unterminated `s' command\n",
      exit: 1,
    });
    expect(argv(ctx, ["sed", "k", "x"]).stderr).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect(argv(ctx, ["sed", "-i", "s/a/b/", "nofile.yaml"])).toEqual({
      stdout: "",
      stderr: "sed: can't read nofile.yaml: No such file or directory\n",
      exit: 2,
    });
    expect(argv(ctx, ["sed", "-i", "s/a/b/"])).toEqual({
      stdout: "",
      stderr: "sed: no input files\n",
      exit: 4,
    });
  });

  it("grep takes -e, -n, -A/-B/-C, -w, -o, -q, -v as GNU grep does", () => {
    const ctx = host();
    run(ctx, "cat > /root/d.yaml", deploy);
    expect(argv(ctx, ["grep", "-A1", "-n", "spec:", "d.yaml"]).stdout).toBe(
      "3:spec:\n4-  replicas: 1\n--\n7:    spec:\n8-      containers:\n",
    );
    expect(argv(ctx, ["grep", "-B1", "-e", "kind", "-e", "image", "d.yaml"]).stdout).toBe(
      "apiVersion: apps/v1\nkind: Deployment\n--\n      containers:\n      - image: nginx\n",
    );
    expect(argv(ctx, ["grep", "-C", "1", "strategy", "d.yaml"]).stdout).toBe(
      "  replicas: 1\n  strategy: {}\n  template:\n",
    );
    expect(argv(ctx, ["grep", "-o", "image: [a-z]*", "d.yaml"]).stdout).toBe("image: nginx\n");
    expect(argv(ctx, ["grep", "-w", "spec", "d.yaml"]).stdout).toBe("spec:\n    spec:\n");
    expect(argv(ctx, ["grep", "-q", "kind", "d.yaml"])).toEqual({ stdout: "", stderr: "", exit: 0 });
    expect(argv(ctx, ["grep", "-v", "-e", "a", "-e", "e", "-e", "p", "-e", "s", "d.yaml"]).exit).toBe(1);
    expect(argv(ctx, ["grep", "--foo", "x"])).toEqual({
      stdout: "",
      stderr:
        "grep: unrecognized option '--foo'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      exit: 2,
    });
  });

  it("printf formats and repeats its format", () => {
    const ctx = host();
    expect(argv(ctx, ["printf", "a: %s\\n", "1", "2"]).stdout).toBe("a: 1\na: 2\n");
    expect(argv(ctx, ["printf", "100%%\\n"]).stdout).toBe("100%\n");
  });
});

describe("rm's failsafes (coreutils remove.c ROOT_DEV_INO_WARN, rm.c dot-dot check)", () => {
  it("refuses rm -rf / and keeps the tree", () => {
    const ctx = host();
    expect(run(ctx, "rm -rf /")).toEqual({
      stdout: "",
      stderr:
        "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n",
      exit: 1,
    });
    expect(run(ctx, "rm -r /root/..")).toEqual({
      stdout: "",
      stderr: "rm: refusing to remove '.' or '..' directory: skipping '/root/..'\n",
      exit: 1,
    });
    expect(run(ctx, "rm -fr //").stderr).toBe(
      "rm: it is dangerous to operate recursively on '//' (same as '/')\nrm: use --no-preserve-root to override this failsafe\n",
    );
    expect(run(ctx, "test -f /etc/kubernetes/manifests/web.yaml").exit).toBe(0);
  });
  it("removes everything with --no-preserve-root", () => {
    const ctx = host();
    expect(run(ctx, "rm -rf --no-preserve-root /").exit).toBe(0);
    expect(run(ctx, "ls -A /").stdout).toBe("");
  });
});
