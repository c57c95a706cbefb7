// The language images as learners and docs run them on the cka scenario (`kubectl run X
// --restart=Never --image=IMAGE -- CMD`, then `kubectl logs X`), against what the real images
// print: python:3.12 (CPython 3.12.8), node:20 (node 20.18.1, util.inspect), golang:1.22 (go
// 1.22.10's `go version` and `go env`), alpine (/etc/alpine-release), redis (7.4's INFO).
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("language images on the cka scenario", () => {
  it("runs the probes as the real images answer them", () => {
    const r =
      run(`kubectl run py --restart=Never --image=python:3.12 -- python -c 'import sys; print(1+1, sys.version_info[:2])'
kubectl run nd --restart=Never --image=node:20 -- node -e 'console.log(process.version, [1,2].map(x=>x*2))'
kubectl run go --restart=Never --image=golang:1.22 -- go version
kubectl run env --restart=Never --image=golang:1.22 -- go env GOPATH GOROOT GOOS GOARCH
kubectl run al --restart=Never --image=alpine -- cat /etc/alpine-release
kubectl run deb --restart=Never --image=python:3.12 -- cat /etc/debian_version
kubectl run r --image=redis
sleep 15
kubectl logs py
kubectl logs nd
kubectl logs go
kubectl logs env
kubectl logs al
kubectl logs deb
kubectl exec r -- redis-cli set greeting hello
kubectl exec r -- redis-cli info server
kubectl exec r -- redis-cli info keyspace`);
    expect(last(r, "kubectl logs py").stdout).toBe("2 (3, 12)\n");
    expect(last(r, "kubectl logs nd").stdout).toBe("v20.18.1 [ 2, 4 ]\n");
    expect(last(r, "kubectl logs go").stdout).toBe("go version go1.22.10 linux/amd64\n");
    expect(last(r, "kubectl logs env").stdout).toBe("/go\n/usr/local/go\nlinux\namd64\n");
    expect(last(r, "kubectl logs al").stdout).toBe("3.21.0\n");
    expect(last(r, "kubectl logs deb").stdout).toBe("12.8\n");
    const info = last(r, "kubectl exec r -- redis-cli info server").stdout;
    // redis 7.4.1 src/server.c genRedisInfoString's server section, in order, CRLF-terminated.
    expect(info.split("\r\n").map((l) => l.split(":")[0])).toEqual([
      "# Server",
      "redis_version",
      "redis_git_sha1",
      "redis_git_dirty",
      "redis_build_id",
      "redis_mode",
      "os",
      "arch_bits",
      "monotonic_clock",
      "multiplexing_api",
      "atomicvar_api",
      "gcc_version",
      "process_id",
      "process_supervised",
      "run_id",
      "tcp_port",
      "server_time_usec",
      "uptime_in_seconds",
      "uptime_in_days",
      "hz",
      "configured_hz",
      "lru_clock",
      "executable",
      "config_file",
      "io_threads_active",
      "listener0",
      "\n",
    ]);
    expect(info).toContain("redis_version:7.4.1\r\nredis_git_sha1:00000000\r\n");
    expect(info).toContain("redis_mode:standalone\r\n");
    expect(info).toContain("tcp_port:6379\r\n");
    expect(info).toContain("executable:/data/redis-server\r\n");
    expect(info).toMatch(/uptime_in_seconds:1\d\r\n/);
    expect(last(r, "kubectl exec r -- redis-cli info keyspace").stdout).toBe(
      "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0,subexpiry=0\r\n\n",
    );
  });

  it("serves python -m http.server and a node http server on the pod network", () => {
    const r2 = run(`kubectl run web --image=python:3.12 --port=8000 -- python -m http.server 8000
kubectl run api --image=node:20 --port=8080 -- node -e "require('http').createServer((req, res) => res.end('hi from ' + require('os').hostname())).listen(8080)"
kubectl run client --image=curlimages/curl --restart=Never --command -- sleep 3600
kubectl expose pod web --port=8000
kubectl expose pod api --port=8080
sleep 15
kubectl exec client -- curl -s http://api:8080/
kubectl exec client -- curl -s http://web:8000/
kubectl logs web`);
    expect(last(r2, "kubectl exec client -- curl -s http://api:8080/").stdout).toBe("hi from api");
    const listing = last(r2, "kubectl exec client -- curl -s http://web:8000/").stdout;
    expect(listing).toContain("<title>Directory listing for /</title>");
    // http.server's log_message: the client address, the date, the request line, the status.
    expect(last(r2, "kubectl logs web").stderr + last(r2, "kubectl logs web").stdout).toMatch(
      /^10\.244\.\d+\.\d+ - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] "GET \/ HTTP\/1\.1" 200 -$/m,
    );
  });
});
