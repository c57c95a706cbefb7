#!/usr/bin/env node
// `npm run kubeglass -- ...`: the headless CLI (src/cli/main.ts), compiled as the app is
// (scripts/bundle.mjs) and run with the same arguments.
import { pathToFileURL } from "node:url";
import { bundled } from "./bundle.mjs";

const out = await bundled("src/cli/main.ts", "cli");
await import(pathToFileURL(out).href);
