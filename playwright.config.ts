import { defineConfig } from "@playwright/test";

/** Debian's Chromium; set KUBEGLASS_CHROMIUM to use another binary. */
const executablePath = process.env.KUBEGLASS_CHROMIUM ?? "/usr/bin/chromium";
/** The preview server's port; set KUBEGLASS_E2E_PORT to run two suites side by side. */
const port = Number(process.env.KUBEGLASS_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
