/**
 * The files the kubelet and the runtime manage in every container: /etc/hosts
 * (pkg/kubelet/kubelet_pods.go managedHostsFileContent), /etc/resolv.conf (pkg/kubelet/network/dns
 * GetPodDNS, written by containerd's parseDNSOptions) and /etc/hostname, and the pod's host name
 * and domain (GeneratePodHostNameAndDomain).
 */
import type { HostAlias, PodDNSConfig } from "kubernetes-types/core/v1";
import type { Pod } from "../api/kinds";

const managedHostsHeader = "# Kubernetes-managed hosts file.\n";
const managedHostsHeaderWithHostNetwork = "# Kubernetes-managed hosts file (host network).\n";

/** The host name limit (HOST_NAME_MAX). */
const HOSTNAME_MAX_LEN = 63;

/** The pod's host name (spec.hostname or its name, cut to 63 characters) and its domain from spec.subdomain. */
export function podHostnameAndDomain(
  pod: Pod,
  clusterDomain = "cluster.local",
): { hostname: string; domain: string } {
  let hostname = pod.spec?.hostname || pod.metadata.name || "";
  if (hostname.length > HOSTNAME_MAX_LEN)
    hostname = hostname.slice(0, HOSTNAME_MAX_LEN).replace(/[-.]+$/, "");
  const sub = pod.spec?.subdomain;
  const domain = sub ? `${sub}.${pod.metadata.namespace ?? "default"}.svc.${clusterDomain}` : "";
  return { hostname, domain };
}

/** The managed /etc/hosts of a pod on the pod network (managedHostsFileContent). */
export function managedHostsFileContent(
  hostIPs: string[],
  hostName: string,
  hostDomainName: string,
  hostAliases: HostAlias[] = [],
): string {
  let out = managedHostsHeader;
  out += "127.0.0.1\tlocalhost\n";
  out += "::1\tlocalhost ip6-localhost ip6-loopback\n";
  out += "fe00::0\tip6-localnet\n";
  out += "fe00::0\tip6-mcastprefix\n";
  out += "fe00::1\tip6-allnodes\n";
  out += "fe00::2\tip6-allrouters\n";
  for (const ip of hostIPs)
    out += hostDomainName ? `${ip}\t${hostName}.${hostDomainName}\t${hostName}\n` : `${ip}\t${hostName}\n`;
  return out + hostsEntriesFromHostAliases(hostAliases);
}

/** The /etc/hosts of a hostNetwork pod: the node's file under a header, plus host aliases (nodeHostsFileContent). */
export function nodeHostsFileContent(nodeHosts: string, hostAliases: HostAlias[] = []): string {
  return managedHostsHeaderWithHostNetwork + nodeHosts + hostsEntriesFromHostAliases(hostAliases);
}

function hostsEntriesFromHostAliases(hostAliases: HostAlias[]): string {
  if (!hostAliases.length) return "";
  let out = "\n# Entries added by HostAliases.\n";
  for (const a of hostAliases) out += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  return out;
}

/** A resolver configuration: resolv.conf's nameserver, search and options lines. */
export interface DnsConfig {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** Parses a resolv.conf (the node's, for dnsPolicy Default). */
export function parseResolvConf(text: string): DnsConfig {
  const cfg: DnsConfig = { nameservers: [], searches: [], options: [] };
  for (const line of text.split("\n")) {
    const fields = line
      .replace(/[#;].*$/, "")
      .trim()
      .split(/\s+/);
    const [key, ...rest] = fields;
    if (key === "nameserver" && rest[0]) cfg.nameservers.push(rest[0]);
    else if (key === "search" || key === "domain") cfg.searches = rest.filter(Boolean);
    else if (key === "options") cfg.options.push(...rest.filter(Boolean));
  }
  return cfg;
}

/** The kubelet's DNS settings (KubeletConfiguration clusterDNS, clusterDomain) and the node's resolv.conf. */
export interface KubeletDns {
  clusterDNS: string[];
  clusterDomain: string;
  /** The node's resolver (resolvConf), for dnsPolicy Default and the search path of ClusterFirst. */
  host: DnsConfig;
}

/** kubeadm's defaults: 10.96.0.10, cluster.local, a node resolver without search domains. */
export const DEFAULT_KUBELET_DNS: KubeletDns = {
  clusterDNS: ["10.96.0.10"],
  clusterDomain: "cluster.local",
  host: { nameservers: [], searches: [], options: [] },
};

/** The search path limit the kubelet keeps (MaxDNSSearchPaths). */
const MAX_DNS_SEARCH_PATHS = 32;

/**
 * The pod's resolver (GetPodDNS): ClusterFirst (and ClusterFirstWithHostNet on the host network)
 * uses the cluster DNS with `NS.svc.DOMAIN svc.DOMAIN DOMAIN` plus the node's search domains and
 * `ndots:5`; ClusterFirst on the host network and Default use the node's resolver; None starts
 * empty. spec.dnsConfig is then appended (duplicates dropped, options merged by name).
 */
export function podDNS(pod: Pod, dns: KubeletDns = DEFAULT_KUBELET_DNS): DnsConfig {
  let policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  const hostNetwork = !!pod.spec?.hostNetwork;
  if (policy === "ClusterFirst" && hostNetwork) policy = "Default";
  if (policy === "ClusterFirstWithHostNet") policy = "ClusterFirst";
  let cfg: DnsConfig;
  if (policy === "None") cfg = { nameservers: [], searches: [], options: [] };
  else if (policy === "Default" || !dns.clusterDNS.length)
    cfg = {
      nameservers: [...dns.host.nameservers],
      searches: [...dns.host.searches],
      options: [...dns.host.options],
    };
  else {
    const ns = pod.metadata.namespace ?? "default";
    const d = dns.clusterDomain;
    cfg = {
      nameservers: [...dns.clusterDNS],
      searches: [`${ns}.svc.${d}`, `svc.${d}`, d, ...dns.host.searches],
      options: ["ndots:5"],
    };
  }
  return appendDNSConfig(cfg, pod.spec?.dnsConfig);
}

function appendDNSConfig(cfg: DnsConfig, extra: PodDNSConfig | undefined): DnsConfig {
  if (!extra) return { ...cfg, searches: cfg.searches.slice(0, MAX_DNS_SEARCH_PATHS) };
  const options = [...cfg.options];
  for (const o of extra.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? "");
    const i = options.findIndex((x) => x.split(":")[0] === o.name);
    if (i >= 0) options[i] = text;
    else options.push(text);
  }
  return {
    nameservers: unique([...cfg.nameservers, ...(extra.nameservers ?? [])]),
    searches: unique([...cfg.searches, ...(extra.searches ?? [])]).slice(0, MAX_DNS_SEARCH_PATHS),
    options,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** resolv.conf as containerd writes it for a sandbox (parseDNSOptions): search, nameservers, options. */
export function resolvConfContent(cfg: DnsConfig): string {
  let out = "";
  if (cfg.searches.length) out += `search ${cfg.searches.join(" ")}\n`;
  for (const s of cfg.nameservers) out += `nameserver ${s}\n`;
  if (cfg.options.length) out += `options ${cfg.options.join(" ")}\n`;
  return out;
}

/** /etc/hostname as the runtime writes it: the host name and a newline. */
export function hostnameFileContent(hostname: string): string {
  return `${hostname}\n`;
}
