// Helm's template engine and functions, with rows ported from helm v3.16.3's
// pkg/engine/funcs_test.go (TestFuncs, TestMerge) and pkg/engine/engine_test.go (TestSortTemplates,
// TestRender, TestParseErrors, TestExecErrors, TestFailErrors, TestAlterFuncMap_include,
// TestAlterFuncMap_require, TestAlterFuncMap_tpl, TestAlterFuncMap_tplinclude,
// TestRenderTplMissingKey), plus Sprig functions the scaffold chart uses (Sprig's own tests where
// they exist: strings_test.go, defaults_test.go, semver_test.go).
import { describe, expect, it } from "vitest";
import { GoInt, GoStruct, TemplateSet, type Value } from "../../kubectl/output/gotemplate";
import { helmFuncs } from "./funcs";
import { renderNamed, sortTemplates } from "./render";

/** template.New("test").Funcs(funcMap()).Parse(tpl).Execute(vars), as funcs_test.go runs a row. */
function run(tpl: string, vars: Value): string {
  const set = new TemplateSet(helmFuncs(), "zero", "test");
  set.parse("test", tpl);
  return set.execute("test", vars);
}

describe("funcs_test.go TestFuncs", () => {
  // The toToml rows are left out: Kubeglass has no TOML encoder (toToml is not provided).
  const rows: [tpl: string, expect: string, vars: Value][] = [
    ["{{ toYaml . }}", "foo: bar", { foo: "bar" }],
    ["{{ toJson . }}", '{"foo":"bar"}', { foo: "bar" }],
    ["{{ fromYaml . }}", "map[hello:world]", "hello: world"],
    ["{{ fromYamlArray . }}", "[one 2 map[name:helm]]", "- one\n- 2\n- name: helm\n"],
    ["{{ fromYamlArray . }}", "[one 2 map[name:helm]]", '["one", 2, { "name": "helm" }]'],
    [
      "{{ fromYaml . }}",
      "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]",
      "- one\n- two\n",
    ],
    ["{{ fromJson .}}", "map[hello:world]", '{"hello":"world"}'],
    [
      "{{ fromJson . }}",
      "map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]",
      '["one", "two"]',
    ],
    ["{{ fromJsonArray . }}", "[one 2 map[name:helm]]", '["one", 2, { "name": "helm" }]'],
    [
      "{{ fromJsonArray . }}",
      "[json: cannot unmarshal object into Go value of type []interface {}]",
      '{"hello": "world"}',
    ],
    [
      "{{ merge .dict (fromYaml .yaml) }}",
      "map[a:map[b:c]]",
      { dict: { a: { b: "c" } }, yaml: '{"a":{"b":"d"}}' },
    ],
    [
      "{{ merge (fromYaml .yaml) .dict }}",
      "map[a:map[b:d]]",
      { dict: { a: { b: "c" } }, yaml: '{"a":{"b":"d"}}' },
    ],
    [
      "{{ fromYaml . }}",
      "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]",
      '["one", "two"]',
    ],
    [
      "{{ fromYamlArray . }}",
      "[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]",
      "hello: world",
    ],
    // Regression for #7955: never a network lookup.
    ['{{ lookup "v1" "Namespace" "" "unlikelynamespace99999999" }}', "map[]", '["one", "two"]'],
  ];
  it.each(rows)("%s with %j", (tpl, want, vars) => {
    expect(run(tpl, vars)).toBe(want);
  });
});

describe("funcs_test.go TestMerge", () => {
  it("merges deeply without overriding, arrays not merged", () => {
    const dict = {
      src2: { h: 10, i: "i", j: "j" },
      src1: { a: 1, b: 2, d: { e: "four" }, g: [6, 7], i: "aye", j: "jay", k: { l: false } },
      dst: { a: "one", c: 3, d: { f: 5 }, g: [8, 9], i: "eye", k: { l: true } },
    };
    run("{{merge .dst .src1 .src2}}", dict);
    expect(dict.dst).toEqual({
      a: "one",
      b: 2,
      c: 3,
      d: { e: "four", f: 5 },
      g: [8, 9],
      h: 10,
      i: "eye",
      j: "jay",
      k: { l: true },
    });
  });
});

describe("Sprig functions the scaffold chart uses", () => {
  const rows: [tpl: string, expect: string, vars?: Value][] = [
    ['{{ "foo" | quote }}', '"foo"'],
    ['{{ "foo" | squote }}', "'foo'"],
    ['{{ quote "a" 1 }}', '"a" "1"'],
    ['{{ trunc 5 "Hello World" }}', "Hello"],
    ['{{ trunc -5 "Hello World" }}', "World"],
    ['{{ trunc 63 "short" }}', "short"],
    ['{{ trimSuffix "-" "hello-" }}', "hello"],
    ['{{ trimPrefix "-" "-hello" }}', "hello"],
    ['{{ "I Am Henry VIII" | replace " " "-" }}', "I-Am-Henry-VIII"],
    ['{{ printf "%s-%s" "a" "b" }}', "a-b"],
    ['{{ upper "hello" }}', "HELLO"],
    ['{{ lower "HELLO" }}', "hello"],
    ['{{ title "hello world" }}', "Hello World"],
    ['{{ b64enc "hello" }}', "aGVsbG8="],
    ['{{ sha256sum "hello" }}', "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"],
    ['{{ contains "cat" "catch" }}', "true"],
    ['{{ indent 4 "a\\nb" }}', "    a\n    b"],
    ['{{ nindent 4 "a\\nb" }}', "\n    a\n    b"],
    ['{{ default "foo" .Nothing }}', "foo"],
    ['{{ default "foo" "" }}', "foo"],
    ['{{ default "foo" "bar" }}', "bar"],
    ["{{ default 5 0 }}", "5"],
    ["{{ empty .Nothing }}", "true"],
    ['{{ empty "" }}', "true"],
    ["{{ empty 1 }}", "false"],
    ['{{ hasKey (dict "a" 1) "a" }}', "true"],
    ['{{ hasKey (dict "a" 1) "b" }}', "false"],
    ['{{ list 1 "two" 3 }}', "[1 two 3]"],
    ['{{ dict "b" 2 "a" 1 }}', "map[a:1 b:2]"],
    ["{{ if and true (not false) }}yes{{ end }}", "yes"],
    ['{{ if or false "" }}yes{{ else }}no{{ end }}', "no"],
    ['{{ eq "a" "a" }} {{ ne 1 2 }}', "true true"],
    ['{{ semverCompare ">=1.19-0" "v1.32.2" }}', "true"],
    ['{{ semverCompare "<1.19-0" "v1.32.2" }}', "false"],
    ['{{ semverCompare "^1.2.0" "1.2.3" }}', "true"],
    ['{{ semverCompare "~1.2.0" "1.3.0" }}', "false"],
    ['{{ semverCompare ">=1.19" "v1.32.2-gke.1" }}', "false"],
    ['{{ semverCompare ">=1.19-0" "v1.32.2-gke.1" }}', "true"],
    ["{{ toYaml .m }}", "a:\n  b:\n  - 1\n  - x\nc: {}", { m: { c: {}, a: { b: [1, "x"] } } }],
    ["{{ toYaml .Nothing }}", "null", {}],
    // encoding/json escapes HTML characters.
    ["{{ toJson .m }}", '{"a":"\\u003cb\\u003e"}', { m: { a: "<b>" } }],
    ['{{ $x := dict "k" "v" }}{{ $x.k }}', "v"],
    ['{{ tpl "{{ .a }}" . }}', "b", { a: "b" }],
  ];
  it.each(rows)("%s", (tpl, want, vars) => {
    expect(run(tpl, vars ?? {})).toBe(want);
  });

  it("gives Go's conversion error for a float64 where Sprig takes an int", () => {
    expect(() => run("{{ trunc .n . }}", { n: 1.5 })).toThrow(
      "wrong type for value; expected int; got float64",
    );
  });

  it("fails a chain through a missing map entry (missingkey=zero)", () => {
    expect(() => run("{{ .Values.a.b }}", { Values: {} })).toThrow(
      'template: test:1:10: executing "test" at <.Values.a.b>: nil pointer evaluating interface {}.b',
    );
  });

  it("prints a struct's String() and reads its fields", () => {
    const kube = new GoStruct("chartutil.KubeVersion", { Version: "v1.32.2", Major: "1" }, "v1.32.2");
    expect(run("{{ .K }} {{ .K.Major }}", { K: kube })).toBe("v1.32.2 1");
    expect(() => run("{{ .K.Nope }}", { K: kube })).toThrow(
      "can't evaluate field Nope in type chartutil.KubeVersion",
    );
  });

  it("calls a struct's methods, with arguments or without (APIVersions.Has, Files.Get)", () => {
    const caps = new GoStruct(
      "chartutil.VersionSet",
      {},
      "[v1 apps/v1]",
      new Map([["Has", (args: Value[]) => args[0] === "apps/v1"]]),
    );
    expect(run('{{ .V.Has "apps/v1" }} {{ .V.Has "batch/v9" }} {{ .V }}', { V: caps })).toBe(
      "true false [v1 apps/v1]",
    );
    expect(run('{{ if .V.Has "apps/v1" }}yes{{ end }}', { V: caps })).toBe("yes");
  });

  it("counts Go int constants through add", () => {
    expect(run("{{ add 1 2 .n }}", { n: new GoInt(3) })).toBe("6");
  });
});

describe("engine_test.go", () => {
  const releaseVals = (extra: Record<string, Value> = {}) => ({
    Values: {},
    Chart: new GoStruct("chart.Metadata", { Name: "moby" }),
    Release: { Name: "Mistah Kurtz" },
    ...extra,
  });
  const render = (tpls: Record<string, string>, top: Record<string, Value>, lintMode = false) =>
    renderNamed(new Map(Object.entries(tpls)), top, "templates", { lintMode });

  it("TestSortTemplates", () => {
    expect(
      sortTemplates([
        "/mychart/templates/foo.tpl",
        "/mychart/templates/charts/foo/charts/bar/templates/foo.tpl",
        "/mychart/templates/bar.tpl",
        "/mychart/templates/charts/foo/templates/bar.tpl",
        "/mychart/templates/_foo.tpl",
        "/mychart/templates/charts/foo/templates/foo.tpl",
        "/mychart/templates/charts/bar/templates/foo.tpl",
      ]),
    ).toEqual([
      "/mychart/templates/charts/foo/charts/bar/templates/foo.tpl",
      "/mychart/templates/charts/foo/templates/foo.tpl",
      "/mychart/templates/charts/foo/templates/bar.tpl",
      "/mychart/templates/charts/bar/templates/foo.tpl",
      "/mychart/templates/foo.tpl",
      "/mychart/templates/bar.tpl",
      "/mychart/templates/_foo.tpl",
    ]);
  });

  it("TestRender", () => {
    const r = render(
      {
        "moby/templates/test1": "{{.Values.outer | title }} {{.Values.inner | title}}",
        "moby/templates/test2": "{{.Values.global.callme | lower }}",
        "moby/templates/test3": "{{.noValue}}",
        "moby/templates/test4": "{{toJson .Values}}",
        "moby/templates/test5": '{{getHostByName "helm.sh"}}',
      },
      releaseVals({ Values: { outer: "spouter", inner: "inn", global: { callme: "Ishmael" } } }),
    );
    expect(r.ok && Object.fromEntries(r.files)).toEqual({
      "moby/templates/test1": "Spouter Inn",
      "moby/templates/test2": "ishmael",
      "moby/templates/test3": "",
      "moby/templates/test4": '{"global":{"callme":"Ishmael"},"inner":"inn","outer":"spouter"}',
      "moby/templates/test5": "",
    });
  });

  it("TestParseErrors", () => {
    expect(render({ undefined_function: "{{foo}}" }, { Values: {} })).toEqual({
      ok: false,
      error: 'parse error at (undefined_function:1): function "foo" not defined',
    });
  });

  it.each([
    [
      "missing_required",
      '{{required "foo is required" .Values.foo}}',
      "execution error at (missing_required:1:2): foo is required",
    ],
    [
      "missing_required_with_colons",
      '{{required ":this: message: has many: colons:" .Values.foo}}',
      "execution error at (missing_required_with_colons:1:2): :this: message: has many: colons:",
    ],
    [
      "issue6044",
      '{{ $someEmptyValue := "" }}\n{{ $myvar := "abc" }}\n{{- required (printf "%s: something is missing" $myvar) $someEmptyValue | repeat 0 }}',
      "execution error at (issue6044:3:4): abc: something is missing",
    ],
    [
      "issue9981",
      '{{required "foo is required\\nmore info after the break" .Values.foo}}',
      "execution error at (issue9981:1:2): foo is required\nmore info after the break",
    ],
    [
      "issue9981",
      '{{fail "something is wrong\\nlinebreak"}}',
      "execution error at (issue9981:1:2): something is wrong\nlinebreak",
    ],
  ])("TestExecErrors %s", (name, tpl, want) => {
    expect(render({ [name]: tpl }, { Values: {} })).toEqual({ ok: false, error: want });
  });

  it("TestFailErrors", () => {
    const tpl = { failtpl: 'All your base are belong to us{{ fail "This is an error" }}' };
    expect(render(tpl, { Values: {} })).toEqual({
      ok: false,
      error: "execution error at (failtpl:1:33): This is an error",
    });
    const lint = render(tpl, { Values: {} }, true);
    expect(lint.ok && lint.files.get("failtpl")).toBe("All your base are belong to us");
  });

  it("TestAlterFuncMap_include", () => {
    const r = render(
      {
        "conrad/templates/quote": '{{include "conrad/templates/_partial" . | indent 2}} dead.',
        "conrad/templates/_partial": "{{.Release.Name}} - he",
      },
      releaseVals(),
    );
    expect(r.ok && r.files.get("conrad/templates/quote")).toBe("  Mistah Kurtz - he dead.");
    const nested = render(
      {
        "nested/templates/quote": '{{include "nested/templates/quote" . | indent 2}} dead.',
        "nested/templates/_partial": "{{.Release.Name}} - he",
      },
      releaseVals(),
    );
    expect(nested.ok).toBe(false);
    expect(!nested.ok && nested.error).toContain("nested/templates/quote");
  });

  it("TestAlterFuncMap_require", () => {
    const tpls = {
      "conan/templates/quote": `All your base are belong to {{ required "A valid 'who' is required" .Values.who }}`,
      "conan/templates/bases": `All {{ required "A valid 'bases' is required" .Values.bases }} of them!`,
    };
    const r = render(tpls, releaseVals({ Values: { who: "us", bases: 2 } }));
    expect(r.ok && Object.fromEntries(r.files)).toEqual({
      "conan/templates/quote": "All your base are belong to us",
      "conan/templates/bases": "All 2 of them!",
    });
    const lint = render(tpls, releaseVals({ Values: { who: "us" } }), true);
    expect(lint.ok && lint.files.get("conan/templates/bases")).toBe("All  of them!");
  });

  it("TestAlterFuncMap_tpl", () => {
    const r = render(
      { "TplFunction/templates/base": 'Evaluate tpl {{tpl "Value: {{ .Values.value}}" .}}' },
      releaseVals({ Values: { value: "myvalue" } }),
    );
    expect(r.ok && r.files.get("TplFunction/templates/base")).toBe("Evaluate tpl Value: myvalue");
  });

  it("TestAlterFuncMap_tplinclude", () => {
    const r = render(
      {
        "TplFunction/templates/base": '{{ tpl "{{include `TplFunction/templates/_partial` .  | quote }}" .}}',
        "TplFunction/templates/_partial": "{{.Template.Name}}",
      },
      releaseVals({ Values: { value: "myvalue" } }),
    );
    expect(r.ok && r.files.get("TplFunction/templates/base")).toBe('"TplFunction/templates/base"');
  });

  it("TestRenderTplMissingKey", () => {
    const r = render(
      { "TplMissingKey/templates/manifest": 'missingValue: {{tpl "{{.Values.noSuchKey}}" .}}' },
      releaseVals(),
    );
    expect(r.ok && r.files.get("TplMissingKey/templates/manifest")).toBe("missingValue: ");
  });

  it("defines and blocks: the last definition wins, an empty one does not replace", () => {
    const r = render(
      {
        "c/templates/a": '{{ define "x" }}first{{ end }}{{ template "x" }}-{{ block "y" . }}default{{ end }}',
        "c/templates/_b": '{{ define "x" }}{{ end }}',
      },
      releaseVals(),
    );
    expect(r.ok && r.files.get("c/templates/a")).toBe("first-default");
  });
});
