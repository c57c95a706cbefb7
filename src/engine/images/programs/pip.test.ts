/**
 * pip and npm in the language images: versions as the images ship them (ensurepip's bundled pip,
 * node's bundled npm), and installs that need the internet failing as they fail offline.
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../testing";
import { npm, pip } from "./pip";

describe("pip", () => {
  it("prints its version and where it lives", () => {
    expect(runProgram(pip, ["pip", "--version"], { env: { PYTHON_VERSION: "3.12.8" } }).stdout).toBe(
      "pip 24.3.1 from /usr/local/lib/python3.12/site-packages/pip (python 3.12)\n",
    );
  });

  it("retries PyPI five times with urllib3's backoff, then finds no version", () => {
    const r = runProgram(pip, ["pip", "install", "flask"], { env: { PYTHON_VERSION: "3.12.8" } });
    expect(r.status).toBeUndefined();
    r.advance(10_000);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.map((l) => /total=(\d)/.exec(l)?.[1]).slice(0, 5)).toEqual(["4", "3", "2", "1", "0"]);
    expect(lines[0]).toContain("[Errno -3] Temporary failure in name resolution')': /simple/flask/");
    expect(lines.slice(5)).toEqual([
      "ERROR: Could not find a version that satisfies the requirement flask (from versions: none)",
      "ERROR: No matching distribution found for flask",
    ]);
    expect(r.status).toBe(1);
  });
});

describe("npm", () => {
  it("prints the npm the node release bundles", () => {
    expect(runProgram(npm, ["npm", "--version"], { env: { NODE_VERSION: "20.18.1" } }).stdout).toBe(
      "10.8.2\n",
    );
  });
});
