import { describe, expect, it } from "vitest";
import { stopSignalOf } from "../../kubelet/launch";
import { runProgram } from "../testing";
import { component, goRunner } from "./cluster";
import {
  MYSQL_NO_PASSWORD,
  mysqld,
  mysqlEntrypoint,
  POSTGRES_NO_PASSWORD,
  postgres,
  postgresEntrypoint,
} from "./databases";
import { httpd } from "./httpd";
import { memcached } from "./memcached";
import { PERL_UNSUPPORTED, perl } from "./perl";
import { piDigits } from "./pi";
import { node, python } from "./python";
import { encodeResp, redisCli, redisServer } from "./redis";
import { agnhost, httpEcho, liveness, pause, webappColor } from "./servers";
import { stress, vishStress } from "./stress";

describe("pi", () => {
  it("computes pi's digits", () => {
    const pi = piDigits(2000);
    expect(pi.slice(0, 52)).toBe("3.14159265358979323846264338327950288419716939937510");
    expect(pi.replace(".", "")).toHaveLength(2000);
    expect(piDigits(5)).toBe("3.1416");
    expect(piDigits(1)).toBe("3");
  });
  it("perl -Mbignum=bpi -wle 'print bpi(2000)' prints it, as the Job example runs", () => {
    const run = runProgram(perl, ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${piDigits(2000)}\n`);
  });
});

describe("perl, python, node", () => {
  it("prints literals and says plainly what it cannot run", () => {
    expect(runProgram(perl, ["perl", "-e", 'print "hi\\n"']).stdout).toBe("hi\n");
    expect(runProgram(perl, ["perl", "-le", "print 'a', 'b'; print 3"]).stdout).toBe("ab\n3\n");
    const other = runProgram(perl, ["perl", "-e", "for my $i (1..3) { print $i }"]);
    expect(other).toMatchObject({ status: 1, stderr: `${PERL_UNSUPPORTED}\n` });
    expect(runProgram(perl, ["perl", "-v"]).stdout).toContain(
      "This is perl 5, version 40, subversion 0 (v5.40.0)",
    );
    expect(runProgram(python, ["python", "-c", 'print("x", 1)']).stdout).toBe("x 1\n");
    expect(runProgram(python, ["python3", "--version"], { env: { PYTHON_VERSION: "3.12.8" } }).stdout).toBe(
      "Python 3.12.8\n",
    );
    expect(runProgram(node, ["node", "-e", "console.log('x')"]).stdout).toBe("x\n");
    expect(runProgram(node, ["node", "--version"], { env: { NODE_VERSION: "22.12.0" } }).stdout).toBe(
      "v22.12.0\n",
    );
  });
  it("python -m http.server serves the working directory", () => {
    const run = runProgram(python, ["python", "-m", "http.server", "8000"], {
      cwd: "/srv",
      files: { "/srv/a.txt": "A\n" },
    });
    expect(run.http(8000, "/a.txt").body).toBe("A\n");
    expect(run.http(8000, "/").body).toContain('<li><a href="a.txt">a.txt</a></li>');
    expect(run.http(8000, "/b").status).toBe(404);
    expect(run.stderr).toContain('"GET /a.txt HTTP/1.1" 200 -');
    expect(run.stdout).toBe("");
  });
});

describe("httpd", () => {
  it("serves It works! on port 80", () => {
    const run = runProgram(httpd, ["httpd-foreground"], {
      files: { "/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n" },
      env: { HTTPD_VERSION: "2.4.62" },
    });
    const res = run.http(80, "/");
    expect(res.body).toBe("<html><body><h1>It works!</h1></body></html>\n");
    expect(res.headers.Server).toBe("Apache/2.4.62 (Unix)");
    expect(run.http(80, "/x").status).toBe(404);
    expect(run.stderr).toContain("AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations");
    run.signal("TERM");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /\[mpm_event:notice\] \[pid 1:tid 1\] AH00491: caught SIGTERM, shutting down\n$/,
    );
  });

  it("stops gracefully on SIGWINCH, the image's STOPSIGNAL (AH00492)", () => {
    const run = runProgram(httpd, ["httpd-foreground"], { env: { HTTPD_VERSION: "2.4.62" } });
    run.signal("WINCH");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /\[mpm_event:notice\] \[pid 1:tid 1\] AH00492: caught SIGWINCH, shutting down gracefully\n$/,
    );
    expect(stopSignalOf("httpd:2.4")).toBe("WINCH");
    expect(stopSignalOf("wordpress")).toBe("WINCH");
  });
});

describe("redis", () => {
  it("answers RESP and inline commands, and redis-cli talks to it", () => {
    const server = runProgram(redisServer, ["redis-server"], { env: { REDIS_VERSION: "7.4.1" } });
    expect(server.stdout).toContain("* Ready to accept connections tcp");
    expect(server.tcp(6379, "PING\r\n")).toBe("+PONG\r\n");
    expect(server.tcp(6379, encodeResp(["SET", "k", "v"]) + encodeResp(["GET", "k"]))).toBe(
      "+OK\r\n$1\r\nv\r\n",
    );
    expect(server.tcp(6379, encodeResp(["INCR", "n"]) + encodeResp(["INCR", "n"]))).toBe(":1\r\n:2\r\n");
    expect(server.tcp(6379, encodeResp(["NOPE", "a"]))).toBe(
      "-ERR unknown command 'NOPE', with args beginning with: 'a' \r\n",
    );
    const listener = server.listeners[0] as NonNullable<(typeof server.listeners)[0]>;
    const cli = runProgram(redisCli, ["redis-cli", "-h", "redis", "ping"], {
      remote: { "redis:6379": listener },
    });
    expect(cli.stdout).toBe("PONG\n");
    const get = runProgram(redisCli, ["redis-cli", "-h", "redis", "get", "k"], {
      remote: { "redis:6379": listener },
    });
    expect(get.stdout).toBe("v\n");
    const refused = runProgram(redisCli, ["redis-cli", "ping"]);
    expect([refused.status, refused.stderr]).toEqual([
      1,
      "Could not connect to Redis at 127.0.0.1:6379: Connection refused\n",
    ]);
    server.signal("TERM");
    expect(server.status).toBe(0);
    expect(server.stdout).toContain("# Redis is now ready to exit, bye bye...");
  });
  it("memcached answers version and stats", () => {
    const run = runProgram(memcached, ["memcached"], { env: { MEMCACHED_VERSION: "1.6.32" } });
    expect(run.tcp(11211, "version\r\n")).toBe("VERSION 1.6.32\r\n");
    expect(run.tcp(11211, "set a 0 0 1\r\nx\r\nget a\r\n")).toBe("STORED\r\nVALUE a 0 1\r\nx\r\nEND\r\n");
    expect(run.tcp(11211, "stats\r\n")).toContain("STAT version 1.6.32\r\n");
  });
});

describe("databases", () => {
  it("mysql needs a root password option", () => {
    const run = runProgram(mysqlEntrypoint, ["docker-entrypoint.sh", "mysqld"], {
      env: { MYSQL_VERSION: "9.1.0-1.el9" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`2024-12-06 14:10:49+00:00 [ERROR] [Entrypoint]: ${MYSQL_NO_PASSWORD}\n`);
  });
  it("mysql with a password initialises, then listens on 3306", () => {
    const run = runProgram(mysqlEntrypoint, ["docker-entrypoint.sh", "mysqld"], {
      env: { MYSQL_ROOT_PASSWORD: "s3cret" },
      programs: { mysqld },
    });
    expect(run.listeners).toEqual([]);
    run.advance(8_000);
    expect(run.listeners.map((l) => l.port)).toEqual([3306, 33060]);
    expect(run.stderr).toContain("/usr/sbin/mysqld: ready for connections.");
  });
  it("postgres needs POSTGRES_PASSWORD", () => {
    const run = runProgram(postgresEntrypoint, ["docker-entrypoint.sh", "postgres"]);
    expect([run.status, run.stderr]).toEqual([1, POSTGRES_NO_PASSWORD]);
    const ok = runProgram(postgresEntrypoint, ["docker-entrypoint.sh", "postgres"], {
      env: { POSTGRES_PASSWORD: "x" },
      programs: { postgres },
    });
    ok.advance(8_000);
    expect(ok.listeners.map((l) => l.port)).toEqual([5432]);
    expect(ok.stderr).toContain("LOG:  database system is ready to accept connections");
  });
});

describe("stress", () => {
  it("holds --vm-bytes of memory and prints its dispatch line", () => {
    const run = runProgram(stress, ["stress", "--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]);
    expect(run.stdout).toBe("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n");
    expect(run.memory).toBe(150 * 1024 * 1024);
    expect(run.status).toBeUndefined();
    // stress handles no signals: the runtime's default action, not the program, ends it.
    run.signal("TERM");
    expect(run.status).toBeUndefined();
  });
  it("vish/stress grows its memory over virtual time", () => {
    const run = runProgram(vishStress, [
      "/stress",
      "-logtostderr",
      "-mem-total",
      "150Mi",
      "-mem-alloc-size",
      "10Mi",
      "-mem-alloc-sleep",
      "1s",
    ]);
    expect(run.memory).toBe(10 * 1024 ** 2);
    expect(run.stderr).toBe(
      'I1206 14:10:49.123000       1 main.go:26] Allocating "150Mi" memory, in "10Mi" chunks, with a 1s sleep between allocations\n',
    );
    run.advance(4_000);
    expect(run.memory).toBe(50 * 1024 ** 2);
    run.advance(20_000);
    expect(run.memory).toBe(150 * 1024 ** 2);
    expect(run.stderr).toContain('main.go:29] Allocated "150Mi" memory');
    expect(run.status).toBeUndefined();
  });
});

describe("small servers", () => {
  it("liveness: /healthz is 200 for 10 seconds, then 500", () => {
    const run = runProgram(liveness, ["/server"]);
    expect(run.http(8080, "/healthz")).toMatchObject({ status: 200, body: "ok" });
    run.advance(10_500);
    expect(run.http(8080, "/healthz")).toMatchObject({ status: 500, body: "error: 10.5" });
    expect(run.http(8080, "/started").body).toBe("10.5s");
    // A Go server without signal handling: the Go runtime exits it with 2 on TERM.
    run.signal("TERM");
    expect(run.status).toBe(2);
  });
  it("agnhost netexec answers /hostname and /echo", () => {
    const run = runProgram(agnhost, ["/agnhost", "netexec", "--http-port=8080"], { hostname: "web-0" });
    expect(run.http(8080, "/hostname").body).toBe("web-0");
    expect(run.http(8080, "/echo?msg=hello%20there").body).toBe("hello there");
    expect(run.http(8080, "/echo?msg=gone&code=404")).toMatchObject({ status: 404, body: "gone" });
    run.advance(1_500);
    expect(run.http(8080, "/anything").body).toBe("NOW: 2024-12-06 14:10:50.623 +0000 UTC m=+1.500000000");
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      "2024/12/06 14:10:49 Started HTTP server on port 8080",
      "2024/12/06 14:10:49 Started UDP server on port  8081",
      "2024/12/06 14:10:49 GET /hostname",
    ]);
  });
  it("agnhost pause and pause wait until TERM", () => {
    const a = runProgram(agnhost, ["/agnhost", "pause"]);
    expect(a.status).toBeUndefined();
    a.signal("TERM");
    expect([a.stdout, a.status]).toEqual(["Paused\n", 2]);
    const p = runProgram(pause, ["/pause"]);
    p.signal("TERM");
    expect([p.status, p.stderr]).toEqual([0, "Shutting down, got signal: Terminated\n"]);
  });
  it("http-echo echoes its text", () => {
    const run = runProgram(httpEcho, ["/http-echo", "-text=apple"]);
    expect(run.http(5678, "/").body).toBe("apple\n");
    const missing = runProgram(httpEcho, ["/http-echo"]);
    expect([missing.status, missing.stderr]).toEqual([
      127,
      "Missing -text option OR ENV var TEXT is empty!\n",
    ]);
    expect(runProgram(httpEcho, ["/http-echo", "-text", "x", "extra"]).stderr).toBe("Too many arguments!\n");
    run.signal("INT");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("[INFO] received interrupt, shutting down...");
  });
  it("webapp-color paints its page with APP_COLOR", () => {
    const run = runProgram(webappColor, ["python", "app.py"], {
      env: { APP_COLOR: "green" },
      hostname: "webapp",
    });
    const body = run.http(8080, "/").body;
    expect(body).toContain('<body style="background: #16a085;"></body>');
    expect(body).toContain("<h1>Hello from webapp!</h1>");
  });
  it("control-plane components run until TERM and answer their health port", () => {
    const run = runProgram(goRunner, ["/go-runner", "kube-scheduler", "--v=2"], {
      programs: { "kube-scheduler": component("kube-scheduler") },
    });
    expect(run.http(10259, "/healthz").body).toBe("ok");
    run.signal("TERM");
    expect(run.status).toBe(0);
  });
});
