import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin, searchForWorkspaceRoot } from "vite";

/**
 * The built page's Content-Security-Policy: scripts and workers only from the page's own origin
 * (no inline script, no eval, no remote origin). Styles allow 'unsafe-inline' because Monaco and
 * xterm add <style> elements at run time; fonts and images allow data: for the few assets Vite
 * inlines. Only the build gets it: the dev server's React refresh preamble is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * The policy for a page: CONTENT_SECURITY_POLICY, with the page's own inline scripts (index.html's
 * pre-paint theme) allowed by their SHA-256 hashes and no other inline script.
 */
export function contentSecurityPolicyFor(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`,
  );
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", ["script-src 'self'", ...hashes].join(" "));
}

function contentSecurityPolicy(): Plugin {
  return {
    name: "kubeglass-csp",
    apply: "build",
    transformIndexHtml: (html) => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicyFor(html) },
        injectTo: "head-prepend",
      },
    ],
  };
}

/** Where node_modules really is (it may be a symbolic link). */
function realNodeModules(): string {
  const dir = path.resolve("node_modules");
  return fs.existsSync(dir) ? fs.realpathSync(dir) : dir;
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: "es" },
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/, replacement: "monaco-editor/$1.js" }],
  },
  // The dev server pre-bundles dependencies it finds from index.html; the workers' own (fflate,
  // idb, yaml) it would find only when a worker loads, then re-bundle and reload the page.
  optimizeDeps: { include: ["monaco-yaml/yaml.worker.js", "fflate", "idb", "yaml"] },
  // node_modules may be a link to a shared checkout (worktrees): its files (Monaco's codicon font) are served too.
  server: { fs: { allow: [searchForWorkspaceRoot(process.cwd()), realNodeModules()] } },
  build: { chunkSizeWarningLimit: 5000 },
});
