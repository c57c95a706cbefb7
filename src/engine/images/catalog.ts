/**
 * The image catalog: the images learners and the Kubernetes docs use, with their configs as the
 * registries serve them. Sources: the Dockerfiles of docker-library (nginx, httpd, redis,
 * memcached, mysql, postgres, mongo, perl, python, node, golang, busybox, alpine, ubuntu, debian)
 * and the configs `docker image inspect` / `crane config` show for them on Docker Hub; the tag
 * lists of hub.docker.com and registry.k8s.io (late 2024, older series abbreviated to the tags
 * that exist); kubernetes/kubernetes build/ (control-plane images on go-runner/distroless),
 * kubernetes/test/images (agnhost, jessie-dnsutils, liveness), curl/curl-container,
 * nicolaka/netshoot, hashicorp/http-echo, kodekloud/webapp-color, bitnami/containers.
 *
 * Unknown images follow one rule (see resolve.ts): a repository not in this catalog exists at any
 * tag as a generic image with no userland whose process runs until stopped — unless its registry is
 * one whose repositories we list (Docker Hub's official `library/` images, registry.k8s.io's
 * top-level repositories), where a repository outside the list does not exist. A catalogued repository exists only at the
 * tags listed here.
 */
import { accountFiles } from "./etc";
import {
  CURL_ENTRYPOINT_SH,
  HTTPD_INDEX_HTML,
  NGINX_50X_HTML,
  NGINX_CONF,
  NGINX_INDEX_HTML,
  nginxDefaultConf,
} from "./files";
import { INGRESS_NGINX_CONTROLLER_TAGS, KUBE_WEBHOOK_CERTGEN_TAGS } from "./ingress-nginx-tags";
import { debianMajor, ubuntuRelease } from "./osrelease";
import {
  bootcampServerJs,
  GB_REDIS_FOLLOWER_RUN_SH,
  GUESTBOOK_CONTROLLERS_JS,
  GUESTBOOK_INDEX_HTML,
  NODE_HELLO_SERVER_JS,
} from "./programs/tutorials";
import { compareVersions, newestFor, type SeriesSpec, versionTags, withSuffixes } from "./tags";
import type { CatalogEntry, ImageConfig, OsFamily, UserlandFlavour } from "./types";

/** The PATH of most images (Debian's and busybox's default). */
export const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

type Config = Omit<ImageConfig, "repository" | "tag">;
type Partial2 = Partial<Config> & Pick<Config, "version">;

function config(c: Partial2): Config {
  return {
    entrypoint: [],
    cmd: [],
    env: [DEFAULT_PATH],
    workingDir: "",
    user: "",
    exposedPorts: [],
    userland: "none",
    packages: [],
    os: "distroless",
    programs: {},
    files: {},
    size: 10_000_000,
    ...c,
  };
}

function entry(repository: string, tags: readonly string[], make: (tag: string) => Config): CatalogEntry {
  return {
    repository,
    tags: new Set(tags),
    config: (tag) => ({ repository, tag, ...make(tag) }),
  };
}

/** The version a tag means: a full version as itself, a series as its newest, anything else `dflt`. */
function versionOf(spec: SeriesSpec, tag: string, dflt: string, stable?: Record<string, string>): string {
  const bare = tag.replace(/^v/, "").split("-")[0] as string;
  if (stable?.[bare]) return stable[bare] as string;
  if (/^\d+(\.\d+)*$/.test(bare)) return newestFor(spec, bare) ?? bare;
  return dflt;
}

/** Which base a tag's variant uses: alpine for `-alpine*`, else the image's default. */
function flavour(tag: string, gnu: Partial2["packages"] = []) {
  if (tag.includes("alpine"))
    return { userland: "busybox" as UserlandFlavour, os: "alpine" as OsFamily, packages: [] as string[] };
  return { userland: "gnu" as UserlandFlavour, os: "debian" as OsFamily, packages: gnu ?? [] };
}

/** The base image's /etc/passwd and /etc/group with one more account (a service user an image adds). */
function withAccount(os: OsFamily, passwd: string, group: string): Record<string, string> {
  const base = accountFiles(os);
  return {
    "/etc/passwd": `${base["/etc/passwd"] ?? ""}${passwd}\n`,
    "/etc/group": `${base["/etc/group"] ?? ""}${group}\n`,
  };
}

const DEBIAN_BASE = ["coreutils", "bash", "grep", "sed", "findutils", "procps-ng-less"];

/**
 * What the language images' Debian variants add to the base: the full tags build on
 * buildpack-deps:bookworm (its curl layer: curl, wget; its scm layer: git, procps), the -slim
 * tags on debian:bookworm-slim alone.
 */
function buildpackDeps(tag: string): string[] {
  return tag.includes("slim") ? DEBIAN_BASE : [...DEBIAN_BASE, "curl", "wget", "git", "procps"];
}

// ---------------------------------------------------------------------------------------------
// Base images

const BUSYBOX: SeriesSpec = {
  "1.24": 2,
  "1.25": 1,
  "1.26": 2,
  "1.27": 2,
  "1.28": 4,
  "1.29": 3,
  "1.30": 1,
  "1.31": 1,
  "1.32": 1,
  "1.33": 1,
  "1.34": 1,
  "1.35": 0,
  "1.36": 1,
  "1.37": 0,
};
const busybox = entry(
  "docker.io/library/busybox",
  withSuffixes(
    ["latest", "stable", "unstable", ...versionTags(BUSYBOX)],
    ["", "-musl", "-glibc", "-uclibc"],
  ).map((t) => (t.startsWith("latest-") ? t.slice(7) : t)),
  (tag) =>
    config({
      version: versionOf(BUSYBOX, tag, "1.37.0", { stable: "1.36.1" }),
      cmd: ["sh"],
      userland: "busybox",
      os: "busybox",
      size: 2_155_536,
    }),
);

const ALPINE: SeriesSpec = {
  "3.1": 4,
  "3.2": 3,
  "3.3": 3,
  "3.4": 6,
  "3.5": 3,
  "3.6": 5,
  "3.7": 3,
  "3.8": 5,
  "3.9": 6,
  "3.10": 9,
  "3.11": 13,
  "3.12": 12,
  "3.13": 12,
  "3.14": 10,
  "3.15": 11,
  "3.16": 9,
  "3.17": 10,
  "3.18": 9,
  "3.19": 4,
  "3.20": 3,
  "3.21": 0,
};
const alpine = entry("docker.io/library/alpine", ["latest", "edge", ...versionTags(ALPINE)], (tag) =>
  config({
    version: versionOf(ALPINE, tag, "3.21.0", { edge: "3.22.0_alpha20241128" }),
    cmd: ["/bin/sh"],
    userland: "busybox",
    os: "alpine",
    size: 3_652_536,
  }),
);

const UBUNTU_TAGS = [
  "latest",
  "rolling",
  "devel",
  "14.04",
  "16.04",
  "18.04",
  "20.04",
  "22.04",
  "24.04",
  "24.10",
  "25.04",
  "trusty",
  "xenial",
  "bionic",
  "focal",
  "jammy",
  "noble",
  "oracular",
  "plucky",
];
const ubuntu = entry("docker.io/library/ubuntu", UBUNTU_TAGS, (tag) => {
  const release = ubuntuRelease(tag) ?? (tag === "rolling" ? "24.10" : "24.04");
  return config({
    version: release,
    cmd: ["/bin/bash"],
    userland: "gnu",
    os: "ubuntu",
    packages: DEBIAN_BASE,
    size: 29_754_422,
  });
});

const DEBIAN_POINTS: SeriesSpec = { "9": 13, "10": 13, "11": 11, "12": 8 };
const DEBIAN_NAMES = ["stretch", "buster", "bullseye", "bookworm", "trixie", "sid"];
const debian = entry(
  "docker.io/library/debian",
  withSuffixes(
    [
      "latest",
      "stable",
      "oldstable",
      "testing",
      "unstable",
      "experimental",
      ...DEBIAN_NAMES,
      ...versionTags(DEBIAN_POINTS, { minors: true, majors: false }),
    ],
    ["", "-slim"],
  ).filter((t) => t !== "experimental-slim" && t !== "latest-slim"),
  (tag) => {
    const name = tag.replace(/-slim$/, "");
    const major =
      debianMajor(name) ??
      ({ oldstable: "11", testing: "13", trixie: "13" } as Record<string, string>)[name] ??
      "12";
    return config({
      version: major,
      cmd: ["bash"],
      userland: "gnu",
      os: "debian",
      packages: DEBIAN_BASE,
      size: tag.endsWith("-slim") ? 28_230_000 : 49_557_000,
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Servers

const NGINX: SeriesSpec = {
  "1.7": [1, 5, 6, 7, 8, 9, 10, 11, 12],
  "1.9": 15,
  "1.10": 3,
  "1.11": 13,
  "1.12": 2,
  "1.13": 12,
  "1.14": 2,
  "1.15": 12,
  "1.16": 1,
  "1.17": 10,
  "1.18": 0,
  "1.19": 10,
  "1.20": 2,
  "1.21": 6,
  "1.22": 1,
  "1.23": 4,
  "1.24": 0,
  "1.25": 5,
  "1.26": 3,
  "1.27": 3,
};
const NGINX_NAMED = ["latest", "mainline", "stable"];
const nginxTags = (() => {
  const versions = versionTags(NGINX);
  const out = [...NGINX_NAMED, ...versions];
  const ge = (t: string, min: string) => {
    const v = newestFor(NGINX, t) ?? "9";
    const [a, b] = v.split(".").map(Number) as [number, number];
    const [c, d] = min.split(".").map(Number) as [number, number];
    return a > c || (a === c && b >= d);
  };
  for (const t of [...NGINX_NAMED, ...versions]) {
    const named = NGINX_NAMED.includes(t);
    if (named || ge(t, "1.9")) out.push(t === "latest" ? "alpine" : `${t}-alpine`);
    if (named || ge(t, "1.13")) out.push(t === "latest" ? "perl" : `${t}-perl`);
    if (named || ge(t, "1.13")) out.push(t === "latest" ? "alpine-perl" : `${t}-alpine-perl`);
    if (named || ge(t, "1.23")) out.push(t === "latest" ? "alpine-slim" : `${t}-alpine-slim`);
    if (named || ge(t, "1.25")) out.push(t === "latest" ? "bookworm" : `${t}-bookworm`);
  }
  return out;
})();
const NGINX_STABLE = "1.26.2";
const NGINX_MAINLINE = "1.27.3";

const nginx = entry("docker.io/library/nginx", nginxTags, (tag) => {
  const base = tag.split("-")[0] as string;
  const named: Record<string, string> = {
    latest: NGINX_MAINLINE,
    mainline: NGINX_MAINLINE,
    stable: NGINX_STABLE,
    alpine: NGINX_MAINLINE,
    perl: NGINX_MAINLINE,
    bookworm: NGINX_MAINLINE,
  };
  const version = versionOf(NGINX, base, NGINX_MAINLINE, named);
  const f = flavour(tag, [...DEBIAN_BASE, "curl"]);
  return config({
    version,
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    env: [
      DEFAULT_PATH,
      `NGINX_VERSION=${version}`,
      "NJS_VERSION=0.8.7",
      "NJS_RELEASE=1~bookworm",
      "PKG_RELEASE=1~bookworm",
    ],
    exposedPorts: ["80/tcp"],
    ...f,
    programs: {
      "/docker-entrypoint.sh": "nginx-entrypoint",
      "/usr/sbin/nginx": "nginx",
      "/usr/sbin/nginx-debug": "nginx",
    },
    files: {
      "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML,
      "/usr/share/nginx/html/50x.html": NGINX_50X_HTML,
      "/etc/nginx/nginx.conf": NGINX_CONF,
      "/etc/nginx/conf.d/default.conf": nginxDefaultConf(),
      // The image's Dockerfile adds the nginx user and group (uid/gid 101).
      ...withAccount(f.os, "nginx:x:101:101:nginx user:/nonexistent:/bin/false", "nginx:x:101:"),
    },
    size: tag.includes("alpine") ? 20_510_000 : 72_099_410,
    // The Dockerfile's STOPSIGNAL: nginx finishes its requests and quits.
    stopSignal: "SIGQUIT",
  });
});

const HTTPD: SeriesSpec = {
  "2.2": [29, 31, 32, 34],
  "2.4": [
    10, 12, 16, 17, 18, 20, 23, 25, 27, 29, 33, 34, 35, 37, 38, 39, 41, 43, 46, 48, 51, 52, 53, 54, 55, 56,
    57, 58, 59, 61, 62,
  ],
};
const httpd = entry(
  "docker.io/library/httpd",
  withSuffixes(["latest", ...versionTags(HTTPD)], ["", "-alpine", "-bookworm"]).map((t) =>
    t === "latest-alpine" ? "alpine" : t === "latest-bookworm" ? "bookworm" : t,
  ),
  (tag) => {
    const version = versionOf(HTTPD, tag.split("-")[0] as string, "2.4.62");
    return config({
      version,
      cmd: ["httpd-foreground"],
      env: [
        "PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HTTPD_PREFIX=/usr/local/apache2",
        `HTTPD_VERSION=${version}`,
        "HTTPD_PATCHES=",
      ],
      workingDir: "/usr/local/apache2",
      exposedPorts: ["80/tcp"],
      ...flavour(tag, DEBIAN_BASE),
      programs: { "/usr/local/bin/httpd-foreground": "httpd", "/usr/local/apache2/bin/httpd": "httpd" },
      files: { "/usr/local/apache2/htdocs/index.html": HTTPD_INDEX_HTML },
      size: tag.includes("alpine") ? 22_900_000 : 58_128_394,
      // The Dockerfile's STOPSIGNAL: a graceful stop (httpd -k graceful-stop).
      stopSignal: "SIGWINCH",
    });
  },
);

const REDIS: SeriesSpec = {
  "3.2": 12,
  "4.0": 14,
  "5.0": 14,
  "6.0": 20,
  "6.2": 16,
  "7.0": 15,
  "7.2": 6,
  "7.4": 1,
};
const redis = entry(
  "docker.io/library/redis",
  withSuffixes(["latest", ...versionTags(REDIS)], ["", "-alpine", "-bookworm"]).map((t) =>
    t === "latest-alpine" ? "alpine" : t === "latest-bookworm" ? "bookworm" : t,
  ),
  (tag) => {
    const version = versionOf(REDIS, tag.split("-")[0] as string, "7.4.1");
    return config({
      version,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      env: [DEFAULT_PATH, "GOSU_VERSION=1.17", `REDIS_VERSION=${version}`],
      workingDir: "/data",
      exposedPorts: ["6379/tcp"],
      ...flavour(tag, DEBIAN_BASE),
      programs: {
        "/usr/local/bin/docker-entrypoint.sh": "redis-entrypoint",
        "/usr/local/bin/redis-server": "redis-server",
        "/usr/local/bin/redis-cli": "redis-cli",
      },
      size: tag.includes("alpine") ? 17_200_000 : 45_006_372,
    });
  },
);

const MEMCACHED: SeriesSpec = { "1.5": 22, "1.6": 32 };
const memcached = entry(
  "docker.io/library/memcached",
  withSuffixes(["latest", ...versionTags(MEMCACHED)], ["", "-alpine", "-bookworm"]).map((t) =>
    t === "latest-alpine" ? "alpine" : t === "latest-bookworm" ? "bookworm" : t,
  ),
  (tag) => {
    const version = versionOf(MEMCACHED, tag.split("-")[0] as string, "1.6.32");
    return config({
      version,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["memcached"],
      env: [DEFAULT_PATH, `MEMCACHED_VERSION=${version}`],
      user: "memcache",
      exposedPorts: ["11211/tcp"],
      ...flavour(tag, DEBIAN_BASE),
      programs: {
        "/usr/local/bin/docker-entrypoint.sh": "memcached-entrypoint",
        "/usr/local/bin/memcached": "memcached",
      },
      size: tag.includes("alpine") ? 7_900_000 : 31_000_000,
    });
  },
);

const MYSQL: SeriesSpec = {
  "5.6": [51],
  "5.7": [
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
  ],
  "8.0": [19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40],
  "8.4": 3,
  "9.0": 1,
  "9.1": 0,
};
const mysql = entry(
  "docker.io/library/mysql",
  withSuffixes(["latest", "lts", "innovation", ...versionTags(MYSQL)], ["", "-oracle", "-debian"]).filter(
    (t) => !t.endsWith("-debian") || /^(5\.7|8\.0)/.test(t),
  ),
  (tag) => {
    const version = versionOf(MYSQL, tag.split("-")[0] as string, "9.1.0", {
      lts: "8.4.3",
      innovation: "9.1.0",
    });
    const debianVariant = tag.endsWith("-debian") || version.startsWith("5.6");
    return config({
      version,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mysqld"],
      env: [
        DEFAULT_PATH,
        "GOSU_VERSION=1.17",
        `MYSQL_MAJOR=${version.split(".").slice(0, 2).join(".")}`,
        `MYSQL_VERSION=${version}-1.el9`,
      ],
      exposedPorts: ["3306/tcp", "33060/tcp"],
      userland: "gnu",
      os: debianVariant ? "debian" : "oraclelinux",
      packages: DEBIAN_BASE,
      programs: {
        "/usr/local/bin/docker-entrypoint.sh": "mysql-entrypoint",
        "/usr/sbin/mysqld": "mysqld",
        "/usr/bin/mysql": "mysql",
      },
      size: 170_000_123,
    });
  },
);

const POSTGRES: SeriesSpec = {
  "9.6": 24,
  "10": 23,
  "11": 22,
  "12": 22,
  "13": 18,
  "14": 15,
  "15": 10,
  "16": 6,
  "17": 2,
};
const postgres = entry(
  "docker.io/library/postgres",
  withSuffixes(
    ["latest", ...versionTags(POSTGRES, { majors: false })],
    ["", "-alpine", "-bookworm", "-bullseye"],
  ).map((t) =>
    t === "latest-alpine"
      ? "alpine"
      : t === "latest-bookworm"
        ? "bookworm"
        : t === "latest-bullseye"
          ? "bullseye"
          : t,
  ),
  (tag) => {
    const version = versionOf(POSTGRES, tag.split("-")[0] as string, "17.2");
    const major = version.startsWith("9.") ? "9.6" : (version.split(".")[0] as string);
    return config({
      version,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["postgres"],
      env: [
        `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${major}/bin`,
        "GOSU_VERSION=1.17",
        "LANG=en_US.utf8",
        `PG_MAJOR=${major}`,
        `PG_VERSION=${version}-1.pgdg120+1`,
        "PGDATA=/var/lib/postgresql/data",
      ],
      exposedPorts: ["5432/tcp"],
      ...flavour(tag, DEBIAN_BASE),
      programs: {
        "/usr/local/bin/docker-entrypoint.sh": "postgres-entrypoint",
        [`/usr/lib/postgresql/${major}/bin/postgres`]: "postgres",
        [`/usr/lib/postgresql/${major}/bin/psql`]: "psql",
        "/usr/bin/psql": "psql",
      },
      size: tag.includes("alpine") ? 105_000_000 : 158_112_222,
      // The Dockerfile's STOPSIGNAL: a fast shutdown (smart would wait for every client).
      stopSignal: "SIGINT",
    });
  },
);

const MONGO: SeriesSpec = { "4.4": 29, "5.0": 30, "6.0": 19, "7.0": 16, "8.0": 4 };
const mongo = entry(
  "docker.io/library/mongo",
  withSuffixes(["latest", ...versionTags(MONGO)], ["", "-jammy", "-noble"]).map((t) =>
    t === "latest-jammy" ? "jammy" : t === "latest-noble" ? "noble" : t,
  ),
  (tag) => {
    const version = versionOf(MONGO, tag.split("-")[0] as string, "8.0.4");
    return config({
      version,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mongod"],
      env: [
        DEFAULT_PATH,
        "GOSU_VERSION=1.17",
        `MONGO_MAJOR=${version.split(".").slice(0, 2).join(".")}`,
        `MONGO_VERSION=${version}`,
        "HOME=/data/db",
      ],
      exposedPorts: ["27017/tcp"],
      userland: "gnu",
      os: "ubuntu",
      packages: DEBIAN_BASE,
      programs: {
        "/usr/local/bin/docker-entrypoint.sh": "mongo-entrypoint",
        "/usr/bin/mongod": "mongod",
        "/usr/bin/mongosh": "mongosh",
      },
      size: 293_000_000,
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Language runtimes

const PERL: SeriesSpec = { "5.34": 3, "5.36": 3, "5.38": 2, "5.40": 0 };
const perl = entry(
  "docker.io/library/perl",
  withSuffixes(
    ["latest", ...versionTags(PERL)],
    ["", "-slim", "-threaded", "-bookworm", "-slim-bookworm"],
  ).map((t) => (t.startsWith("latest-") ? t.slice(7) : t)),
  (tag) => {
    const version = versionOf(PERL, tag.split("-")[0] as string, "5.40.0");
    return config({
      version,
      cmd: [`perl${version}`, "-de0"],
      workingDir: "/usr/src/app",
      userland: "gnu",
      os: "debian",
      packages: buildpackDeps(tag),
      programs: { "/usr/local/bin/perl": "perl", [`/usr/local/bin/perl${version}`]: "perl" },
      size: tag.includes("slim") ? 40_000_000 : 335_000_000,
    });
  },
);

const PYTHON: SeriesSpec = { "2.7": 18, "3.8": 20, "3.9": 21, "3.10": 16, "3.11": 11, "3.12": 8, "3.13": 1 };
const python = entry(
  "docker.io/library/python",
  withSuffixes(
    ["latest", ...versionTags(PYTHON)],
    ["", "-slim", "-alpine", "-bookworm", "-slim-bookworm"],
  ).map((t) => (t.startsWith("latest-") ? t.slice(7) : t)),
  (tag) => {
    const version = versionOf(PYTHON, tag.split("-")[0] as string, "3.13.1");
    const env = ["PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];
    if (!version.startsWith("3.13")) env.push("LANG=C.UTF-8");
    env.push(`PYTHON_VERSION=${version}`);
    const major = version.split(".")[0] as string;
    const minor = version.split(".").slice(0, 2).join(".");
    const programs: Record<string, string> = {
      "/usr/local/bin/python": "python",
      [`/usr/local/bin/python${major}`]: "python",
      [`/usr/local/bin/python${minor}`]: "python",
      "/usr/local/bin/pip": "pip",
      [`/usr/local/bin/pip${major}`]: "pip",
      [`/usr/local/bin/pip${minor}`]: "pip",
    };
    return config({
      version,
      cmd: [`python${major === "2" ? "2" : "3"}`],
      env,
      ...flavour(tag, buildpackDeps(tag)),
      programs,
      size: tag.includes("alpine") ? 17_500_000 : tag.includes("slim") ? 45_000_000 : 380_000_000,
    });
  },
);

const NODE_NEWEST: Record<string, string> = {
  "10": "10.24.1",
  "12": "12.22.12",
  "14": "14.21.3",
  "16": "16.20.2",
  "18": "18.20.5",
  "20": "20.18.1",
  "22": "22.12.0",
  "23": "23.4.0",
};
const NODE_CODENAMES: Record<string, string> = {
  dubnium: "10",
  erbium: "12",
  fermium: "14",
  gallium: "16",
  hydrogen: "18",
  iron: "20",
  jod: "22",
};
const nodeTags = (() => {
  const bases = ["latest", "lts", "current", ...Object.keys(NODE_CODENAMES)];
  for (const [major, full] of Object.entries(NODE_NEWEST)) {
    const [, minor] = full.split(".") as [string, string];
    bases.push(major, `${major}.${minor}`, full);
  }
  return withSuffixes(bases, ["", "-alpine", "-slim", "-bookworm", "-bookworm-slim"]).map((t) =>
    t.startsWith("latest-") ? t.slice(7) : t,
  );
})();
const node = entry("docker.io/library/node", nodeTags, (tag) => {
  const base = tag.split("-")[0] as string;
  const major =
    NODE_CODENAMES[base] ??
    (base === "lts" ? "22" : /^\d/.test(base) ? (base.split(".")[0] as string) : "23");
  const version = /^\d+\.\d+\.\d+$/.test(base) ? base : (NODE_NEWEST[major] ?? "23.4.0");
  return config({
    version,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["node"],
    env: [DEFAULT_PATH, `NODE_VERSION=${version}`, "YARN_VERSION=1.22.22"],
    ...flavour(tag, buildpackDeps(tag)),
    programs: {
      "/usr/local/bin/docker-entrypoint.sh": "node-entrypoint",
      "/usr/local/bin/node": "node",
      "/usr/local/bin/npm": "npm",
    },
    size: tag.includes("alpine") ? 56_000_000 : tag.includes("slim") ? 75_000_000 : 395_000_000,
  });
});

const GOLANG: SeriesSpec = { "1.19": 13, "1.20": 14, "1.21": 13, "1.22": 10, "1.23": 4 };
const golang = entry(
  "docker.io/library/golang",
  withSuffixes(["latest", ...versionTags(GOLANG)], ["", "-alpine", "-bookworm"]).map((t) =>
    t.startsWith("latest-") ? t.slice(7) : t,
  ),
  (tag) => {
    const version = versionOf(GOLANG, tag.split("-")[0] as string, "1.23.4");
    return config({
      version,
      env: [
        "PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        `GOLANG_VERSION=${version}`,
        "GOTOOLCHAIN=local",
        "GOPATH=/go",
      ],
      cmd: tag.includes("alpine") ? ["/bin/sh"] : ["bash"],
      workingDir: "/go",
      ...flavour(tag, buildpackDeps(tag)),
      programs: { "/usr/local/go/bin/go": "go" },
      size: tag.includes("alpine") ? 75_000_000 : 300_000_000,
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Tools

const CURL_VERSIONS = [
  "7.72.0",
  "7.73.0",
  "7.74.0",
  "7.75.0",
  "7.76.1",
  "7.77.0",
  "7.78.0",
  "7.79.1",
  "7.80.0",
  "7.81.0",
  "7.82.0",
  "7.83.1",
  "7.84.0",
  "7.85.0",
  "7.86.0",
  "7.87.0",
  "7.88.1",
  "8.00.1",
  "8.1.2",
  "8.2.1",
  "8.3.0",
  "8.4.0",
  "8.5.0",
  "8.6.0",
  "8.7.1",
  "8.8.0",
  "8.9.1",
  "8.10.1",
  "8.11.0",
  "8.11.1",
  "8.12.0",
  "8.12.1",
  "8.13.0",
  "8.14.0",
  "8.14.1",
  "8.15.0",
  "8.16.0",
  "8.17.0",
  "8.18.0",
];
const curl = entry("docker.io/curlimages/curl", ["latest", ...CURL_VERSIONS], (tag) => {
  const version = tag === "latest" ? "8.11.1" : tag;
  return config({
    version,
    entrypoint: ["/entrypoint.sh"],
    cmd: ["curl"],
    env: [DEFAULT_PATH, `CURL_CA_BUNDLE=/cacert.pem`],
    workingDir: "/home/curl_user",
    user: "curl_user",
    userland: "busybox",
    os: "alpine",
    packages: ["curl"],
    // The curl program is the userland's (engine/sh applets); the id names it.
    programs: { "/usr/bin/curl": "curl" },
    files: {
      "/entrypoint.sh": CURL_ENTRYPOINT_SH,
      // `addgroup -S curl_group && adduser -S curl_user -G curl_group` (curl/curl-container's
      // base image): busybox takes the first free system ids, 100 (users is gid 100).
      ...withAccount(
        "alpine",
        "curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin",
        "curl_group:x:101:curl_user",
      ),
    },
    size: 10_400_000,
  });
});

const NETSHOOT = ["latest", ...Array.from({ length: 13 }, (_, i) => `v0.${i + 1}`)];
const netshoot = entry("docker.io/nicolaka/netshoot", NETSHOOT, (tag) =>
  config({
    version: tag === "latest" ? "v0.13" : tag,
    cmd: ["zsh"],
    userland: "busybox",
    os: "alpine",
    packages: [
      "bash",
      "zsh",
      "curl",
      "wget",
      "bind-tools",
      "iproute2",
      "iptables",
      "tcpdump",
      "netcat-openbsd",
      "nmap",
      "jq",
      "openssl",
      "strace",
      "procps",
    ],
    size: 190_000_000,
  }),
);

const KUBECTL: SeriesSpec = { "1.29": 12, "1.30": 8, "1.31": 4, "1.32": 0 };
const bitnamiKubectl = entry("docker.io/bitnami/kubectl", ["latest", ...versionTags(KUBECTL)], (tag) => {
  const version = versionOf(KUBECTL, tag, "1.32.0");
  return config({
    version,
    entrypoint: ["kubectl"],
    env: [
      "HOME=/",
      "OS_ARCH=amd64",
      "OS_FLAVOUR=debian-12",
      "OS_NAME=linux",
      "PATH=/opt/bitnami/kubectl/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      `APP_VERSION=${version}`,
      "BITNAMI_APP_NAME=kubectl",
    ],
    user: "1001",
    userland: "gnu",
    os: "debian",
    packages: [...DEBIAN_BASE, "kubectl"],
    size: 79_000_000,
  });
});

// ---------------------------------------------------------------------------------------------
// Kubernetes docs and tests

const stressPolinux = entry("docker.io/polinux/stress", ["latest", "1.0.4"], () =>
  config({
    version: "1.0.4",
    cmd: ["stress", "--version"],
    userland: "busybox",
    os: "alpine",
    programs: { "/usr/local/bin/stress": "stress" },
    size: 4_600_000,
  }),
);

const stressVish = entry("docker.io/vish/stress", ["latest"], () =>
  config({
    version: "latest",
    entrypoint: ["/stress", "-logtostderr"],
    programs: { "/stress": "vish-stress" },
    size: 1_300_000,
  }),
);

// The HorizontalPodAutoscaler walkthrough's php-apache: FROM php:5-apache with an index.php.
const hpaExample = entry("registry.k8s.io/hpa-example", ["latest"], () =>
  config({
    version: "latest",
    entrypoint: ["docker-php-entrypoint"],
    cmd: ["apache2-foreground"],
    workingDir: "/var/www/html",
    exposedPorts: ["80/tcp"],
    userland: "gnu",
    os: "debian",
    packages: DEBIAN_BASE,
    programs: {
      "/usr/local/bin/apache2-foreground": "php-apache",
      "/usr/local/bin/docker-php-entrypoint": "php-entrypoint",
    },
    files: {
      "/var/www/html/index.php":
        '<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo "OK!";\n?>\n',
    },
    size: 181_000_000,
  }),
);

// The Debug Services page's backend: test/images/serve_hostname, built FROM busybox.
const serveHostnameImage = entry("registry.k8s.io/serve_hostname", ["latest", "1.1", "v1.4"], (tag) =>
  config({
    version: tag,
    entrypoint: ["/serve_hostname"],
    exposedPorts: ["9376/tcp"],
    userland: "busybox",
    os: "busybox",
    programs: { "/serve_hostname": "serve-hostname" },
    size: 2_800_000,
  }),
);

const AGNHOST = Array.from({ length: 33 }, (_, i) => `2.${i + 21}`);
const agnhost = entry("registry.k8s.io/e2e-test-images/agnhost", AGNHOST, (tag) =>
  config({
    version: tag,
    entrypoint: ["/agnhost"],
    cmd: ["pause"],
    exposedPorts: ["80/tcp", "8080/tcp", "8081/tcp", "9376/tcp"],
    userland: "busybox",
    os: "alpine",
    packages: ["bind-tools", "curl", "netcat-openbsd", "iproute2", "bash"],
    programs: { "/agnhost": "agnhost" },
    size: 51_000_000,
  }),
);

const httpEcho = entry("docker.io/hashicorp/http-echo", ["latest", "0.2.1", "0.2.3", "1.0", "1.0.0"], (tag) =>
  config({
    version: tag === "latest" ? "1.0.0" : tag,
    entrypoint: ["/http-echo"],
    exposedPorts: tag.startsWith("0.") ? [] : ["5678/tcp"],
    programs: { "/http-echo": "http-echo" },
    size: 3_600_000,
  }),
);

const webappColor = entry("docker.io/kodekloud/webapp-color", ["latest", "v1", "v2", "v3"], (tag) =>
  config({
    version: tag,
    entrypoint: ["python", "app.py"],
    workingDir: "/opt",
    exposedPorts: ["8080/tcp"],
    env: [DEFAULT_PATH, "LANG=C.UTF-8", "PYTHON_VERSION=3.6.15"],
    userland: "busybox",
    os: "alpine",
    programs: { "/usr/local/bin/python": "webapp-color" },
    size: 33_000_000,
  }),
);

// The kubernetes.io task pages run registry.k8s.io/busybox:1.27.2 (probes, ConfigMaps, DNS debugging).
const k8sBusybox = entry("registry.k8s.io/busybox", ["latest", "1.24", "1.27", "1.27.2"], (tag) =>
  config({
    version: tag.startsWith("1.27") ? "1.27.2" : "1.24.0",
    cmd: ["sh"],
    userland: "busybox",
    os: "busybox",
    size: tag.startsWith("1.27") ? 1_300_000 : 675_000,
  }),
);

const jessieDnsutils = entry(
  "registry.k8s.io/e2e-test-images/jessie-dnsutils",
  ["1.3", "1.4", "1.5", "1.7"],
  (tag) =>
    config({
      version: tag,
      cmd: ["bash"],
      userland: "gnu",
      os: "debian",
      packages: [...DEBIAN_BASE, "dnsutils", "iputils-ping", "curl", "wget"],
      size: 113_000_000,
    }),
);

const liveness = entry("registry.k8s.io/liveness", ["latest"], () =>
  config({ version: "latest", programs: { "/server": "liveness" }, size: 2_800_000 }),
);

const helloApp = entry("gcr.io/google-samples/hello-app", ["1.0", "2.0"], (tag) =>
  config({
    version: `${tag}.0`,
    cmd: ["./hello-app"],
    workingDir: "/app",
    userland: "busybox",
    os: "alpine",
    programs: { "/app/hello-app": tag === "2.0" ? "hello-app-2" : "hello-app-1" },
    size: 10_200_000,
  }),
);

/** The CKAD exercises' hostname server: an Express app on mhart/alpine-node:8 started by npm. */
const simpleApp = entry("docker.io/dgkanatsios/simpleapp", ["latest"], () =>
  config({
    version: "1.0.0",
    cmd: ["npm", "start"],
    workingDir: "/usr/src/app",
    exposedPorts: ["8080/tcp"],
    userland: "busybox",
    os: "alpine",
    programs: { "/usr/bin/npm": "simpleapp" },
    size: 25_000_000,
  }),
);

const nginxUnprivileged = entry(
  "docker.io/nginxinc/nginx-unprivileged",
  ["latest", "stable", "alpine", "1.27", "1.27.3", "1.26", "1.26.2", "1.27-alpine", "1.26-alpine"],
  (tag) => {
    const base = nginx.config(tag === "latest" ? "latest" : tag);
    return {
      ...base,
      user: "101",
      exposedPorts: ["8080/tcp"],
      files: { ...base.files, "/etc/nginx/conf.d/default.conf": nginxDefaultConf(8080) },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// The cluster's own images

const K8S: SeriesSpec = { "1.28": 15, "1.29": 12, "1.30": 8, "1.31": 4, "1.32": 3 };
const K8S_TAGS = versionTags(K8S, { minors: false, majors: false }).map((v) => `v${v}`);

function controlPlane(name: string, size: number): CatalogEntry {
  return entry(`registry.k8s.io/${name}`, K8S_TAGS, (tag) =>
    config({
      version: tag,
      entrypoint: name === "kube-proxy" ? [] : ["/go-runner"],
      cmd: name === "kube-proxy" ? [] : [],
      programs: {
        [`/usr/local/bin/${name}`]: name,
        ...(name === "kube-proxy" ? {} : { "/go-runner": "go-runner" }),
      },
      size,
    }),
  );
}

const pause = entry(
  "registry.k8s.io/pause",
  ["latest", "3.1", "3.2", "3.3", "3.4.1", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10"],
  (tag) =>
    config({
      version: tag,
      entrypoint: ["/pause"],
      programs: { "/pause": "pause" },
      size: 320_368,
    }),
);

const etcd = entry(
  "registry.k8s.io/etcd",
  [
    "3.4.3-0",
    "3.4.13-0",
    "3.5.0-0",
    "3.5.1-0",
    "3.5.3-0",
    "3.5.4-0",
    "3.5.6-0",
    "3.5.7-0",
    "3.5.9-0",
    "3.5.10-0",
    "3.5.12-0",
    "3.5.15-0",
    "3.5.16-0",
  ],
  (tag) =>
    config({
      version: tag.split("-")[0] as string,
      cmd: ["/usr/local/bin/etcd"],
      exposedPorts: ["2379/tcp", "2380/tcp"],
      programs: {
        "/usr/local/bin/etcd": "etcd",
        "/usr/local/bin/etcdctl": "etcdctl",
        "/usr/local/bin/etcdutl": "etcdutl",
      },
      size: 57_680_541,
    }),
);

const coredns = entry(
  "registry.k8s.io/coredns/coredns",
  [
    "v1.8.0",
    "v1.8.4",
    "v1.8.6",
    "v1.9.3",
    "v1.9.4",
    "v1.10.0",
    "v1.10.1",
    "v1.11.0",
    "v1.11.1",
    "v1.11.3",
    "v1.11.4",
    "v1.12.0",
  ],
  (tag) =>
    config({
      version: tag.slice(1),
      entrypoint: ["/coredns"],
      exposedPorts: ["53/tcp", "53/udp"],
      programs: { "/coredns": "coredns" },
      size: 18_562_039,
    }),
);

const metricsServer = entry(
  "registry.k8s.io/metrics-server/metrics-server",
  ["v0.6.3", "v0.6.4", "v0.7.0", "v0.7.1", "v0.7.2", "v0.8.0"],
  (tag) =>
    config({
      version: tag.slice(1),
      entrypoint: ["/metrics-server"],
      user: "65534",
      exposedPorts: ["10250/tcp"],
      // The hook in engine/metrics runs it; the image's process only waits to be stopped.
      programs: { "/metrics-server": "pause" },
      size: 19_494_617,
    }),
);

/**
 * ingress-nginx's controller (rootfs/Dockerfile on images/nginx: alpine, nginx's `www-data` user
 * uid 101 in group www-data 82, EXPOSE 80 443, ENTRYPOINT dumb-init --, CMD the controller).
 * Tags: the controller-v* releases 1.9.0 to 1.14.5. Sizes are approximate.
 */
const ingressNginxController = entry(
  "registry.k8s.io/ingress-nginx/controller",
  INGRESS_NGINX_CONTROLLER_TAGS,
  (tag) => {
    const base = accountFiles("alpine");
    return config({
      version: tag.slice(1),
      entrypoint: ["/usr/bin/dumb-init", "--"],
      cmd: ["/nginx-ingress-controller"],
      workingDir: "/etc/nginx",
      user: "www-data",
      exposedPorts: ["80/tcp", "443/tcp"],
      userland: "busybox",
      packages: ["bash", "curl"],
      os: "alpine",
      // The hook in engine/ingress runs the controller; the image's process only waits to be stopped.
      programs: {
        "/usr/bin/dumb-init": "dumb-init",
        "/nginx-ingress-controller": "pause",
        "/wait-shutdown": "wait-shutdown",
      },
      files: {
        ...base,
        "/etc/passwd": `${base["/etc/passwd"] ?? ""}www-data:x:101:82:Linux User,,,:/usr/local/nginx:/sbin/nologin\n`,
      },
      size: 105_000_000,
    });
  },
);

/** kube-webhook-certgen (distroless/static:nonroot, USER 65532:65532, ENTRYPOINT the binary). */
const kubeWebhookCertgen = entry(
  "registry.k8s.io/ingress-nginx/kube-webhook-certgen",
  KUBE_WEBHOOK_CERTGEN_TAGS,
  (tag) =>
    config({
      version: tag.slice(1),
      entrypoint: ["/kube-webhook-certgen"],
      workingDir: "/",
      user: "65532:65532",
      // The hook in engine/ingress runs it: it creates or patches, then exits.
      programs: { "/kube-webhook-certgen": "pause" },
      size: 28_000_000,
    }),
);

// rancher/local-path-provisioner (package/Dockerfile): FROM alpine, the binary in /usr/bin, CMD
// ["local-path-provisioner"]. The hook in engine/localpath runs it; the process only waits to be
// stopped. Its helper pods use the busybox image its ConfigMap names.
const localPathProvisioner = entry(
  "docker.io/rancher/local-path-provisioner",
  ["v0.0.24", "v0.0.25", "v0.0.26", "v0.0.27", "v0.0.28", "v0.0.29", "v0.0.30", "v0.0.31"],
  (tag) =>
    config({
      version: tag.slice(1),
      cmd: ["local-path-provisioner"],
      env: [DEFAULT_PATH, "ARCH=amd64"],
      userland: "busybox",
      os: "alpine",
      programs: { "/usr/bin/local-path-provisioner": "pause" },
      // About the size Docker Hub lists for the amd64 image (an estimate; it only sets pull time).
      size: 18_000_000,
    }),
);

const FLANNEL = [
  "v0.22.0",
  "v0.22.1",
  "v0.22.2",
  "v0.22.3",
  "v0.23.0",
  "v0.24.0",
  "v0.24.1",
  "v0.24.2",
  "v0.24.3",
  "v0.24.4",
  "v0.25.0",
  "v0.25.1",
  "v0.25.2",
  "v0.25.3",
  "v0.25.4",
  "v0.25.5",
  "v0.25.6",
  "v0.25.7",
  "v0.26.0",
  "v0.26.1",
];
const flannel = entry("docker.io/flannel/flannel", FLANNEL, (tag) =>
  config({
    version: tag.slice(1),
    entrypoint: ["/opt/bin/flanneld"],
    userland: "busybox",
    os: "alpine",
    packages: ["iproute2", "iptables"],
    programs: { "/opt/bin/flanneld": "flanneld" },
    size: 32_196_364,
  }),
);
const flannelCni = entry(
  "docker.io/flannel/flannel-cni-plugin",
  [
    "v1.1.2",
    "v1.2.0",
    "v1.4.0-flannel1",
    "v1.4.1-flannel1",
    "v1.5.0-flannel1",
    "v1.5.1-flannel1",
    "v1.5.1-flannel2",
    "v1.6.0-flannel1",
  ],
  (tag) =>
    config({
      version: tag.slice(1),
      userland: "busybox",
      os: "alpine",
      // The CNI plugin binary the DaemonSet's init container copies onto the node.
      files: { "/flannel": "\u007fELF (flannel CNI plugin binary)\n" },
      size: 4_856_838,
    }),
);

const weave = entry("docker.io/weaveworks/weave-kube", ["latest", "2.8.1", "2.7.0", "2.6.5"], (tag) =>
  config({
    version: tag === "latest" ? "2.8.1" : tag,
    entrypoint: ["/home/weave/launch.sh"],
    userland: "busybox",
    os: "alpine",
    programs: { "/home/weave/launch.sh": "weave" },
    size: 30_000_000,
  }),
);

// ---------------------------------------------------------------------------------------------
// The kubernetes.io tutorials' sample apps

/**
 * Kubernetes Basics' app: `FROM node:6.3.1`, `EXPOSE 8080`, `COPY server.js .`,
 * `CMD node server.js` (so /bin/sh -c runs it, in /). jocatalin's v2 is the same with `v=2`.
 */
function bootcamp(repository: string, tags: readonly string[]): CatalogEntry {
  return entry(repository, tags, (tag) =>
    config({
      version: tag,
      cmd: ["/bin/sh", "-c", "node server.js"],
      env: [DEFAULT_PATH, "NPM_CONFIG_LOGLEVEL=info", "NODE_VERSION=6.3.1"],
      exposedPorts: ["8080/tcp"],
      userland: "gnu",
      os: "debian",
      packages: buildpackDeps(tag),
      programs: { "/usr/local/bin/node": "kubernetes-bootcamp" },
      files: { "/server.js": bootcampServerJs(tag === "v2" ? 2 : 1) },
      size: 83_642_968,
    }),
  );
}
const kubernetesBootcamp = bootcamp("gcr.io/google-samples/kubernetes-bootcamp", ["v1"]);
const jocatalinBootcamp = bootcamp("docker.io/jocatalin/kubernetes-bootcamp", ["v1", "v2"]);

/**
 * The StatefulSet tutorial's web server: kubernetes/ingress-nginx images/nginx-slim (nginx built
 * on a Debian base with curl, `CMD ["nginx", "-g", "daemon off;"]`, no entrypoint script).
 */
const NGINX_SLIM = Array.from({ length: 21 }, (_, i) => `0.${i + 7}`);
const nginxSlim = entry("registry.k8s.io/nginx-slim", NGINX_SLIM, (tag) => {
  const base = nginx.config("1.27");
  return {
    ...base,
    version: tag,
    entrypoint: [],
    env: [DEFAULT_PATH],
    exposedPorts: ["80/tcp", "443/tcp"],
    programs: { "/usr/sbin/nginx": "nginx" },
    size: 20_000_000,
  };
});

/**
 * "Connecting Applications with Services" HTTPS server: kubernetes/examples staging/https-nginx
 * built as bprashanth/nginxhttps:1.0 in 2016 (`FROM nginx` of then, Debian jessie, nginx 1.9,
 * inotify-tools and /home/auto-reload-nginx.sh added, no CMD of its own so nginx's `nginx -g
 * 'daemon off;'` runs, and no docker-entrypoint.sh yet). It serves /etc/nginx/conf.d, where the
 * page mounts its ConfigMap's default.conf.
 */
const nginxHttps = entry("docker.io/bprashanth/nginxhttps", ["1.0"], () => {
  const base = nginx.config("1.27");
  return {
    ...base,
    version: "1.0",
    entrypoint: [],
    cmd: ["nginx", "-g", "daemon off;"],
    env: [DEFAULT_PATH, "NGINX_VERSION=1.9.9"],
    exposedPorts: ["443/tcp", "80/tcp"],
    programs: { "/usr/sbin/nginx": "nginx" },
    size: 78_800_000,
  };
});

/** Connecting Applications with Services' DNS client: busybox with curl (radial/busyboxplus). */
const busyboxplus = entry("docker.io/radial/busyboxplus", ["latest", "curl", "git"], (tag) =>
  config({
    version: "1.22.1",
    cmd: ["/bin/sh"],
    userland: "busybox",
    os: "busybox",
    packages: tag === "git" ? ["git"] : ["curl"],
    size: 4_230_000,
  }),
);

/**
 * The guestbook's frontend (GKE samples gb-frontend): `FROM php:5-apache`, Predis, and the app's
 * index.html, controllers.js and guestbook.php in /var/www/html.
 */
const gbFrontendImage = entry("us-docker.pkg.dev/google-samples/containers/gke/gb-frontend", ["v5"], (tag) =>
  config({
    version: tag,
    entrypoint: ["docker-php-entrypoint"],
    cmd: ["apache2-foreground"],
    env: [
      DEFAULT_PATH,
      "PHP_INI_DIR=/usr/local/etc/php",
      "APACHE_CONFDIR=/etc/apache2",
      "PHP_VERSION=5.6.40",
    ],
    workingDir: "/var/www/html",
    exposedPorts: ["80/tcp"],
    userland: "gnu",
    os: "debian",
    packages: [...DEBIAN_BASE, "curl"],
    programs: {
      "/usr/local/bin/apache2-foreground": "gb-frontend",
      "/usr/local/bin/docker-php-entrypoint": "php-entrypoint",
    },
    files: {
      "/var/www/html/index.html": GUESTBOOK_INDEX_HTML,
      "/var/www/html/controllers.js": GUESTBOOK_CONTROLLERS_JS,
    },
    size: 138_000_000,
  }),
);

/** The guestbook's redis followers: `FROM redis:6.0.5` with a /run.sh that replicates redis-leader. */
const gbRedisFollower = entry(
  "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower",
  ["v2"],
  () => {
    const base = redis.config("6.0.5");
    return {
      ...base,
      version: "v2",
      cmd: ["/run.sh"],
      files: { ...base.files, "/run.sh": GB_REDIS_FOLLOWER_RUN_SH },
      size: 38_000_000,
    };
  },
);

/**
 * Using Source IP's server: registry.k8s.io/echoserver (kubernetes/ingress images/echoheaders,
 * nginx with a lua page on 8080), also served under its k8s.gcr.io name.
 */
const ECHOSERVER_TAGS = ["1.3", "1.4", "1.5", "1.6", "1.8", "1.9", "1.10"];
const echoserverConfig = (tag: string): Config =>
  config({
    version: tag,
    cmd: ["nginx", "-g", "daemon off;"],
    exposedPorts: ["8080/tcp", "8443/tcp"],
    userland: "gnu",
    os: "debian",
    packages: DEBIAN_BASE,
    programs: { "/usr/sbin/nginx": Number(tag.split(".")[1]) <= 4 ? "echoserver-1.4" : "echoserver-1.10" },
    size: tag === "1.4" ? 44_000_000 : 46_000_000,
  });
const echoserver = entry("registry.k8s.io/echoserver", ECHOSERVER_TAGS, echoserverConfig);
const echoserverGcr = entry("k8s.gcr.io/echoserver", ECHOSERVER_TAGS, echoserverConfig);

/**
 * WordPress and MySQL with Persistent Volumes' blog: the official wordpress image's -apache tags
 * (php-apache base, docker-entrypoint.sh that copies WordPress into /var/www/html).
 */
const WORDPRESS: SeriesSpec = {
  "6.0": 9,
  "6.1": 7,
  "6.2": 6,
  "6.3": 5,
  "6.4": 5,
  "6.5": 5,
  "6.6": 2,
  "6.7": 1,
};
const WORDPRESS_PHP_VARIANTS = ["", "-php8.0", "-php8.1", "-php8.2", "-php8.3"];
const wordpressTags = withSuffixes(
  ["latest", ...versionTags(WORDPRESS)],
  WORDPRESS_PHP_VARIANTS.flatMap((php) => [php, `${php}-apache`]),
).map((t) => (t.startsWith("latest-") ? t.slice(7) : t));
const wordpress = entry("docker.io/library/wordpress", wordpressTags, (tag) => {
  const version = versionOf(WORDPRESS, tag.split("-")[0] as string, "6.7.1");
  // The PHP a tag names, else the image's default of its time (8.0 until 6.2, then 8.2).
  const PHP: Record<string, string> = { "8.0": "8.0.30", "8.1": "8.1.31", "8.2": "8.2.26", "8.3": "8.3.14" };
  const named = /php(8\.\d)/.exec(tag)?.[1];
  const php = named ? (PHP[named] as string) : compareVersions(version, "6.3") < 0 ? "8.0.28" : "8.2.26";
  return config({
    version,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["apache2-foreground"],
    env: [
      DEFAULT_PATH,
      "PHP_INI_DIR=/usr/local/etc/php",
      "APACHE_CONFDIR=/etc/apache2",
      `PHP_VERSION=${php}`,
    ],
    workingDir: "/var/www/html",
    exposedPorts: ["80/tcp"],
    userland: "gnu",
    os: "debian",
    packages: DEBIAN_BASE,
    programs: {
      "/usr/local/bin/docker-entrypoint.sh": "wordpress-entrypoint",
      "/usr/local/bin/apache2-foreground": "wordpress-apache",
    },
    size: 222_000_000,
    // php:*-apache's STOPSIGNAL, which the image inherits.
    stopSignal: "SIGWINCH",
  });
});

/** Exposing an External IP Address's app: nodejs-docs-samples' hello-world, `FROM node:4`. */
const nodeHello = entry("gcr.io/google-samples/node-hello", ["1.0"], (tag) =>
  config({
    version: tag,
    cmd: ["/bin/sh", "-c", "node server.js"],
    env: [DEFAULT_PATH, "NPM_CONFIG_LOGLEVEL=info", "NODE_VERSION=4.4.7"],
    exposedPorts: ["8080/tcp"],
    userland: "gnu",
    os: "debian",
    packages: buildpackDeps(tag),
    programs: { "/usr/local/bin/node": "node-hello" },
    files: { "/server.js": NODE_HELLO_SERVER_JS },
    size: 256_000_000,
  }),
);

/** Every catalogued repository, by its normalised name (docker.io/library/nginx). */
export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(
  [
    busybox,
    alpine,
    ubuntu,
    debian,
    nginx,
    nginxUnprivileged,
    httpd,
    redis,
    memcached,
    mysql,
    postgres,
    mongo,
    perl,
    python,
    node,
    golang,
    curl,
    netshoot,
    bitnamiKubectl,
    stressPolinux,
    stressVish,
    agnhost,
    serveHostnameImage,
    hpaExample,
    httpEcho,
    webappColor,
    k8sBusybox,
    jessieDnsutils,
    liveness,
    helloApp,
    simpleApp,
    kubernetesBootcamp,
    jocatalinBootcamp,
    nodeHello,
    nginxSlim,
    nginxHttps,
    busyboxplus,
    gbFrontendImage,
    gbRedisFollower,
    echoserver,
    echoserverGcr,
    wordpress,
    pause,
    etcd,
    coredns,
    metricsServer,
    ingressNginxController,
    kubeWebhookCertgen,
    localPathProvisioner,
    flannel,
    flannelCni,
    weave,
    controlPlane("kube-apiserver", 28_671_624),
    controlPlane("kube-controller-manager", 26_259_392),
    controlPlane("kube-scheduler", 20_657_536),
    controlPlane("kube-proxy", 30_908_624),
  ].map((e) => [e.repository, e]),
);

/**
 * Registries whose repositories the catalog lists completely: a repository there that is not
 * catalogued does not exist. Docker Hub's `library/` namespace is checked against the official
 * images instead (official.ts).
 */
export const LISTED_REGISTRIES: ReadonlySet<string> = new Set(["registry.k8s.io", "k8s.gcr.io"]);
