/**
 * Documentation tasks typed as kubernetes.io shows them, on the cka cluster, with the example
 * manifests fetched from their URLs (bundled, served offline).
 */
import { describe, expect, it } from "vitest";
import { lastEntry, runOnCka } from "../../testing/cka";

describe("docs tasks with -f https://k8s.io/examples/...", () => {
  it("Configure Liveness Probes: the exec probe restarts the container once /tmp/healthy is gone", () => {
    const entries = runOnCka(`kubectl apply -f https://k8s.io/examples/pods/probe/exec-liveness.yaml
sleep 20
kubectl describe pod liveness-exec
sleep 60
kubectl get pod liveness-exec`);
    expect(lastEntry(entries, "kubectl apply").stdout).toBe("pod/liveness-exec created\n");
    expect(lastEntry(entries, "kubectl get pod").stdout).toMatch(/liveness-exec +1\/1 +Running +1 \(/);
  });

  it("Define Environment Variables for a Container", () => {
    const entries = runOnCka(`kubectl apply -f https://k8s.io/examples/pods/inject/envars.yaml
sleep 20
kubectl exec envar-demo -- printenv DEMO_GREETING`);
    expect(lastEntry(entries, "kubectl apply").stdout).toBe("pod/envar-demo created\n");
    expect(lastEntry(entries, "kubectl exec").stdout).toBe("Hello from the environment\n");
  });

  it("Configure a Pod to Use a ConfigMap: create -f, get -f and delete -f take the URL too", () => {
    const url = "https://kubernetes.io/examples/configmap/configmaps.yaml";
    const entries = runOnCka(`kubectl create -f ${url}
kubectl get -f ${url}
kubectl create -f https://kubernetes.io/examples/pods/pod-multiple-configmap-env-variable.yaml
sleep 20
kubectl logs dapi-test-pod
kubectl delete -f ${url}`);
    expect(lastEntry(entries, "kubectl create -f https://kubernetes.io/examples/configmap").stdout).toBe(
      "configmap/special-config created\nconfigmap/env-config created\n",
    );
    expect(lastEntry(entries, "kubectl get -f").stdout).toMatch(
      /^NAME +DATA +AGE\nspecial-config +1 .*\nenv-config +1 /,
    );
    const env = lastEntry(entries, "kubectl logs").stdout;
    expect(env).toContain("SPECIAL_LEVEL_KEY=very\n");
    expect(env).toContain("LOG_LEVEL=INFO\n");
    expect(lastEntry(entries, "kubectl delete -f").stdout).toBe(
      'configmap "special-config" deleted\nconfigmap "env-config" deleted\n',
    );
  });

  it("Assign Memory Resources: the namespaced example into the namespace the page creates", () => {
    const entries = runOnCka(`kubectl create namespace mem-example
kubectl apply -f https://k8s.io/examples/pods/resource/memory-request-limit.yaml --namespace=mem-example
kubectl get pod memory-demo --namespace=mem-example -o jsonpath='{.spec.containers[0].resources}'`);
    expect(lastEntry(entries, "kubectl apply").stdout).toBe("pod/memory-demo created\n");
    expect(JSON.parse(lastEntry(entries, "kubectl get pod").stdout)).toEqual({
      limits: { memory: "200Mi" },
      requests: { memory: "100Mi" },
    });
  });

  it("a missing example fails as kubectl does on the site's 404, and creates nothing", () => {
    const entries = runOnCka(`kubectl apply -f https://k8s.io/examples/pods/no-such.yaml
kubectl get pods`);
    const apply = lastEntry(entries, "kubectl apply");
    expect(apply.stderr).toBe(
      'error: unable to read URL "https://k8s.io/examples/pods/no-such.yaml", server reported 404 Not Found, status code=404\n',
    );
    expect(apply.exit).toBe(1);
    expect(lastEntry(entries, "kubectl get pods").stderr).toBe("No resources found in default namespace.\n");
  });
});

describe("Run a Stateless Application Using a Deployment", () => {
  it("applies, updates and scales the Deployment from raw.githubusercontent.com and k8s.io", () => {
    const raw = "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples";
    const entries = runOnCka(`kubectl apply -f ${raw}/application/deployment.yaml
kubectl apply -f https://k8s.io/examples/application/deployment-update.yaml
kubectl apply -f https://k8s.io/examples/application/deployment-scale.yaml
sleep 60
kubectl get deployment nginx-deployment -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image} {.status.readyReplicas}'`);
    expect(lastEntry(entries, `kubectl apply -f ${raw}`).stdout).toBe(
      "deployment.apps/nginx-deployment created\n",
    );
    expect(
      lastEntry(entries, "kubectl apply -f https://k8s.io/examples/application/deployment-update").stdout,
    ).toBe("deployment.apps/nginx-deployment configured\n");
    expect(lastEntry(entries, "kubectl get deployment").stdout).toBe("4 nginx:1.16.1 4");
  });
});
