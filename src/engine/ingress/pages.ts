/**
 * The pages ingress-nginx's nginx answers by itself: nginx's special responses
 * (src/http/ngx_http_special_response.c) with `server_tokens off` (ingress-nginx's default
 * server-tokens: false), so the tail names plain `nginx`; CRLF line ends as nginx writes them.
 */

/** The status line texts nginx uses (ngx_http_status_lines). */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  308: "Permanent Redirect",
  404: "Not Found",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
};

/** ngx_http_error_tail with server_tokens off. */
const ERROR_TAIL = "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** nginx's page for a status: `<html>\r\n<head><title>404 Not Found</title></head>` ... `<center>nginx</center>`. */
export function ingressNginxErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ""}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n${ERROR_TAIL}`;
}
