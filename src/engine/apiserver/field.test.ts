/**
 * Rows of staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go (TestIsDNS1123Label,
 * TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsQualifiedName, TestIsValidLabelValue,
 * TestIsValidPortName).
 */
import { describe, expect, it } from "vitest";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from "./field";

describe("IsDNS1123Label", () => {
  const good = [
    "a",
    "ab",
    "abc",
    "a1",
    "a-1",
    "a--1--2--b",
    "0",
    "01",
    "012",
    "1a",
    "1-a",
    "1--a--b--2",
    "a".repeat(63),
  ];
  const bad = [
    "",
    "A",
    "ABC",
    "aBc",
    "A1",
    "A-1",
    "1-A",
    "-",
    "a-",
    "-a",
    "1-",
    "-1",
    "_",
    "a_",
    "_a",
    "a_b",
    "1_",
    "_1",
    "1_2",
    ".",
    "a.",
    ".a",
    "a.b",
    "1.",
    ".1",
    "1.2",
    " ",
    "a ",
    " a",
    "a b",
    "1 ",
    " 1",
    "1 2",
    "a".repeat(64),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1123Label(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1123Label(v).length).toBeGreaterThan(0));
  it("has the upstream text", () => {
    expect(isDNS1123Label("Web")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("IsDNS1123Subdomain", () => {
  const good = [
    "a",
    "ab",
    "abc",
    "a1",
    "a-1",
    "a--1--2--b",
    "0",
    "01",
    "012",
    "1a",
    "1-a",
    "1--a--b--2",
    "a.a",
    "ab.a",
    "abc.a",
    "a1.a",
    "a-1.a",
    "a--1--2--b.a",
    "a.1",
    "ab.1",
    "abc.1",
    "a1.1",
    "a-1.1",
    "a--1--2--b.1",
    "0.a",
    "01.a",
    "012.a",
    "1a.a",
    "1-a.a",
    "1--a--b--2",
    "0.1",
    "01.1",
    "012.1",
    "1a.1",
    "1-a.1",
    "1--a--b--2.1",
    "a.b.c.d.e",
    "aa.bb.cc.dd.ee",
    "1.2.3.4.5",
    "11.22.33.44.55",
    "a".repeat(253),
  ];
  const bad = [
    "",
    "A",
    "ABC",
    "aBc",
    "A1",
    "A-1",
    "1-A",
    "-",
    "a-",
    "-a",
    "1-",
    "-1",
    "_",
    "a_",
    "_a",
    "a_b",
    "1_",
    "_1",
    "1_2",
    ".",
    "a.",
    ".a",
    "a..b",
    "1.",
    ".1",
    "1..2",
    " ",
    "a ",
    " a",
    "a b",
    "1 ",
    " 1",
    "1 2",
    "A.a",
    "aB.a",
    "ab.A",
    "A1.a",
    "a1.A",
    "A.1",
    "aB.1",
    "A1.1",
    "1A.1",
    "0.A",
    "01.A",
    "012.A",
    "1A.a",
    "1a.A",
    "A.B.C.D.E",
    "AA.BB.CC.DD.EE",
    "a.B.c.d.e",
    "aa.bB.cc.dd.ee",
    "a@b",
    "a,b",
    "a_b",
    "a;b",
    "a:b",
    "a%b",
    "a?b",
    "a$b",
    "a".repeat(254),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1123Subdomain(v).length).toBeGreaterThan(0));
  it("has the upstream text", () => {
    expect(isDNS1123Subdomain("Web_01")).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});

describe("IsDNS1035Label", () => {
  const good = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "a".repeat(63)];
  const bad = [
    "0",
    "01",
    "012",
    "1a",
    "1-a",
    "1--a--b--2",
    "",
    "A",
    "ABC",
    "aBc",
    "A1",
    "A-1",
    "1-A",
    "-",
    "a-",
    "-a",
    "1-",
    "-1",
    "_",
    "a_",
    "_a",
    "a_b",
    "1_",
    "_1",
    "1_2",
    ".",
    "a.",
    ".a",
    "a.b",
    "1.",
    ".1",
    "1.2",
    " ",
    "a ",
    " a",
    "a b",
    "1 ",
    " 1",
    "1 2",
    "a".repeat(64),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1035Label(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1035Label(v).length).toBeGreaterThan(0));
});

describe("IsQualifiedName", () => {
  const good = [
    "simple",
    "now-with-dashes",
    "1-starts-with-num",
    "1234",
    "simple/simple",
    "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes",
    "now.with.dots/now-with-dashes",
    "now-with.dashes-and.dots/now_with.dashes-and_dots",
    "now.with.dots/now.with.dots",
    "numbers/1234",
    "a".repeat(63),
    `${"a".repeat(253)}/${"b".repeat(63)}`,
  ];
  const bad = [
    "nospecialchars%^=@",
    "cantendwithadash-",
    "-cantstartwithadash-",
    "only/one/slash",
    "Example.com/abc",
    "example_com/abc",
    "example.com/",
    "/simple",
    "a".repeat(64),
    `${"a".repeat(254)}/abc`,
  ];
  it.each(good)("accepts %j", (v) => expect(isQualifiedName(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isQualifiedName(v).length).toBeGreaterThan(0));
});

describe("IsValidLabelValue", () => {
  const good = [
    "simple",
    "now-with-dashes",
    "1-starts-with-num",
    "end-with-num-1",
    "1234",
    "a".repeat(63),
    "",
  ];
  const bad = [
    "nospecialchars%^=@",
    "Tama-nui-te-rā.is.Māori.sun",
    "\\backslashes\\are\\bad",
    "-starts-with-dash",
    "ends-with-dash-",
    ".starts.with.dot",
    "ends.with.dot.",
    "a".repeat(64),
  ];
  it.each(good)("accepts %j", (v) => expect(isValidLabelValue(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isValidLabelValue(v).length).toBeGreaterThan(0));
});

describe("IsValidPortName", () => {
  it.each(["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"])("accepts %j", (v) =>
    expect(isValidPortName(v)).toEqual([]),
  );
  it.each(["longerthan15characters", "", "12345", "1-2-3-4", "-begin", "end-", "two--hyphens", "whois++"])(
    "rejects %j",
    (v) => expect(isValidPortName(v).length).toBeGreaterThan(0),
  );
});
