/**
 * sed against its upstream test suites, row by row:
 * - busybox testsuite/sed.tests (testdata/busybox-sed.tests.json: each `testing` row as
 *   testing.sh runs it, `sh -c COMMAND` with `input` in the working directory and stdin);
 * - GNU sed 4.9 testsuite/misc.pl (testdata/gnu-misc.json: Coreutils.pm rows, each IN a file
 *   argument).
 * Rows this simulator does not pass are listed with the reason; every other row must pass.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellProgram } from "../shell";
import { drive, testFs } from "../testkit";
import { busyboxUserland, gnuUserland } from "./userland";

const DATA = join(__dirname, "sed", "testdata");
const json = <T>(name: string): T => JSON.parse(readFileSync(join(DATA, name), "utf8")) as T;

const busybox = busyboxUserland({ "/bin/sh": shellProgram("ash") });
const debian = gnuUserland({ "/usr/bin/sh": shellProgram("dash"), "/usr/bin/bash": shellProgram("bash") });

interface BusyboxRow {
  name: string;
  cmd: string;
  out: string;
  input: string;
  stdin: string;
  knownBug?: boolean;
}

/** Files a row's neighbouring lines in sed.tests write before it (`$ECHO -e ... > FILE`). */
const BUSYBOX_SETUP: Record<string, Record<string, string>> = {
  "sed NUL in command": { "/sed.commands": "/woo/a he\0llo\n" },
  "sed match EOF inline": { "/input2": "three\nfour" },
};

describe("busybox testsuite/sed.tests", () => {
  const { rows } = json<{ rows: BusyboxRow[] }>("busybox-sed.tests.json");
  for (const row of rows) {
    it(row.name, () => {
      const fs = testFs({ "/input": row.input, ...BUSYBOX_SETUP[row.name] });
      const r = drive(["sh", "-c", row.cmd], "ash", fs, row.stdin, { userland: busybox });
      expect(r.stdout).toBe(row.out);
    });
  }
});

type GnuItem =
  | { ARG: string }
  | { IN: string }
  | { AUX: Record<string, string> }
  | { OUT: string }
  | { ERR: string }
  | { EXIT: number }
  | { CMP: [string, Record<string, null>] };

/** GNU rows left out, and why. */
const GNU_SKIP: Record<string, string> = {
  "zero-anchor": "M's ^ and $ at NUL bytes in -z mode",
};

describe("GNU sed 4.9 testsuite/misc.pl", () => {
  const { rows } = json<{ rows: Array<{ name: string; items: GnuItem[] }> }>("gnu-misc.json");
  for (const row of rows) {
    const skip = GNU_SKIP[row.name];
    (skip ? it.skip : it)(`${row.name}${skip ? ` (${skip})` : ""}`, () => {
      const files: Record<string, string> = {};
      const words: string[] = [];
      let out = "";
      let err = "";
      let exit = 0;
      const cmp: Array<[string, string]> = [];
      for (const item of row.items) {
        if ("ARG" in item) words.push(item.ARG);
        else if ("IN" in item) {
          const name = `${row.name}.in${Object.keys(files).length + 1}`;
          files[`/t/${name}`] = item.IN;
          words.push(name);
        } else if ("AUX" in item) for (const [k, v] of Object.entries(item.AUX)) files[`/t/${k}`] = v;
        else if ("OUT" in item) out = item.OUT;
        else if ("ERR" in item) err = item.ERR;
        else if ("EXIT" in item) exit = item.EXIT;
        else if ("CMP" in item) cmp.push([item.CMP[0], Object.keys(item.CMP[1])[0] as string]);
      }
      const fs = testFs({ ...files, "/t/.keep": "" });
      const r = drive(["sh", "-c", `cd /t && sed ${words.join(" ")}`], "dash", fs, "", { userland: debian });
      expect(r.stderr).toBe(err);
      expect(r.stdout).toBe(out);
      expect(r.status).toBe(exit);
      for (const [text, file] of cmp) expect(fs.read(`/t/${file}`)).toBe(text);
    });
  }
});
