// dgkanatsios/CKAD-exercises h.helm.md and i.crd.md, typed as the pages show the solutions, on the
// cka scenario. Expected texts: what helm v3.16 and kubectl v1.32 print against a v1.32 kubeadm
// cluster (the upstream source named beside each). The bitnami exercises need the internet, which
// the simulated cluster does not have: helm says so as it does without a route to the repository.
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

describe("h.helm", () => {
  it("create a chart, install, upgrade with a values file, list, uninstall", () => {
    const r = run(`helm create chart-test
ls chart-test
helm install ct ./chart-test
helm list --pending -A
echo "replicaCount: 2" > myvalues.yaml
helm upgrade -f myvalues.yaml ct ./chart-test
kubectl get deploy ct-chart-test
helm list
helm uninstall -n default ct`);
    expect(r[0]?.stdout).toBe("Creating chart-test\n");
    expect(r[1]?.stdout).toBe("Chart.yaml  charts  templates  values.yaml\n");
    expect(last(r, "helm install").stdout).toMatch(
      /^NAME: ct\nLAST DEPLOYED: .*\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nNOTES:\n/,
    );
    // helm list's table (uitable, tab separated): nothing pending.
    expect(last(r, "helm list --pending").stdout).toBe(
      "NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n",
    );
    expect(last(r, "helm upgrade").stdout).toMatch(
      /^Release "ct" has been upgraded\. Happy Helming!\nNAME: ct\n/,
    );
    expect(last(r, "kubectl get deploy").stdout).toMatch(/\nct-chart-test +\d\/2 +2 +\d +\d+s\n$/);
    expect(last(r, "helm list\n".trim()).stdout).toMatch(
      /\nct +\tdefault +\t2 +\t.*\tdeployed\tchart-test-0\.1\.0\t1\.16\.0 +\n$/,
    );
    expect(last(r, "helm uninstall").stdout).toBe('release "ct" uninstalled\n');
  });

  it("bitnami's repository is out of reach: helm repo add fails, and the repo is unknown after", () => {
    const r = run(`helm repo add bitnami https://charts.bitnami.com/bitnami
helm show values bitnami/node | grep -i replica`);
    expect(r[0]?.exit).toBe(1);
    expect(r[0]?.stderr).toMatch(
      /^Error: looks like "https:\/\/charts\.bitnami\.com\/bitnami" is not a valid chart repository or cannot be reached: /,
    );
    expect(r[1]?.stderr).toBe("Error: repo bitnami not found\n");
  });
});

describe("i.crd", () => {
  it("the Operator CRD, an object of it, listed by plural, singular and short name", () => {
    const r = run(`kubectl apply -f - <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  # name must match the spec fields below, and be in the form: <plural>.<group>
  name: operators.stable.example.com
spec:
  group: stable.example.com
  versions:
    - name: v1
      served: true
      # One and only one version must be marked as the storage version.
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                email:
                  type: string
                name:
                  type: string
                age:
                  type: integer
  scope: Namespaced
  names:
    plural: operators
    singular: operator
    # kind is normally the CamelCased singular type. Your resource manifests use this.
    kind: Operator
    shortNames:
    - op
YAML
kubectl apply -f - <<'YAML'
apiVersion: stable.example.com/v1
kind: Operator
metadata:
  name: operator-sample
spec:
  email: operator-sample@stable.example.com
  name: "operator sample"
  age: 30
YAML
kubectl get operators
kubectl get operator
kubectl get op
kubectl describe op operator-sample`);
    expect(r[0]?.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/operators.stable.example.com created\n",
    );
    expect(r[1]?.stdout).toBe("operator.stable.example.com/operator-sample created\n");
    for (const e of r.slice(2, 5)) expect(e.stdout).toBe("NAME              AGE\noperator-sample   0s\n");
    // describe.go's generic describer: the object's fields, capitalised and spaced.
    expect(last(r, "kubectl describe").stdout).toMatch(
      /\nSpec:\n {2}Age: {4}30\n {2}Email: {2}operator-sample@stable\.example\.com\n {2}Name: {3}operator sample\nEvents: {3}<none>\n$/,
    );
  });
});
