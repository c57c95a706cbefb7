// Build cases ported from kubernetes-sigs/kustomize api/krusty (api/v0.18.0, which kustomize
// v5.5.0 and kubectl v1.32 embed); each names its upstream test. krusty's harness runs with
// ReorderOptionNone, so these builds keep input order (reorder: false) as upstream's expectations do.
import { describe, expect, it } from "vitest";
import { toYaml } from "../output/yaml";
import { build } from "./build";
import { k, memFs } from "./memfs.test-util";

function run(files: Record<string, string>, dir: string, reorder = false): string {
  const { objects } = build(memFs(files), dir, { reorder });
  return objects.map((o) => toYaml(o)).join("---\n");
}

const expected = (s: string) => s.replace(/^\n/, "");

// baseandoverlaysmall_test.go writeSmallBase
const SMALL_BASE = {
  ...k(
    "/app/base",
    `
namePrefix: a-
commonLabels:
  app: myApp
resources:
- deployment.yaml
- service.yaml
`,
  ),
  "/app/base/service.yaml": `
apiVersion: v1
kind: Service
metadata:
  name: myService
spec:
  selector:
    backend: bungie
  ports:
    - port: 7002
`,
  "/app/base/deployment.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myDeployment
spec:
  template:
    metadata:
      labels:
        backend: awesome
    spec:
      containers:
      - name: whatever
        image: whatever
`,
};

describe("krusty: baseandoverlaysmall_test.go", () => {
  it("TestSmallBase", () => {
    expect(run(SMALL_BASE, "/app/base")).toBe(
      expected(`
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: myApp
  name: a-myDeployment
spec:
  selector:
    matchLabels:
      app: myApp
  template:
    metadata:
      labels:
        app: myApp
        backend: awesome
    spec:
      containers:
      - image: whatever
        name: whatever
---
apiVersion: v1
kind: Service
metadata:
  labels:
    app: myApp
  name: a-myService
spec:
  ports:
  - port: 7002
  selector:
    app: myApp
    backend: bungie
`),
    );
  });

  it("TestSmallOverlay", () => {
    const files = {
      ...SMALL_BASE,
      ...k(
        "/app/overlay",
        `
namePrefix: b-
commonLabels:
  env: prod
  quotedFruit: "peach"
  quotedBoolean: "true"
resources:
- ../base
patchesStrategicMerge:
- deployment/deployment.yaml
images:
- name: whatever
  newTag: 1.8.0
`,
      ),
      "/app/overlay/configmap/app.env": "\nDB_USERNAME=admin\nDB_PASSWORD=somepw\n",
      "/app/overlay/configmap/app-init.ini": "\nFOO=bar\nBAR=baz\n",
      "/app/overlay/deployment/deployment.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myDeployment
spec:
  replicas: 1000
`,
    };
    expect(run(files, "/app/overlay")).toBe(
      expected(`
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: myApp
    env: prod
    quotedBoolean: "true"
    quotedFruit: peach
  name: b-a-myDeployment
spec:
  replicas: 1000
  selector:
    matchLabels:
      app: myApp
      env: prod
      quotedBoolean: "true"
      quotedFruit: peach
  template:
    metadata:
      labels:
        app: myApp
        backend: awesome
        env: prod
        quotedBoolean: "true"
        quotedFruit: peach
    spec:
      containers:
      - image: whatever:1.8.0
        name: whatever
---
apiVersion: v1
kind: Service
metadata:
  labels:
    app: myApp
    env: prod
    quotedBoolean: "true"
    quotedFruit: peach
  name: b-a-myService
spec:
  ports:
  - port: 7002
  selector:
    app: myApp
    backend: bungie
    env: prod
    quotedBoolean: "true"
    quotedFruit: peach
`),
    );
  });

  // The overlay's kustomization is loaded (and warns) before its base's.
  it("warns that commonLabels and patchesStrategicMerge are deprecated", () => {
    const files = {
      ...SMALL_BASE,
      ...k("/app/overlay", "resources:\n- ../base\npatchesStrategicMerge:\n- p.yaml\n"),
      "/app/overlay/p.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: myDeployment\nspec:\n  replicas: 2\n",
    };
    const { warnings } = build(memFs(files), "/app/overlay");
    expect(warnings).toEqual([
      "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
      "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    ]);
  });
});

describe("krusty: configmaps_test.go", () => {
  it("TestGeneratorIntVsStringNoMerge", () => {
    const files = {
      ...k(
        "/app",
        `
resources:
- service.yaml
configMapGenerator:
- name: bob
  literals:
  - fruit=Indian Gooseberry
  - year=2020
  - crisis=true
`,
      ),
      "/app/service.yaml":
        "\napiVersion: v1\nkind: Service\nmetadata:\n  name: demo\nspec:\n  clusterIP: None\n",
    };
    expect(run(files, "/app")).toBe(
      expected(`
apiVersion: v1
kind: Service
metadata:
  name: demo
spec:
  clusterIP: None
---
apiVersion: v1
data:
  crisis: "true"
  fruit: Indian Gooseberry
  year: "2020"
kind: ConfigMap
metadata:
  name: bob-79t79mt227
`),
    );
  });

  it("TestGeneratorSimpleOverlay", () => {
    const files = {
      ...k(
        "/app/base",
        "\nnamePrefix: p-\nconfigMapGenerator:\n- name: cm\n  behavior: create\n  literals:\n  - fruit=apple\n",
      ),
      ...k(
        "/app/overlay",
        "\nresources:\n- ../base\nconfigMapGenerator:\n- name: cm\n  behavior: merge\n  literals:\n  - veggie=broccoli\n",
      ),
    };
    expect(run(files, "/app/overlay")).toBe(
      expected(`
apiVersion: v1
data:
  fruit: apple
  veggie: broccoli
kind: ConfigMap
metadata:
  name: p-cm-877mt5hc89
`),
    );
  });

  it("TestGeneratorOverlays", () => {
    const files = {
      ...k(
        "/app/base1",
        "namePrefix: p1-\nconfigMapGenerator:\n- name: com1\n  behavior: create\n  literals:\n  - from=base\n",
      ),
      ...k(
        "/app/base2",
        "namePrefix: p2-\nconfigMapGenerator:\n- name: com2\n  behavior: create\n  literals:\n  - from=base\n",
      ),
      ...k(
        "/app/overlay/o1",
        "resources:\n- ../../base1\nconfigMapGenerator:\n- name: com1\n  behavior: merge\n  literals:\n  - from=overlay\n",
      ),
      ...k(
        "/app/overlay/o2",
        "resources:\n- ../../base2\nconfigMapGenerator:\n- name: com2\n  behavior: merge\n  literals:\n  - from=overlay\n",
      ),
      ...k(
        "/app/overlay",
        "resources:\n- o1\n- o2\nconfigMapGenerator:\n- name: com1\n  behavior: merge\n  literals:\n  - foo=bar\n  - baz=qux\n",
      ),
    };
    expect(run(files, "/app/overlay")).toBe(
      expected(`
apiVersion: v1
data:
  baz: qux
  foo: bar
  from: overlay
kind: ConfigMap
metadata:
  name: p1-com1-8tc62428t2
---
apiVersion: v1
data:
  from: overlay
kind: ConfigMap
metadata:
  name: p2-com2-87mcggf7d7
`),
    );
  });
});

describe("krusty: transformersimage_test.go", () => {
  it("TestIssue1281_JsonPatchAndImageTag", () => {
    const files = {
      ...k(
        "/app",
        `
resources:
- deployment.yaml

images:
- name: abbott
  newTag: v2
- name: costello
  newTag: v8

patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: ben
  path: patch.json
`,
      ),
      "/app/deployment.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ben
spec:
  template:
    spec:
      dnsPolicy: "None"
      containers:
      - name: awesome
        image: abbott
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: alice
spec:
  template:
    spec:
      containers:
      - name: tomato
        image: abbott
`,
      "/app/patch.json": `
[ {"op": "add",
   "path": "/spec/replica", "value": "3"},
  {"op": "replace",
   "path": "/spec/template/spec/containers/0",
   "value": { "image": "costello" } } ]
`,
    };
    expect(run(files, "/app")).toBe(
      expected(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ben
spec:
  replica: "3"
  template:
    spec:
      containers:
      - image: costello:v8
      dnsPolicy: None
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: alice
spec:
  template:
    spec:
      containers:
      - image: abbott:v2
        name: tomato
`),
    );
  });

  it("TestTransfomersImageDefaultConfig", () => {
    const files = {
      ...k(
        "/app/base",
        `
resources:
- deploy1.yaml
- random.yaml
images:
- name: nginx
  newTag: v2
- name: my-nginx
  newTag: previous
- name: myprivaterepohostname:1234/my/image
  newTag: v1.0.1
- name: foobar
  digest: sha256:24a0c4b4
- name: alpine
  newName: myprivaterepohostname:1234/my/cool-alpine
- name: gcr.io:8080/my-project/my-cool-app
  newName: my-cool-app
- name: postgres
  newName: my-postgres
  newTag: v3
- name: docker
  newName: my-docker
  digest: sha256:25a0d4b4
`,
      ),
      "/app/base/deploy1.yaml": `
group: apps
apiVersion: v1
kind: Deployment
metadata:
  name: deploy1
spec:
  template:
    spec:
      initContainers:
      - name: nginx2
        image: my-nginx:1.8.0
      - name: init-alpine
        image: alpine:1.8.0
      containers:
      - name: ngnix
        image: nginx:1.7.9
      - name: repliaced-with-digest
        image: foobar:1
      - name: postgresdb
        image: postgres:1.8.0
`,
      "/app/base/random.yaml": `
kind: randomKind
metadata:
  name: random
spec:
  template:
    spec:
      containers:
      - name: ngnix1
        image: nginx
spec2:
  template:
    spec:
      containers:
      - name: nginx3
        image: nginx:v1
      - name: nginx4
        image: my-nginx:latest
spec3:
  template:
    spec:
      initContainers:
      - name: postgresdb
        image: postgres:alpine-9
      - name: init-docker
        image: docker:17-git
      - name: myImage
        image: myprivaterepohostname:1234/my/image:latest
      - name: myImage2
        image: myprivaterepohostname:1234/my/image
      - name: my-app
        image: my-app-image:v1
      - name: my-cool-app
        image: gcr.io:8080/my-project/my-cool-app:latest
`,
    };
    expect(run(files, "/app/base")).toBe(
      expected(`
apiVersion: v1
group: apps
kind: Deployment
metadata:
  name: deploy1
spec:
  template:
    spec:
      containers:
      - image: nginx:v2
        name: ngnix
      - image: foobar@sha256:24a0c4b4
        name: repliaced-with-digest
      - image: my-postgres:v3
        name: postgresdb
      initContainers:
      - image: my-nginx:previous
        name: nginx2
      - image: myprivaterepohostname:1234/my/cool-alpine:1.8.0
        name: init-alpine
---
kind: randomKind
metadata:
  name: random
spec:
  template:
    spec:
      containers:
      - image: nginx:v2
        name: ngnix1
spec2:
  template:
    spec:
      containers:
      - image: nginx:v2
        name: nginx3
      - image: my-nginx:previous
        name: nginx4
spec3:
  template:
    spec:
      initContainers:
      - image: my-postgres:v3
        name: postgresdb
      - image: my-docker@sha256:25a0d4b4
        name: init-docker
      - image: myprivaterepohostname:1234/my/image:v1.0.1
        name: myImage
      - image: myprivaterepohostname:1234/my/image:v1.0.1
        name: myImage2
      - image: my-app-image:v1
        name: my-app
      - image: my-cool-app:latest
        name: my-cool-app
`),
    );
  });
});

describe("krusty: inlinelabels_test.go", () => {
  it("TestKustomizationLabels", () => {
    const files = {
      ...k(
        "/app",
        `
resources:
- deployment.yaml

labels:
- pairs:
    foo: bar
- pairs:
    a: b
  includeSelectors: true
- pairs:
    c: d
  fields:
  - path: spec/selector
    group: example.dev
    version: v1
    kind: MyCRD
    create: true
`,
      ),
      "/app/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-deployment
spec:
  template:
    spec:
      containers:
      - name: my-deployment
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
---
apiVersion: example.dev/v1
kind: MyCRD
metadata:
  name: crd
`,
    };
    expect(run(files, "/app")).toBe(
      expected(`
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    a: b
    c: d
    foo: bar
  name: my-deployment
spec:
  selector:
    matchLabels:
      a: b
  template:
    metadata:
      labels:
        a: b
    spec:
      containers:
      - livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
        name: my-deployment
---
apiVersion: example.dev/v1
kind: MyCRD
metadata:
  labels:
    a: b
    c: d
    foo: bar
  name: crd
spec:
  selector:
    c: d
`),
    );
  });
});
