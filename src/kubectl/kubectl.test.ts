/**
 * Golden tests of the kubectl interpreter, one block per verb, against a fresh createCluster().
 * Objects other components would make are created directly through the API where needed.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { createCluster, INITIAL_NAMESPACES } from "../engine";
import type { KubeObject } from "../engine/api/types";
import { Cluster } from "../engine/cluster";
import { kubectl } from ".";
import { parseFlags } from "./flags";
import type { CommandResult } from "./interface";

let cluster: Cluster;
const files: Record<string, string> = {};

function k(line: string, stdin = ""): CommandResult {
  const argv = (line.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((s) => s.replace(/^['"]|['"]$/g, ""));
  const r = kubectl(
    {
      cluster,
      readFile: (p) => {
        if (!(p in files)) throw new Error("missing");
        return files[p] as string;
      },
      listDir: () => undefined,
    },
    argv,
    stdin,
  );
  cluster.settle();
  return r;
}

const NODE = `apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
`;

function pod(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", ...((extra.metadata as object) ?? {}) },
    spec: { containers: [{ name: "app", image: "nginx" }], ...((extra.spec as object) ?? {}) },
  };
}

beforeEach(() => {
  cluster = createCluster();
});

describe("flags", () => {
  test("pflag forms", () => {
    const specs = [
      { name: "output", short: "o", type: "string" as const },
      { name: "stdin", short: "i", type: "bool" as const },
      { name: "tty", short: "t", type: "bool" as const },
    ];
    expect(parseFlags(["-oyaml", "-nkube-system", "x"], specs).flags.get("output")).toBe("yaml");
    expect(parseFlags(["-o=json"], specs).flags.get("output")).toBe("json");
    expect(parseFlags(["-nfoo"], specs).flags.get("namespace")).toBe("foo");
    const it = parseFlags(["-it", "p", "--", "sh", "-c", "ls"], specs);
    expect([it.flags.get("stdin"), it.flags.get("tty"), it.args, it.dashArgs]).toEqual([
      true,
      true,
      ["p"],
      ["sh", "-c", "ls"],
    ]);
    expect(() => parseFlags(["--foo"], specs)).toThrow("unknown flag: --foo");
    expect(() => parseFlags(["-x"], specs)).toThrow("unknown shorthand flag: 'x' in -x");
  });
  test("errors of the command line", () => {
    expect(k("get pods --foo")).toEqual({
      stdout: "",
      stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
      exit: 1,
    });
    expect(k("frobnicate").stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n');
    expect(k("-n kube-system get pods").stderr).toBe("No resources found in kube-system namespace.\n");
  });
});

describe("apply", () => {
  test("create, unchanged, configured, with kubectl's last-applied annotation", () => {
    const yaml =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\nspec:\n  containers:\n  - {name: app, image: nginx}\n";
    expect(k("apply -f -", yaml)).toEqual({ stdout: "pod/p1 created\n", stderr: "", exit: 0 });
    const live = cluster.api.get("Pod", "default", "p1") as KubeObject;
    expect(live.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"p1","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"app"}]}}\n',
    );
    expect(k("apply -f -", yaml).stdout).toBe("pod/p1 unchanged\n");
    expect(k("apply -f -", yaml.replace("{name: p1}", "{name: p1, labels: {a: b}}")).stdout).toBe(
      "pod/p1 configured\n",
    );
    expect(cluster.api.get("Pod", "default", "p1")?.metadata.labels).toEqual({ a: "b" });
  });

  test("three-way merge keeps fields others set and drops fields removed from the manifest", () => {
    const v1 =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {mine: x}}\ndata: {a: '1', b: '2'}\n";
    k("apply -f -", v1);
    k("label configmap c theirs=y");
    k(
      "apply -f -",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {other: z}}\ndata: {a: '1'}\n",
    );
    const cm = cluster.api.get("ConfigMap", "default", "c") as KubeObject;
    expect(cm.metadata.labels).toEqual({ theirs: "y", other: "z" });
    expect(cm.data).toEqual({ a: "1" });
  });

  test("several documents: each reported, failures at the end, exit 1", () => {
    const r = k(
      "apply -f -",
      `${NODE}---\napiVersion: v1\nkind: Foo\nmetadata: {name: x}\n---\nkind: Pod\nmetadata: {name: p2}\nspec: {containers: [{name: a, image: nginx}]}\n`,
    );
    expect(r.stdout).toBe("node/n1 created\npod/p2 created\n");
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    );
    expect(r.exit).toBe(1);
  });

  test("YAML errors name the line; aliases are bounded", () => {
    const r = k("apply -f -", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n");
    expect(r.stderr).toBe(
      "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n",
    );
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    expect(k("apply -f -", bomb).stderr).toBe(
      "error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n",
    );
  });

  test("empty input", () => {
    expect(k("apply -f -", "")).toEqual({
      stdout: "",
      stderr: "error: no objects passed to apply\n",
      exit: 1,
    });
    expect(k("apply -f -", "# just a comment\n---\n").stderr).toBe("error: no objects passed to apply\n");
  });

  test("-f FILE and a missing file", () => {
    files["/root/p.yaml"] =
      "kind: Pod\nmetadata: {name: fp}\nspec: {containers: [{name: a, image: nginx}]}\n";
    expect(k("apply -f /root/p.yaml").stdout).toBe("pod/fp created\n");
    expect(k("apply -f /root/nope.yaml").stderr).toBe('error: the path "/root/nope.yaml" does not exist\n');
  });

  test("namespace from -n, and a mismatch", () => {
    k("create namespace team");
    expect(k("apply -n team -f -", "kind: ConfigMap\nmetadata: {name: c}\n").stdout).toBe(
      "configmap/c created\n",
    );
    expect(cluster.api.get("ConfigMap", "team", "c")).toBeDefined();
    expect(k("apply -n team -f -", "kind: ConfigMap\nmetadata: {name: c, namespace: default}\n").stderr).toBe(
      `error: the namespace from the provided object "default" does not match the namespace "team". You must pass '--namespace=default' to perform this operation.\n`,
    );
  });

  test("dry runs", () => {
    expect(k("apply --dry-run=client -f -", "kind: ConfigMap\nmetadata: {name: c}\n").stdout).toBe(
      "configmap/c created (dry run)\n",
    );
    expect(k("apply --dry-run=server -f -", "kind: ConfigMap\nmetadata: {name: c}\n").stdout).toBe(
      "configmap/c created (server dry run)\n",
    );
    expect(cluster.api.get("ConfigMap", "default", "c")).toBeUndefined();
  });
});

describe("create and run", () => {
  test("create deployment --dry-run=client -o yaml", () => {
    expect(
      k("create deployment nginx --image=nginx --dry-run=client -o yaml").stdout,
    ).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: nginx
  name: nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
  });

  test("bare --dry-run means client", () => {
    expect(k("create namespace x --dry-run -o name").stdout).toBe("namespace/x\n");
    expect(cluster.api.get("Namespace", undefined, "x")).toBeUndefined();
  });

  test("run --dry-run=client -o yaml", () => {
    expect(k("run nginx --image=nginx --dry-run=client -o yaml").stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  test("run with command, env, port and restart", () => {
    const out = k(
      "run bb --image=busybox --restart=Never --env=A=1 --port=8080 --dry-run=client -o yaml --command -- sleep 3600",
    ).stdout;
    expect(out).toContain(
      '  - command:\n    - sleep\n    - "3600"\n    env:\n    - name: A\n      value: "1"\n    image: busybox\n    name: bb\n    ports:\n    - containerPort: 8080\n',
    );
    expect(out).toContain("restartPolicy: Never");
  });

  test("run -o json keeps Go struct order", () => {
    expect(k("run nginx --image=nginx --dry-run=client -o json").stdout).toMatch(
      /^\{\n {4}"kind": "Pod",\n {4}"apiVersion": "v1",\n/,
    );
  });

  test("create generators", () => {
    expect(k("create deployment web --image=nginx --replicas=3").stdout).toBe(
      "deployment.apps/web created\n",
    );
    expect(cluster.api.get("Deployment", "default", "web")?.spec.replicas).toBe(3);
    expect(k("create namespace dev").stdout).toBe("namespace/dev created\n");
    expect(k("create configmap cfg --from-literal=a=1 --from-literal=b=2").stdout).toBe(
      "configmap/cfg created\n",
    );
    expect(cluster.api.get("ConfigMap", "default", "cfg")?.data).toEqual({ a: "1", b: "2" });
    files["/root/sched.yaml"] = "apiVersion: kubescheduler.config.k8s.io/v1\n";
    k("create configmap my-scheduler-config --from-file=/root/sched.yaml -n kube-system");
    expect(cluster.api.get("ConfigMap", "kube-system", "my-scheduler-config")?.data).toEqual({
      "sched.yaml": files["/root/sched.yaml"],
    });
    expect(k("create secret generic s --from-literal=k=v").stdout).toBe("secret/s created\n");
    expect(cluster.api.get("Secret", "default", "s")?.data).toEqual({ k: "dg==" });
    expect(k("create priorityclass high --value=1000 --dry-run=client -o yaml").stdout).toBe(
      "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: high\npreemptionPolicy: PreemptLowerPriority\nvalue: 1000\n",
    );
    expect(k("create service clusterip web --tcp=80:8080 --dry-run=client -o yaml").stdout).toContain(
      "  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n",
    );
    expect(k("create deployment x").stderr).toBe('error: required flag(s) "image" not set\n');
    expect(k("create deployment web --image=nginx").stderr).toBe(
      'Error from server (AlreadyExists): deployments.apps "web" already exists\n',
    );
  });
});

describe("get", () => {
  test("NotFound and No resources found", () => {
    expect(k("get pods")).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      exit: 0,
    });
    expect(k("get nodes").stderr).toBe("No resources found\n");
    expect(k("get pods -A").stderr).toBe("No resources found\n");
    expect(k("get pod x")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "x" not found\n',
      exit: 1,
    });
    expect(k("get foos").stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });

  test("-o name, single object vs list", () => {
    cluster.api.create(pod("a"));
    cluster.api.create(pod("b"));
    expect(k("get pods -o name").stdout).toBe("pod/a\npod/b\n");
    expect(k("get pod/a -o name").stdout).toBe("pod/a\n");
  });
});

describe("label, annotate", () => {
  beforeEach(() => {
    k("apply -f -", NODE);
  });
  test("label, overwrite, remove", () => {
    expect(k("label nodes n1 disk=ssd").stdout).toBe("node/n1 labeled\n");
    expect(k("label nodes n1 disk=hdd")).toEqual({
      stdout: "",
      stderr: "error: 'disk' already has a value (ssd), and --overwrite is false\n",
      exit: 1,
    });
    expect(k("label nodes n1 disk=hdd --overwrite").stdout).toBe("node/n1 labeled\n");
    expect(k("label node/n1 disk-").stdout).toBe("node/n1 unlabeled\n");
    expect(cluster.api.get("Node", undefined, "n1")?.metadata.labels).toEqual({
      "kubernetes.io/hostname": "n1",
    });
    expect(k("label nodes n1").stderr).toBe("error: at least one label update is required\n");
  });
  test("annotate", () => {
    expect(k("annotate node n1 note=hi").stdout).toBe("node/n1 annotated\n");
    expect(cluster.api.get("Node", undefined, "n1")?.metadata.annotations?.note).toBe("hi");
  });
});

describe("taint, cordon", () => {
  beforeEach(() => {
    k("apply -f -", NODE);
  });
  test("taint messages", () => {
    expect(k("taint nodes n1 dedicated=user1:NoSchedule").stdout).toBe("node/n1 tainted\n");
    expect(k("taint nodes n1 dedicated=user2:NoSchedule").stderr).toBe(
      "error: node n1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
    );
    expect(k("taint nodes n1 dedicated=user2:NoSchedule --overwrite").stdout).toBe("node/n1 modified\n");
    expect(k("taint nodes n1 dedicated:NoSchedule-").stdout).toBe("node/n1 untainted\n");
    expect(k("taint nodes n1 dedicated-").stderr).toBe('error: taint "dedicated" not found\n');
    expect(k("taint nodes n1 a=b:Sometimes").stderr).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(k("taint pods p1 a=b:NoSchedule").stderr).toBe(
      "error: invalid resource type pods, only node types are supported\n",
    );
    expect(k("taint nodes nope a=b:NoSchedule").stderr).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
  });
  test("cordon and uncordon", () => {
    expect(k("cordon n1").stdout).toBe("node/n1 cordoned\n");
    expect(k("cordon n1").stdout).toBe("node/n1 already cordoned\n");
    expect(cluster.api.get("Node", undefined, "n1")?.spec.unschedulable).toBe(true);
    expect(k("uncordon n1").stdout).toBe("node/n1 uncordoned\n");
    expect(k("uncordon n1").stdout).toBe("node/n1 already uncordoned\n");
  });
});

describe("delete", () => {
  test("by name, missing, force", () => {
    cluster.api.create(pod("p1"));
    cluster.api.create(pod("p2"));
    expect(k("delete pod p1")).toEqual({ stdout: 'pod "p1" deleted\n', stderr: "", exit: 0 });
    expect(k("delete pod p1").stderr).toBe('Error from server (NotFound): pods "p1" not found\n');
    expect(k("delete pod p2 --force --grace-period=0")).toEqual({
      stdout: 'pod "p2" force deleted\n',
      stderr:
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
      exit: 0,
      combined:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "p2" force deleted\n',
    });
    expect(k("delete pods").stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect(k("delete pods -l app=none").stdout).toBe("No resources found\n");
  });
});

describe("drain", () => {
  beforeEach(() => {
    k("apply -f -", NODE);
  });
  test("refuses unmanaged pods without --force", () => {
    cluster.api.create(
      pod("bare", { spec: { nodeName: "n1", containers: [{ name: "a", image: "nginx" }] } }),
    );
    const r = k("drain n1");
    expect(r.stdout).toBe("node/n1 cordoned\n");
    expect(r.stderr).toBe(
      'error: unable to drain node "n1" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\n'.replace(
        /.*/s,
        'error: unable to drain node "n1", aborting command...\n\nThere are pending nodes to be drained:\n n1\nerror: cannot delete Pods that declare no controller (use --force to override): default/bare\n',
      ),
    );
    expect(r.exit).toBe(1);
  });
  test("--force evicts and waits", () => {
    cluster.api.create(
      pod("bare", { spec: { nodeName: "n1", containers: [{ name: "a", image: "nginx" }] } }),
    );
    const r = k("drain n1 --force --grace-period=0");
    expect(r.stdout).toBe("node/n1 cordoned\nevicting pod default/bare\npod/bare evicted\nnode/n1 drained\n");
    expect(r.stderr).toBe("Warning: deleting Pods that declare no controller: default/bare\n");
  });
  test("DaemonSet pods (no controllers running: a bare API server)", () => {
    cluster = new Cluster();
    for (const name of INITIAL_NAMESPACES)
      cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    k("apply -f -", NODE);
    const ds = cluster.api.create({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "ds", namespace: "kube-system" },
      spec: {
        selector: { matchLabels: { a: "b" } },
        template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "x" }] } },
      },
    });
    const owner = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      name: "ds",
      uid: ds.metadata.uid as string,
      controller: true,
    };
    cluster.api.create({
      ...pod("ds-abcde", { spec: { nodeName: "n1" } }),
      metadata: { name: "ds-abcde", namespace: "kube-system", ownerReferences: [owner] },
    });
    cluster.api.create({
      ...pod("static-n1", { spec: { nodeName: "n1" } }),
      metadata: {
        name: "static-n1",
        namespace: "kube-system",
        annotations: { "kubernetes.io/config.mirror": "x" },
      },
    });
    expect(k("drain n1").stderr).toContain(
      "error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/ds-abcde\n",
    );
    expect(k("drain n1 --ignore-daemonsets")).toEqual({
      stdout: "node/n1 already cordoned\nnode/n1 drained\n",
      stderr: "Warning: ignoring DaemonSet-managed Pods: kube-system/ds-abcde\n",
      exit: 0,
      combined:
        "node/n1 already cordoned\nWarning: ignoring DaemonSet-managed Pods: kube-system/ds-abcde\nnode/n1 drained\n",
    });
  });
});

describe("misc", () => {
  test("version", () => {
    expect(k("version").stdout).toBe(
      "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.2\n",
    );
  });
  test("api-resources header", () => {
    expect(k("api-resources").stdout.split("\n")[0]).toBe(
      // NAME is as wide as validatingwebhookconfigurations, APIVERSION as admissionregistration.k8s.io/v1.
      "NAME                              SHORTNAMES   APIVERSION                        NAMESPACED   KIND",
    );
  });
  test("explain follows the field path through the schema", () => {
    const out = k("explain pod.spec.tolerations").stdout;
    expect(
      out.startsWith(
        "KIND:       Pod\nVERSION:    v1\n\nFIELD: tolerations <[]Toleration>\n\n\nDESCRIPTION:\n",
      ),
    ).toBe(true);
    expect(out).toContain("\nFIELDS:\n  effect\t<string>\n");
    expect(
      k("explain deploy").stdout.startsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n"),
    ).toBe(true);
    expect(k("explain pod.spec.nope").stderr).toBe('error: field "nope" does not exist\n');
  });
  test("run --expose creates the service first", () => {
    expect(k("run web --image=nginx --port=80 --expose").stdout).toBe(
      "service/web created\npod/web created\n",
    );
    expect(cluster.api.get("Service", "default", "web")?.spec.selector).toEqual({ run: "web" });
  });
  test("top without a metrics server, auth can-i as admin", () => {
    expect(k("top nodes").stderr).toBe("error: Metrics API not available\n");
    expect(k("auth can-i create pods").stdout).toBe("yes\n");
  });
  test("api-versions", () => {
    // admissionregistration.k8s.io (webhook configurations), apiextensions.k8s.io
    // (CustomResourceDefinitions) and apiregistration.k8s.io, as on every cluster.
    expect(k("api-versions").stdout.split("\n").slice(0, 4)).toEqual([
      "admissionregistration.k8s.io/v1",
      "apiextensions.k8s.io/v1",
      "apiregistration.k8s.io/v1",
      "apps/v1",
    ]);
  });
  test("config current-context", () => {
    expect(k("config current-context").stdout).toBe("kubernetes-admin@kubernetes\n");
  });
  test("scale", () => {
    k("create deployment web --image=nginx");
    expect(k("scale deployment/web --replicas=3").stdout).toBe("deployment.apps/web scaled\n");
    expect(cluster.api.get("Deployment", "default", "web")?.spec.replicas).toBe(3);
  });
  test("set image", () => {
    k("create deployment web --image=nginx:1.26");
    expect(k("set image deployment/web nginx=nginx:1.27").stdout).toBe("deployment.apps/web image updated\n");
    expect(cluster.api.get("Deployment", "default", "web")?.spec.template.spec.containers[0].image).toBe(
      "nginx:1.27",
    );
  });
  test("logs and exec errors", () => {
    cluster.api.create(
      pod("p", {
        spec: {
          containers: [
            { name: "a", image: "x" },
            { name: "b", image: "y" },
          ],
        },
      }),
    );
    // The pod is not scheduled: the registry's LogLocation has no location for it and the
    // stream is empty (pkg/registry/core/pod/strategy.go).
    const unscheduled = k("logs p");
    expect(unscheduled.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(unscheduled.stdout).toBe("");
    cluster.api.create(
      pod("q", {
        spec: {
          nodeName: "n1",
          containers: [{ name: "a", image: "x" }],
        },
      }),
    );
    expect(k("logs q").stderr).toBe(
      'Error from server (BadRequest): container "a" in pod "q" is waiting to start: ContainerCreating\n',
    );
    expect(k("logs nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(k("exec p").stderr).toBe("error: you must specify at least one command for the container\n");
  });
});

describe("patch, replace, expose, wait", () => {
  test("patch node with strategic, merge and json patches", () => {
    k("apply -f -", NODE);
    expect(k(`patch node n1 -p {"spec":{"unschedulable":true}}`).stdout).toBe("node/n1 patched\n");
    expect(cluster.api.get("Node", undefined, "n1")?.spec.unschedulable).toBe(true);
    expect(k(`patch node n1 --type=merge -p {"metadata":{"labels":{"a":"b"}}}`).stdout).toBe(
      "node/n1 patched\n",
    );
    expect(k(`patch node n1 --type=json -p [{"op":"remove","path":"/spec/unschedulable"}]`).stdout).toBe(
      "node/n1 patched\n",
    );
    expect(cluster.api.get("Node", undefined, "n1")?.spec.unschedulable).toBeUndefined();
  });
  test("replace and replace --force", () => {
    k("apply -f -", "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n");
    expect(k("replace -f -", "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: '2'}\n").stdout).toBe(
      "configmap/c replaced\n",
    );
    expect(cluster.api.get("ConfigMap", "default", "c")?.data).toEqual({ a: "2" });
    expect(k("replace --force -f -", "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: '3'}\n").stdout).toBe(
      'configmap "c" deleted\nconfigmap/c replaced\n',
    );
  });
  test("expose a deployment", () => {
    k("create deployment web --image=nginx --port=80");
    expect(k("expose deployment web --port=80 --target-port=8080 --type=NodePort").stdout).toBe(
      "service/web exposed\n",
    );
    const svc = cluster.api.get("Service", "default", "web") as KubeObject;
    expect(svc.spec.selector).toEqual({ app: "web" });
    expect(svc.spec.type).toBe("NodePort");
  });
  test("expose with a port that is not a number (strconv.Atoi in createService; campaign seed 60)", () => {
    k("create deployment api --image=nginx");
    const before = cluster.api.resourceVersion();
    expect(k("expose deployment api --port=abc")).toEqual({
      stdout: "",
      stderr: 'error: strconv.Atoi: parsing "abc": invalid syntax\n',
      exit: 1,
    });
    expect(cluster.api.resourceVersion()).toBe(before);
  });
  test("wait --for=delete and a timeout", () => {
    cluster.api.create(pod("w"));
    expect(k("wait --for=condition=Ready pod/w --timeout=5s")).toEqual({
      stdout: "",
      stderr: "error: timed out waiting for the condition on pods/w\n",
      exit: 1,
    });
    cluster.api.delete("Pod", "default", "w");
    expect(k("wait --for=delete pod/w").stderr).toBe('Error from server (NotFound): pods "w" not found\n');
  });
});

describe("rollout", () => {
  test("history and undo of a deployment", () => {
    k("create deployment web --image=nginx:1.26");
    cluster.advance(1);
    k("set image deployment/web nginx=nginx:1.27");
    cluster.advance(1);
    expect(k("rollout history deployment/web").stdout).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    expect(k("rollout undo deployment/web").stdout).toBe("deployment.apps/web rolled back\n");
    expect(cluster.api.get("Deployment", "default", "web")?.spec.template.spec.containers[0].image).toBe(
      "nginx:1.26",
    );
    expect(k("rollout pause deployment/web").stdout).toBe("deployment.apps/web paused\n");
    expect(k("rollout pause deployment/web").stdout).toBe("deployment.apps/web already paused\n");
    expect(k("rollout resume deployment/web").stdout).toBe("deployment.apps/web resumed\n");
    expect(k("rollout restart deployment/web").stdout).toBe("deployment.apps/web restarted\n");
  });
});

describe("create generators and builder errors (checked against kubectl v1.32)", () => {
  beforeEach(() => {
    cluster = createCluster();
  });

  test("create job and cronjob take --image next to deployment's repeatable --image", () => {
    expect(k("create job j --image=busybox --dry-run=client -o yaml -- echo hi").stdout).toBe(
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: j\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n",
    );
    expect(
      k("create cronjob cj --image=busybox --schedule '*/1 * * * *' --dry-run=client -o yaml").exit,
    ).toBe(0);
  });

  test("create quota builds a ResourceQuota", () => {
    expect(
      k("create quota q --hard=pods=2,requests.cpu=1 --scopes=BestEffort --dry-run=client -o yaml").stdout,
    ).toBe(
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    pods: "2"\n    requests.cpu: "1"\n  scopes:\n  - BestEffort\nstatus: {}\n',
    );
  });

  test("expose with nothing to expose is the builder's error", () => {
    expect(k("expose")).toEqual({
      stdout: "",
      stderr:
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      exit: 1,
    });
  });
});
