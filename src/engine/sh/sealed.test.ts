/**
 * Which loops are sealed (sealed.ts): those a container may run ahead of the cluster's clock.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "./ast";
import { parseScript } from "./parse";
import { sealedLoop, testsFiles } from "./sealed";

/** The names of the script's first loop when it is sealed; undefined when it is not. */
function sealed(script: string): string[] | undefined {
  const cmd = parseScript(script, "bash").items[0]?.cmd.first.cmds[0] as Command;
  if (cmd.kind === "while") return sortNames(sealedLoop(cmd.body, { lists: [cmd.cond, cmd.body] }));
  if (cmd.kind === "for") return sortNames(sealedLoop(cmd, { lists: [cmd.body], words: cmd.items }));
  throw new Error(`no loop first in ${script}`);
}

const sortNames = (names: ReadonlySet<string> | undefined) => (names ? [...names].sort() : undefined);

describe("sealed loops", () => {
  it.each([
    ["while true; do echo tick; sleep 1; done", ["echo", "sleep", "true"]],
    ['while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done', ["date", "echo", "sleep", "true"]],
    ["for i in $(seq 1 10); do printf '%s\\n' $i >&2; sleep 1; done", ["printf", "seq", "sleep"]],
    ["while :; do if [ $n -gt 3 ]; then break; fi; n=$((n+1)); sleep 1; done", [":", "[", "break", "sleep"]],
    ["while true; do case $x in a*) echo a;; *) echo b;; esac; sleep 1; done", ["echo", "sleep", "true"]],
    ["while true; do [[ $x == a* ]] && echo y; sleep 1 2>&1; done", ["echo", "sleep", "true"]],
    ["until false; do { echo a; echo b; } >&2; sleep 1; done", ["echo", "false", "sleep"]],
    [
      "while true; do while true; do sleep 1; break; done; continue; done",
      ["break", "continue", "sleep", "true"],
    ],
  ])("%s is sealed", (script, names) => {
    expect(sealed(script)).toEqual(names);
  });

  it.each([
    ["while true; do date >> /tmp/log; sleep 1; done", "writes a file"],
    ["while true; do echo tick > /dev/null; sleep 1; done", "opens a file"],
    ["while read l; do echo $l; done", "reads input"],
    ["while true; do cat /etc/hostname; sleep 1; done", "runs a program that reads files"],
    ["while true; do echo * ; sleep 1; done", "a pathname pattern"],
    ["for f in /tmp/*; do echo $f; done", "a pathname pattern in the words"],
    ["while true; do [ -f /tmp/stop ] && break; sleep 1; done", "a file test"],
    ["while true; do [[ -d /tmp ]] && break; sleep 1; done", "a [[ file test"],
    ["while true; do echo tick | grep t; sleep 1; done", "a pipeline"],
    ["while true; do sleep 1 & wait; done", "a background job"],
    ["while true; do (echo sub); sleep 1; done", "a subshell"],
    ["while true; do f() { :; }; sleep 1; done", "a function definition"],
    ["while true; do echo ~; sleep 1; done", "a home directory"],
    ["while true; do PATH=/tmp; sleep 1; done", "PATH changes"],
    ["while true; do $cmd; sleep 1; done", "a command name from a variable"],
    ["while true; do kubectl get pods; sleep 5; done", "another program"],
    ["while true; do echo $(cat /etc/hostname); sleep 1; done", "a command substitution that reads a file"],
    ["while true; do trap 'echo x' TERM; sleep 1; done", "trap"],
  ])("%s is not (%s)", (script) => {
    expect(sealed(script)).toBeUndefined();
  });

  it("test and [ ask about files with these operators, whichever argument they are", () => {
    expect(testsFiles(["[", "-f", "/x", "]"])).toBe(true);
    expect(testsFiles(["test", "a", "-nt", "b"])).toBe(true);
    expect(testsFiles(["[", "1", "-lt", "2", "]"])).toBe(false);
    expect(testsFiles(["test", "-n", "x"])).toBe(false);
  });
});
