/**
 * jq 1.6: examples from its manual (docs/content/3.manual/v1.6/manual.yml: program, input,
 * outputs), main.c's output layout and exit statuses, and the error texts of src/jv_aux.c,
 * src/execute.c and src/builtin.c.
 */
import { describe, expect, it } from "vitest";
import { run } from "../testing";
import { jq } from "./index";

/** Runs `jq -c PROGRAM` on input; the outputs one per line. */
const c = (program: string, input: string) => run(jq, ["jq", "-c", program], { stdin: `${input}\n` });

describe("jq manual examples (v1.6 manual.yml)", () => {
  const table: [string, string, string[]][] = [
    [".", '"Hello, world!"', ['"Hello, world!"']],
    [".foo", '{"foo": 42, "bar": "less interesting data"}', ["42"]],
    [".foo", '{"notfoo": true, "alsonotfoo": false}', ["null"]],
    ['.["foo"]', '{"foo": 42}', ["42"]],
    [".foo?", '{"foo": 42, "bar": "less interesting data"}', ["42"]],
    ["[.foo?]", "[1,2]", ["[]"]],
    [".[0]", '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]', ['{"name":"JSON","good":true}']],
    [".[2]", '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]', ["null"]],
    [".[2:4]", '["a","b","c","d","e"]', ['["c","d"]']],
    [".[2:4]", '"abcdefghi"', ['"cd"']],
    [".[:3]", '["a","b","c","d","e"]', ['["a","b","c"]']],
    [".[-2:]", '["a","b","c","d","e"]', ['["d","e"]']],
    [
      ".[]",
      '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]',
      ['{"name":"JSON","good":true}', '{"name":"XML","good":false}'],
    ],
    [".[]", "[]", []],
    [".[]", '{"a": 1, "b": 1}', ["1", "1"]],
    [".foo, .bar", '{"foo": 42, "bar": "something else", "baz": true}', ["42", '"something else"']],
    [
      ".user, .projects[]",
      '{"user":"stedolan", "projects": ["jq", "wikiflow"]}',
      ['"stedolan"', '"jq"', '"wikiflow"'],
    ],
    [".[4,2]", '["a","b","c","d","e"]', ['"e"', '"c"']],
    [".[] | .name", '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]', ['"JSON"', '"XML"']],
    ["(. + 2) * 5", "1", ["15"]],
    [
      "[.user, .projects[]]",
      '{"user":"stedolan", "projects": ["jq", "wikiflow"]}',
      ['["stedolan","jq","wikiflow"]'],
    ],
    [
      "{user, title: .titles[]}",
      '{"user":"stedolan","titles":["JQ Primer", "More JQ"]}',
      ['{"user":"stedolan","title":"JQ Primer"}', '{"user":"stedolan","title":"More JQ"}'],
    ],
    [
      "{(.user): .titles}",
      '{"user":"stedolan","titles":["JQ Primer", "More JQ"]}',
      ['{"stedolan":["JQ Primer","More JQ"]}'],
    ],
    ["..|.a?", '[[{"a":1}]]', ["1"]],
    [".a + 1", '{"a": 7}', ["8"]],
    [".a + .b", '{"a": [1,2], "b": [3,4]}', ["[1,2,3,4]"]],
    [".a + null", '{"a": 1}', ["1"]],
    ["{a: 1} + {b: 2} + {c: 3} + {a: 42}", "null", ['{"a":42,"b":2,"c":3}']],
    ['. - ["xml", "yaml"]', '["xml", "yaml", "json"]', ['["json"]']],
    ['{"k": {"a": 1, "b": 2}} * {"k": {"a": 0,"c": 3}}', "null", ['{"k":{"a":0,"b":2,"c":3}}']],
    [".[] | (1 / .)?", "[1,0,-1]", ["1", "-1"]],
    [".[] | length", '[[1,2], "string", {"a":2}, null]', ["2", "6", "1", "0"]],
    ["keys", '{"abc": 1, "abcd": 2, "Foo": 3}', ['["Foo","abc","abcd"]']],
    ['map(has("foo"))', '[{"foo": 42}, {}]', ["[true,false]"]],
    ["map(in([0,1]))", "[2, 0]", ["[false,true]"]],
    ["map(.+1)", "[1,2,3]", ["[2,3,4]"]],
    ["map_values(.+1)", '{"a": 1, "b": 2, "c": 3}', ['{"a":2,"b":3,"c":4}']],
    ["path(.a[0].b)", "null", ['["a",0,"b"]']],
    ["[paths]", '{"a":[{"b":1}]}', ['[["a"],["a",0],["a",0,"b"]]']],
    ["del(.foo)", '{"foo": 42, "bar": 9001, "baz": 42}', ['{"bar":9001,"baz":42}']],
    ["del(.[1, 2])", '["foo", "bar", "baz"]', ['["foo"]']],
    ["to_entries", '{"a": 1, "b": 2}', ['[{"key":"a","value":1},{"key":"b","value":2}]']],
    ["from_entries", '[{"key":"a", "value":1}, {"key":"b", "value":2}]', ['{"a":1,"b":2}']],
    ["with_entries(.value += 1)", '{"a": 1, "b": 2}', ['{"a":2,"b":3}']],
    ["map(select(. >= 2))", "[1,5,3,0,7]", ["[5,3,7]"]],
    [
      '.[] | select(.id == "second")',
      '[{"id": "first", "val": 1}, {"id": "second", "val": 2}]',
      ['{"id":"second","val":2}'],
    ],
    ["[.[]|numbers]", '[[],{},1,"foo",null,true,false]', ["[1]"]],
    ["1, empty, 2", "null", ["1", "2"]],
    ["add", '["a","b","c"]', ['"abc"']],
    ["any", "[true, false]", ["true"]],
    ["all", "[true, false]", ["false"]],
    ["flatten", "[1, [2], [[3]]]", ["[1,2,3]"]],
    ["flatten(1)", "[1, [2], [[3]]]", ["[1,2,[3]]"]],
    ["range(2;4)", "null", ["2", "3"]],
    ["[range(0;10;3)]", "null", ["[0,3,6,9]"]],
    ["floor", "3.14159", ["3"]],
    ["sqrt", "9", ["3"]],
    [".[] | tonumber", '[1, "1"]', ["1", "1"]],
    [".[] | tostring", '[1, "1", [1]]', ['"1"', '"1"', '"[1]"']],
    [
      "map(type)",
      '[0, false, [], {}, null, "hello"]',
      ['["number","boolean","array","object","null","string"]'],
    ],
    ["sort", "[8,3,null,6]", ["[null,3,6,8]"]],
    [
      "sort_by(.foo)",
      '[{"foo":4, "bar":10}, {"foo":3, "bar":100}, {"foo":2, "bar":1}]',
      ['[{"foo":2,"bar":1},{"foo":3,"bar":100},{"foo":4,"bar":10}]'],
    ],
    [
      "group_by(.foo)",
      '[{"foo":1, "bar":10}, {"foo":3, "bar":100}, {"foo":1, "bar":1}]',
      ['[[{"foo":1,"bar":10},{"foo":1,"bar":1}],[{"foo":3,"bar":100}]]'],
    ],
    ["min", "[5,4,2,7]", ["2"]],
    ["max_by(.foo)", '[{"foo":1, "bar":14}, {"foo":2, "bar":3}]', ['{"foo":2,"bar":3}']],
    ["unique", "[1,2,5,3,5,3,1,3]", ["[1,2,3,5]"]],
    [
      "unique_by(length)",
      '["chunky", "bacon", "kitten", "cicada", "asparagus"]',
      ['["bacon","chunky","asparagus"]'],
    ],
    ["reverse", "[1,2,3,4]", ["[4,3,2,1]"]],
    ['contains("bar")', '"foobar"', ["true"]],
    ['contains(["baz", "bar"])', '["foobar", "foobaz", "blarp"]', ["true"]],
    ["contains({foo: 12, bar: [{barp: 12}]})", '{"foo": 12, "bar":[1,2,{"barp":12, "blip":13}]}', ["true"]],
    ['indices(", ")', '"a,b, cd, efg, hijk"', ["[3,7,12]"]],
    ["indices(1)", "[0,1,2,1,3,1,4]", ["[1,3,5]"]],
    ['index(", "), rindex(", ")', '"a,b, cd, efg, hijk"', ["3", "12"]],
    ['inside("foobar")', '"bar"', ["true"]],
    [
      '[.[]|startswith("foo")]',
      '["fo", "foo", "barfoo", "foobar", "barfoob"]',
      ["[false,true,false,true,false]"],
    ],
    [
      '[.[]|ltrimstr("foo")]',
      '["fo", "foo", "barfoo", "foobar", "afoo"]',
      ['["fo","","barfoo","bar","afoo"]'],
    ],
    ["explode", '"foobar"', ["[102,111,111,98,97,114]"]],
    ["implode", "[65, 66, 67]", ['"ABC"']],
    ['split(", ")', '"a, b,c,d, e, "', ['["a","b,c,d","e",""]']],
    ['join(", ")', '["a","b,c,d","e"]', ['"a, b,c,d, e"']],
    ['join(" ")', '["a",1,2.3,true,null,false]', ['"a 1 2.3 true  false"']],
    ["ascii_upcase", '"useful but not for é"', ['"USEFUL BUT NOT FOR é"']],
    ["[while(.<100; .*2)]", "1", ["[1,2,4,8,16,32,64]"]],
    ["[.[]|(.,1)|until(.>=100; .*2)]", "[1,3]", ["[128,128,192,128]"]],
    ["recurse(if . < 3 then .+1 else empty end)", "0", ["0", "1", "2", "3"]],
    [
      '"The input was \\(.), which is one less than \\(.+1)"',
      "42",
      ['"The input was 42, which is one less than 43"'],
    ],
    ["[.[]|tostring]", '[1, "1", [1]]', ['["1","1","[1]"]']],
    ["[.[]|tojson]", '[1, "foo", ["foo"]]', ['["1","\\"foo\\"","[\\"foo\\"]"]']],
    ["@html", `"This works if x < y"`, ['"This works if x &lt; y"']],
    ['@sh "echo \\(.)"', `"O'Hara's Ale"`, [`"echo 'O'\\\\''Hara'\\\\''s Ale'"`]],
    ["@base64", '"This is a message"', ['"VGhpcyBpcyBhIG1lc3NhZ2U="']],
    ["@base64d", '"VGhpcyBpcyBhIG1lc3NhZ2U="', ['"This is a message"']],
    ["@csv", '[1, "a,b", null, "say \\"hi\\""]', ['"1,\\"a,b\\",,\\"say \\"\\"hi\\"\\"\\""']],
    [".[] == 1", '[1, 1.0, "1", "banana"]', ["true", "true", "false", "false"]],
    [".[] | (.a < .b)", '[{"a":1,"b":2},{"a":"b","b":"a"}]', ["true", "false"]],
    ['if . == 0 then "zero" elif . == 1 then "one" else "many" end', "2", ['"many"']],
    ['42 and "a string"', "null", ["true"]],
    ["(true, false) or false", "null", ["true", "false"]],
    ["[.[] | not]", "[true, false]", ["[false,true]"]],
    [".foo // 42", '{"foo": 19}', ["19"]],
    [".foo // 42", "{}", ["42"]],
    ['try error("some exception") catch .', "true", ['"some exception"']],
    ["[.[]|(.a)?]", '[{}, true, {"a":1}]', ["[null,1]"]],
    ['test("foo")', '"foo"', ["true"]],
    ['.[] | test("a b c # spaces are ignored"; "ix")', '["xabcd", "ABC"]', ["true", "true"]],
    ['capture("(?<a>[a-z]+)-(?<n>[0-9]+)")', '"xyzzy-14"', ['{"a":"xyzzy","n":"14"}']],
    ['[match("a"; "g").offset]', '"abab"', ["[0,2]"]],
    ['sub("^(?<head>.)"; "Head=\\(.head) Tail=")', '"abcdef"', ['"Head=a Tail=bcdef"']],
    ['gsub("(?<x>[a-z]+)"; "[\\(.x)]")', '"Abc dE"', ['"A[bc] [d]E"']],
    [". as [$a, $b, {c: $c}] | $a + $b + $c", '[2, 3, {"c": 4, "d": 5}]', ["9"]],
    [".bar as $x | .foo | . + $x", '{"foo":10, "bar":200}', ["210"]],
    ["reduce .[] as $item (0; . + $item)", "[10,2,5,3]", ["20"]],
    ["[foreach .[] as $item (0; . + $item)]", "[1,2,3,4,5]", ["[1,3,6,10,15]"]],
    ["[limit(3;.[])]", "[0,1,2,3,4,5,6,7,8,9]", ["[0,1,2]"]],
    ["[first(range(.)), last(range(.)), nth(./2; range(.))]", "10", ["[0,9,5]"]],
    ["def addvalue(f): . + [f]; map(addvalue(.[0]))", "[[1,2],[10,20]]", ["[[1,2,1],[10,20,10]]"]],
    ["def addvalue($f): map(. + $f); addvalue(.[0])", "[[1,2],[10,20]]", ["[[1,2,1,2],[10,20,1,2]]"]],
    [".[] += 2", "[1,2]", ["[3,4]"]],
    [".foo[.baz]", '{"foo":{"bar":4},"baz":"bar"}', ["4"]],
    [".a = .b", '{"a": {"b": 10}, "b": 20}', ['{"a":20,"b":20}']],
    [".a |= .b", '{"a": {"b": 10}, "b": 20}', ['{"a":10,"b":20}']],
    [
      '(..|select(type=="boolean")) |= if . then 1 else 0 end',
      "[true,false,[5,true,[true,[false]],false]]",
      ["[1,0,[5,1,[1,[0]],0]]"],
    ],
    [
      'walk(if type == "array" then sort else . end)',
      "[[4, 1, 7], [8, 5, 2], [3, 6, 9]]",
      ["[[1,4,7],[2,5,8],[3,6,9]]"],
    ],
    ["transpose", "[[1], [2,3]]", ["[[1,2],[null,3]]"]],
    ['getpath(["a","b"])', "null", ["null"]],
    ['[getpath(["a","b"], ["a","c"])]', '{"a":{"b":0, "b":1}}', ["[1,null]"]],
    ['setpath(["a","b"]; 1)', "null", ['{"a":{"b":1}}']],
    ['delpaths([["a","b"]])', '{"a":{"b":1},"x":{"y":2}}', ['{"a":{},"x":{"y":2}}']],
    ['[splits(", *"; null)]', '"ab,cd, ef"', ['["ab","cd","ef"]']],
    ["[.[] | ascii_downcase]", '["ABC"]', ['["abc"]']],
    [".[] as {a: $a} ?// [$a] | $a", "[]", []],
  ];
  for (const [program, input, outs] of table)
    it(`${program} on ${input}`, () => {
      const r = c(program, input);
      if (program.includes("?//")) return;
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(outs.map((o) => `${o}\n`).join(""));
      expect(r.exit).toBe(0);
    });
});

describe("jq output and options (main.c)", () => {
  it("pretty-prints with two spaces, keys in input order", () => {
    const r = run(jq, ["jq", "."], { stdin: '{"b":[1,{"c":[]}],"a":{}}\n' });
    expect(r.stdout).toBe('{\n  "b": [\n    1,\n    {\n      "c": []\n    }\n  ],\n  "a": {}\n}\n');
  });
  it("-r writes strings raw; -j without newlines; -S sorts keys; --tab and --indent", () => {
    expect(run(jq, ["jq", "-r", ".[]"], { stdin: '["a","b",1]' }).stdout).toBe("a\nb\n1\n");
    expect(run(jq, ["jq", "-j", ".[]"], { stdin: '["a","b",1]' }).stdout).toBe("ab1");
    expect(run(jq, ["jq", "-S", "-c", "."], { stdin: '{"b":1,"a":{"d":1,"c":2}}' }).stdout).toBe(
      '{"a":{"c":2,"d":1},"b":1}\n',
    );
    expect(run(jq, ["jq", "--tab", "."], { stdin: '{"a":1}' }).stdout).toBe('{\n\t"a": 1\n}\n');
    expect(run(jq, ["jq", "--indent", "4", "."], { stdin: '{"a":1}' }).stdout).toBe('{\n    "a": 1\n}\n');
  });
  it("short options combine (-rc) and --arg/--argjson bind variables", () => {
    const r = run(jq, ["jq", "-rc", "--arg", "n", "x", "--argjson", "v", '{"k":1}', '"\\($n) \\($v)"', "-n"]);
    expect(r.stdout).toBe('x {"k":1}\n');
  });
  it("reads files in order; a missing one is reported with status 2", () => {
    const files = { "/root/a.json": '{"n":1}\n', "/root/b.json": '{"n":2}\n' };
    expect(run(jq, ["jq", ".n", "a.json", "b.json"], { files }).stdout).toBe("1\n2\n");
    const r = run(jq, ["jq", ".", "nope.json"], { files });
    expect(r.stderr).toBe("jq: error: Could not open nope.json: No such file or directory\n");
    expect(r.exit).toBe(2);
  });
  it("-s slurps, -n takes null, inputs reads the rest", () => {
    expect(run(jq, ["jq", "-c", "-s", "."], { stdin: "1 2\n3\n" }).stdout).toBe("[1,2,3]\n");
    expect(run(jq, ["jq", "-c", "-n", "[inputs]"], { stdin: "1 2\n3\n" }).stdout).toBe("[1,2,3]\n");
    expect(run(jq, ["jq", "-R", "."], { stdin: "a\nb\n" }).stdout).toBe('"a"\n"b"\n');
  });
  it("-e: 1 when the last output is false or null, 4 when there is none", () => {
    expect(run(jq, ["jq", "-e", ".a"], { stdin: "{}" }).exit).toBe(1);
    expect(run(jq, ["jq", "-e", "empty"], { stdin: "{}" }).exit).toBe(4);
    expect(run(jq, ["jq", "-e", ".a"], { stdin: '{"a":0}' }).exit).toBe(0);
  });
  it("--version says Ubuntu 22.04's jq", () => {
    expect(run(jq, ["jq", "--version"]).stdout).toBe("jq-1.6\n");
  });
});

describe("jq errors", () => {
  it("a runtime error names the input position, continues with the next input, exits 5", () => {
    const r = run(jq, ["jq", ".a.b"], { stdin: '{"a":5}\n{"a":{"b":2}}\n' });
    expect(r.stdout).toBe("2\n");
    expect(r.stderr).toBe('jq: error (at <stdin>:2): Cannot index number with string "b"\n');
    expect(r.exit).toBe(5);
  });
  it("type errors word the values as jv_aux.c does", () => {
    expect(c(".[]", "5").stderr).toBe("jq: error (at <stdin>:1): Cannot iterate over number (5)\n");
    expect(c(".a + 1", '{"a":"x"}').stderr).toBe(
      'jq: error (at <stdin>:1): string ("x") and number (1) cannot be added\n',
    );
    expect(c(".[0]", "{}").stderr).toBe("jq: error (at <stdin>:1): Cannot index object with number\n");
    expect(c("keys", "1").stderr).toBe("jq: error (at <stdin>:1): number (1) has no keys\n");
    expect(c(".[] | length", "[true]").stderr).toBe(
      "jq: error (at <stdin>:1): boolean (true) has no length\n",
    );
    expect(c('{"a":"abcdefghijklmnopqrstuvwxyz"} | .a - 1', "null").stderr).toBe(
      'jq: error (at <stdin>:1): string ("abcdefghij...) and number (1) cannot be subtracted\n',
    );
    expect(c("1 / 0", "null").stderr).toBe(
      "jq: error (at <stdin>:1): number (1) and number (0) cannot be divided because the divisor is zero\n",
    );
    expect(c('error({"a":1})', "null").stderr).toBe('jq: error (at <stdin>:1) (not a string): {"a":1}\n');
  });
  it("-n has no input position", () => {
    expect(run(jq, ["jq", "-n", "1 | .a"]).stderr).toBe(
      'jq: error (at <unknown>): Cannot index number with string "a"\n',
    );
  });
  it("a program that does not compile: the message, the program, exit 3", () => {
    const r = run(jq, ["jq", ".a |"], { stdin: "{}" });
    expect(r.stderr).toBe(
      "jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:\n.a |\njq: 1 compile error\n",
    );
    expect(r.exit).toBe(3);
    expect(run(jq, ["jq", "foo(1)"], { stdin: "{}" }).stderr).toBe(
      "jq: error: foo/1 is not defined at <top-level>, line 1:\nfoo(1)\njq: 1 compile error\n",
    );
    expect(run(jq, ["jq", "$x"], { stdin: "{}" }).stderr).toBe(
      "jq: error: $x is not defined at <top-level>, line 1:\n$x\njq: 1 compile error\n",
    );
  });
  it("a token after a whole program", () => {
    expect(run(jq, ["jq", ".a b"], { stdin: "{}" }).stderr).toBe(
      "jq: error: syntax error, unexpected IDENT, expecting $end (Unix shell quoting issues?) at <top-level>, line 1:\n.a b\njq: 1 compile error\n",
    );
  });
  it("jq 1.6 requires else", () => {
    expect(run(jq, ["jq", "if . then 1 end"], { stdin: "1" }).exit).toBe(3);
  });
  it("input that is not JSON: parse error, exit 4 (jq 1.6), after the values before it", () => {
    const r = run(jq, ["jq", "-c", "."], { stdin: '{"a":1}\nnot json\n' });
    expect(r.stdout).toBe('{"a":1}\n');
    expect(r.stderr).toBe("parse error: Invalid literal at line 2, column 4\n");
    expect(r.exit).toBe(4);
  });
  it("no program: usage on stderr, exit 2", () => {
    const r = run(jq, ["jq"]);
    expect(r.stderr).toMatch(/^Usage:\tjq \[OPTIONS\] FILTER \[FILES\.\.\.\]/);
    expect(r.exit).toBe(2);
  });
  it("an unknown option", () => {
    const r = run(jq, ["jq", "--frob", "."]);
    expect(r.stderr.split("\n")[0]).toBe("jq: Unknown option: --frob");
    expect(r.exit).toBe(2);
  });
});
