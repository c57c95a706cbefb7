// kustomize's error texts, as kubectl v1.32.4 (kustomize v5.5.0) printed them for the same files
// (`kubectl kustomize DIR`, its err= value), with the directories moved under /app.
import { describe, expect, it } from "vitest";
import { build } from "./build";
import { KustomizeError } from "./errors";
import { k, memFs } from "./memfs.test-util";

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";

function buildError(files: Record<string, string>, dir = "/app"): string {
  try {
    build(memFs({ "/other/keep": "", ...files }), dir);
  } catch (e) {
    if (e instanceof KustomizeError) return e.message;
    throw e;
  }
  throw new Error("the build succeeded");
}

const CASES: { name: string; files: Record<string, string>; dir?: string; error: string }[] = [
  {
    name: "no kustomization file",
    files: { "/app/a.yaml": CM },
    error:
      "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/app'",
  },
  {
    name: "a missing directory",
    files: {},
    dir: "/app/nothing",
    error:
      "must build at directory: not a valid directory: evalsymlink failure on '/app/nothing' : lstat /app: no such file or directory",
  },
  {
    name: "a file instead of a directory",
    files: { "/app/a.yaml": CM },
    dir: "/app/a.yaml",
    error: "must build at directory: '/app/a.yaml': file is not directory",
  },
  {
    name: "two kustomization files",
    files: { ...k("/app", "resources: []\n"), "/app/kustomization.yml": "resources: []\n" },
    error: "Found multiple kustomization files under: /app\n",
  },
  {
    name: "an unknown field",
    files: k("/app", "foo: bar\n"),
    error: 'invalid Kustomization: json: unknown field "foo"',
  },
  {
    name: "a missing resource file",
    files: k("/app", "resources:\n- missing.yaml\n"),
    error:
      "accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/app/missing.yaml' : lstat /app/missing.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/app/missing.yaml' : lstat /app/missing.yaml: no such file or directory",
  },
  {
    name: "a base directory without a kustomization",
    files: { ...k("/app/m", "resources:\n- ../nokust\n"), "/app/nokust/README": "" },
    dir: "/app/m",
    error:
      "accumulating resources: accumulation err='accumulating resources from '../nokust': '/app/nokust' must resolve to a file': couldn't make target for path '/app/nokust': unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/app/nokust'",
  },
  {
    name: "a base whose resource is missing",
    files: { ...k("/app/m", "resources:\n- ../sub\n"), ...k("/app/sub", "resources:\n- nope.yaml\n") },
    dir: "/app/m",
    error:
      "accumulating resources: accumulation err='accumulating resources from '../sub': '/app/sub' must resolve to a file': recursed accumulation of path '/app/sub': accumulating resources: accumulation err='accumulating resources from 'nope.yaml': evalsymlink failure on '/app/sub/nope.yaml' : lstat /app/sub/nope.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/app/sub/nope.yaml' : lstat /app/sub/nope.yaml: no such file or directory",
  },
  {
    name: "the same resource twice",
    files: { ...k("/app", "resources:\n- a.yaml\n- a.yaml\n"), "/app/a.yaml": CM },
    error:
      "accumulating resources: accumulation err='merging resources from 'a.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/x.[noNs]': must build at directory: '/app/a.yaml': file is not directory",
  },
  {
    name: "a patch without a target",
    files: {
      ...k(
        "/app",
        "resources:\n- a.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: nope\n    data:\n      a: b\n",
      ),
      "/app/a.yaml": CM,
    },
    error:
      'no resource matches strategic merge patch "ConfigMap.v1.[noGrp]/nope.[noNs]": no matches for Id ConfigMap.v1.[noGrp]/nope.[noNs]; failed to find unique target for patch ConfigMap.v1.[noGrp]/nope.[noNs]',
  },
  {
    name: "a merge with nothing to merge into",
    files: k("/app", "configMapGenerator:\n- name: x\n  behavior: merge\n  literals:\n  - a=b\n"),
    error:
      'merging from generator &{0xc000820820 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"x", Namespace:""} does not exist; cannot merge or replace',
  },
  {
    name: "a literal without '='",
    files: k("/app", "configMapGenerator:\n- name: x\n  literals:\n  - novalue\n"),
    error: "loading KV pairs: literal sources [novalue]: invalid literal source novalue, expected key=value",
  },
  {
    name: "a missing generator file",
    files: k("/app", "configMapGenerator:\n- name: x\n  files:\n  - nothere.txt\n"),
    error:
      "loading KV pairs: file sources: [nothere.txt]: evalsymlink failure on '/app/nothere.txt' : lstat /app/nothere.txt: no such file or directory",
  },
  {
    name: "a missing patchesStrategicMerge file",
    files: { ...k("/app", "patchesStrategicMerge:\n- p.yaml\nresources:\n- a.yaml\n"), "/app/a.yaml": CM },
    error:
      "trouble configuring builtin PatchStrategicMergeTransformer with config: `\npaths:\n- p.yaml\n`: evalsymlink failure on '/app/p.yaml' : lstat /app/p.yaml: no such file or directory",
  },
  {
    name: "replicas for no workload",
    files: {
      ...k("/app", "namespace: x\nresources:\n- a.yaml\nreplicas:\n- name: x\n  count: 3\n"),
      "/app/a.yaml": CM,
    },
    error:
      "resource with name x does not match a config with the following GVK [Deployment.[noVer].[noGrp] StatefulSet.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] ReplicationController.[noVer].[noGrp]]",
  },
  {
    name: "a remote base (no network)",
    files: k("/app", "resources:\n- github.com/kubernetes-sigs/kustomize/examples/helloWorld?ref=v3.3.1\n"),
    error:
      "accumulating resources: accumulation err='accumulating resources from 'github.com/kubernetes-sigs/kustomize/examples/helloWorld?ref=v3.3.1': evalsymlink failure on '/app/github.com/kubernetes-sigs/kustomize/examples/helloWorld?ref=v3.3.1' : lstat /app/github.com: no such file or directory': failed to run '/usr/bin/git fetch --depth=1 https://github.com/kubernetes-sigs/kustomize v3.3.1': fatal: unable to access 'https://github.com/kubernetes-sigs/kustomize/': Could not resolve host: github.com\n: exit status 128",
  },
  {
    name: "an empty kustomization",
    files: k("/app", "resources:\n"),
    error: "kustomization.yaml is empty",
  },
  {
    name: "a wrong kind and apiVersion",
    files: k("/app", "kind: Foo\napiVersion: x/v1\nresources:\n- a.yaml\n"),
    error:
      "Failed to read kustomization file under /app:\nkind should be Kustomization or Component\napiVersion for Foo should be kustomize.config.k8s.io/v1beta1",
  },
  {
    name: "a resource without a name",
    files: { ...k("/app", "resources:\n- a.yaml\n"), "/app/a.yaml": "apiVersion: v1\nkind: ConfigMap\n" },
    error:
      "accumulating resources: accumulation err='accumulating resources from 'a.yaml': missing metadata.name in object {{v1 ConfigMap} {{ } map[] map[]}}': must build at directory: '/app/a.yaml': file is not directory",
  },
];

describe("kustomize build errors", () => {
  for (const c of CASES) it(c.name, () => expect(buildError(c.files, c.dir)).toBe(c.error));
});
