// Go text/template as kubectl v1.32 runs it for -o go-template (cli-runtime/pkg/printers/template.go).
// Every row was checked against the kubectl v1.32.4 binary:
//   kubectl label --local -f secret.yaml zz=1 -o go-template='TEMPLATE'
// (stdout with trailing newlines trimmed, as $(...) gives it; stderr; exit code). For an
// execution error the row keeps the first line of kubectl's debugging block on stdout.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: mysecret2
  labels:
    app: web
    tier: db
data:
  username: YWRtaW4=
  big: MTIz
type: Opaque`;

/** [template, stdout (trimmed), stderr (trimmed), exit] from the v1.32.4 binary. */
const TABLE: [string, string, string, number][] = [
  ["{{.data.username}}", "YWRtaW4=", "", 0],
  ["{{.data.username | base64decode}}", "admin", "", 0],
  ["{{base64decode .data.username}}", "admin", "", 0],
  [
    "{{.metadata.name}} {{.metadata.missing}} {{.metadata.missing.deeper}}",
    "mysecret2 <no value> <no value>",
    "",
    0,
  ],
  ["{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "app=web;tier=db;zz=1;", "", 0],
  ["{{range .metadata.labels}}[{{.}}]{{end}}", "[web][db][1]", "", 0],
  ['{{index .data "username"}}', "YWRtaW4=", "", 0],
  ['{{index .data "nokey"}}', "<no value>", "", 0],
  ["{{len .data}} {{len .metadata.name}}", "2 9", "", 0],
  ['{{if eq .type "Opaque"}}yes{{else}}no{{end}}', "yes", "", 0],
  ["{{if .nothing}}a{{else if .type}}b{{end}}", "b", "", 0],
  ["{{- .type -}}   tail", "Opaquetail", "", 0],
  ['{{printf "%s-%d" .metadata.name 3}}', "mysecret2-3", "", 0],
  ['{{printf "%d" (len .data)}}', "2", "", 0],
  ["{{.metadata.labels}}", "map[app:web tier:db zz:1]", "", 0],
  ["{{.data}}", "map[big:MTIz username:YWRtaW4=]", "", 0],
  ["{{with .metadata}}{{.name}}{{end}}", "mysecret2", "", 0],
  ["{{$n := .metadata.name}}{{$n}}", "mysecret2", "", 0],
  ["{{/* comment */}}x", "x", "", 0],
  ['{{exists . "data" "username"}} {{exists . "data" "zzz"}}', "true false", "", 0],
  ['{{print "a" "b" 1 2 "c"}}', "ab1 2c", "", 0],
  ['{{println "a" 1}}', "a 1\n", "", 0],
  ["{{not .type}} {{and .type .kind}} {{or .none .kind}}", "false Secret Secret", "", 0],
  ['{{.kind | printf "%q"}}', '"Secret"', "", 0],
  ['{{eq 1 1}} {{lt "a" "b"}}', "true true", "", 0],
  [
    "{{.metadata.name.foo}}",
    'Error executing template: template: output:1:11: executing "output" at <.metadata.name.foo>: can\'t evaluate field foo in type interface {}. Printing more information for debugging the template:',
    'error: error executing template "{{.metadata.name.foo}}": template: output:1:11: executing "output" at <.metadata.name.foo>: can\'t evaluate field foo in type interface {}',
    1,
  ],
  [
    "{{range .metadata.name}}x{{end}}",
    'Error executing template: template: output:1:17: executing "output" at <.metadata.name>: range can\'t iterate over mysecret2. Printing more information for debugging the template:',
    'error: error executing template "{{range .metadata.name}}x{{end}}": template: output:1:17: executing "output" at <.metadata.name>: range can\'t iterate over mysecret2',
    1,
  ],
  [
    "{{.metadata.name",
    "",
    "error: error parsing template {{.metadata.name, template: output:1: unclosed action",
    1,
  ],
  [
    "{{if}}x{{end}}",
    "",
    "error: error parsing template {{if}}x{{end}}, template: output:1: missing value for if",
    1,
  ],
  [
    "{{nofunc .}}",
    "",
    'error: error parsing template {{nofunc .}}, template: output:1: function "nofunc" not defined',
    1,
  ],
  ['{{range .metadata.labels}}{{if eq . "db"}}{{break}}{{end}}{{.}}{{end}}', "web", "", 0],
  ['{{printf "%v %s" .data}}', "map[big:MTIz username:YWRtaW4=] %!s(MISSING)", "", 0],
  ["{{eq .data.x 1}}", "false", "", 0],
  [
    "{{eq .kind 1}}",
    'Error executing template: template: output:1:2: executing "output" at <eq .kind 1>: error calling eq: incompatible types for comparison. Printing more information for debugging the template:',
    'error: error executing template "{{eq .kind 1}}": template: output:1:2: executing "output" at <eq .kind 1>: error calling eq: incompatible types for comparison',
    1,
  ],
  ["{{.spec.replicas}}", "<no value>", "", 0],
  ["{{index .data}}", "map[big:MTIz username:YWRtaW4=]", "", 0],
  [
    "{{len 3}}",
    'Error executing template: template: output:1:2: executing "output" at <len 3>: error calling len: len of type int. Printing more information for debugging the template:',
    'error: error executing template "{{len 3}}": template: output:1:2: executing "output" at <len 3>: error calling len: len of type int',
    1,
  ],
  ['{{printf "%d %s" 3.5 1}}', "%!d(float64=3.5) %!s(int=1)", "", 0],
  [
    '{{"a" 1}}',
    'Error executing template: template: output:1:2: executing "output" at <"a">: can\'t give argument to non-function "a". Printing more information for debugging the template:',
    'error: error executing template "{{\\"a\\" 1}}": template: output:1:2: executing "output" at <"a">: can\'t give argument to non-function "a"',
    1,
  ],
  [
    "{{.kind 1}}",
    'Error executing template: template: output:1:2: executing "output" at <.kind>: kind is not a method but has arguments. Printing more information for debugging the template:',
    'error: error executing template "{{.kind 1}}": template: output:1:2: executing "output" at <.kind>: kind is not a method but has arguments',
    1,
  ],
  ["{{range $i, $e := .items}}{{$i}}{{end}}", "", "", 0],
  ["{{end}}", "", "error: error parsing template {{end}}, template: output:1: unexpected {{end}}", 1],
  ["{{else}}", "", "error: error parsing template {{else}}, template: output:1: unexpected {{else}}", 1],
  ["{{if .kind}}", "", "error: error parsing template {{if .kind}}, template: output:1: unexpected EOF", 1],
  ["{{$x}}", "", 'error: error parsing template {{$x}}, template: output:1: undefined variable "$x"', 1],
  [
    "{{ .kind | base64decode }}",
    'Error executing template: template: output:1:11: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 4. Printing more information for debugging the template:',
    'error: error executing template "{{ .kind | base64decode }}": template: output:1:11: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 4',
    1,
  ],
  ["{{range $k, $v := .data}}{{$k}}:{{$v | base64decode}} {{end}}", "big:123 username:admin ", "", 0],
  ["{{with .nothing}}a{{else}}b{{end}}", "b", "", 0],
  ["{{range .nothing}}a{{else}}none{{end}}", "none", "", 0],
  ['{{len .metadata.labels | printf "%d labels"}}', "3 labels", "", 0],
  ['{{(index .metadata.labels "app")}}', "web", "", 0],
  ['{{if and .kind (eq .type "Opaque")}}ok{{end}}', "ok", "", 0],
  ['{{.metadata.labels.app}}{{"\\n"}}', "web\n", "", 0],
  [
    '{{ range $key, $value := .data }}{{ $key }}{{ "\\t" }}{{ $value }}{{ "\\n" }}{{ end }}',
    "big\tMTIz\nusername\tYWRtaW4=\n",
    "",
    0,
  ],
];

describe("kubectl -o go-template", () => {
  const t = new TestCluster();
  t.sh(`cat > secret.yaml <<'EOF'\n${SECRET}\nEOF`);
  it.each(TABLE)("%s", (template, stdout, stderr, exit) => {
    const r = t.sh(`kubectl label --local -f secret.yaml zz=1 -o go-template='${template}'`);
    const out = r.stdout.replace(/\n+$/, "");
    if (stdout.startsWith("Error executing template:")) expect(out.split("\n")[0]).toBe(stdout);
    else expect(out).toBe(stdout.replace(/\n+$/, ""));
    expect(r.stderr.replace(/\n+$/, "")).toBe(stderr);
    expect(r.exit).toBe(exit);
  });

  it("prints kubectl's debugging block on stdout when the template fails", () => {
    const r = t.sh("kubectl label --local -f secret.yaml zz=1 -o go-template='{{.metadata.name.foo}}'");
    expect(r.stdout).toBe(
      `Error executing template: template: output:1:11: executing "output" at <.metadata.name.foo>: can't evaluate field foo in type interface {}. Printing more information for debugging the template:
\ttemplate was:
\t\t{{.metadata.name.foo}}
\traw data was:
\t\t{"apiVersion":"v1","data":{"big":"MTIz","username":"YWRtaW4="},"kind":"Secret","metadata":{"labels":{"app":"web","tier":"db","zz":"1"},"name":"mysecret2"},"type":"Opaque"}
\tobject given to template engine was:
\t\tmap[apiVersion:v1 data:map[big:MTIz username:YWRtaW4=] kind:Secret metadata:map[labels:map[app:web tier:db zz:1] name:mysecret2] type:Opaque]

`,
    );
  });
});

// CKAD exercises d.configuration and f.services: `--template` without -o is -o go-template
// (cli-runtime PrintFlags.ToPrinter).
describe("kubectl get --template", () => {
  it("reads a secret's key and a service's cluster IP", () => {
    const t = new TestCluster();
    t.sh("kubectl create secret generic mysecret2 --from-literal=username=admin");
    expect(t.sh("kubectl get secret mysecret2 --template '{{.data.username}}' | base64 -d").stdout).toBe(
      "admin",
    );
    t.sh("kubectl create service clusterip nginx --tcp=80:80");
    const ip = t.sh("kubectl get svc nginx -o jsonpath='{.spec.clusterIP}'").stdout;
    expect(t.sh("kubectl get svc nginx --template={{.spec.clusterIP}}").stdout).toBe(ip);
    expect(
      t.sh("kubectl get svc -o go-template='{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}'").stdout,
    ).toBe("kubernetes\nnginx\n");
  });
});
