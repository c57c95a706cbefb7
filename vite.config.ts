import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  worker: { format: "es" },
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/, replacement: "monaco-editor/$1.js" }],
  },
  optimizeDeps: { include: ["monaco-yaml/yaml.worker.js"] },
  build: { chunkSizeWarningLimit: 5000 },
});
