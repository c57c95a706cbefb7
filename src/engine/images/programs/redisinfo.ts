/**
 * redis 7.4's INFO reply (src/server.c genRedisInfoString, 7.4.1): the server, clients, memory
 * and keyspace sections in their order, CRLF line ends, a blank CRLF line between sections.
 * Uptime, server_time_usec and lru_clock come from the virtual clock; memory figures grow with
 * the keyspace from a fresh server's.
 */
import { KERNEL_VERSION } from "../../kubelet/constants";

/** What INFO reads of a running server. */
export interface RedisInfoState {
  version: string;
  port: number;
  /** Virtual ms when the server started, and now. */
  startedMs: number;
  nowMs: number;
  /** server.executable: argv[0] made absolute against the working directory. */
  executable: string;
  configFile: string;
  /** A 40-hex run id fixed at start. */
  runId: string;
  keys: number;
  /** Bytes the keys and values hold. */
  dataBytes: number;
}

/** The sections INFO answers without an argument that this simulation models, in order. */
export const REDIS_INFO_SECTIONS = ["server", "clients", "memory", "keyspace"] as const;

/** server.c bytesToHuman. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ["K", "M", "G", "T", "P"];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024) return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

/** A fresh redis 7.4's used_memory on x86_64 (jemalloc), before any key. */
const STARTUP_MEMORY = 946_880;

function section(name: string, s: RedisInfoState): string[] | undefined {
  const uptime = Math.floor((s.nowMs - s.startedMs) / 1000);
  switch (name) {
    case "server":
      return [
        "# Server",
        `redis_version:${s.version}`,
        "redis_git_sha1:00000000",
        "redis_git_dirty:0",
        "redis_build_id:e2f3a3d2f3a0f7e5",
        "redis_mode:standalone",
        `os:Linux ${KERNEL_VERSION.replace(/^v/, "")} x86_64`,
        "arch_bits:64",
        "monotonic_clock:POSIX clock_gettime",
        "multiplexing_api:epoll",
        "atomicvar_api:c11-builtin",
        "gcc_version:12.2.0",
        "process_id:1",
        "process_supervised:no",
        `run_id:${s.runId}`,
        `tcp_port:${s.port}`,
        `server_time_usec:${s.nowMs * 1000}`,
        `uptime_in_seconds:${uptime}`,
        `uptime_in_days:${Math.floor(uptime / 86400)}`,
        "hz:10",
        "configured_hz:10",
        // server.lruclock: seconds modulo 2^24 (LRU_CLOCK_MAX).
        `lru_clock:${Math.floor(s.nowMs / 1000) % 16777216}`,
        `executable:${s.executable}`,
        `config_file:${s.configFile}`,
        "io_threads_active:0",
        `listener0:name=tcp,bind=*,bind=-::*,port=${s.port}`,
      ];
    case "clients":
      return [
        "# Clients",
        "connected_clients:1",
        "cluster_connections:0",
        "maxclients:10000",
        "client_recent_max_input_buffer:20480",
        "client_recent_max_output_buffer:0",
        "blocked_clients:0",
        "tracking_clients:0",
        "pubsub_clients:0",
        "watching_clients:0",
        "clients_in_timeout_table:0",
        "total_watched_keys:0",
        "total_blocking_keys:0",
        "total_blocking_keys_on_nokey:0",
      ];
    case "memory": {
      const used = STARTUP_MEMORY + 20_480 + s.keys * 56 + s.dataBytes;
      const rss = 12_582_912;
      const perc = (n: number) => `${n.toFixed(2)}%`;
      const dataset = used - STARTUP_MEMORY - 20_480;
      return [
        "# Memory",
        `used_memory:${used}`,
        `used_memory_human:${bytesToHuman(used)}`,
        `used_memory_rss:${rss}`,
        `used_memory_rss_human:${bytesToHuman(rss)}`,
        `used_memory_peak:${used}`,
        `used_memory_peak_human:${bytesToHuman(used)}`,
        "used_memory_peak_perc:100.00%",
        `used_memory_overhead:${STARTUP_MEMORY + 20_480 + s.keys * 56}`,
        `used_memory_startup:${STARTUP_MEMORY}`,
        `used_memory_dataset:${dataset}`,
        `used_memory_dataset_perc:${perc(used === STARTUP_MEMORY ? 0 : (dataset * 100) / (used - STARTUP_MEMORY))}`,
        `allocator_allocated:${used + 1_048_576}`,
        `allocator_active:${used + 1_310_720}`,
        `allocator_resident:${used + 4_194_304}`,
        "allocator_muzzy:0",
        "total_system_memory:16777216000",
        `total_system_memory_human:${bytesToHuman(16_777_216_000)}`,
        "used_memory_lua:31744",
        "used_memory_vm_eval:31744",
        "used_memory_lua_human:31.00K",
        "used_memory_scripts_eval:0",
        "number_of_cached_scripts:0",
        "number_of_functions:0",
        "number_of_libraries:0",
        "used_memory_vm_functions:32768",
        "used_memory_vm_total:64512",
        "used_memory_vm_total_human:63.00K",
        "used_memory_functions:184",
        "used_memory_scripts:184",
        "used_memory_scripts_human:184B",
        "maxmemory:0",
        "maxmemory_human:0B",
        "maxmemory_policy:noeviction",
        "allocator_frag_ratio:1.26",
        "allocator_frag_bytes:262144",
        "allocator_rss_ratio:2.17",
        "allocator_rss_bytes:2883584",
        `rss_overhead_ratio:${(rss / (used + 4_194_304)).toFixed(2)}`,
        `rss_overhead_bytes:${rss - used - 4_194_304}`,
        `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
        `mem_fragmentation_bytes:${rss - used}`,
        "mem_not_counted_for_evict:0",
        "mem_replication_backlog:0",
        "mem_total_replication_buffers:0",
        "mem_clients_slaves:0",
        "mem_clients_normal:20480",
        "mem_cluster_links:0",
        "mem_aof_buffer:0",
        "mem_allocator:jemalloc-5.3.0",
        "mem_overhead_db_hashtable_rehashing:0",
        "active_defrag_running:0",
        "lazyfree_pending_objects:0",
        "lazyfreed_objects:0",
      ];
    }
    case "keyspace":
      return ["# Keyspace", ...(s.keys ? [`db0:keys=${s.keys},expires=0,avg_ttl=0,subexpiry=0`] : [])];
    default:
      return undefined;
  }
}

/** INFO [section...]: the sections asked for (all modelled ones for none, `all`, `default`, `everything`). */
export function redisInfo(s: RedisInfoState, args: readonly string[]): string {
  const asked = args.map((a) => a.toLowerCase());
  const every = asked.length === 0 || asked.some((a) => a === "all" || a === "default" || a === "everything");
  const names = every ? [...REDIS_INFO_SECTIONS] : REDIS_INFO_SECTIONS.filter((n) => asked.includes(n));
  const parts = names.map((n) => section(n, s)).filter((p): p is string[] => !!p);
  return parts.map((p) => p.map((l) => `${l}\r\n`).join("")).join("\r\n");
}
