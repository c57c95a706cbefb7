// `kubectl kustomize` and `kubectl apply -k` as a CKA candidate types them on the controlplane of
// the cka scenario: files written with heredocs, a base and an overlay with a namePrefix and a
// configMapGenerator, then apply, get and delete. The expected build output is what kubectl
// v1.32.4 (kustomize v5.5.0) prints for the same files.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { runOnCka as run } from "./cka";

function all(entries: ReportEntry[], command: string): ReportEntry[] {
  return entries.filter((e) => e.command === command);
}

function find(entries: ReportEntry[], command: string): ReportEntry {
  const found = all(entries, command).at(-1);
  if (!found) throw new Error(`no command ${command}`);
  return found;
}

/** The files, as heredocs typed at the terminal. */
const KUSTOMIZE_FILES = `mkdir -p /root/app/base /root/app/overlay
cat > /root/app/base/deployment.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
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
            name: web-config
EOF
cat > /root/app/base/kustomization.yaml <<EOF
resources:
- deployment.yaml
configMapGenerator:
- name: web-config
  literals:
  - MODE=base
EOF
cat > /root/app/overlay/kustomization.yaml <<EOF
namePrefix: prod-
namespace: default
resources:
- ../base
labels:
- pairs:
    env: prod
images:
- name: nginx
  newTag: "1.27"
replicas:
- name: web
  count: 2
configMapGenerator:
- name: web-config
  behavior: merge
  literals:
  - MODE=prod
EOF`;

/** What kubectl v1.32.4 `kubectl kustomize overlay` printed for KUSTOMIZE_FILES. */
const BUILT = `apiVersion: v1
data:
  MODE: prod
kind: ConfigMap
metadata:
  labels:
    env: prod
  name: prod-web-config-2h42td9ggm
  namespace: default
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    env: prod
  name: prod-web
  namespace: default
spec:
  replicas: 2
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
            name: prod-web-config-2h42td9ggm
        image: nginx:1.27
        name: web
`;

describe("kubectl kustomize and apply -k", () => {
  it("builds an overlay, applies it, and deletes it", () => {
    const r = run(`${KUSTOMIZE_FILES}
kubectl kustomize /root/app/overlay
cd /root/app
kubectl apply -k overlay
kubectl apply -k overlay
kubectl get deploy prod-web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'
kubectl get -k overlay
kubectl label -k overlay tier=front
kubectl replace -k overlay
kubectl delete -k overlay
cd /root/app/overlay
kubectl kustomize
kubectl create -k .
kubectl create -k .
mkdir /root/empty
kubectl kustomize /root/empty
kubectl apply -k /root/empty
kubectl apply -k overlay -f x.yaml`);
    const built = find(r, "kubectl kustomize /root/app/overlay");
    expect(built.stderr).toBe("");
    expect(built.stdout).toBe(BUILT);
    const applies = all(r, "kubectl apply -k overlay");
    expect(applies[0]?.stdout).toBe(
      "configmap/prod-web-config-2h42td9ggm created\ndeployment.apps/prod-web created\n",
    );
    expect(applies[1]?.stdout).toBe(
      "configmap/prod-web-config-2h42td9ggm unchanged\ndeployment.apps/prod-web unchanged\n",
    );
    expect(r.find((e) => e.command.startsWith("kubectl get deploy prod-web"))?.stdout).toBe("2 nginx:1.27");
    expect(find(r, "kubectl get -k overlay").stdout).toMatch(
      /^NAME\s+DATA\s+AGE\nconfigmap\/prod-web-config-2h42td9ggm\s+1\s+\d+s\n\n?NAME\s+READY.*\ndeployment.apps\/prod-web\s/,
    );
    expect(find(r, "kubectl label -k overlay tier=front").stdout).toBe(
      "configmap/prod-web-config-2h42td9ggm labeled\ndeployment.apps/prod-web labeled\n",
    );
    expect(find(r, "kubectl replace -k overlay").stdout).toBe(
      "configmap/prod-web-config-2h42td9ggm replaced\ndeployment.apps/prod-web replaced\n",
    );
    expect(find(r, "kubectl delete -k overlay").stdout).toBe(
      'configmap "prod-web-config-2h42td9ggm" deleted\ndeployment.apps "prod-web" deleted\n',
    );
    expect(find(r, "kubectl kustomize").stdout).toBe(BUILT);
    const creates = all(r, "kubectl create -k .");
    expect(creates[0]?.stdout).toBe(
      "configmap/prod-web-config-2h42td9ggm created\ndeployment.apps/prod-web created\n",
    );
    expect(creates[1]?.stderr).toBe(
      'Error from server (AlreadyExists): error when creating ".": configmaps "prod-web-config-2h42td9ggm" already exists\nError from server (AlreadyExists): error when creating ".": deployments.apps "prod-web" already exists\n',
    );
    const notFound =
      "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/root/empty'";
    // `kubectl kustomize` returns its error to component-base's cli.run, which logs it with klog.
    const logged = find(r, "kubectl kustomize /root/empty");
    expect(logged.stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="/);
    expect(logged.stderr).toContain(`err="${notFound}"\n`);
    expect(logged.exit).toBe(1);
    expect(find(r, "kubectl apply -k /root/empty").stderr).toBe(`error: ${notFound}\n`);
    expect(find(r, "kubectl apply -k overlay -f x.yaml").stderr).toBe(
      "error: only one of -f or -k can be specified\n",
    );
  });
});
