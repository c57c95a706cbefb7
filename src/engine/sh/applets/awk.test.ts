/**
 * awk: the one-liners people type (field printing, -F, NR filters, sums in END) and the language
 * (arrays, functions, loops, string built-ins, printf), checked against POSIX awk semantics.
 */
import { describe, expect, it } from "vitest";
import { awk } from "./awk";
import { run } from "./testing";

const PASSWD = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
const PS = "PID USER CMD\n1 root nginx\n7 www nginx\n9 www sh\n";

const cases: Array<{ argv: string[]; stdin?: string; out: string; exit?: number }> = [
  { argv: ["awk", "{print $2}"], stdin: "a b c\nd e f\n", out: "b\ne\n" },
  { argv: ["awk", "-F:", "{print $1}"], stdin: PASSWD, out: "root\ndaemon\n" },
  { argv: ["awk", "-F", ":", "-v", "OFS=-", "{print $1, $3}"], stdin: PASSWD, out: "root-0\ndaemon-1\n" },
  { argv: ["awk", "NR==2"], stdin: PS, out: "1 root nginx\n" },
  { argv: ["awk", "{s+=$1} END {print s}"], stdin: "1\n2\n3.5\n", out: "6.5\n" },
  { argv: ["awk", "{print $NF}"], stdin: PS, out: "CMD\nnginx\nnginx\nsh\n" },
  { argv: ["awk", "{print $(NF-1)}"], stdin: "a b c\n", out: "b\n" },
  { argv: ["awk", '$2 == "www" {n++} END {print n}'], stdin: PS, out: "2\n" },
  { argv: ["awk", "/nginx/ {print $1}"], stdin: PS, out: "1\n7\n" },
  { argv: ["awk", "NR>1 {c[$3]++} END {for (k in c) print k, c[k]}"], stdin: PS, out: "nginx 2\nsh 1\n" },
  {
    argv: ["awk", 'BEGIN {printf "%-5s|%5.2f|%d|%c\\n", "ab", 3.14159, "42x", 65}'],
    out: "ab   | 3.14|42|A\n",
  },
  {
    argv: [
      "awk",
      'BEGIN {x = "hello world"; print length(x), substr(x, 7), index(x, "o"), toupper(substr(x,1,1))}',
    ],
    out: "11 world 5 H\n",
  },
  { argv: ["awk", 'BEGIN {n = split("a,b,c", p, ","); print n, p[3]}'], out: "3 c\n" },
  { argv: ["awk", '{gsub(/o/, "0"); sub(/t/, "T"); print}'], stdin: "two foo\n", out: "Tw0 f00\n" },
  { argv: ["awk", '{$2 = "X"; print; print NF}'], stdin: "a  b   c\n", out: "a X c\n3\n" },
  { argv: ["awk", "BEGIN {for (i = 1; i <= 3; i++) s = s i; print s}"], out: "123\n" },
  { argv: ["awk", "BEGIN {i = 0; while (i < 3) {i++; if (i == 2) continue; print i}}"], out: "1\n3\n" },
  { argv: ["awk", "function f(a, b) {return a * b} BEGIN {print f(6, 7)}"], out: "42\n" },
  {
    argv: ["awk", "BEGIN {print 1/3; print 100000 * 100000; print 0.1 + 0.2; print -2^2}"],
    out: "0.333333\n10000000000\n0.3\n-4\n",
  },
  { argv: ["awk", "$1 > 5"], stdin: "10\n9\n3\nabc\n", out: "10\n9\nabc\n" },
  { argv: ["awk", "/b/,/c/"], stdin: "a\nb\nx\nc\nd\n", out: "b\nx\nc\n" },
  { argv: ["awk", "NR==1 {next} {print}"], stdin: "h\nx\n", out: "x\n" },
  { argv: ["awk", '{print NR": "$0} END {exit 3}'], stdin: "a\n", out: "1: a\n", exit: 3 },
  { argv: ["awk", 'BEGIN {if (match("foobar", /o+/)) print RSTART, RLENGTH}'], out: "2 2\n" },
  { argv: ["awk", "-v", "n=5", "BEGIN {print n + 1}"], out: "6\n" },
  {
    argv: ["awk", '{ print $1 > "/tmp/out" } END { while ((getline l < "/tmp/out") > 0) print "got", l }'],
    stdin: "a\nb\n",
    out: "got a\ngot b\n",
  },
  { argv: ["awk", 'BEGIN { a["x"]; delete a["x"]; print length(a), ("x" in a) }'], out: "0 0\n" },
  { argv: ["awk", 'BEGIN { printf "%s %s\\n", "only" }'], out: "only \n" },
  { argv: ["awk", "{ print length }"], stdin: "abc\n", out: "3\n" },
  {
    argv: [
      "awk",
      "function fill(a, n) { for (i = 1; i <= n; i++) a[i] = i * i } BEGIN { fill(sq, 3); print sq[3], length(sq) }",
    ],
    out: "9 3\n",
  },
  { argv: ["awk", 'BEGIN { printf("%d items\\n", 3); print("a", "b") }'], out: "3 items\na b\n" },
  { argv: ["awk", "{ print ($1 > $2) }"], stdin: "10 9\n", out: "1\n" },
];

describe("awk", () => {
  for (const c of cases)
    it(c.argv.slice(1).join(" "), () => {
      for (const f of ["busybox", "gnu"] as const) {
        const r = run(awk(f), c.argv, { stdin: c.stdin });
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(c.out);
        expect(r.exit).toBe(c.exit ?? 0);
      }
    });

  it("reports a syntax error as mawk (GNU images) and busybox do", () => {
    expect(run(awk("gnu"), ["awk", "{print $1"]).stderr).toBe(
      "awk: line 1: syntax error at or near end of file\n",
    );
    expect(run(awk("gnu"), ["awk", "{print $1"]).exit).toBe(2);
    expect(run(awk("busybox"), ["awk", "{print $1"]).stderr).toContain("awk: cmd. line:1:");
  });

  it("stops an endless loop with an error instead of hanging", () => {
    const r = run(awk("gnu"), ["awk", "BEGIN { while (1) x++ }"]);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain("steps");
  });
});
