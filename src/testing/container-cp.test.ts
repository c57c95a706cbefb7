// kubectl cp as a v1.32 cluster runs it: `tar cf - PATH` in the container, whose stderr reaches
// kubectl's stdout (cp.go's TarPipe sets ErrOut to o.Out), so GNU tar's "Removing leading `/'
// from member names" (debian images) and busybox tar's "removing leading '/' from member names"
// show; a failed tar ends with "command terminated with exit code N"; an image without tar
// fails as the runtime words a missing executable. Texts from GNU tar 1.34 and busybox 1.36.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("kubectl cp", () => {
  const r = run(`kubectl run box --image=busybox -- sleep 3600
kubectl run web --image=nginx
kubectl run bare --image=registry.k8s.io/pause:3.10
sleep 15
kubectl cp web:/etc/nginx/nginx.conf /tmp/nginx.conf
grep -c worker_connections /tmp/nginx.conf
kubectl cp web:/etc/nginx /tmp/ngx
ls /tmp/ngx /tmp/ngx/conf.d
kubectl cp box:/etc/hostname /tmp/hn
cat /tmp/hn
kubectl cp web:/etc/nope /tmp/x
kubectl cp box:/etc/nope /tmp/x
kubectl cp /tmp/hn box:/tmp/
kubectl exec box -- cat /tmp/hn
kubectl cp /tmp/ngx web:/tmp/copy
kubectl exec web -- ls /tmp/copy
kubectl cp bare:/etc/hostname /tmp/ph
kubectl cp /tmp/hn bare:/tmp/hn`);

  it("from a debian image: GNU tar's notice on stdout, a file or a directory's contents", () => {
    expect(last(r, "kubectl cp web:/etc/nginx/nginx.conf")).toMatchObject({
      stdout: "tar: Removing leading `/' from member names\n",
      stderr: "",
    });
    expect(last(r, "grep -c").stdout).toBe("1\n");
    expect(last(r, "ls /tmp/ngx").stdout).toBe(
      // A terminal: columns, coreutils aligning nginx.conf at the next tab stop.
      "/tmp/ngx:\nconf.d\tnginx.conf\n\n/tmp/ngx/conf.d:\ndefault.conf\n",
    );
  });
  it("from busybox: busybox tar's notice", () => {
    expect(last(r, "kubectl cp box:/etc/hostname").stdout).toBe(
      "tar: removing leading '/' from member names\n",
    );
    expect(last(r, "cat /tmp/hn").stdout).toBe("box\n");
  });
  it("a missing path: tar's errors, then the exit code of the tar that failed", () => {
    expect(last(r, "kubectl cp web:/etc/nope")).toMatchObject({
      stdout:
        "tar: Removing leading `/' from member names\ntar: /etc/nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      stderr: "command terminated with exit code 2\n",
      exit: 2,
    });
    expect(last(r, "kubectl cp box:/etc/nope")).toMatchObject({
      stdout: "tar: /etc/nope: No such file or directory\n",
      stderr: "command terminated with exit code 1\n",
    });
  });
  it("into a container: under the directory by its own name", () => {
    expect(last(r, "kubectl cp /tmp/hn box:/tmp/")).toMatchObject({ stdout: "", stderr: "" });
    expect(last(r, "kubectl exec box -- cat /tmp/hn").stdout).toBe("box\n");
    expect(last(r, "kubectl exec web -- ls /tmp/copy").stdout).toBe("conf.d\nnginx.conf\n");
  });
  it("an image without tar fails both ways as exec does", () => {
    const missing =
      'error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown\n';
    expect(last(r, "kubectl cp bare:/etc/hostname").stderr).toBe(missing);
    expect(last(r, "kubectl cp /tmp/hn bare:")).toMatchObject({ stderr: missing, exit: 1 });
  });
});
