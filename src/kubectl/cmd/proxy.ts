/**
 * `kubectl proxy` (staging/src/k8s.io/kubectl/pkg/cmd/proxy/proxy.go, kubectl/pkg/proxy): serves
 * the API server on the terminal host's 127.0.0.1:8001 (--port, --address) until it is stopped,
 * so `curl localhost:8001/api/v1/namespaces/default/pods` reads the cluster without credentials.
 * Reads (GET) are answered as the API server answers them; the answer is indented as the server
 * does for curl, wget and browsers (responsewriters isPrettyPrint), and failures are v1 Status
 * objects. Writes through the proxy are not simulated (405).
 */
import { ApiError } from "../../engine/api/errors";
import { encode, isPrettyPrint, statusOf } from "../../engine/apiserver/http";
import type { HttpRequest, HttpResponse, Listener, Output } from "../../engine/sh/interface";
import { type Command, KubectlError } from "../command";
import type { KubectlServer } from "../interface";
import { rawGet } from "./raw";

/** proxy.go's default port. */
export const DEFAULT_PROXY_PORT = 8001;

/** `kubectl proxy`. */
export const proxy: Command = {
  name: "proxy",
  flags: [
    { name: "port", short: "p", type: "string" },
    { name: "address", type: "string" },
    { name: "accept-hosts", type: "string" },
    { name: "accept-paths", type: "string" },
    { name: "reject-paths", type: "string" },
    { name: "reject-methods", type: "string" },
    { name: "api-prefix", type: "string" },
    { name: "www", short: "w", type: "string" },
    { name: "www-prefix", short: "P", type: "string" },
    { name: "disable-filter", type: "bool" },
    { name: "unix-socket", short: "u", type: "string" },
    { name: "keepalive", type: "string" },
    { name: "append-server-path", type: "bool" },
  ],
  run(inv) {
    const host = inv.ctx.host;
    if (!host)
      throw new KubectlError(
        "kubectl proxy needs a terminal to keep running in; run it in the terminal (with & to keep the prompt)",
      );
    const portText = inv.flags.str("port", String(DEFAULT_PROXY_PORT));
    let port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= 0 && port <= 65535))
      throw new KubectlError(
        `invalid argument "${portText}" for "-p, --port" flag: strconv.ParseInt: parsing "${portText}": invalid syntax`,
      );
    const address = inv.flags.str("address", "127.0.0.1");
    if (port === 0) port = host.freePort();
    const prefix = `/${inv.flags.str("api-prefix", "/").replace(/^\/+|\/+$/g, "")}`.replace(/\/$/, "");
    let out: Output = { write: (t) => inv.out(t) };
    const api = (req: HttpRequest): HttpResponse => {
      const path = req.path.startsWith(prefix) ? req.path.slice(prefix.length) || "/" : undefined;
      const pretty = isPrettyPrint(req);
      const json = (status: number, body: unknown): HttpResponse => ({
        status,
        headers: { "Content-Type": "application/json" },
        body: encode(body, pretty),
      });
      if (path === undefined)
        return {
          status: 404,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
          body: "404 page not found\n",
        };
      if (req.method !== "GET")
        return json(
          405,
          statusOf(
            new ApiError(
              "MethodNotAllowed",
              "the server does not allow this method on the requested resource",
            ),
          ),
        );
      try {
        const body = rawGet(inv, path);
        if (!body.startsWith("{"))
          return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body };
        return json(200, JSON.parse(body));
      } catch (e) {
        if (e instanceof ApiError) return json(e.code, statusOf(e));
        throw e;
      }
    };
    const listener: Listener = { port, protocol: "TCP", loopback: address.startsWith("127."), http: api };
    const close = host.listen(listener);
    if (!close) throw new KubectlError(`listen tcp ${address}:${port}: bind: address already in use`);
    out.write(`Starting to serve on ${address}:${port}\n`);
    const server: KubectlServer = {
      attach: (o) => {
        out = o;
      },
      ended: () => undefined,
      close,
    };
    host.keep(server);
  },
};
