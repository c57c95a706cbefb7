/**
 * The first usage line busybox 1.36 prints for an applet (its `*_trivial_usage`, with the
 * default configuration's features), after the banner, when options are wrong. busybox goes on
 * with a description and the option list, which are not reproduced here.
 */
/** The first line busybox prints before an applet's usage. */
export const BUSYBOX_BANNER = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.";

/** Usage lines by applet. */
export const BUSYBOX_TRIVIAL_USAGE: Record<string, string> = {
  ls: "[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...",
  cat: "[-nbvteA] [FILE]...",
  head: "[OPTIONS] [FILE]...",
  tail: "[OPTIONS] [FILE]...",
  wc: "[-cmlwL] [FILE]...",
  grep: "[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...",
  sed: "[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...",
  awk: "[OPTIONS] [AWK_PROGRAM] [FILE]...",
  cut: "[OPTIONS] [FILE]...",
  sort: "[-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...",
  uniq: "[-cduiz] [-f,s,w N] [FILE [OUTFILE]]",
  tr: "[-cds] STRING1 [STRING2]",
  tee: "[-ai] [FILE]...",
  touch: "[-cham] [-d DATE] [-t DATE] [-r FILE] FILE...",
  mkdir: "[-m MODE] [-p] DIRECTORY...",
  rm: "[-irf] FILE...",
  rmdir: "[-p] DIRECTORY...",
  cp: "[-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }",
  mv: "[-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }",
  ln: "[-sfnbtv] [-S SUF] TARGET... LINK|DIR",
  chmod: "[-Rcvf] MODE[,MODE]... FILE...",
  date: "[OPTIONS] [+FMT] [[-s] TIME]",
  hostname: "[-sidf] [HOSTNAME | -F FILE]",
  id: "[-ugGnr] [USER]",
  base64: "[-d] [-w COL] [FILE]",
  md5sum: "[-c[sw]] [FILE]...",
  sha1sum: "[-c[sw]] [FILE]...",
  sha256sum: "[-c[sw]] [FILE]...",
  seq: "[-w] [-s SEP] [FIRST [INC]] LAST",
  expr: "EXPRESSION",
  sleep: "[N]...",
  kill: "[-l] [-SIG] PID...",
  ps: "[-o COL1,COL2=HEADER] [-T]",
  uname: "[-amnrspvio]",
  basename: "FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...",
  dirname: "FILENAME",
  timeout: "[-s SIG] [-k KILL_SECS] SECS PROG ARGS",
  xargs: "[OPTIONS] [PROG ARGS]",
  find: "[-HL] [PATH]... [OPTIONS] [ACTIONS]",
  du: "[-aHLdclsxhmk] [FILE]...",
  df: "[-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...",
  free: "[-bkmgh]",
  stat: "[-ltf] [-c FMT] FILE...",
  wget: "[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...",
  nc: "[-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]",
  nslookup: "[-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]",
  env: "[-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]",
  printenv: "[VARIABLE]...",
  printf: "FORMAT [ARG]...",
};

/** busybox's banner and usage line for an applet. */
export function busyboxUsage(name: string): string {
  const u = BUSYBOX_TRIVIAL_USAGE[name];
  return `${BUSYBOX_BANNER}\n\nUsage: ${name}${u ? ` ${u}` : ""}\n`;
}
