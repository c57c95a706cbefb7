/**
 * redis INFO against redis 7.4.1's src/server.c genRedisInfoString: section headers, field order,
 * CRLF ends, the blank line between sections, bytesToHuman, and the keyspace line.
 */
import { describe, expect, it } from "vitest";
import { bytesToHuman, redisInfo } from "./redisinfo";

const state = {
  version: "7.4.1",
  port: 6379,
  startedMs: 1_000_000,
  nowMs: 1_090_500,
  executable: "/data/redis-server",
  configFile: "",
  runId: "a".repeat(40),
  keys: 0,
  dataBytes: 0,
};

describe("redis INFO", () => {
  it("formats bytes as server.c bytesToHuman does", () => {
    expect([
      bytesToHuman(1000),
      bytesToHuman(1024),
      bytesToHuman(946_880),
      bytesToHuman(16_777_216_000),
    ]).toEqual(["1000B", "1.00K", "924.69K", "15.63G"]);
  });

  it("answers a section with its fields in order, uptime from the clock", () => {
    const server = redisInfo(state, ["server"]);
    expect(server.startsWith("# Server\r\nredis_version:7.4.1\r\n")).toBe(true);
    expect(server).toContain("uptime_in_seconds:90\r\nuptime_in_days:0\r\n");
    expect(server.endsWith("listener0:name=tcp,bind=*,bind=-::*,port=6379\r\n")).toBe(true);
  });

  it("joins sections with a blank line; the keyspace lists db0 only with keys", () => {
    expect(redisInfo(state, ["keyspace"])).toBe("# Keyspace\r\n");
    expect(redisInfo({ ...state, keys: 2, dataBytes: 10 }, ["clients", "keyspace"])).toMatch(
      /^# Clients\r\nconnected_clients:1\r\n[\s\S]*total_blocking_keys_on_nokey:0\r\n\r\n# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0,subexpiry=0\r\n$/,
    );
    const all = redisInfo(state, []);
    expect(all.match(/^# \w+/gm)).toEqual(["# Server", "# Clients", "# Memory", "# Keyspace"]);
  });
});
