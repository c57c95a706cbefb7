import { describe, expect, it } from "vitest";
import { stopSignalOf } from "../../kubelet/launch";
import { imageFiles, lookupImage } from "../index";
import { runProgram } from "../testing";
import { nginx, nginxEntrypoint } from "./nginx";

const image = lookupImage("nginx:1.27") as NonNullable<ReturnType<typeof lookupImage>>;
const files = imageFiles(image);
const env = { NGINX_VERSION: image.version };

describe("nginx", () => {
  it("runs through the entrypoint: its notices, then a master serving the html root on 80", () => {
    const run = runProgram(nginxEntrypoint, ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], {
      env,
      files,
      programs: { nginx },
    });
    expect(run.status).toBeUndefined();
    expect(run.stdout.split("\n").slice(0, 5)).toEqual([
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
      "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
    ]);
    expect(run.fs.read("/etc/nginx/conf.d/default.conf")).toContain("listen  [::]:80;");
    expect(run.stderr).toContain("2024/12/06 14:10:49 [notice] 1#1: nginx/1.27.3\n");
    const res = run.http(80, "/");
    expect(res.status).toBe(200);
    expect(res.body).toBe(files["/usr/share/nginx/html/index.html"]);
    expect(res.headers.Server).toBe("nginx/1.27.3");
    expect(res.headers["Content-Length"]).toBe("615");
    expect(res.headers["Content-Type"]).toBe("text/html");
    expect(run.stdout).toContain(
      '10.244.0.1 - - [06/Dec/2024:14:10:49 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "-"',
    );
    const missing = run.http(80, "/nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toBe(
      "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n",
    );
    run.signal("TERM");
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("signal 15 (SIGTERM) received, exiting");
    expect(run.listeners).toEqual([]);
  });

  it("serves what a mounted config says: its port and root", () => {
    const run = runProgram(nginx, ["nginx", "-g", "daemon off;"], {
      env,
      files: {
        "/etc/nginx/conf.d/default.conf":
          "server {\n  listen 8080;\n  location / { root /data; index home.html; }\n}\n",
        "/data/home.html": "home\n",
      },
    });
    expect(run.listeners.map((l) => l.port)).toEqual([8080]);
    expect(run.http(8080, "/").body).toBe("home\n");
  });

  it("leaves a changed default.conf alone", () => {
    const run = runProgram(nginxEntrypoint, ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], {
      env,
      files: { ...files, "/etc/nginx/conf.d/default.conf": "server { listen 80; }\n" },
      programs: { nginx },
    });
    expect(run.stdout).toContain(
      "10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version\n",
    );
    expect(run.fs.read("/etc/nginx/conf.d/default.conf")).toBe("server { listen 80; }\n");
  });

  it("on a restart finds IPv6 already enabled", () => {
    const first = runProgram(nginxEntrypoint, ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], {
      env,
      files,
      programs: { nginx },
    });
    const again = runProgram(nginxEntrypoint, ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], {
      env,
      files: { ...files, "/etc/nginx/conf.d/default.conf": first.fs.read("/etc/nginx/conf.d/default.conf") },
      programs: { nginx },
    });
    expect(again.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled\n");
  });

  it("answers -v, -t and -s reload as the binary does", () => {
    const v = runProgram(nginx, ["nginx", "-v"], { env });
    expect([v.status, v.stderr]).toEqual([0, "nginx version: nginx/1.27.3\n"]);
    const t = runProgram(nginx, ["nginx", "-t"], { env });
    expect(t.stderr).toBe(
      "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n",
    );
    const noMaster = runProgram(nginx, ["nginx", "-s", "reload"], { env });
    expect(noMaster.status).toBe(1);
    expect(noMaster.stderr).toBe(
      'nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)\n',
    );
    const master = runProgram(nginx, ["nginx", "-g", "daemon off;"], { env, files });
    expect(master.fs.read("/run/nginx.pid")).toBe("1\n");
  });

  it("without `daemon off;` forks into the background, so the command returns at once", () => {
    expect(runProgram(nginx, ["nginx"], { env, files }).status).toBe(0);
  });
});

describe("nginx stopping", () => {
  it("SIGQUIT (the image's STOPSIGNAL): the master shuts down and exits 0", () => {
    // (Without a process table the master has no workers; a pod's nginx logs theirs too, see
    // src/testing/ckad-a-core-concepts.test.ts.)
    const run = runProgram(nginx, ["nginx", "-g", "daemon off;"], { env, files });
    run.signal("QUIT");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n\S+ \S+ \[notice\] 1#1: exit\n$/,
    );
  });

  it("the runtime stops nginx with SIGQUIT, postgres with SIGINT, an image without STOPSIGNAL with SIGTERM", () => {
    expect(stopSignalOf("nginx")).toBe("QUIT");
    expect(stopSignalOf("nginx:1.24.0")).toBe("QUIT");
    expect(stopSignalOf("postgres:16")).toBe("INT");
    expect(stopSignalOf("busybox")).toBe("TERM");
    expect(stopSignalOf("example.com/unknown:1")).toBe("TERM");
  });
});
