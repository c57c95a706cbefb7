// redis-server's configuration (config.c: memtoull, the directives of redis.conf and --options),
// CONFIG GET/SET, and redis-cli's terminal replies (redis-cli.c cliFormatReplyTTY).
import { describe, expect, it } from "vitest";
import { configCommand, loadRedisConfig, memToBytes, renderReplyTTY } from "./redis-config";

describe("memToBytes", () => {
  it("reads redis' memory units: k and m are powers of ten, kb and mb of two", () => {
    expect(memToBytes("2mb")).toBe(2097152);
    expect(memToBytes("2m")).toBe(2000000);
    expect(memToBytes("1GB")).toBe(1073741824);
    expect(memToBytes("100k")).toBe(100000);
    expect(memToBytes("100")).toBe(100);
    expect(memToBytes("2 mb")).toBeUndefined();
    expect(memToBytes("lots")).toBeUndefined();
  });
});

describe("loadRedisConfig", () => {
  it("reads a file's directives, comments skipped, then options over them", () => {
    const r = loadRedisConfig("# memory\nmaxmemory 2mb\nmaxmemory-policy allkeys-lru\n", ["--port", "7000"]);
    if (!("config" in r)) throw new Error("no config");
    expect(r.config.get("maxmemory")).toBe("2097152");
    expect(r.config.get("maxmemory-policy")).toBe("allkeys-lru");
    expect(r.config.get("port")).toBe("7000");
  });

  it("takes slaveof as replicaof", () => {
    const r = loadRedisConfig(undefined, ["--slaveof", "redis-master", "6379"]);
    expect("config" in r && r.config.get("replicaof")).toBe("redis-master 6379");
  });

  it("reports the line of a bad value", () => {
    expect(loadRedisConfig("maxmemory 2mb\nmaxmemory-policy sometimes\n", [])).toMatchObject({
      error: { line: 2, text: "maxmemory-policy sometimes" },
    });
  });
});

describe("configCommand", () => {
  const config = () => {
    const r = loadRedisConfig(undefined, []);
    if (!("config" in r)) throw new Error("no config");
    return r.config;
  };
  it("answers CONFIG GET with name and value pairs, glob patterns included", () => {
    expect(configCommand(config(), ["GET", "maxmemory"])).toBe("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
    expect(configCommand(config(), ["GET", "nosuch"])).toBe("*0\r\n");
    expect(configCommand(config(), ["GET", "maxmemory*"])).toContain("maxmemory-policy");
  });
  it("sets what it knows and refuses the rest", () => {
    const c = config();
    expect(configCommand(c, ["SET", "maxmemory", "1mb"])).toBe("+OK\r\n");
    expect(c.get("maxmemory")).toBe("1048576");
    expect(configCommand(c, ["SET", "nosuch", "1"])).toMatch(/^-ERR Unknown option/);
  });
});

describe("renderReplyTTY", () => {
  it("shows replies as redis-cli does at a terminal", () => {
    expect(renderReplyTTY("+OK\r\n")).toBe("OK\n");
    expect(renderReplyTTY(":3\r\n")).toBe("(integer) 3\n");
    expect(renderReplyTTY("$-1\r\n")).toBe("(nil)\n");
    expect(renderReplyTTY('$3\r\na"b\r\n')).toBe('"a\\"b"\n');
    expect(renderReplyTTY("-ERR no\r\n")).toBe("(error) ERR no\n");
    expect(renderReplyTTY("*0\r\n")).toBe("(empty array)\n");
    expect(renderReplyTTY("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n")).toBe('1) "maxmemory"\n2) "0"\n');
    expect(renderReplyTTY("*2\r\n*1\r\n$1\r\na\r\n$1\r\nb\r\n")).toBe('1) 1) "a"\n2) "b"\n');
  });
});
