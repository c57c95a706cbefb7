/**
 * The sample servers of the kubernetes.io tutorials, each a `node server.js` its image runs:
 * gcr.io/google-samples/kubernetes-bootcamp (Kubernetes Basics, v1 and jocatalin's v2) and
 * gcr.io/google-samples/node-hello (Exposing an External IP Address). The image's node runs its
 * own /server.js; any other script goes to the small node interpreter.
 */
import type { CommandContext, HttpResponse, Proc } from "../../sh/interface";
import { node } from "./python";
import { forever, httpDate } from "./util";

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
  console.log("Running On:" ,host, "| Total Requests:", ++requests,"| App Uptime:", (new Date() - startTime)/1000 , "seconds", "| Log Time:",new Date());
}
var www = http.createServer(handleRequest);
www.listen(8080,function () {
    startTime = new Date();;
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
