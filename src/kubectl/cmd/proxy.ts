import { answerGet, answerProxy } from "../../engine/apiserver/http";
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
      if (path === undefined)
        return {
          status: 404,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
          body: "404 page not found\n",
        };
      return (
        answerProxy(inv.cluster, { ...req, path }) ?? answerGet({ ...req, path }, () => rawGet(inv, path))
      );
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
