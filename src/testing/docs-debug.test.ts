// Debugging a running pod as the docs task "Debug Running Pods" (kubernetes.io/docs/tasks/
// debug/debug-application/debug-running-pod/) and CKA troubleshooting exercises type it, on the
// cka scenario: an ephemeral container beside a shell-less (distroless-like) container, seeing
// its processes with --target; a copy of the pod with --copy-to. Expected texts are what kubectl
// debug (staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go) and attach print.
import { describe, expect, it } from "vitest";
import { bootCluster } from "../cli/scenario";
import { LegacyProfileWarning } from "../kubectl/cmd/debug-profiles";
import { Shell } from "../shell";

function setup(): Shell {
  const { cluster, home } = bootCluster("cka");
  return new Shell(cluster, { home });
}

const TARGETING =
  "Targeting container \"app\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n";
const DEFAULTING = /Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n$/;

describe("kubectl debug POD with an ephemeral container", () => {
  it("debugs a container without a shell: busybox with --target sees its processes", () => {
    const shell = setup();
    shell.run("kubectl run app --image=registry.k8s.io/pause:3.10");
    shell.run("sleep 20");
    const noShell = shell.run("kubectl exec -it app -- sh");
    expect(noShell.stderr).toMatch(/exec: "sh": executable file not found in \$PATH/);

    const r = shell.run("kubectl debug -it app --image=busybox --target=app");
    expect(r.exit).toBe(0);
    expect(r.stdout.startsWith(TARGETING)).toBe(true);
    const name = r.stdout.slice(TARGETING.length).match(DEFAULTING)?.[1] as string;
    expect(name).toBeDefined();
    expect(r.stderr).toBe(
      `${LegacyProfileWarning}\nIf you don't see a command prompt, try pressing enter.\n`,
    );
    expect(shell.prompt()).toBe("/ # ");
    const ps = shell.run("ps -o pid,comm | awk '{print $1, $2}'");
    expect(ps.stdout).toMatch(/^PID COMMAND\n1 pause\n(\d+ sh\n)+$/);
    expect(shell.run("cat /proc/1/cmdline").stdout).toBe("/pause\0");
    const exit = shell.run("exit");
    expect(exit.stderr).toBe(
      `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach app -c ${name} -i -t' if it is still running\n`,
    );
    expect(shell.prompt()).toBe("root@controlplane:~# ");

    const status = shell.run(
      "kubectl get pod app -o jsonpath='{.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.phase} {.spec.ephemeralContainers[0].targetContainerName}'",
    );
    expect(status.stdout).toBe(`${name} Completed Running app`);
    const describe = shell.run("kubectl describe pod app").stdout;
    expect(describe).toContain(`Ephemeral Containers:\n  ${name}:\n    Container ID:   containerd://`);
    expect(describe).toMatch(/Ephemeral Containers:[\s\S]*State:\s+Terminated\n\s+Reason:\s+Completed/);
    expect(describe).toContain(`Started container ${name}`);
    expect(shell.run("kubectl get pod app --no-headers").stdout).toMatch(/^app\s+1\/1\s+Running\s+0\s/);
  });

  it("without --target sees only its own processes; -c names it; logs -c reads it; names stay unique", () => {
    const shell = setup();
    shell.run("kubectl run app --image=registry.k8s.io/pause:3.10");
    shell.run("sleep 20");
    const r = shell.run("kubectl debug app --image=busybox -c dbg --profile=general -- ps -o comm");
    expect(r).toMatchObject({ stdout: "", stderr: "", exit: 0 });
    shell.run("sleep 15");
    expect(shell.run("kubectl logs app -c dbg").stdout).toBe("COMMAND\nps\n");
    expect(
      shell.run(
        "kubectl get pod app -o jsonpath='{.spec.ephemeralContainers[0].securityContext.capabilities.add}'",
      ).stdout,
    ).toBe('["SYS_PTRACE"]');
    const again = shell.run("kubectl debug app --image=busybox -c dbg --profile=general");
    expect(again.exit).toBe(1);
    // kubectl's patch merges into the existing container of that name: a change, refused.
    expect(again.stderr).toBe(
      'The Pod "app" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be changed\n\n',
    );
    const clash = shell.run("kubectl debug app --image=busybox -c app --profile=general");
    expect(clash.stderr).toBe(
      'The Pod "app" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "app"\n',
    );
    const missing = shell.run("kubectl debug app --image=busybox --target=nope -q --profile=general");
    expect(missing.stderr).toMatch(/spec\.ephemeralContainers\[1\]\.targetContainerName: Not found: "nope"/);
  });

  it("a debug container left running is reattached with kubectl attach, or entered with exec", () => {
    const shell = setup();
    shell.run("kubectl run app --image=registry.k8s.io/pause:3.10");
    shell.run("sleep 20");
    const r = shell.run(
      "kubectl debug app -i -t --attach=false --image=busybox -c dbg --target=app -q --profile=general",
    );
    expect(r).toMatchObject({ stdout: "", stderr: "", exit: 0 });
    shell.run("sleep 10");
    expect(
      shell.run("kubectl get pod app -o jsonpath='{.status.ephemeralContainerStatuses[0].state.running}'")
        .stdout,
    ).toMatch(/startedAt/);
    const exec = shell.run("kubectl exec -it app -c dbg -- sh");
    expect(exec.exit).toBe(0);
    expect(shell.prompt()).toBe("/ # ");
    expect(
      shell.run("ps -o pid,comm | awk '{print $2}' | sort | uniq -c | awk '{print $1, $2}'").stdout,
    ).toBe("1 COMMAND\n1 pause\n2 sh\n");
    shell.run("exit");
    const a = shell.run("kubectl attach app -c dbg -it");
    expect(a.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(shell.prompt()).toBe("/ # ");
    expect(shell.run("exit").stderr).toBe(
      "Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach app -c dbg -i -t' if it is still running\n",
    );
    expect(
      shell.run(
        "kubectl get pod app -o jsonpath='{.status.ephemeralContainerStatuses[0].state.terminated.reason}'",
      ).stdout,
    ).toBe("Completed");
    expect(shell.run("kubectl attach app -c nope").stderr).toBe(
      "error: container nope not found in pod app\n",
    );
  });

  it("says what is wrong with the flags, as kubectl's Validate does", () => {
    const shell = setup();
    shell.run("kubectl run app --image=nginx");
    const cases: [string, string][] = [
      ["kubectl debug app", "error: you must specify --image when not using --copy-to.\n"],
      [
        "kubectl debug app --image=busybox --copy-to=x --target=app",
        "error: --target is incompatible with --copy-to. Use --share-processes instead.\n",
      ],
      [
        "kubectl debug app --image=busybox -t",
        "error: -i/--stdin is required for containers with -t/--tty=true\n",
      ],
      ["kubectl debug app --image=busybox --profile=nope", "error: unknown profile: nope\n"],
      ["kubectl debug app --set-image=*=busybox", "error: --set-image may only be used with --copy-to.\n"],
      [
        "kubectl debug app --copy-to=x",
        "error: you must specify --image, --set-image or command arguments.\n",
      ],
      [
        "kubectl debug nope --image=busybox --profile=general",
        'Error from server (NotFound): pods "nope" not found\n',
      ],
    ];
    for (const [line, stderr] of cases) {
      const r = shell.run(line);
      expect(r.stderr, line).toBe(stderr);
      expect(r.exit, line).toBe(1);
    }
  });
});

describe("kubectl debug POD --copy-to", () => {
  it("runs a command in a debug container of a copy, dropping the copy's labels (legacy profile)", () => {
    const shell = setup();
    shell.run("kubectl run web --image=nginx");
    shell.run("sleep 20");
    const r = shell.run("kubectl debug web -it --image=busybox --copy-to=web-copy -- sh -c 'echo ok'");
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.\nok\n$/);
    expect(r.stderr).toBe(`${LegacyProfileWarning}\n`);
    const copy = shell.run(
      "kubectl get pod web-copy -o jsonpath='{.metadata.labels} {.spec.containers[*].name} {.spec.containers[1].command}'",
    ).stdout;
    expect(copy).toMatch(/^ web debugger-[a-z0-9]{5} \["sh","-c","echo ok"\]$/);
    expect(shell.run("kubectl get pod web --show-labels --no-headers").stdout).toMatch(/run=web\n$/);
  });

  it("shares the copy's process namespace: a shell in the debug container sees nginx", () => {
    const shell = setup();
    shell.run("kubectl run web --image=nginx");
    shell.run("sleep 20");
    const r = shell.run(
      "kubectl debug web -it --image=busybox --copy-to=web-dbg --share-processes --container=dbg -- sh",
    );
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${LegacyProfileWarning}\nIf you don't see a command prompt, try pressing enter.\n`,
    );
    expect(shell.prompt()).toBe("/ # ");
    // nginx's image is still being pulled on the copy's node; a moment later it runs.
    shell.run("sleep 30");
    expect(shell.run("ps").stdout).toMatch(/^\s+\d+ root\s+\S+ .*nginx -g daemon off;$/m);
    const exit = shell.run("exit");
    expect(exit.stderr).toBe(
      "Session ended, resume using 'kubectl attach web-dbg -c dbg -i -t' command when the pod is running\n",
    );
    expect(
      shell.run(
        "kubectl get pod web-dbg -o jsonpath='{.spec.shareProcessNamespace} {.spec.containers[1].name}'",
      ).stdout,
    ).toBe("true dbg");
  });
});
