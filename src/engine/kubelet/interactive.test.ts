import { describe, expect, it } from "vitest";
import { isShellCommand, sessionArgv } from "./interactive";

describe("isShellCommand", () => {
  it("takes shells and database clients without statements, through an image's entrypoint", () => {
    const table: [string[], boolean][] = [
      [["sh"], true],
      [["/bin/bash", "-l"], true],
      [["sh", "-c", "ls"], false],
      [["mysql", "-h", "mysql", "-ppassword"], true],
      [["mysql", "-uroot", "-ppw", "-e", "show databases"], false],
      [["mysql", "--execute=select 1"], false],
      [["psql", "-U", "postgres"], true],
      [["psql", "-U", "postgres", "-c", "\\l"], false],
      [["psql", "-tAc", "select 1"], false],
      [["docker-entrypoint.sh", "mysql", "-h", "mysql", "-ppassword"], true],
      [["docker-entrypoint.sh", "bash"], true],
      [["docker-entrypoint.sh", "mysqld"], false],
    ];
    for (const [argv, want] of table) expect([argv, isShellCommand(argv)]).toEqual([argv, want]);
    expect(sessionArgv(["/usr/local/bin/docker-entrypoint.sh", "psql"])).toEqual(["psql"]);
  });
});
