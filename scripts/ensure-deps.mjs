#!/usr/bin/env node
// Installs what `npm start` / `npm test` need on a fresh clone: npm packages when node_modules is
// missing or older than package-lock.json, and (with --browser) Debian's Chromium for Playwright.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`ensure-deps: '${cmd} ${args.join(" ")}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
};

const stamp = "node_modules/.package-lock.json";
const stale =
  !fs.existsSync(stamp) || fs.statSync("package-lock.json").mtimeMs > fs.statSync(stamp).mtimeMs + 1000;
if (stale) {
  console.log("ensure-deps: installing npm packages (npm install)");
  // Not `npm ci`: with omit-lockfile-registry-resolved, npm 11 leaves other platforms' optional
  // packages (biome's) out of the lock and `npm ci` then refuses it; install keeps the lock as is.
  run("npm", ["install", "--no-audit", "--no-fund"]);
}

if (process.argv.includes("--browser")) {
  const browser = process.env.KUBEGLASS_CHROMIUM ?? "/usr/bin/chromium";
  if (!fs.existsSync(browser)) {
    const root = typeof process.getuid === "function" && process.getuid() === 0;
    if (!root || process.env.KUBEGLASS_CHROMIUM) {
      console.error(
        `ensure-deps: no browser at ${browser}. Install Debian's Chromium (sudo apt-get install -y chromium) ` +
          "or set KUBEGLASS_CHROMIUM to a Chromium binary.",
      );
      process.exit(1);
    }
    console.log("ensure-deps: installing Debian's chromium (apt-get)");
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
  }
}
