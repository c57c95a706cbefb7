// Whole builds compared with kubectl v1.32.4 (kustomize v5.5.0): each case's files were built with
// `kubectl kustomize` (legacy order) and its stdout and stderr are the expected texts here.
import { describe, expect, it } from "vitest";
import { toYaml } from "../output/yaml";
import { build } from "./build";
import { memFs } from "./memfs.test-util";

const CASES: {
  name: string;
  dir: string;
  files: Record<string, string>;
  stdout: string;
  warnings: string;
}[] = [
  {
    name: "a namespace, suffix, generators with files and env files, labels with includeTemplates, RBAC and pod references",
    dir: "/work/c1",
    files: {
      "/work/c1/all.yaml": `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: ["creds"]
  verbs: ["get"]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      serviceAccountName: runner
      containers:
      - name: db
        image: postgres:16
        env:
        - name: PW
          valueFrom:
            secretKeyRef:
              name: creds
              key: password
        volumeMounts:
        - name: s
          mountPath: /s
      volumes:
      - name: s
        secret:
          secretName: creds
      - name: c
        configMap:
          name: settings
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  selector:
    app: db
  ports:
  - port: 5432
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: b
            image: busybox
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: db
            port:
              number: 5432
`,
      "/work/c1/app.properties": `a=1
b=2
`,
      "/work/c1/db.env": `# db
DB_HOST=db.local
DB_PORT=5432

QUOTED="a b"
`,
      "/work/c1/key.pem": `-----BEGIN-----
xyz
`,
      "/work/c1/kustomization.yaml": `namespace: team-a
nameSuffix: -v1
commonAnnotations:
  owner: alice
  note: "1"
resources:
- all.yaml
secretGenerator:
- name: creds
  literals:
  - password=s3cr3t
  files:
  - token.txt
  - mykey=key.pem
  envs:
  - db.env
configMapGenerator:
- name: settings
  files:
  - app.properties
  options:
    disableNameSuffixHash: true
generatorOptions:
  labels:
    generated: "yes"
labels:
- pairs:
    tier: web
  includeTemplates: true
`,
      "/work/c1/token.txt": `abc123
`,
    },
    stdout: `apiVersion: v1
kind: Namespace
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: team-a
---
apiVersion: v1
kind: ServiceAccount
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: runner-v1
  namespace: team-a
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: reader-v1
  namespace: team-a
rules:
- apiGroups:
  - ""
  resourceNames:
  - creds-v1-6md7g47mmf
  resources:
  - secrets
  verbs:
  - get
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: rb-v1
  namespace: team-a
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader-v1
subjects:
- kind: ServiceAccount
  name: runner-v1
  namespace: team-a
---
apiVersion: v1
data:
  app.properties: |
    a=1
    b=2
kind: ConfigMap
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    generated: "yes"
    tier: web
  name: settings-v1
  namespace: team-a
---
apiVersion: v1
data:
  DB_HOST: ZGIubG9jYWw=
  DB_PORT: NTQzMg==
  QUOTED: ImEgYiI=
  mykey: LS0tLS1CRUdJTi0tLS0tCnh5ego=
  password: czNjcjN0
  token.txt: YWJjMTIzCg==
kind: Secret
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    generated: "yes"
    tier: web
  name: creds-v1-6md7g47mmf
  namespace: team-a
type: Opaque
---
apiVersion: v1
kind: Service
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: db-v1
  namespace: team-a
spec:
  ports:
  - port: 5432
  selector:
    app: db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: db-v1
  namespace: team-a
spec:
  selector:
    matchLabels:
      app: db
  serviceName: db-v1
  template:
    metadata:
      annotations:
        note: "1"
        owner: alice
      labels:
        app: db
        tier: web
    spec:
      containers:
      - env:
        - name: PW
          valueFrom:
            secretKeyRef:
              key: password
              name: creds-v1-6md7g47mmf
        image: postgres:16
        name: db
        volumeMounts:
        - mountPath: /s
          name: s
      serviceAccountName: runner-v1
      volumes:
      - name: s
        secret:
          secretName: creds-v1-6md7g47mmf
      - configMap:
          name: settings-v1
        name: c
---
apiVersion: batch/v1
kind: CronJob
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: backup-v1
  namespace: team-a
spec:
  jobTemplate:
    metadata:
      annotations:
        note: "1"
        owner: alice
      labels:
        tier: web
    spec:
      template:
        metadata:
          annotations:
            note: "1"
            owner: alice
          labels:
            tier: web
        spec:
          containers:
          - image: busybox
            name: b
          restartPolicy: OnFailure
  schedule: 0 * * * *
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    note: "1"
    owner: alice
  labels:
    tier: web
  name: web-v1
  namespace: team-a
spec:
  rules:
  - http:
      paths:
      - backend:
          service:
            name: db-v1
            port:
              number: 5432
        path: /
        pathType: Prefix
`,
    warnings: ``,
  },
  {
    name: "an overlay with commonLabels, a replace generator, JSON6902 and strategic merge patches with targets, images",
    dir: "/work/c2/overlay",
    files: {
      "/work/c2/base/deploy.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: registry.k8s.io/api:v1@sha256:abc
        ports:
        - containerPort: 80
        volumeMounts:
        - name: cfg
          mountPath: /etc/cfg
      - name: sidecar
        image: busybox:1.36
      volumes:
      - name: cfg
        configMap:
          name: cfg
`,
      "/work/c2/base/kustomization.yaml": `resources:
- deploy.yaml
configMapGenerator:
- name: cfg
  literals:
  - A=1
  - B=two
`,
      "/work/c2/overlay/j.yaml": `- op: add
  path: /metadata/annotations
  value:
    patched: "true"
`,
      "/work/c2/overlay/kustomization.yaml": `resources:
- ../base
namePrefix: staging-
commonLabels:
  env: staging
configMapGenerator:
- name: cfg
  behavior: replace
  literals:
  - C=3
patches:
- target:
    kind: Deployment
    name: api
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/env
      value:
      - name: X
        value: "1"
    - op: replace
      path: /spec/replicas
      value: 3
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: api
    spec:
      template:
        spec:
          containers:
          - name: sidecar
            image: busybox:1.37
            args: ["sleep", "3600"]
- path: res.yaml
  target:
    kind: Deployment
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: api
  path: j.yaml
images:
- name: registry.k8s.io/api
  newName: my.io/api
  newTag: v2
`,
      "/work/c2/overlay/res.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ignored
spec:
  template:
    spec:
      containers:
      - name: api
        resources:
          limits:
            memory: 128Mi
`,
    },
    stdout: `apiVersion: v1
data:
  C: "3"
kind: ConfigMap
metadata:
  labels:
    env: staging
  name: staging-cfg-dh6h576fbt
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    patched: "true"
  labels:
    app: api
    env: staging
  name: staging-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
      env: staging
  template:
    metadata:
      labels:
        app: api
        env: staging
    spec:
      containers:
      - env:
        - name: X
          value: "1"
        image: my.io/api:v2
        name: api
        ports:
        - containerPort: 80
        resources:
          limits:
            memory: 128Mi
        volumeMounts:
        - mountPath: /etc/cfg
          name: cfg
      - args:
        - sleep
        - "3600"
        image: busybox:1.37
        name: sidecar
      volumes:
      - configMap:
          name: staging-cfg-dh6h576fbt
        name: cfg
`,
    warnings: `# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
`,
  },
  {
    name: "bases, a prefix and namespace, secret types, env merges, labelSelector targets, $patch: delete, digests, replicas",
    dir: "/work/c3",
    files: {
      "/work/c3/extra.env": `X=1
Y=2
`,
      "/work/c3/kustomization.yaml": `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namePrefix: p-
namespace: prod
bases:
- ../c3base
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
- name: app
  namespace: other
  literals:
  - K=V
  options:
    disableNameSuffixHash: true
    labels:
      a: b
configMapGenerator:
- name: base-cm
  behavior: merge
  envs:
  - extra.env
patches:
- target:
    labelSelector: app=web
  patch: |-
    - op: add
      path: /metadata/labels/patched
      value: "yes"
- patch: |-
    $patch: delete
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: unwanted
images:
- name: nginx
  digest: sha256:deadbeef
replicas:
- name: web
  count: 5
`,
      "/work/c3/tls.crt": `CERT
`,
      "/work/c3/tls.key": `KEY
`,
      "/work/c3base/kustomization.yaml": `resources:
- r.yaml
configMapGenerator:
- name: base-cm
  literals:
  - X=0
commonLabels:
  app: web
`,
      "/work/c3base/r.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: base-cm
        volumeMounts:
        - name: tls
          mountPath: /tls
      volumes:
      - name: tls
        secret:
          secretName: tls
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unwanted
data:
  a: b
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /tmp
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
`,
    },
    stdout: `apiVersion: v1
data:
  X: "1"
  "Y": "2"
kind: ConfigMap
metadata:
  labels:
    app: web
    patched: "yes"
  name: p-base-cm-992hg2799m
  namespace: prod
---
apiVersion: v1
data:
  K: Vg==
kind: Secret
metadata:
  labels:
    a: b
  name: p-app
  namespace: prod
type: Opaque
---
apiVersion: v1
data:
  tls.crt: Q0VSVAo=
  tls.key: S0VZCg==
kind: Secret
metadata:
  name: p-tls-2bk8c2k248
  namespace: prod
type: kubernetes.io/tls
---
apiVersion: v1
kind: PersistentVolume
metadata:
  labels:
    app: web
    patched: "yes"
  name: p-pv1
spec:
  accessModes:
  - ReadWriteOnce
  capacity:
    storage: 1Gi
  hostPath:
    path: /tmp
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
    patched: "yes"
  name: p-web
  namespace: prod
spec:
  replicas: 5
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: p-base-cm-992hg2799m
        image: nginx@sha256:deadbeef
        name: web
        volumeMounts:
        - mountPath: /tls
          name: tls
      volumes:
      - name: tls
        secret:
          secretName: p-tls-2bk8c2k248
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  labels:
    app: web
    patched: "yes"
  name: p-web
  namespace: prod
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  labels:
    app: web
    patched: "yes"
  name: p-web
  namespace: prod
spec:
  maxReplicas: 3
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: p-web
`,
    warnings: `# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
`,
  },
  {
    name: "$patch directives: delete a list item and a field, replace a list and a map",
    dir: "/work/c4",
    files: {
      "/work/c4/d.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        zone: a
        disk: hdd
      affinity:
        nodeAffinity: {}
      containers:
      - name: web
        image: nginx
        env:
        - name: OLD
          value: "0"
        - name: KEEP
          value: "k"
      - name: sidecar
        image: busybox
      volumes:
      - name: a
        emptyDir: {}
      - name: b
        emptyDir: {}
`,
      "/work/c4/kustomization.yaml": `resources:
- d.yaml
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: sidecar
            $patch: delete
          - name: web
            env:
            - name: OLD
              $patch: delete
            - name: NEW
              value: "1"
          volumes:
          - $patch: replace
          - name: only
            emptyDir: {}
          nodeSelector:
            $patch: replace
            disk: ssd
          affinity:
            $patch: delete
`,
    },
    stdout: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - env:
        - name: NEW
          value: "1"
        - name: KEEP
          value: k
        image: nginx
        name: web
      nodeSelector:
        disk: ssd
      volumes:
      - emptyDir: {}
        name: only
`,
    warnings: "",
  },
  {
    name: "prefix and suffix with cluster-scoped kinds and RBAC, selectors of every kind, YAML 1.2 scalars",
    dir: "/work/c5",
    files: {
      "/work/c5/kustomization.yaml": `namePrefix: dev-
nameSuffix: -x
namespace: dev
labels:
- pairs:
    team: blue
  includeSelectors: true
resources:
- r.yaml
`,
      "/work/c5/r.yaml": `apiVersion: v1
kind: Namespace
metadata:
  name: dev
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: viewers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: viewer
subjects:
- kind: ServiceAccount
  name: bot
  namespace: default
- kind: ServiceAccount
  name: bot
  namespace: elsewhere
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: bot
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: bot
  containers:
  - name: c
    image: busybox
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  ports:
  - port: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels:
      app: x
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: y
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels:
      app: ds
  template:
    metadata:
      labels:
        app: ds
    spec:
      containers:
      - name: c
        image: busybox
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
`,
    },
    stdout: `apiVersion: v1
kind: Namespace
metadata:
  labels:
    team: blue
  name: dev
---
apiVersion: v1
kind: ServiceAccount
metadata:
  labels:
    team: blue
  name: dev-bot-x
  namespace: dev
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  labels:
    team: blue
  name: dev-viewer-x
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  labels:
    team: blue
  name: dev-viewers-x
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: dev-viewer-x
subjects:
- kind: ServiceAccount
  name: dev-bot-x
  namespace: dev
- kind: ServiceAccount
  name: bot
  namespace: elsewhere
---
apiVersion: v1
kind: Service
metadata:
  labels:
    team: blue
  name: dev-svc-x
  namespace: dev
spec:
  ports:
  - port: 80
  selector:
    team: blue
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  labels:
    team: blue
  name: dev-data-x
  namespace: dev
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  labels:
    team: blue
  name: dev-ds-x
  namespace: dev
spec:
  selector:
    matchLabels:
      app: ds
      team: blue
  template:
    metadata:
      labels:
        app: ds
        team: blue
    spec:
      containers:
      - image: busybox
        name: c
---
apiVersion: batch/v1
kind: Job
metadata:
  labels:
    team: blue
  name: dev-j-x
  namespace: dev
spec:
  template:
    metadata:
      labels:
        team: blue
    spec:
      containers:
      - image: busybox
        name: c
      restartPolicy: Never
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  labels:
    team: blue
  name: dev-np-x
  namespace: dev
spec:
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: "y"
          team: blue
  podSelector:
    matchLabels:
      app: x
      team: blue
---
apiVersion: v1
kind: Pod
metadata:
  labels:
    team: blue
  name: dev-p-x
  namespace: dev
spec:
  containers:
  - image: busybox
    name: c
  serviceAccountName: dev-bot-x
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: dev-data-x
`,
    warnings: "",
  },
];
describe("kubectl kustomize, compared with kubectl v1.32.4", () => {
  for (const c of CASES)
    it(c.name, () => {
      const { objects, warnings } = build(memFs(c.files), c.dir);
      expect(objects.map((o) => toYaml(o)).join("---\n")).toBe(c.stdout);
      expect(warnings.map((w) => `${w}\n`).join("")).toBe(c.warnings);
    });
});
