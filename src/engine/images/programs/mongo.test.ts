/**
 * mongosh --eval against mongod's handler. Expected texts: mongosh prints results with Node's
 * util.inspect (lib/internal/util/inspect.js reduceToSingleString, breakLength 80); the driver's
 * MongoNetworkError / MongoServerError messages as mongosh shows them.
 */
import { describe, expect, it } from "vitest";
import { NodeFileSystem } from "../../node/fs";
import type { Listener } from "../../sh/interface";
import { runProgram } from "../testing";
import { inspect, MONGOSH_UNSUPPORTED, mongoInitialize, mongoServer, mongosh } from "./mongo";

function world(env: Record<string, string> = {}) {
  const fs = new NodeFileSystem();
  mongoInitialize(fs, "/data/db", env);
  const listener: Listener = { port: 27017, protocol: "TCP", tcp: mongoServer(fs, "/data/db", "8.0.4") };
  return (args: string[]) =>
    runProgram(mongosh, ["mongosh", ...args], {
      remote: { "127.0.0.1:27017": listener, "mongo:27017": listener },
    });
}

describe("mongosh", () => {
  it("pings as the liveness probes do", () => {
    const sh = world();
    expect(sh(["--eval", "db.runCommand({ping:1})"]).stdout).toBe("{ ok: 1 }\n");
    expect(sh(["mongodb://mongo:27017", "--quiet", "--eval", "db.adminCommand('ping')"]).stdout).toBe(
      "{ ok: 1 }\n",
    );
    expect(sh(["--eval", "db.runCommand({nope: 1})"]).stderr).toBe(
      "MongoServerError[CommandNotFound]: no such command: 'nope'\n",
    );
    expect(sh(["--eval", "db.foo.find()"])).toMatchObject({ status: 1, stderr: `${MONGOSH_UNSUPPORTED}\n` });
  });

  it("asks for the root user's credentials once MONGO_INITDB_ROOT_USERNAME made one", () => {
    const sh = world({ MONGO_INITDB_ROOT_USERNAME: "root", MONGO_INITDB_ROOT_PASSWORD: "pw" });
    expect(sh(["--eval", "show dbs"]).stderr).toBe(
      "MongoServerError[Unauthorized]: Command listDatabases requires authentication\n",
    );
    expect(sh(["-u", "root", "-p", "pw", "--eval", "show dbs"]).stdout).toBe(
      "admin   40.00 KiB\nconfig  40.00 KiB\nlocal   40.00 KiB\n",
    );
    expect(sh(["-u", "root", "-p", "x", "--eval", "db.version()"]).stderr).toBe(
      "MongoServerError: Authentication failed.\n",
    );
  });

  it("says why it cannot connect", () => {
    expect(runProgram(mongosh, ["mongosh", "--eval", "1"]).stderr).toBe(
      "MongoNetworkError: connect ECONNREFUSED 127.0.0.1:27017\n",
    );
    expect(runProgram(mongosh, ["mongosh", "--host", "x", "--eval", "1"]).stderr).toBe(
      "MongoNetworkError: getaddrinfo ENOTFOUND x\n",
    );
  });

  it("inspects like util.inspect: one line under 80 columns, else one entry a line", () => {
    expect(inspect({ ok: 1 })).toBe("{ ok: 1 }");
    expect(inspect({ acknowledged: true, insertedId: "6753d0a1c2b3a4f5e6d7c8b9aaaaaaaaaaaa" })).toBe(
      "{\n  acknowledged: true,\n  insertedId: '6753d0a1c2b3a4f5e6d7c8b9aaaaaaaaaaaa'\n}",
    );
    expect(inspect([{ a: "x" }])).toBe("[ { a: 'x' } ]");
  });
});
