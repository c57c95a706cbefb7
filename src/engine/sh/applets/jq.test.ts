// jq on the nodes, checked against jq 1.6 (Ubuntu 22.04's package): every row is the input
// given on stdin (with its newline), the arguments (a filter, or flags then a filter), and what
// the jq-1.6 binary printed on stdout and stderr and its exit status.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../../testing/test-cluster";

/** [input, args, stdout, stderr, exit] from jq-1.6. */
const TABLE: [string, string, string, string, number][] = [
  ['{"a":1}', ".a.c", "", 'jq: error (at <stdin>:1): Cannot index number with string "c"\n', 5],
  ["nope", ".", "", "parse error: Invalid literal at line 2, column 0\n", 4],
  ['{"a":1}', ".[] | .x", "", 'jq: error (at <stdin>:1): Cannot index number with string "x"\n', 5],
  ["[1,[2]]", ".[] | .[]", "", "jq: error (at <stdin>:1): Cannot iterate over number (1)\n", 5],
  ['{"a":[1,2,3]}', ".a[1:]", "[\n  2,\n  3\n]\n", "", 0],
  ['{"a":"x"}', ".a[0]", "", "jq: error (at <stdin>:1): Cannot index string with number\n", 5],
  ["[1,2]", ".foo", "", 'jq: error (at <stdin>:1): Cannot index array with string "foo"\n', 5],
  ['{"a":null}', ".a[]", "", "jq: error (at <stdin>:1): Cannot iterate over null (null)\n", 5],
  ['{"a":{"b":2}}', ".a | keys", '[\n  "b"\n]\n', "", 0],
  [
    '{"a":{"b":2}}',
    "to_entries",
    '[\n  {\n    "key": "a",\n    "value": {\n      "b": 2\n    }\n  }\n]\n',
    "",
    0,
  ],
  ['[{"key":"a","value":1}]', "from_entries", '{\n  "a": 1\n}\n', "", 0],
  ['{"a":1,"b":2}', "with_entries(select(.value > 1))", '{\n  "b": 2\n}\n', "", 0],
  ['{"items":[{"n":"x","v":1},{"n":"y","v":2}]}', '.items | map(.n) | join(",")', '"x,y"\n', "", 0],
  [
    '{"items":[{"n":"x","v":1},{"n":"y","v":2}]}',
    "[.items[] | select(.v >= 2) | .n]",
    '[\n  "y"\n]\n',
    "",
    0,
  ],
  ['{"a":"hello"}', '.a | test("ell")', "true\n", "", 0],
  ['{"a":"hello"}', ".a | ascii_upcase", '"HELLO"\n', "", 0],
  ['{"a":"a,b,c"}', '.a | split(",")', '[\n  "a",\n  "b",\n  "c"\n]\n', "", 0],
  ["[3,1,2]", "sort | reverse", "[\n  3,\n  2,\n  1\n]\n", "", 0],
  ['[{"a":2},{"a":1}]', "sort_by(.a)", '[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]\n', "", 0],
  ['[{"a":2},{"a":1},{"a":2}]', "group_by(.a) | length", "2\n", "", 0],
  ['{"a":1}', ".a as $x | $x + 1", "2\n", "", 0],
  ['{"a":1}', 'if .a == 1 then "one" elif .a == 2 then "two" else "many" end', '"one"\n', "", 0],
  ['{"a":1}', '{b: .a, c: "x", a}', '{\n  "b": 1,\n  "c": "x",\n  "a": 1\n}\n', "", 0],
  ['{"a":1}', '.a // "default"', "1\n", "", 0],
  ['{"b":1}', '.a // "default"', '"default"\n', "", 0],
  ['{"a":"1"}', ".a | tonumber + 1", "2\n", "", 0],
  ['{"a":1}', ".a | tostring", '"1"\n', "", 0],
  ["[1,2,3]", "length, add, min, max, first, last", "3\n6\n1\n3\n1\n3\n", "", 0],
  ['{"a":[]}', ".a | length", "0\n", "", 0],
  ['"YWRtaW4="', "@base64d", '"admin"\n', "", 0],
  ['"admin"', "@base64", '"YWRtaW4="\n', "", 0],
  ['[1,"a",null]', "@csv", '"1,\\"a\\","\n', "", 0],
  ['{"a":1.5}', ".a * 2", "3\n", "", 0],
  [
    '{"a":1}',
    ".a / 0",
    "",
    "jq: error (at <stdin>:1): number (1) and number (0) cannot be divided because the divisor is zero\n",
    5,
  ],
  ['{"a":1}', "[.[]] | .[0]", "1\n", "", 0],
  [
    '{"a":{"b":{"c":1}}}',
    "[paths]",
    '[\n  [\n    "a"\n  ],\n  [\n    "a",\n    "b"\n  ],\n  [\n    "a",\n    "b",\n    "c"\n  ]\n]\n',
    "",
    0,
  ],
  ['{"a":1,"b":null}', "del(.b)", '{\n  "a": 1\n}\n', "", 0],
  ['{"a":1}', 'has("a"), has("b")', "true\nfalse\n", "", 0],
  ["[1,2,3]", "map(select(. != 2))", "[\n  1,\n  3\n]\n", "", 0],
  ['{"a":1}', ".a | type", '"number"\n', "", 0],
  ["[1,2]", ".[-1]", "2\n", "", 0],
  ['{"a":1}', '"value: \\(.a)"', '"value: 1"\n', "", 0],
  [
    '{"metadata":{"labels":{"app":"web"}}}',
    '.metadata.labels | to_entries[] | "\\(.key)=\\(.value)"',
    '"app=web"\n',
    "",
    0,
  ],
  ['{"a":1}', "keys[0]", '"a"\n', "", 0],
  ['{"a":[1,2]}', ".a | contains([1])", "true\n", "", 0],
  ['{"a":"foobar"}', '.a | contains("bar")', "true\n", "", 0],
  ['{"a":1}', ".a | not", "false\n", "", 0],
  ["[true,false]", "any, all", "true\nfalse\n", "", 0],
  ['{"a":1}', ".", '{\n  "a": 1\n}\n', "", 0],
  ["[]", ".", "[]\n", "", 0],
  ["{}", ".", "{}\n", "", 0],
  [
    '{"a":[1,{"b":[]}],"c":{}}',
    ".",
    '{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ],\n  "c": {}\n}\n',
    "",
    0,
  ],
  ['{"a":', ".", "", "parse error: Unfinished JSON term at EOF at line 2, column 0\n", 4],
  ["[1,2", ".", "", "parse error: Unfinished JSON term at EOF at line 2, column 0\n", 4],
  ['{"a":1} x', "-c .", '{"a":1}\n', "parse error: Invalid numeric literal at line 2, column 0\n", 4],
  ["1 2 nope", ".", "1\n2\n", "parse error: Invalid literal at line 2, column 0\n", 4],
  ["truex", ".", "", "parse error: Invalid literal at line 2, column 0\n", 4],
  ['{"a":1}}', ".", '{\n  "a": 1\n}\n', "parse error: Unmatched '}' at line 1, column 8\n", 4],
  [
    '{"items":[{"metadata":{"name":"a","namespace":"n"}},{"metadata":{"name":"b"}}]}',
    '.items[].metadata | "\\(.namespace)/\\(.name)"',
    '"n/a"\n"null/b"\n',
    "",
    0,
  ],
  ['{"a":"x"}', "-r .a", "x\n", "", 0],
  ['{"a":[1,2]}', "-c .a", "[1,2]\n", "", 0],
  ['{"a":{"b":1}}', "-r .a", '{\n  "b": 1\n}\n', "", 0],
  ['{"b":2,"a":1}', "-S .", '{\n  "a": 1,\n  "b": 2\n}\n', "", 0],
];

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe("jq", () => {
  const t = new TestCluster();
  it.each(TABLE)("%s | jq %s", (input, args, stdout, stderr, exit) => {
    const argv = args.startsWith("-") ? args.split(/ (.*)/s).filter(Boolean) : [args];
    const r = t.sh(`echo ${quote(input)} | jq ${argv.map(quote).join(" ")}`);
    expect(r).toEqual({ stdout, stderr, exit });
  });

  // CKAD exercises d.configuration and e.observability.
  it("reads a secret's key (jq -r .data.username | base64 -d)", () => {
    t.sh("kubectl create secret generic mysecret2 --from-literal=username=admin");
    expect(t.sh("kubectl get secret mysecret2 -o json | jq -r .data.username | base64 -d").stdout).toBe(
      "admin",
    );
  });
});
