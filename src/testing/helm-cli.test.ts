// helm v3.16.3 as a CKA candidate types it on the controlplane of the cka scenario: create the
// scaffold chart, render it, install, upgrade with --set, roll back and uninstall, with kubectl
// looking at the objects and the release Secrets in between. The expected texts are derived by
// hand from helm's sources at the v3.16.3 tag: pkg/chartutil/create.go (the scaffold),
// cmd/helm/status.go (the status block), cmd/helm/list.go and history.go (uitable rows),
// pkg/storage/driver/secrets.go (the Secrets).
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { runOnCka as run } from "./cka";

function find(entries: ReportEntry[], command: string, nth = -1): ReportEntry {
  const found = entries.filter((e) => e.command === command).at(nth);
  if (!found) throw new Error(`no command ${command}`);
  return found;
}

/** `helm template x ./mychart` of the scaffold, worked out by hand from create.go's templates. */
const LABELS = (indent: string, release: string) =>
  [
    "helm.sh/chart: mychart-0.1.0",
    "app.kubernetes.io/name: mychart",
    `app.kubernetes.io/instance: ${release}`,
    'app.kubernetes.io/version: "1.16.0"',
    "app.kubernetes.io/managed-by: Helm",
  ]
    .map((l) => `${indent}${l}\n`)
    .join("");

const TEMPLATE_OUTPUT = `---
# Source: mychart/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: x-mychart
  labels:
${LABELS("    ", "x")}automountServiceAccountToken: true
---
# Source: mychart/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: x-mychart
  labels:
${LABELS("    ", "x")}spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: mychart
    app.kubernetes.io/instance: x
---
# Source: mychart/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: x-mychart
  labels:
${LABELS("    ", "x")}spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: mychart
      app.kubernetes.io/instance: x
  template:
    metadata:
      labels:
${LABELS("        ", "x")}    spec:
      serviceAccountName: x-mychart
      securityContext:
        {}
      containers:
        - name: mychart
          securityContext:
            {}
          image: "nginx:1.16.0"
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 80
              protocol: TCP
          livenessProbe:
            httpGet:
              path: /
              port: http
          readinessProbe:
            httpGet:
              path: /
              port: http
          resources:
            {}
---
# Source: mychart/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: "x-mychart-test-connection"
  labels:
${LABELS("    ", "x")}  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['x-mychart:80']
  restartPolicy: Never
`;

const NOTES = (release: string) => `NOTES:
1. Get the application URL by running these commands:
  export POD_NAME=$(kubectl get pods --namespace web -l "app.kubernetes.io/name=mychart,app.kubernetes.io/instance=${release}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace web $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace web port-forward $POD_NAME 8080:$CONTAINER_PORT
`;

describe("helm hooks", () => {
  const entries = run(`helm create mychart
cat > mychart/templates/hook.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-setup
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
    "helm.sh/hook-weight": "-5"
data:
  revision: "{{ .Release.Revision }}"
EOF
helm install h ./mychart
kubectl get cm h-setup -o jsonpath='{.data.revision}'
helm upgrade h ./mychart
kubectl get cm h-setup -o jsonpath='{.data.revision}'
helm get manifest h
helm uninstall h
kubectl get cm h-setup
`);

  it("creates pre-install and pre-upgrade hooks anew (before-hook-creation), apart from the manifest", () => {
    const cm = entries.filter((e) => e.command === "kubectl get cm h-setup -o jsonpath='{.data.revision}'");
    expect(cm.map((e) => e.stdout)).toEqual(["1", "2"]);
    expect(find(entries, "helm get manifest h").stdout).not.toContain("h-setup");
    // Hooks are not the release's resources: uninstall leaves them (no delete policy says otherwise).
    expect(find(entries, "kubectl get cm h-setup").stdout).toContain("h-setup");
  });
});

describe("helm package, upgrade --install and a kept history", () => {
  const entries = run(`helm create mychart
helm package mychart
tar tzf mychart-0.1.0.tgz
helm install pkg ./mychart-0.1.0.tgz --set service.port=8080
kubectl get svc pkg-mychart -o jsonpath='{.spec.ports[0].port}'
helm package mychart --version 0.2.0 -d /tmp
helm upgrade pkg /tmp/mychart-0.2.0.tgz
kubectl get svc pkg-mychart -o jsonpath='{.spec.ports[0].port} {.metadata.labels.helm\\.sh/chart}'
helm upgrade --install other ./mychart
helm uninstall other --keep-history
helm list --uninstalled
helm install other ./mychart
kubectl create namespace shop
kubectl config set-context --current --namespace=shop
helm install cart ./mychart
kubectl get deploy -n shop -o name
`);

  it("packages the chart as an archive helm installs from", () => {
    expect(find(entries, "helm package mychart").stdout).toBe(
      "Successfully packaged chart and saved it to: /root/mychart-0.1.0.tgz\n",
    );
    expect(find(entries, "tar tzf mychart-0.1.0.tgz").stdout.split("\n").slice(0, 3)).toEqual([
      "mychart/Chart.yaml",
      "mychart/.helmignore",
      "mychart/templates/NOTES.txt",
    ]);
    expect(find(entries, "kubectl get svc pkg-mychart -o jsonpath='{.spec.ports[0].port}'").stdout).toBe(
      "8080",
    );
    // An upgrade without values keeps the last release's (upgrade.go reuseValues).
    expect(entries.at(7)?.stdout).toBe("8080 mychart-0.2.0");
  });

  it("installs into the kubeconfig context's namespace without -n", () => {
    expect(find(entries, "helm install cart ./mychart").stdout).toContain("NAMESPACE: shop\n");
    expect(find(entries, "kubectl get deploy -n shop -o name").stdout).toBe("deployment.apps/cart-mychart\n");
  });

  it("installs through upgrade --install and keeps an uninstalled release's history", () => {
    expect(find(entries, "helm upgrade --install other ./mychart").stdout).toMatch(
      /^Release "other" does not exist\. Installing it now\.\nNAME: other\n/,
    );
    expect(find(entries, "helm list --uninstalled").stdout).toContain(
      "other\tdefault  \t1       \t2026-01-01 00:00:00 +0000 UTC\tuninstalled\t",
    );
    expect(find(entries, "helm install other ./mychart").stderr).toBe(
      "Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n",
    );
  });
});

describe("helm on the cka controlplane", () => {
  const entries = run(`helm version
helm version --short
helm create mychart
find mychart | sort
cat mychart/Chart.yaml
helm lint mychart
helm template x ./mychart
helm install shop ./mychart -n web
helm install shop ./mychart -n web --create-namespace
helm install preview ./mychart -n web --dry-run --set replicaCount=2
kubectl get deploy,svc,sa -n web
kubectl get secrets -n web --show-labels
kubectl get secret sh.helm.release.v1.shop.v1 -n web -o jsonpath='{.type}'
kubectl get secret sh.helm.release.v1.shop.v1 -n web -o jsonpath='{.data.release}'
kubectl get deploy shop-mychart -n web -o jsonpath='{.metadata.labels.app\\.kubernetes\\.io/managed-by} {.metadata.annotations}'
helm install shop ./mychart -n web
helm list -n web
helm list -A
helm upgrade shop ./mychart -n web --set replicaCount=3,service.type=NodePort
kubectl get deploy shop-mychart -n web -o jsonpath='{.spec.replicas}'
kubectl get svc shop-mychart -n web -o jsonpath='{.spec.type}'
helm get values shop -n web
helm history shop -n web
helm rollback shop 1 -n web
kubectl get deploy shop-mychart -n web -o jsonpath='{.spec.replicas}'
kubectl get svc shop-mychart -n web -o jsonpath='{.spec.type}'
helm history shop -n web
helm uninstall shop -n web
kubectl get deploy,svc,secrets -n web
helm status shop -n web
helm repo add bitnami https://charts.bitnami.com/bitnami
helm install db bitnami/postgresql
helm install db ./nothere
helm pull bitnami/nginx --untar
helm upgrade ghost ./mychart
helm install Bad ./mychart
kubectl create svc nodeport np --tcp=80
kubectl patch svc np --type=merge -p '{"spec":{"type":"ClusterIP"}}'
`);

  it("prints the v3.16.3 build", () => {
    expect(find(entries, "helm version").stdout).toBe(
      'version.BuildInfo{Version:"v3.16.3", GitCommit:"cfd07493f46efc9debd9cc1b02a0961186df7fdf", GitTreeState:"clean", GoVersion:"go1.22.7"}\n',
    );
    expect(find(entries, "helm version --short").stdout).toBe("v3.16.3+gcfd0749\n");
  });

  it("creates the scaffold chart's files", () => {
    expect(find(entries, "helm create mychart").stdout).toBe("Creating mychart\n");
    expect(find(entries, "find mychart | sort").stdout).toBe(
      [
        "mychart",
        "mychart/.helmignore",
        "mychart/Chart.yaml",
        "mychart/charts",
        "mychart/templates",
        "mychart/templates/NOTES.txt",
        "mychart/templates/_helpers.tpl",
        "mychart/templates/deployment.yaml",
        "mychart/templates/hpa.yaml",
        "mychart/templates/ingress.yaml",
        "mychart/templates/service.yaml",
        "mychart/templates/serviceaccount.yaml",
        "mychart/templates/tests",
        "mychart/templates/tests/test-connection.yaml",
        "mychart/values.yaml",
        "",
      ].join("\n"),
    );
    const chartYaml = find(entries, "cat mychart/Chart.yaml").stdout;
    expect(
      chartYaml.startsWith("apiVersion: v2\nname: mychart\ndescription: A Helm chart for Kubernetes\n"),
    ).toBe(true);
    expect(
      chartYaml.endsWith(
        'version: 0.1.0\n\n# This is the version number of the application being deployed. This version number should be\n# incremented each time you make changes to the application. Versions are not expected to\n# follow Semantic Versioning. They should reflect the version the application is using.\n# It is recommended to use it with quotes.\nappVersion: "1.16.0"\n',
      ),
    ).toBe(true);
  });

  it("lints and renders the chart as helm does", () => {
    expect(find(entries, "helm lint mychart").stdout).toBe(
      "==> Linting mychart\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n",
    );
    const t = find(entries, "helm template x ./mychart");
    expect(t.stderr).toBe("");
    expect(t.stdout).toBe(TEMPLATE_OUTPUT);
  });

  it("installs into a namespace only with --create-namespace", () => {
    const first = find(entries, "helm install shop ./mychart -n web", 0);
    expect(first.exit).toBe(1);
    expect(first.stderr).toBe(
      'Error: INSTALLATION FAILED: create: failed to create: namespaces "web" not found\n',
    );
    const ok = find(entries, "helm install shop ./mychart -n web --create-namespace");
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe(
      `NAME: shop\nLAST DEPLOYED: Thu Jan  1 00:00:00 2026\nNAMESPACE: web\nSTATUS: deployed\nREVISION: 1\n${NOTES("shop")}`,
    );
  });

  it("prints a dry run's hooks and manifest and stores nothing", () => {
    const dry = find(entries, "helm install preview ./mychart -n web --dry-run --set replicaCount=2");
    expect(
      dry.stdout.startsWith(
        "NAME: preview\nLAST DEPLOYED: Thu Jan  1 00:00:00 2026\nNAMESPACE: web\nSTATUS: pending-install\nREVISION: 1\nHOOKS:\n---\n# Source: mychart/templates/tests/test-connection.yaml\n",
      ),
    ).toBe(true);
    expect(dry.stdout).toContain("MANIFEST:\n---\n# Source: mychart/templates/serviceaccount.yaml\n");
    expect(dry.stdout).toContain("  replicas: 2\n");
    expect(dry.stdout).toContain("            {}\n\nNOTES:\n1. Get the application URL");
    expect(find(entries, "kubectl get secrets -n web --show-labels").stdout).not.toContain("preview");
  });

  it("creates the objects and the release Secret kubectl sees", () => {
    const got = find(entries, "kubectl get deploy,svc,sa -n web").stdout;
    expect(got).toContain("deployment.apps/shop-mychart   0/1");
    expect(got).toMatch(/service\/shop-mychart\s+ClusterIP/);
    expect(got).toContain("serviceaccount/shop-mychart");
    expect(find(entries, "kubectl get secrets -n web --show-labels").stdout).toMatch(
      /sh\.helm\.release\.v1\.shop\.v1\s+helm\.sh\/release\.v1\s+1\s+\S+\s+modifiedAt=\d+,name=shop,owner=helm,status=deployed,version=1\n/,
    );
    expect(
      find(entries, "kubectl get secret sh.helm.release.v1.shop.v1 -n web -o jsonpath='{.type}'").stdout,
    ).toBe("helm.sh/release.v1");
    // data.release is base64 (the API's) of base64 of the gzipped JSON release.
    const data = find(
      entries,
      "kubectl get secret sh.helm.release.v1.shop.v1 -n web -o jsonpath='{.data.release}'",
    ).stdout;
    const gz = Buffer.from(Buffer.from(data, "base64").toString("latin1"), "base64");
    expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    const rel = JSON.parse(gunzipSync(gz).toString("utf8"));
    expect(Object.keys(rel)).toEqual(["name", "info", "chart", "manifest", "hooks", "version", "namespace"]);
    expect(rel.info).toMatchObject({
      first_deployed: "2026-01-01T00:00:00Z",
      last_deployed: "2026-01-01T00:00:00Z",
      deleted: "",
      description: "Install complete",
      status: "deployed",
    });
    expect(rel.chart.metadata).toEqual({
      name: "mychart",
      version: "0.1.0",
      description: "A Helm chart for Kubernetes",
      apiVersion: "v2",
      appVersion: "1.16.0",
      type: "application",
    });
    expect(rel.hooks[0]).toMatchObject({
      name: "shop-mychart-test-connection",
      kind: "Pod",
      events: ["test"],
    });
    expect(
      find(
        entries,
        "kubectl get deploy shop-mychart -n web -o jsonpath='{.metadata.labels.app\\.kubernetes\\.io/managed-by} {.metadata.annotations}'",
      ).stdout,
    ).toBe(
      'Helm {"deployment.kubernetes.io/revision":"1","meta.helm.sh/release-name":"shop","meta.helm.sh/release-namespace":"web"}',
    );
  });

  it("refuses a name in use and lists the release", () => {
    expect(find(entries, "helm install shop ./mychart -n web", -1).stderr).toBe(
      "Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n",
    );
    const row =
      "shop\tweb      \t1       \t2026-01-01 00:00:00 +0000 UTC\tdeployed\tmychart-0.1.0\t1.16.0     \n";
    const head =
      "NAME\tNAMESPACE\tREVISION\tUPDATED                      \tSTATUS  \tCHART        \tAPP VERSION\n";
    expect(find(entries, "helm list -n web").stdout).toBe(head + row);
    expect(find(entries, "helm list -A").stdout).toBe(head + row);
  });

  it("upgrades, rolls back and keeps the history", () => {
    const up = find(entries, "helm upgrade shop ./mychart -n web --set replicaCount=3,service.type=NodePort");
    expect(up.stdout.startsWith('Release "shop" has been upgraded. Happy Helming!\nNAME: shop\n')).toBe(true);
    expect(up.stdout).toContain("REVISION: 2\n");
    expect(up.stdout).toContain(
      'export NODE_PORT=$(kubectl get --namespace web -o jsonpath="{.spec.ports[0].nodePort}" services shop-mychart)',
    );
    const replicas = entries.filter((e) =>
      e.command.startsWith("kubectl get deploy shop-mychart -n web -o jsonpath='{.spec.replicas}'"),
    );
    expect(replicas.map((e) => e.stdout)).toEqual(["3", "1"]);
    const types = entries.filter((e) => e.command.startsWith("kubectl get svc shop-mychart"));
    expect(types.map((e) => e.stdout)).toEqual(["NodePort", "ClusterIP"]);
    expect(find(entries, "helm get values shop -n web").stdout).toBe(
      "USER-SUPPLIED VALUES:\nreplicaCount: 3\nservice:\n  type: NodePort\n",
    );
    expect(find(entries, "helm rollback shop 1 -n web").stdout).toBe(
      "Rollback was a success! Happy Helming!\n",
    );
    expect(find(entries, "helm history shop -n web", -1).stdout).toBe(
      [
        "REVISION\tUPDATED                 \tSTATUS    \tCHART        \tAPP VERSION\tDESCRIPTION     ",
        "1       \tThu Jan  1 00:00:00 2026\tsuperseded\tmychart-0.1.0\t1.16.0     \tInstall complete",
        "2       \tThu Jan  1 00:00:00 2026\tsuperseded\tmychart-0.1.0\t1.16.0     \tUpgrade complete",
        "3       \tThu Jan  1 00:00:00 2026\tdeployed  \tmychart-0.1.0\t1.16.0     \tRollback to 1   ",
        "",
      ].join("\n"),
    );
  });

  it("uninstalls the objects and the history", () => {
    expect(find(entries, "helm uninstall shop -n web").stdout).toBe('release "shop" uninstalled\n');
    const after = find(entries, "kubectl get deploy,svc,secrets -n web");
    expect(after.stdout).toBe("");
    expect(after.stderr).toBe("No resources found in web namespace.\n");
    expect(find(entries, "helm status shop -n web").stderr).toBe("Error: release: not found\n");
  });

  it("lets a Service drop its node ports when it becomes ClusterIP (dropTypeDependentFields)", () => {
    expect(find(entries, `kubectl patch svc np --type=merge -p '{"spec":{"type":"ClusterIP"}}'`).stdout).toBe(
      "service/np patched\n",
    );
  });

  it("has no network for repositories and says what is missing", () => {
    expect(find(entries, "helm repo add bitnami https://charts.bitnami.com/bitnami").stderr).toBe(
      'Error: looks like "https://charts.bitnami.com/bitnami" is not a valid chart repository or cannot be reached: Get "https://charts.bitnami.com/bitnami/index.yaml": dial tcp: lookup charts.bitnami.com on 127.0.0.53:53: no such host\n',
    );
    expect(find(entries, "helm install db bitnami/postgresql").stderr).toBe(
      "Error: INSTALLATION FAILED: repo bitnami not found\n",
    );
    expect(find(entries, "helm pull bitnami/nginx --untar").stderr).toBe("Error: repo bitnami not found\n");
    expect(find(entries, "helm install db ./nothere").stderr).toBe(
      'Error: INSTALLATION FAILED: path "./nothere" not found\n',
    );
    expect(find(entries, "helm upgrade ghost ./mychart").stderr).toBe(
      'Error: UPGRADE FAILED: "ghost" has no deployed releases\n',
    );
    expect(find(entries, "helm install Bad ./mychart").stderr).toBe(
      'Error: INSTALLATION FAILED: release name "Bad": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53\n',
    );
  });
});
