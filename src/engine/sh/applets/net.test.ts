/**
 * The network clients against a fake cluster network: busybox wget (networking/wget.c texts),
 * curl 8, nc (busybox nc_bloaty.c, netcat-openbsd), nslookup (busybox networking/nslookup.c
 * search-domain queries; bind9), dig, host, getent. Timeouts wait on the virtual clock.
 */
import { describe, expect, it } from "vitest";
import { curl } from "./curl";
import { dig, getent, host, nslookup, nslookupLegacy } from "./dns";
import { nc } from "./nc";
import { run, testNetwork, testSystem, WEB_BODY } from "./testing";
import { wget } from "./wget";

const RESOLV = {
  "/etc/resolv.conf":
    "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
};
const len = WEB_BODY.length;

describe("busybox wget", () => {
  it("prints the body with -qO-", () => {
    expect(run(wget("busybox"), ["wget", "-qO-", "http://web"])).toMatchObject({
      stdout: WEB_BODY,
      stderr: "",
      exit: 0,
    });
  });
  it("saves index.html with its progress messages", () => {
    const r = run(wget("busybox"), ["wget", "http://web/"]);
    expect(r.stderr).toBe(
      "Connecting to web (10.96.12.34:80)\nsaving to 'index.html'\n" +
        `index.html           100% |********************************| ${String(len).padStart(5)}  0:00:00 ETA\n'index.html' saved\n`,
    );
    expect(r.fs.read("/root/index.html")).toBe(WEB_BODY);
  });
  it("words its failures as busybox does", () => {
    expect(run(wget("busybox"), ["wget", "-q", "http://nope"])).toMatchObject({
      stderr: "wget: bad address 'nope'\n",
      exit: 1,
    });
    expect(run(wget("busybox"), ["wget", "http://db"])).toMatchObject({
      stderr:
        "Connecting to db (10.96.0.5:80)\nwget: can't connect to remote host (10.96.0.5): Connection refused\n",
      exit: 1,
    });
    expect(run(wget("busybox"), ["wget", "-O", "-", "http://web/missing"]).stderr).toBe(
      "Connecting to web (10.96.12.34:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n",
    );
  });
  it("times out on the virtual clock after -T seconds", () => {
    const r = run(wget("busybox"), ["wget", "-T", "5", "-q", "http://blackhole"]);
    expect(r.waits).toEqual([{ kind: "sleep", ms: 5000 }]);
    expect(r).toMatchObject({ stderr: "wget: download timed out\n", exit: 1 });
  });
  it("--spider checks without saving; -S shows the headers", () => {
    expect(run(wget("busybox"), ["wget", "--spider", "http://web"]).stderr).toBe(
      "Connecting to web (10.96.12.34:80)\nremote file exists\n",
    );
    expect(run(wget("busybox"), ["wget", "-S", "-qO-", "http://web"]).stderr).toBe(
      `  HTTP/1.1 200 OK\n  Content-Type: text/html\n  Server: nginx/1.27.3\n  Content-Length: ${len}\n`,
    );
  });
});

describe("GNU wget", () => {
  it("logs resolving, connecting and saving", () => {
    const r = run(wget("gnu"), ["wget", "http://web"]);
    expect(r.exit).toBe(0);
    expect(r.stderr).toContain(
      "--2026-01-03 04:05:06--  http://web/\nResolving web (web)... 10.96.12.34\nConnecting to web (web)|10.96.12.34|:80... connected.\nHTTP request sent, awaiting response... 200 OK\n",
    );
    expect(r.stderr).toContain("Saving to: 'index.html'");
    expect(run(wget("gnu"), ["wget", "http://web/x"])).toMatchObject({ exit: 8 });
  });
});

describe("clients' address", () => {
  it("servers see requests come from the pod's IP", () => {
    const seen: Array<string | undefined> = [];
    const echoServer = {
      port: 8080,
      protocol: "TCP" as const,
      http: (req: { remoteAddress?: string }) => {
        seen.push(req.remoteAddress);
        return { status: 200, headers: {}, body: "" };
      },
    };
    const sys = testSystem(testNetwork([echoServer]));
    run(curl("gnu"), ["curl", "-s", "http://web:8080/"], { sys });
    run(wget("busybox"), ["wget", "-qO-", "http://web:8080/"], { sys });
    run(nc("gnu"), ["nc", "web", "8080"], { sys, stdin: "GET / HTTP/1.1\r\nHost: web\r\n\r\n" });
    expect(seen).toEqual(["10.244.1.5", "10.244.1.5", "10.244.1.5"]);
  });
});

describe("curl", () => {
  it("prints the body (-s) and the status with -w", () => {
    expect(run(curl("gnu"), ["curl", "-s", "http://web"])).toMatchObject({
      stdout: WEB_BODY,
      stderr: "",
      exit: 0,
    });
    expect(
      run(curl("gnu"), ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://web/x"]).stdout,
    ).toBe("404");
  });
  it("shows headers with -I", () => {
    expect(run(curl("gnu"), ["curl", "-sI", "http://web"]).stdout).toBe(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: nginx/1.27.3\r\nContent-Length: ${len}\r\n\r\n`,
    );
  });
  it("prints its progress meter on stderr unless -s", () => {
    const r = run(curl("gnu"), ["curl", "http://web"]);
    expect(r.stderr).toContain(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n",
    );
    expect(r.stdout).toBe(WEB_BODY);
  });
  it("exits with curl's codes and messages", () => {
    expect(run(curl("gnu"), ["curl", "-sS", "http://nope"])).toMatchObject({
      stderr: "curl: (6) Could not resolve host: nope\n",
      exit: 6,
    });
    expect(run(curl("gnu"), ["curl", "-s", "http://db"])).toMatchObject({ stderr: "", exit: 7 });
    expect(run(curl("gnu"), ["curl", "-sS", "http://db"]).stderr).toBe(
      "curl: (7) Failed to connect to db port 80 after 0 ms: Couldn't connect to server\n",
    );
    expect(run(curl("gnu"), ["curl", "-sSf", "http://web/x"])).toMatchObject({
      stderr: "curl: (22) The requested URL returned error: 404\n",
      exit: 22,
    });
  });
  it("times out with -m on the virtual clock", () => {
    const r = run(curl("gnu"), ["curl", "-sS", "-m", "3", "http://blackhole"]);
    expect(r.waits).toEqual([{ kind: "sleep", ms: 3000 }]);
    expect(r).toMatchObject({
      stderr: "curl: (28) Connection timed out after 3000 milliseconds\n",
      exit: 28,
    });
  });
});

describe("nc", () => {
  it("-zv reports an open port as each flavour does", () => {
    expect(run(nc("busybox"), ["nc", "-zv", "web", "80"])).toMatchObject({
      stderr: "web (10.96.12.34:80) open\n",
      exit: 0,
    });
    expect(run(nc("gnu"), ["nc", "-zv", "web", "80"])).toMatchObject({
      stderr: "Connection to web (10.96.12.34) 80 port [tcp/http] succeeded!\n",
      exit: 0,
    });
    expect(run(nc("busybox"), ["nc", "-zv", "db", "80"])).toMatchObject({ stderr: "", exit: 1 });
    expect(run(nc("gnu"), ["nc", "-zv", "db", "80"]).stderr).toBe(
      "nc: connect to db port 80 (tcp) failed: Connection refused\n",
    );
  });
  it("sends stdin and prints the reply (a raw HTTP request to an HTTP server)", () => {
    const r = run(nc("busybox"), ["nc", "web", "80"], { stdin: "GET / HTTP/1.0\r\n\r\n" });
    expect(r.stdout).toBe(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: nginx/1.27.3\r\nContent-Length: ${len}\r\n\r\n${WEB_BODY}`,
    );
  });
  it("-w waits on the virtual clock", () => {
    const r = run(nc("busybox"), ["nc", "-w", "2", "-zv", "blackhole", "80"]);
    expect(r.waits).toEqual([{ kind: "sleep", ms: 2000 }]);
    expect(r).toMatchObject({ stderr: "nc: blackhole (10.1.2.3:80): Connection timed out\n", exit: 1 });
  });
  it("-l listens, prints what a client sends, answers with stdin, and ends after one connection", () => {
    const sys = testSystem();
    let reply = "";
    const r = run(nc("busybox"), ["nc", "-l", "-p", "9000"], {
      sys,
      stdin: "pong\n",
      onWait: (_w, { sys: s }) => {
        reply = s.listeners[0]?.tcp?.("ping\n") ?? "";
      },
    });
    expect(r.waits).toEqual([{ kind: "forever" }]);
    expect(r).toMatchObject({ stdout: "ping\n", exit: 0 });
    expect(reply).toBe("pong\n");
    expect(sys.listeners).toEqual([]);
  });
});

describe("nslookup", () => {
  it("busybox asks A and AAAA for each search domain and prints every reply", () => {
    const r = run(nslookup("busybox"), ["nslookup", "web"], { files: RESOLV });
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n" +
        "Name:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n" +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        "\n" +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n",
    );
    expect(r.exit).toBe(1);
  });
  it("busybox does not search a name with a dot (kubernetes.default fails)", () => {
    const r = run(nslookup("busybox"), ["nslookup", "kubernetes.default"], { files: RESOLV });
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n",
    );
    const fq = run(nslookup("busybox"), ["nslookup", "kubernetes.default.svc.cluster.local"], {
      files: RESOLV,
    });
    expect(fq.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n\n",
    );
    expect(fq.exit).toBe(0);
  });
  it("bind9's nslookup applies the search list and prints the first answer", () => {
    expect(run(nslookup("gnu"), ["nslookup", "kubernetes.default"], { files: RESOLV }).stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n",
    );
    expect(run(nslookup("gnu"), ["nslookup", "nope"], { files: RESOLV })).toMatchObject({
      stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n",
      exit: 1,
    });
  });
  it("looks addresses up in reverse", () => {
    expect(run(nslookup("busybox"), ["nslookup", "10.96.12.34"]).stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n34.12.96.10.in-addr.arpa\tname = web.default.svc.cluster.local\n\n",
    );
  });
});

describe("busybox 1.28's nslookup", () => {
  it("prints the server and the name with numbered addresses and their PTR names", () => {
    expect(run(nslookupLegacy("busybox"), ["nslookup", "kubernetes"], { files: RESOLV }).stdout).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n" +
        "Name:      kubernetes\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n",
    );
    expect(run(nslookupLegacy("busybox"), ["nslookup", "nope"])).toMatchObject({
      stderr: "nslookup: can't resolve 'nope'\n",
      exit: 1,
    });
  });
});

describe("host, getent, dig", () => {
  it("host and getent use the search list", () => {
    expect(run(host("gnu"), ["host", "web"]).stdout).toBe(
      "web.default.svc.cluster.local has address 10.96.12.34\n",
    );
    expect(run(host("gnu"), ["host", "nope"])).toMatchObject({
      stdout: "Host nope not found: 3(NXDOMAIN)\n",
      exit: 1,
    });
    expect(run(getent("gnu"), ["getent", "hosts", "web"]).stdout).toBe(
      "10.96.12.34     web.default.svc.cluster.local\n",
    );
    expect(run(getent("gnu"), ["getent", "hosts", "nope"]).exit).toBe(2);
  });
  it("dig asks the name as given; +short prints the addresses", () => {
    expect(run(dig("gnu"), ["dig", "+short", "web.default.svc.cluster.local"]).stdout).toBe("10.96.12.34\n");
    expect(run(dig("gnu"), ["dig", "+short", "web"]).stdout).toBe("");
    const full = run(dig("gnu"), ["dig", "web.default.svc.cluster.local"]).stdout;
    expect(full).toContain(";; ->>HEADER<<- opcode: QUERY, status: NOERROR");
    expect(full).toContain(";; ANSWER SECTION:\nweb.default.svc.cluster.local. 30\tIN\tA\t10.96.12.34\n");
    expect(full).toContain(
      ";; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n;; WHEN: Sat Jan 03 04:05:06 UTC 2026\n",
    );
  });
});
