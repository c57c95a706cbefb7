/**
 * `kubectl config` on real kubeconfig files, on the CKA lab's control plane as root. Every
 * expected text was produced by the kubectl v1.32.4 binary on the same files (--kubeconfig and
 * KUBECONFIG on temporary files).
 */
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { loadCkaScenario } from "../../engine/scenarios/cka";
import { TestCluster } from "../../testing/test-cluster";

let t: TestCluster;
const ok = (stdout: string) => ({ stdout, stderr: "", exit: 0 });
const fail = (stderr: string, stdout = "") => ({ stdout, stderr, exit: 1 });
const write = (path: string, text: string) => expect(t.sh(`cat > ${path} <<EOF\n${text}EOF`).exit).toBe(0);

const ADMIN_VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://controlplane:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

let lab: TestCluster;
beforeAll(() => {
  lab = new TestCluster({ setup: loadCkaScenario, home: "controlplane" });
});

describe("the lab's kubeconfig (/root/.kube/config, a copy of /etc/kubernetes/admin.conf)", () => {
  beforeEach(() => {
    t = lab;
    t.sh("cp /etc/kubernetes/admin.conf /root/.kube/config");
  });

  test("view, get-contexts, current-context", () => {
    expect(t.kubectl("config view")).toEqual(ok(ADMIN_VIEW));
    expect(t.kubectl("config view --raw").stdout).toBe(t.sh("cat /etc/kubernetes/admin.conf").stdout);
    expect(t.kubectl("config get-contexts")).toEqual(
      ok(
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n" +
          "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n",
      ),
    );
    expect(t.kubectl("config get-contexts --no-headers")).toEqual(
      ok("*     kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n"),
    );
    expect(t.kubectl("config get-contexts -o name")).toEqual(ok("kubernetes-admin@kubernetes\n"));
    expect(t.kubectl("config current-context")).toEqual(ok("kubernetes-admin@kubernetes\n"));
    expect(t.kubectl("config get-clusters")).toEqual(ok("NAME\nkubernetes\n"));
    expect(t.kubectl("config get-users")).toEqual(ok("NAME\nkubernetes-admin\n"));
  });

  test("set-context --current --namespace: the file changes and -n follows it", () => {
    t.kubectl("create namespace dev");
    expect(t.kubectl("config set-context --current --namespace=dev")).toEqual(
      ok('Context "kubernetes-admin@kubernetes" modified.\n'),
    );
    expect(t.sh("grep -n namespace /root/.kube/config").stdout).toBe("10:    namespace: dev\n");
    expect(t.kubectl("config get-contexts").stdout.split("\n")[1]).toBe(
      "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev",
    );
    expect(t.kubectl("config view --minify -o jsonpath={..namespace}")).toEqual(ok("dev"));
    expect(t.kubectl("run web --image=nginx").stdout).toBe("pod/web created\n");
    expect(t.pod("dev/web")).toBeDefined();
    expect(t.kubectl("get pods -n default -o name").stdout).not.toContain("pod/web");
    // Editing the file with the shell changes kubectl too.
    t.sh("sed -i 's/namespace: dev/namespace: kube-system/' /root/.kube/config");
    expect(t.kubectl("get pod etcd-controlplane -o name")).toEqual(ok("pod/etcd-controlplane\n"));
    t.kubectl("delete namespace dev");
  });

  test("contexts: create, switch, rename, delete", () => {
    expect(t.kubectl("config use-context nope")).toEqual(
      fail('error: no context exists with the name: "nope"\n'),
    );
    expect(
      t.kubectl("config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=x"),
    ).toEqual(ok('Context "dev" created.\n'));
    expect(t.kubectl("config use-context dev")).toEqual(ok('Switched to context "dev".\n'));
    expect(t.kubectl("config get-contexts")).toEqual(
      ok(
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n" +
          "*         dev                           kubernetes   kubernetes-admin   x\n" +
          "          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n",
      ),
    );
    expect(t.kubectl("config rename-context dev dev2")).toEqual(ok('Context "dev" renamed to "dev2".\n'));
    expect(t.kubectl("config current-context")).toEqual(ok("dev2\n"));
    expect(t.kubectl("config delete-context dev2")).toEqual({
      stdout: "deleted context dev2 from /root/.kube/config\n",
      stderr:
        'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      exit: 0,
      combined:
        'warning: this removed your active context, use "kubectl config use-context" to select a different one\ndeleted context dev2 from /root/.kube/config\n',
    });
    // The current-context stays, naming nothing: API commands fail.
    expect(t.kubectl("config current-context")).toEqual(ok("dev2\n"));
    const down = t.kubectl("get pods");
    expect(down.exit).toBe(1);
    expect(down.stderr.split("\n").slice(-2)).toEqual([
      "The connection to the server localhost:8080 was refused - did you specify the right host or port?",
      "",
    ]);
    expect(down.stderr).toContain(
      'memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n',
    );
    expect(t.kubectl("config delete-context nope")).toEqual(
      fail("error: cannot delete context nope, not in /root/.kube/config\n"),
    );
    expect(t.kubectl("config rename-context nope x")).toEqual(
      fail('error: cannot rename the context "nope", it\'s not in /root/.kube/config\n'),
    );
    expect(t.kubectl("config get-contexts nope")).toEqual(
      fail("error: context nope not found\n", "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n"),
    );
  });

  test("set-context's own --namespace hides the global -n; other subcommands keep it", () => {
    // CheckErr's form of the flag error (the kubectl v1.32.4 build at hand prints cobra's "Error:").
    expect(t.kubectl("config set-context --current -n dev")).toEqual(
      fail("error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n"),
    );
    expect(t.kubectl("config get-contexts -n x -o name")).toEqual(ok("kubernetes-admin@kubernetes\n"));
  });

  test("argument errors", () => {
    expect(t.kubectl("config set-context")).toEqual(
      fail("error: you must specify a non-empty context name or --current\n"),
    );
    expect(t.kubectl("config set-context --current a")).toEqual(
      fail("error: you cannot specify both a context name and --current\n"),
    );
    const r = t.kubectl("config use-context");
    expect(r.stdout.split("\n")[0]).toBe("Set the current-context in a kubeconfig file.");
    expect(r.stderr).toBe("error: Unexpected args: []\n");
    expect(t.kubectl("config get-contexts -o wide")).toEqual(
      fail(
        "error: --output wide is not available in kubectl config get-contexts; resetting to default output format\n",
      ),
    );
    expect(t.kubectl("config foo")).toEqual(
      fail("error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n"),
    );
    expect(t.kubectl("config delete-user")).toEqual(
      fail("error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples\n"),
    );
  });

  test("clusters and users: set, redaction, --raw, -o json, set and unset", () => {
    expect(t.kubectl("config set-cluster prod --server=https://10.0.0.1:6443")).toEqual(
      ok('Cluster "prod" set.\n'),
    );
    expect(t.kubectl("config set-cluster prod --server=https://10.0.0.2:6443")).toEqual(
      ok('Cluster "prod" set.\n'),
    );
    expect(t.kubectl("config set-credentials bob --token=abc")).toEqual(ok('User "bob" set.\n'));
    expect(t.kubectl("config set-context prod --cluster=prod --user=bob").stdout).toBe(
      'Context "prod" created.\n',
    );
    expect(t.kubectl("config set-context prod --namespace=web").stdout).toBe('Context "prod" modified.\n');
    expect(t.kubectl(`config view -o 'jsonpath={.users[?(@.name=="bob")].user.token}'`).stdout).toBe(
      "REDACTED",
    );
    expect(t.kubectl(`config view --raw -o 'jsonpath={.users[?(@.name=="bob")].user.token}'`).stdout).toBe(
      "abc",
    );
    // Basic auth replaces the token.
    expect(t.kubectl("config set-credentials bob --username=bob --password=pw").stdout).toBe(
      'User "bob" set.\n',
    );
    expect(t.kubectl("config view --minify --context=prod")).toEqual(
      ok(`apiVersion: v1
clusters:
- cluster:
    server: https://10.0.0.2:6443
  name: prod
contexts:
- context:
    cluster: prod
    namespace: web
    user: bob
  name: prod
current-context: prod
kind: Config
preferences: {}
users:
- name: bob
  user:
    password: REDACTED
    username: bob
`),
    );
    expect(t.kubectl("config view -o json").stdout.split("\n").slice(0, 13).join("\n")).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://controlplane:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        },
        {`);
    expect(t.kubectl("config unset contexts.prod.namespace")).toEqual(
      ok('Property "contexts.prod.namespace" unset.\n'),
    );
    expect(t.kubectl("config set contexts.prod.namespace team")).toEqual(
      ok('Property "contexts.prod.namespace" set.\n'),
    );
    expect(t.kubectl("config get-contexts prod").stdout).toBe(
      "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n          prod   prod      bob        team\n",
    );
    // A context whose server is not the API server fails as kubectl does.
    const refused = t.kubectl("get pods --context=prod");
    expect(refused.exit).toBe(1);
    expect(refused.stderr.split("\n").slice(-2)[0]).toBe(
      "The connection to the server 10.0.0.2:6443 was refused - did you specify the right host or port?",
    );
    expect(refused.stderr.split("\n").filter((l) => l.includes("https://10.0.0.2:6443/api"))).toHaveLength(5);
    t.kubectl("config set-cluster prod --server=https://nosuchhost:6443");
    expect(t.kubectl("get nodes --context=prod").stderr.split("\n").slice(-2)[0]).toBe(
      "Unable to connect to the server: dial tcp: lookup nosuchhost on 127.0.0.53:53: no such host",
    );
    expect(t.kubectl("get pods --context=nope")).toEqual(
      fail("Error in configuration: context was not found for specified context: nope\n"),
    );
    expect(t.kubectl("config delete-cluster prod")).toEqual(
      ok("deleted cluster prod from /root/.kube/config\n"),
    );
    expect(t.kubectl("config delete-user bob")).toEqual(ok("deleted user bob from /root/.kube/config\n"));
    expect(t.kubectl("config delete-user bob")).toEqual(
      fail("error: cannot delete user bob, not in /root/.kube/config\n"),
    );
  });
});

describe("--kubeconfig and KUBECONFIG", () => {
  beforeEach(() => {
    t = new TestCluster();
  });

  test("--kubeconfig FILE: a missing file is an empty config for `config`, an error for the rest", () => {
    expect(t.kubectl("config view --kubeconfig=/root/nope")).toEqual(
      ok(
        'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
      ),
    );
    expect(t.kubectl("get pods --kubeconfig=/root/nope")).toEqual(
      fail("error: stat /root/nope: no such file or directory\n"),
    );
    expect(t.kubectl("config current-context --kubeconfig=/root/nope")).toEqual(
      fail("error: current-context is not set\n"),
    );
    expect(t.kubectl("config set-context foo --namespace=x --kubeconfig=/root/new")).toEqual(
      ok('Context "foo" created.\n'),
    );
    expect(t.sh("cat /root/new")).toEqual(
      ok(`apiVersion: v1
clusters: null
contexts:
- context:
    cluster: ""
    namespace: x
    user: ""
  name: foo
current-context: ""
kind: Config
preferences: {}
users: null
`),
    );
    write("/root/bad", "garbage: [\n");
    expect(t.kubectl("config view --kubeconfig=/root/bad")).toEqual(
      fail(
        'error: error loading config file "/root/bad": yaml: line 1: did not find expected node content\n',
      ),
    );
  });

  test("KUBECONFIG=a:b merges (first wins) and writes each change to the file it came from", () => {
    write(
      "/root/ka",
      "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: https://a:6443}\n  name: ca\ncontexts:\n- context: {cluster: ca, user: ua, namespace: na}\n  name: shared\n- context: {cluster: ca, user: ua}\n  name: onlya\nusers:\n- name: ua\n  user: {token: ta}\n",
    );
    write(
      "/root/kb",
      "apiVersion: v1\nkind: Config\ncurrent-context: shared\nclusters:\n- cluster: {server: https://b:6443}\n  name: ca\n- cluster: {server: https://b2:6443}\n  name: cb\ncontexts:\n- context: {cluster: cb, user: ub, namespace: nb}\n  name: shared\n- context: {cluster: cb, user: ub}\n  name: onlyb\nusers:\n- name: ub\n  user: {token: tb}\n",
    );
    t.sh("export KUBECONFIG=/root/ka:/root/kb:/root/missing");
    expect(t.kubectl("config view")).toEqual(
      ok(`apiVersion: v1
clusters:
- cluster:
    server: https://a:6443
  name: ca
- cluster:
    server: https://b2:6443
  name: cb
contexts:
- context:
    cluster: ca
    user: ua
  name: onlya
- context:
    cluster: cb
    user: ub
  name: onlyb
- context:
    cluster: ca
    namespace: na
    user: ua
  name: shared
current-context: shared
kind: Config
preferences: {}
users:
- name: ua
  user:
    token: REDACTED
- name: ub
  user:
    token: REDACTED
`),
    );
    expect(t.kubectl("config get-contexts")).toEqual(
      ok(
        "CURRENT   NAME     CLUSTER   AUTHINFO   NAMESPACE\n" +
          "          onlya    ca        ua         \n" +
          "          onlyb    cb        ub         \n" +
          "*         shared   ca        ua         na\n",
      ),
    );
    expect(t.kubectl("config use-context onlyb").stdout).toBe('Switched to context "onlyb".\n');
    expect(t.sh("grep -H current /root/ka /root/kb").stdout).toBe(
      "/root/ka:current-context: onlyb\n/root/kb:current-context: shared\n",
    );
    t.kubectl("config set-context onlyb --namespace=zz");
    expect(t.sh("grep -c zz /root/kb").stdout).toBe("1\n");
    t.kubectl("config set-context newc --cluster=cb");
    expect(t.sh("grep -c newc /root/ka").stdout).toBe("1\n");
    expect(t.sh("cat /root/missing").exit).toBe(1);
  });
});
