/**
 * The terminal's shell on a kubeadm-like cluster (the cka scenario: controlplane, node01,
 * node02): bash lines with kubectl in pipes and substitutions, ssh sessions editing files and
 * static pods, `kubectl exec -it` sessions in containers, exit codes and `$?` as bash gives them.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the rows are shell lines, where ${x} is parameter expansion
import { beforeAll, describe, expect, it } from "vitest";
import { bootCluster } from "../cli/scenario";
import type { Cluster } from "../engine/cluster";
import { Shell, STREAM_AFTER_WAITS, splitScript } from "./index";
import { isIncomplete } from "./script";

function setup(): { cluster: Cluster; shell: Shell } {
  const { cluster, home } = bootCluster("cka");
  return { cluster, shell: new Shell(cluster, { home }) };
}

/** Runs lines in order; each row: line, then what stdout must be (or a RegExp), and the exit. */
type Row = [line: string, stdout: string | RegExp, exit?: number, stderr?: string | RegExp];

function check(shell: Shell, rows: Row[]): void {
  for (const [line, stdout, exit = 0, stderr] of rows) {
    const r = shell.run(line);
    const where = `line: ${line}\nstderr: ${r.stderr}`;
    if (typeof stdout === "string") expect(r.stdout, where).toBe(stdout);
    else expect(r.stdout, where).toMatch(stdout);
    expect(r.exit, where).toBe(exit);
    if (typeof stderr === "string") expect(r.stderr, where).toBe(stderr);
    else if (stderr) expect(r.stderr, where).toMatch(stderr);
  }
}

describe("bash at the terminal", () => {
  let t: { cluster: Cluster; shell: Shell };
  beforeAll(() => {
    t = setup();
  });

  it("keeps variables, exports, aliases and $? between lines, with bash's exit codes", () => {
    check(t.shell, [
      ['x=3; for i in 1 2 $x; do echo -n "$i "; done; echo', "1 2 3 \n"],
      ["echo $x $((x * 2))", "3 6\n"],
      ["export NS=kube-system", ""],
      ["alias kgp='kubectl get pods'", ""],
      ["kgp -n $NS -o name | grep -c etcd", "1\n"],
      ["nosuchcommand", "", 127, "bash: nosuchcommand: command not found\n"],
      ["echo $?", "127\n"],
      ["false || echo recovered", "recovered\n"],
      [
        "kubectl get pod nope; echo status=$?",
        "status=1\n",
        0,
        'Error from server (NotFound): pods "nope" not found\n',
      ],
      ["kubectl get pod nope", "", 1],
      ["echo -e 'a\\tb'", "a\tb\n"],
      ["echo -n admin | base64", "YWRtaW4=\n"],
      ["echo YWRtaW4= | base64 -d", "admin"],
    ]);
  });

  it("pipes kubectl's output into programs and substitutes it", () => {
    const pods = t.cluster.api.list("Pod").length;
    check(t.shell, [
      ["kubectl get pods -A -o name | wc -l", `${pods}\n`],
      ["echo \"first=$(kubectl get nodes -o jsonpath='{.items[0].metadata.name}')\"", "first=controlplane\n"],
      [
        "for n in $(kubectl get nodes -o name); do echo ${n#node/}; done | sort",
        "controlplane\nnode01\nnode02\n",
      ],
      ["kubectl get nodes --no-headers | awk '{print $1}' | head -1", "controlplane\n"],
      ["IMG=nginx:1.27; kubectl run v --image=$IMG", "pod/v created\n"],
      ["kubectl get pod v -o jsonpath='{.spec.containers[0].image}'", "nginx:1.27"],
    ]);
  });

  it("sleep moves the cluster's clock; date reads it", () => {
    const before = t.cluster.clock.now();
    const r = t.shell.run("date +%s; sleep 30; date +%s");
    const [a, b] = r.stdout.trim().split("\n").map(Number);
    expect((b as number) - (a as number)).toBe(30);
    expect(a).toBe(Math.floor(before / 1000));
    const start = t.cluster.clock.now();
    t.shell.run("sleep 1h");
    expect(t.cluster.clock.now() - start).toBe(3_600_000);
  });

  it("ends a line that would wait forever as a Ctrl-C would", () => {
    check(t.shell, [
      ["sleep infinity", "", 130],
      ["echo $?", "130\n"],
    ]);
  });

  it("keeps the history of the lines typed", () => {
    const { shell } = setup();
    shell.run("echo one");
    shell.run("echo two");
    expect(shell.run("history").stdout).toBe("    1  echo one\n    2  echo two\n    3  history\n");
  });
});

describe("ssh to a node", () => {
  it("edits files there, a static pod appears, exit comes back", () => {
    const { cluster, shell } = setup();
    check(shell, [["ssh node01", ""]]);
    expect(shell.prompt()).toBe("root@node01:~# ");
    check(shell, [
      ["hostname", "node01\n"],
      [
        "cat > /etc/kubernetes/manifests/static-web.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.26\nEOF",
        "",
      ],
      ["sed -i 's/1.26/1.27/' /etc/kubernetes/manifests/static-web.yaml", ""],
      ["grep image: /etc/kubernetes/manifests/static-web.yaml", "    image: nginx:1.27\n"],
      // The terminal is a TTY: ls lists in columns (coreutils' layout).
      ["cd /etc/kubernetes && ls", "kubelet.conf  manifests  pki\n"],
    ]);
    expect(shell.prompt()).toBe("root@node01:/etc/kubernetes# ");
    const out = shell.run("exit");
    expect(out.stderr).toBe("logout\nConnection to node01 closed.\n");
    expect(shell.prompt()).toBe("root@controlplane:~# ");
    check(shell, [
      ["sleep 30", ""],
      [
        "kubectl get pod static-web-node01 -o jsonpath='{.status.phase} {.spec.containers[0].image}'",
        "Running nginx:1.27",
      ],
      ["ssh node01 'hostname; ls /etc/kubernetes/manifests'", "node01\nstatic-web.yaml\n"],
      ["ssh node01 systemctl is-active kubelet", "active\n"],
      ["ssh nowhere", "", 255, "ssh: Could not resolve hostname nowhere: Name or service not known\n"],
    ]);
    expect(cluster.hosts.get("node01")?.fs.isFile("/etc/kubernetes/manifests/static-web.yaml")).toBe(true);
  });
});

describe("kubectl exec -it", () => {
  it("opens a busybox shell in the container: its files, environment and processes, until exit", () => {
    const { shell } = setup();
    check(shell, [
      ["kubectl run bb --image=busybox -- sleep 3600", "pod/bb created\n"],
      ["sleep 20", ""],
      ["kubectl exec -it bb -- sh", ""],
    ]);
    expect(shell.prompt()).toBe("/ # ");
    check(shell, [
      ["cat /etc/hostname", "bb\n"],
      ["env | grep ^HOSTNAME=", "HOSTNAME=bb\n"],
      ["ps | awk 'NR > 1 {print $1, $4, $5}'", /^1 sleep 3600\n\d+ sh \n/],
      ["cd /tmp; pwd", "/tmp\n"],
      ["kubectl get pods", "", 127, "sh: kubectl: not found\n"],
    ]);
    expect(shell.prompt()).toBe("/tmp # ");
    check(shell, [["exit 2", "", 2, "command terminated with exit code 2\n"]]);
    expect(shell.prompt()).toBe("root@controlplane:~# ");
    check(shell, [
      ["echo $?", "2\n"],
      ["kubectl exec bb -- echo hi", "hi\n"],
    ]);
  });

  it("opens bash in a Debian image with its prompt; plain exit leaves with status 0", () => {
    const { shell } = setup();
    check(shell, [
      ["kubectl run web --image=nginx", "pod/web created\n"],
      ["sleep 20", ""],
      ["kubectl exec -it web -- bash", ""],
    ]);
    expect(shell.prompt()).toBe("root@web:/# ");
    check(shell, [
      ["x=1; echo $((x + 1))", "2\n"],
      ["exit", "", 0, "exit\n"],
    ]);
    expect(shell.prompt()).toBe("root@controlplane:~# ");
  });

  it("says why when the container has no such shell", () => {
    const { shell } = setup();
    shell.run("kubectl run bb --image=busybox -- sleep 3600");
    shell.run("sleep 20");
    const r = shell.run("kubectl exec -it bb -- bash");
    expect(r.exit).toBe(126);
    expect(r.stderr).toMatch(/exec: "bash": executable file not found in \$PATH/);
    expect(shell.prompt()).toBe("root@controlplane:~# ");
  });
});

describe("kubectl exec -i with input from a pipe or a here-document", () => {
  it("streams the input to the command; -t on input that is no terminal is dropped with exec.go's notice", () => {
    const { shell } = setup();
    check(shell, [
      ["kubectl run bb --image=busybox -- sleep 3600", "pod/bb created\n"],
      ["sleep 20", ""],
      ["echo 'echo $HOSTNAME' | kubectl exec -i bb -- sh", "bb\n"],
      ["kubectl exec -i bb -- cat <<< hello", "hello\n"],
      // staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go StreamOptions.SetupTTY
      [
        "kubectl exec -it bb -- sh <<'SH'\ncd /tmp\npwd\nSH",
        "/tmp\n",
        0,
        "Unable to use a TTY - input is not a terminal or the right kind of file\n",
      ],
      // Without -i the input is not sent.
      ["echo hello | kubectl exec bb -- cat", ""],
    ]);
    expect(shell.prompt()).toBe("root@controlplane:~# ");
  });
});

// curl's man page (PROGRESS METER): "if you invoke curl to do an operation and it is about to
// write data to the terminal, it disables the progress meter"; piped or to a file, it shows it.
describe("curl at the terminal", () => {
  it("shows no progress meter when the body goes to the terminal, and shows it when piped", () => {
    const { shell } = setup();
    check(shell, [
      ["kubectl run web --image=nginx --port=80 --expose", /service\/web created/],
      ["sleep 20", ""],
    ]);
    const ip = shell.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'").stdout;
    const plain = shell.run(`for i in 1 2; do curl ${ip}; done`);
    expect(plain.stderr).toBe("");
    expect(plain.stdout.match(/Welcome to nginx!<\/title>/g)?.length).toBe(2);
    expect(shell.run(`curl ${ip} | head -1`).stderr).toMatch(/^ {2}% Total {4}% Received % Xferd/);
    expect(shell.run(`curl ${ip} -o /tmp/index.html`).stderr).toMatch(/^ {2}% Total/);
  });
});

describe("background jobs at the prompt", () => {
  it("bash says `[1] PID`; a job goes on after its line, printing into the terminal where it is", () => {
    const { shell } = setup();
    check(shell, [
      ["nc -l 9000 &", "", 0, /^\[1\] \d+\n$/],
      // The listener started by the line before answers; what it prints shows up now.
      ["echo hi | nc -w1 127.0.0.1 9000", "hi\n"],
      ["(sleep 2; echo later) &", "", 0, /^\[2\] \d+\n$/],
      ["sleep 5", "later\n"],
      ["sleep 100 &", "", 0, /^\[3\] \d+\n$/],
      ["kill %3; sleep 1; jobs", /\[3\] {2}Done\(143\)\n$/],
    ]);
  });
});

describe("kubectl run -it", () => {
  it("attaches the terminal to the pod's shell; exit ends the container and --rm deletes the pod", () => {
    const { cluster, shell } = setup();
    const r = shell.run("kubectl run -it --rm t --image=busybox --restart=Never -- sh");
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(shell.prompt()).toBe("/ # ");
    check(shell, [
      ["echo $HOSTNAME", "t\n"],
      ["exit", 'pod "t" deleted\n'],
    ]);
    expect(shell.prompt()).toBe("root@controlplane:~# ");
    expect(cluster.api.get("Pod", "default", "t")).toBeUndefined();
  });

  // kubectl run -i without a terminal attaches its own stdin to the container's (stdinOnce: the
  // input ends with the pipe), so the container reads what was piped in.
  it("hands piped input to the container of `kubectl run -i`", () => {
    const { shell } = setup();
    const cat = shell.run("echo hello | kubectl run t -i --rm --restart=Never --image=busybox -- cat");
    expect(cat.stdout).toBe('hello\npod "t" deleted\n');
    const sh = shell.run(
      "printf 'echo in-sh; hostname\\n' | kubectl run t2 -i --rm --restart=Never --image=busybox -- sh",
    );
    expect(sh.stdout).toBe('in-sh\nt2\npod "t2" deleted\n');
  });

  // CKAD exercises f.services: `kubectl run busybox --rm --image=busybox -it --restart=Never --`
  // runs busybox's CMD (sh) and gets the terminal, as with `-- sh`.
  it.each([
    "kubectl run t --rm --image=busybox -it --restart=Never --",
    "kubectl run t --rm --image=busybox -it --restart=Never",
  ])("%s attaches to the image's default shell", (line) => {
    const { cluster, shell } = setup();
    expect(shell.run(line).stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(shell.prompt()).toBe("/ # ");
    check(shell, [
      ["echo $HOSTNAME", "t\n"],
      ["exit", 'pod "t" deleted\n'],
    ]);
    expect(cluster.api.get("Pod", "default", "t")).toBeUndefined();
  });

  it("a pod whose shell keeps stdin open stays running", () => {
    const { shell } = setup();
    check(shell, [
      ["kubectl run keep --image=busybox --stdin --tty --attach=false -- sh", "pod/keep created\n"],
      ["sleep 30", ""],
      [
        "kubectl get pod keep -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'",
        "Running 0",
      ],
    ]);
  });
});

describe("kubectl logs -f at a terminal that streams", () => {
  it("keeps printing new lines until Ctrl+C; piped, it prints what there is", () => {
    const { cluster, home } = bootCluster("cka");
    const shell = new Shell(cluster, { home, follow: true });
    shell.run(
      "kubectl run tick --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done'",
    );
    shell.run("sleep 20");
    const first = shell.run("kubectl logs -f tick");
    expect(shell.following()).toBe(true);
    const last = Number(/tick (\d+)\n$/.exec(first.stdout)?.[1]);
    cluster.advance(3);
    expect(shell.readFollow()).toEqual({
      text: `tick ${last + 1}\ntick ${last + 2}\ntick ${last + 3}\n`,
      ended: false,
    });
    shell.interrupt();
    expect(shell.following()).toBe(false);
    check(shell, [
      ["echo $?", "130\n"],
      ["kubectl logs -f tick | head -1", "tick 0\n"],
    ]);
    expect(shell.following()).toBe(false);
    shell.run("kubectl logs -f tick");
    shell.run("kubectl delete pod tick --wait=false");
    cluster.advance(40);
    expect(shell.readFollow().ended).toBe(true);
    expect(shell.following()).toBe(false);
  });
});

describe("commands over several lines", () => {
  it("bash reads on until a compound command or a quote is closed; a script splits as bash reads it", () => {
    expect(isIncomplete("for i in 1 2; do")).toBe(true);
    expect(isIncomplete("for i in 1 2; do\n  echo $i")).toBe(true);
    expect(isIncomplete("for i in 1 2; do\n  echo $i\ndone")).toBe(false);
    expect(isIncomplete("echo 'open")).toBe(true);
    expect(isIncomplete("if true; then")).toBe(true);
    expect(isIncomplete("kubectl get pods")).toBe(false);
    // A syntax error is not more to read.
    expect(isIncomplete("done")).toBe(false);
    expect(
      splitScript("kubectl get ns\nfor n in a b; do\n  echo $n\ndone\ncat <<EOF\nx\nEOF\necho 'a\nb'\n"),
    ).toEqual(["kubectl get ns", "for n in a b; do\n  echo $n\ndone", "cat <<EOF\nx\nEOF", "echo 'a\nb'"]);
    // A here-string (`<<<`) opens no here-document: the next line is a command of its own.
    expect(splitScript('cat <<< "hello"\necho next\n')).toEqual(['cat <<< "hello"', "echo next"]);
    const { shell } = setup();
    expect(shell.run("for n in a b; do\n  echo $n\ndone").stdout).toBe("a\nb\n");
  });
});

describe("a line that keeps waiting, at a terminal that streams", () => {
  it("goes on as the clock plays until Ctrl+C; a plain sleep still jumps the clock", () => {
    const { cluster, home } = bootCluster("cka");
    const shell = new Shell(cluster, { home, follow: true });
    const start = cluster.clock.now();
    shell.run("sleep 30");
    expect(shell.following()).toBe(false);
    expect(cluster.clock.now() - start).toBe(30_000);
    const first = shell.run("while true; do echo tick; sleep 1; done");
    expect(shell.following()).toBe(true);
    expect(first.stdout).toBe("tick\n".repeat(STREAM_AFTER_WAITS + 1));
    // The terminal reads as its clock plays (the worker every tick, the CLI every 250 ms).
    let text = "";
    for (let i = 0; i < 3; i++) {
      cluster.advance(1);
      const r = shell.readFollow();
      expect(r.ended).toBe(false);
      text += r.text;
    }
    expect(text).toBe("tick\ntick\ntick\n");
    shell.interrupt();
    expect(shell.following()).toBe(false);
    check(shell, [["echo $?", "130\n"]]);
    shell.run("sleep infinity");
    expect(shell.following()).toBe(true);
    shell.interrupt();
    check(shell, [["echo $?", "130\n"]]);
    shell.run("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1; done; echo end");
    cluster.advance(1);
    expect(shell.readFollow()).toEqual({ text: "", ended: false });
    cluster.advance(1);
    expect(shell.readFollow()).toEqual({ text: "end\n", ended: true });
    expect(shell.following()).toBe(false);
  });
});
