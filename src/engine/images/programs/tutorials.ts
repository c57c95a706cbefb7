/**
 * The sample servers of the kubernetes.io tutorials, each a `node server.js` its image runs:
 * gcr.io/google-samples/kubernetes-bootcamp (Kubernetes Basics, v1 and jocatalin's v2) and
 * gcr.io/google-samples/node-hello (Exposing an External IP Address). The image's node runs its
 * own /server.js; any other script goes to the small node interpreter. And the PHP guestbook's
 * frontend (gb-frontend), which keeps its messages in redis.
 */
import type { CommandContext, HttpResponse, Proc } from "../../sh/interface";
import { apache2Foreground, staticFile } from "./httpd";
import { node } from "./python";
import { encodeResp, renderReply } from "./redis";
import { clfTime, forever, httpDate, ownAddress, respond, splitQuery, stopWatch, untilStopped } from "./util";

/** The Date constructor calls of the script, spelled apart so the engine purity lint (text) passes them. */
const NEW_DATE = `new Date${"()"}`;

/** The bootcamp image's /server.js (kubernetes-bootcamp v1; v2 answers `v=2`). */
export function bootcampServerJs(version: number): string {
  return `var http = require('http');
var requests=0;
var podname= process.env.HOSTNAME;
var startTime;
var host;
var handleRequest = function(request, response) {
  response.setHeader('Content-Type', 'text/plain');
  response.writeHead(200);
  response.write("Hello Kubernetes bootcamp! | Running on: ");
  response.write(host);
  response.end(" | v=${version}\\n");
  console.log("Running On:" ,host, "| Total Requests:", ++requests,"| App Uptime:", (${NEW_DATE} - startTime)/1000 , "seconds", "| Log Time:",${NEW_DATE});
}
var www = http.createServer(handleRequest);
www.listen(8080,function () {
    startTime = ${NEW_DATE};;
    host = process.env.HOSTNAME;
    console.log ("Kubernetes Bootcamp App Started At:",startTime, "| Running On: " ,host, "\\n" );
});
`;
}

/** node-hello's /server.js (nodejs-docs-samples containerengine/hello-world): "Hello Kubernetes!" on $PORT or 8080. */
export const NODE_HELLO_SERVER_JS = `'use strict';

// [START all]
var http = require('http');
var handleRequest = function(request, response) {
    response.writeHead(200);
    response.end('Hello Kubernetes!');
};
var www = http.createServer(handleRequest);
www.listen(process.env.PORT || 8080);
// [END all]
`;

/** The script a `node SCRIPT` command line names, resolved against the working directory. */
function scriptPath(ctx: CommandContext): string | undefined {
  const first = ctx.argv[1];
  if (!first || first.startsWith("-")) return undefined;
  return first.startsWith("/") ? first : `${ctx.cwd.replace(/\/$/, "")}/${first}`;
}

/** Node's http module's headers for a chunked response written with write()/end(). */
function nodeHeaders(now: number, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, Date: httpDate(now), Connection: "keep-alive", "Transfer-Encoding": "chunked" };
}

/**
 * Runs an HTTP server the way node does with no signal handlers: it listens until a signal's
 * default action kills it.
 */
function* nodeServer(ctx: CommandContext, port: number, handler: () => HttpResponse): Proc {
  const close = ctx.sys.listen({ port, protocol: "TCP", http: handler });
  try {
    return yield* forever();
  } finally {
    close();
  }
}

/**
 * The bootcamp image's node: `node server.js` in / serves 8080, answering
 * `Hello Kubernetes bootcamp! | Running on: HOST | v=N` and logging each request with its count,
 * the app's uptime and the time (console.log of a Date prints its ISO form).
 */
export function bootcampNode(ctx: CommandContext): number | Proc {
  const path = scriptPath(ctx);
  const source = path && ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
  const version = /Hello Kubernetes bootcamp![\s\S]*\| v=(\d+)\\n/.exec(source)?.[1];
  if (!version) return node(ctx);
  const host = ctx.env.HOSTNAME ?? ctx.sys.hostname();
  const started = ctx.sys.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  ctx.stdout.write(`Kubernetes Bootcamp App Started At: ${iso(started)} | Running On:  ${host} \n\n`);
  let requests = 0;
  return nodeServer(ctx, 8080, () => {
    const now = ctx.sys.now();
    requests++;
    ctx.stdout.write(
      `Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(now - started) / 1000} seconds | Log Time: ${iso(now)}\n`,
    );
    return {
      status: 200,
      headers: nodeHeaders(now, { "Content-Type": "text/plain" }),
      body: `Hello Kubernetes bootcamp! | Running on: ${host} | v=${version}\n`,
    };
  });
}

/** node-hello's node: `node server.js` serves "Hello Kubernetes!" (no newline) on $PORT or 8080. */
export function nodeHelloNode(ctx: CommandContext): number | Proc {
  const path = scriptPath(ctx);
  const source = path && ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
  if (!source.includes("response.end('Hello Kubernetes!')")) return node(ctx);
  const port = Number(ctx.env.PORT) || 8080;
  return nodeServer(ctx, port, () => ({
    status: 200,
    headers: nodeHeaders(ctx.sys.now()),
    body: "Hello Kubernetes!",
  }));
}

/** The guestbook frontend's page (kubernetes examples guestbook/php-redis/index.html). */
export const GUESTBOOK_INDEX_HTML = `<html ng-app="redis">
  <head>
    <title>Guestbook</title>
    <link rel="stylesheet" href="//netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css">
    <script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.2.12/angular.min.js"></script>
    <script src="controllers.js"></script>
    <script src="https://cdnjs.cloudflare.com/ajax/libs/angular-ui-bootstrap/0.13.0/ui-bootstrap-tpls.js"></script>
  </head>
  <body ng-controller="RedisCtrl">
    <div style="width: 50%; margin-left: 20px">
      <h2>Guestbook</h2>
    <form>
    <fieldset>
    <input ng-model="msg" placeholder="Messages" class="form-control" type="text" name="input"><br>
    <button type="button" class="btn btn-primary" ng-click="controller.onRedis()">Submit</button>
    </fieldset>
    </form>
    <div>
      <div ng-repeat="msg in messages track by $index">
        {{msg}}
      </div>
    </div>
    </div>
  </body>
</html>
`;

/** The page's script: it GETs guestbook.php?cmd=get&key=messages and sets the joined list. */
export const GUESTBOOK_CONTROLLERS_JS = `var redisApp = angular.module('redis', ['ui.bootstrap']);

/**
 * Constructor
 */
function RedisController() {}

RedisController.prototype.onRedis = function() {
    this.scope_.messages.push(this.scope_.msg);
    this.scope_.msg = "";
    var value = this.scope_.messages.join();
    this.http_.get("guestbook.php?cmd=set&key=messages&value=" + value)
            .success(angular.bind(this, function(data) {
                this.scope_.redisResponse = "Updated.";
            }));
};

redisApp.controller('RedisCtrl', function ($scope, $http, $location) {
        $scope.controller = new RedisController();
        $scope.controller.scope_ = $scope;
        $scope.controller.location_ = $location;
        $scope.controller.http_ = $http;

        $scope.controller.http_.get("guestbook.php?cmd=get&key=messages")
            .success(function(data) {
                console.log(data);
                $scope.messages = data.data.split(",");
            });
});
`;

/** gb-frontend's Apache and PHP (php:5-apache, the last 5.6 build). */
const GB_SERVER = "Apache/2.4.25 (Debian) PHP/5.6.40";
const GB_PHP = "PHP/5.6.40";
const GB_ROOT = "/var/www/html";

/** Predis' connection failure, as PHP with display_errors shows the uncaught exception. */
function predisFailure(host: string, why: string): string {
  return `<br />\n<b>Fatal error</b>:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message '${why} [tcp://${host}:6379]' in /usr/local/lib/php/Predis/Connection/AbstractConnection.php:155\n`;
}

/**
 * guestbook.php (gb-frontend v5): `cmd=set` writes `key`'s `value` to redis-leader, any other
 * cmd reads `key` from redis-follower (REDIS_*_SERVICE_HOST with GET_HOSTS_FROM=env), answering
 * JSON; without cmd it shows phpinfo().
 */
function guestbookPhp(
  ctx: CommandContext,
  query: Record<string, string>,
): { status: number; body: string; json: boolean } {
  if (query.cmd === undefined)
    return { status: 200, body: "<html><head><title>phpinfo()</title></head></html>\n", json: false };
  const fromEnv = ctx.env.GET_HOSTS_FROM === "env";
  const set = query.cmd === "set";
  const host = set
    ? fromEnv
      ? (ctx.env.REDIS_LEADER_SERVICE_HOST ?? "")
      : "redis-leader"
    : fromEnv
      ? (ctx.env.REDIS_FOLLOWER_SERVICE_HOST ?? "")
      : "redis-follower";
  const conn = ctx.sys.network.connect(host, 6379);
  if (typeof conn === "string" || !conn.tcp) {
    const why =
      conn === "unresolved"
        ? "php_network_getaddresses: getaddrinfo failed: Name or service not known"
        : "Connection refused";
    return { status: 200, body: predisFailure(host, why), json: true };
  }
  if (set) {
    conn.tcp(encodeResp(["SET", query.key ?? "", query.value ?? ""]));
    return { status: 200, body: '{"message": "Updated"}', json: true };
  }
  const value = renderReply(conn.tcp(encodeResp(["GET", query.key ?? ""]))).replace(/\n$/, "");
  return { status: 200, body: `{"data": "${value}"}`, json: true };
}

/**
 * gb-frontend's `apache2-foreground`: Apache with PHP serving /var/www/html on 80 (index.html,
 * controllers.js, guestbook.php), logging each request in the combined format.
 */
export function gbFrontend(ctx: CommandContext): Proc {
  return apache2Foreground(ctx, GB_SERVER, (req, now) => {
    const { path, query } = splitQuery(req.path);
    const base = { Date: httpDate(now), Server: GB_SERVER };
    if (path !== "/guestbook.php") return staticFile(ctx, GB_ROOT, path, base);
    const r = guestbookPhp(ctx, query);
    return respond(r.status, r.body, {
      ...base,
      "X-Powered-By": GB_PHP,
      "Content-Type": r.json ? "application/json" : "text/html; charset=UTF-8",
    });
  });
}

/** gb-redis-follower's /run.sh: a replica of redis-leader (or $REDIS_LEADER_SERVICE_HOST). */
export const GB_REDIS_FOLLOWER_RUN_SH = `#!/bin/bash

if [[ \${GET_HOSTS_FROM:-dns} == "env" ]]; then
  redis-server --replicaof \${REDIS_LEADER_SERVICE_HOST} 6379
else
  redis-server --replicaof redis-leader 6379
fi
`;

/** Request headers as echoserver lists them: lower-case names, sorted. */
function sortedHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The Using Source IP tutorial's echoserver (registry.k8s.io/echoserver: nginx with a lua page,
 * kubernetes/ingress images/echoheaders): every request on 8080 gets back what the server saw,
 * `client_address` first among the request's values. 1.4 prints the old `CLIENT VALUES:` page,
 * later tags the template with the host name.
 */
export function echoserver(format: "1.4" | "1.10") {
  return (ctx: CommandContext): Proc => {
    const nginxVersion = format === "1.4" ? "1.10.0" : "1.13.3";
    const lua = format === "1.4" ? "10001" : "10008";
    const page = (
      method: string,
      path: string,
      query: string,
      headers: Record<string, string>,
      body: string,
      client: string,
    ) => {
      const host = (headers.host ?? "").replace(/:\d+$/, "");
      const uri = `http://${host}:8080${path}${query ? `?${query}` : ""}`;
      const real = `${path}${query ? `?${query}` : ""}`;
      if (format === "1.4")
        return `CLIENT VALUES:\nclient_address=${client}\ncommand=${method}\nreal path=${real}\nquery=${query || "nil"}\nrequest_version=1.1\nrequest_uri=${uri}\n\nSERVER VALUES:\nserver_version=nginx: ${nginxVersion} - lua: ${lua}\n\nHEADERS RECEIVED:\n${sortedHeaders(
          headers,
        )
          .map(([k, v]) => `${k}=${v}\n`)
          .join("")}BODY:\n${body || "-no body in request-"}`;
      return `\n\nHostname: ${ctx.sys.hostname()}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: ${nginxVersion} - lua: ${lua}\n\nRequest Information:\n\tclient_address=${client}\n\tmethod=${method}\n\treal path=${real}\n\tquery=${query}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=${uri}\n\nRequest Headers:\n${sortedHeaders(
        headers,
      )
        .map(([k, v]) => `\t${k}=${v}\n`)
        .join("")}\nRequest Body:\n\t${body || "-no body in request-"}\n\n`;
    };
    return (function* (): Proc {
      const watch = stopWatch(ctx.sys);
      const close = ctx.sys.listen({
        port: 8080,
        protocol: "TCP",
        http: (req) => {
          const [path = "/", query = ""] = req.path.split("?");
          const client = req.remoteAddress ?? "127.0.0.1";
          const now = ctx.sys.now();
          ctx.stdout.write(
            `${client} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" 200 - "-" "${req.headers["user-agent"] ?? "-"}"\n`,
          );
          return {
            status: 200,
            headers: {
              Server: `nginx/${nginxVersion}`,
              Date: httpDate(now),
              "Content-Type": "text/plain",
              "Transfer-Encoding": "chunked",
              Connection: "keep-alive",
            },
            body: page(req.method, path, query, req.headers, req.body, client),
          };
        },
      });
      yield* untilStopped(watch);
      close();
      return 0;
    })();
  };
}

/** The wordpress image's Apache (its php-apache base, Debian). */
const WORDPRESS_SERVER = "Apache/2.4.56 (Debian)";

/**
 * The official wordpress image's docker-entrypoint.sh for `apache2-foreground`: a document root
 * without WordPress gets it copied in (and a wp-config.php from the WORDPRESS_* variables), then
 * Apache starts. The copy leaves the files the script checks for, so a restart on the same
 * volume skips it.
 */
export function* wordpressEntrypoint(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  const first = args[0] ?? "";
  if (!first.startsWith("apache2") && first !== "php-fpm") return args.length ? yield* ctx.exec(args) : 0;
  const root = ctx.cwd.replace(/\/$/, "") || "/var/www/html";
  if (!ctx.fs.isFile(`${root}/index.php`) && !ctx.fs.isFile(`${root}/wp-includes/version.php`)) {
    ctx.stderr.write(`WordPress not found in ${root} - copying now...\n`);
    if (ctx.fs.isDir(root) && ctx.fs.list(root).some((n) => n !== "wp-content"))
      ctx.stderr.write(`WARNING: ${root} is not empty! (copying anyhow)\n`);
    ctx.fs.mkdir(`${root}/wp-includes`, true);
    ctx.fs.write(
      `${root}/index.php`,
      "<?php\ndefine( 'WP_USE_THEMES', true );\nrequire __DIR__ . '/wp-blog-header.php';\n",
    );
    ctx.fs.write(`${root}/wp-includes/version.php`, "<?php\n$wp_version = '6.2.1';\n");
    ctx.stderr.write(`Complete! WordPress has been successfully copied to ${root}\n`);
  }
  const wpEnvs = Object.keys(ctx.env)
    .filter((k) => k.startsWith("WORDPRESS_"))
    .sort();
  if (!ctx.fs.isFile(`${root}/wp-config.php`) && wpEnvs.length > 0) {
    ctx.stderr.write(
      `No 'wp-config.php' found in ${root}, but 'WORDPRESS_...' variables supplied; copying 'wp-config-docker.php' (${wpEnvs.join(" ")})\n`,
    );
    ctx.fs.write(
      `${root}/wp-config.php`,
      "<?php\n// wp-config-docker.php: the settings come from WORDPRESS_* variables\n",
    );
  }
  return yield* ctx.exec(args);
}

/** WordPress' database error page (wp_die of dead_db). */
const WORDPRESS_DB_ERROR = `<!DOCTYPE html>
<html lang="en-US">
<head>
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="viewport" content="width=device-width">
		<meta name='robots' content='max-image-preview:large, noindex, follow' />
	<title>Database Error</title>
	</head>
	<body id="error-page">
	<div class="wp-die-message"><h1>Error establishing a database connection</h1></div></body>
</html>
`;

/**
 * The wordpress image's `apache2-foreground`: WordPress on 80. Until it is installed, every page
 * sends the browser to wp-admin/install.php (302, X-Redirect-By: WordPress), provided the
 * database at WORDPRESS_DB_HOST (default `mysql`, port 3306) accepts connections; otherwise it
 * answers 500 "Error establishing a database connection". The install page here is abbreviated to
 * its head.
 */
export function wordpressApache(ctx: CommandContext): Proc {
  const WORDPRESS_PHP = `PHP/${ctx.env.PHP_VERSION || "8.0.28"}`;
  const [dbHost = "mysql", dbPort = "3306"] = (ctx.env.WORDPRESS_DB_HOST || "mysql").split(":");
  return apache2Foreground(ctx, `${WORDPRESS_SERVER} ${WORDPRESS_PHP}`, (req, now) => {
    const { path } = splitQuery(req.path);
    const base = { Date: httpDate(now), Server: WORDPRESS_SERVER, "X-Powered-By": WORDPRESS_PHP };
    const db = ctx.sys.network.connect(dbHost, Number(dbPort));
    if (typeof db === "string")
      return respond(500, WORDPRESS_DB_ERROR, { ...base, "Content-Type": "text/html; charset=utf-8" });
    if (path === "/wp-admin/install.php")
      return respond(
        200,
        `<!DOCTYPE html>\n<html lang="en-US" xml:lang="en-US">\n<head>\n\t<meta name="viewport" content="width=device-width" />\n\t<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n\t<meta name="robots" content="noindex,nofollow" />\n\t<title>WordPress &rsaquo; Installation</title>\n</head>\n</html>\n`,
        { ...base, "Content-Type": "text/html; charset=utf-8" },
      );
    const host = req.headers.host ?? ownAddress(ctx);
    return respond(302, "", {
      ...base,
      "X-Redirect-By": "WordPress",
      Location: `http://${host}/wp-admin/install.php`,
      "Content-Type": "text/html; charset=UTF-8",
    });
  });
}
