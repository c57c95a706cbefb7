/**
 * The docs task "Access the Kubernetes API from a Pod" (tasks/run-application/access-api-from-pod,
 * "Without using a proxy"), typed as the page shows it, and what the API server answers around it:
 * the `kubernetes` Service's endpoints (the API server's endpoint reconciler), the service account
 * token authenticated and authorized by RBAC, curl's certificate checks. Expected texts: the
 * page's output, apiserver's Status objects (apimachinery errors.go NewForbidden/NewUnauthorized,
 * authorization forbidden.go) and curl 8's error 60 text.
 */
import { describe, expect, it } from "vitest";
import { lastEntry, runOnCka } from "./cka";

const POD = "kubectl run c --image=curlimages/curl -- sleep 3600\nsleep 8\n";
const SA = "/var/run/secrets/kubernetes.io/serviceaccount";

describe("Access the Kubernetes API from a Pod", () => {
  it("answers the page's request with the service account's token and the root CA", () => {
    const entries = runOnCka(
      `kubectl get endpoints kubernetes
${POD}kubectl exec c -- sh -c 'APISERVER=https://kubernetes.default.svc; SERVICEACCOUNT=${SA}; NAMESPACE=$(cat \${SERVICEACCOUNT}/namespace); TOKEN=$(cat \${SERVICEACCOUNT}/token); CACERT=\${SERVICEACCOUNT}/ca.crt; curl -s --cacert \${CACERT} --header "Authorization: Bearer \${TOKEN}" -X GET \${APISERVER}/api'
`,
    );
    expect(lastEntry(entries, "kubectl get endpoints").stdout).toMatch(
      /^NAME {9}ENDPOINTS {10}AGE\nkubernetes {3}192\.168\.1\.2:6443 {3}\d+m\n$/,
    );
    // The page's output.
    expect(lastEntry(entries, "kubectl exec").stdout).toBe(
      `{
  "kind": "APIVersions",
  "versions": [
    "v1"
  ],
  "serverAddressByClientCIDRs": [
    {
      "clientCIDR": "0.0.0.0/0",
      "serverAddress": "192.168.1.2:6443"
    }
  ]
}`,
    );
  });

  it("authorizes with RBAC: the default service account may list pods only once bound to a role", () => {
    const list = `kubectl exec c -- sh -c 'TOKEN=$(cat ${SA}/token); curl -s --cacert ${SA}/ca.crt -H "Authorization: Bearer $TOKEN" https://kubernetes.default.svc/api/v1/namespaces/default/pods'`;
    const entries = runOnCka(
      `${POD}${list}\nkubectl create rolebinding sa-view --clusterrole=view --serviceaccount=default:default\n${list}`,
    );
    const [denied, allowed] = entries.filter((e) => e.command.startsWith("kubectl exec"));
    expect(JSON.parse(denied?.stdout ?? "")).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: "Forbidden",
      details: { kind: "pods" },
      code: 403,
    });
    const pods = JSON.parse(allowed?.stdout ?? "") as {
      kind: string;
      items: { metadata: { name: string } }[];
    };
    expect(pods.kind).toBe("PodList");
    expect(pods.items.map((p) => p.metadata.name)).toEqual(["c"]);
  });

  it("refuses what the API server refuses: no credentials, a forged token; curl checks the certificate", () => {
    const entries = runOnCka(
      `${POD}kubectl exec c -- curl -sk https://kubernetes.default.svc/api
kubectl exec c -- curl -sk -H "Authorization: Bearer not-a-token" https://kubernetes.default.svc/api
kubectl exec c -- curl -sk https://kubernetes.default.svc/version
kubectl exec c -- curl -sS https://kubernetes.default.svc/api
kubectl exec c -- curl -sS --cacert ${SA}/ca.crt https://192.168.1.2:6443/livez
kubectl exec c -- curl -sS --cacert ${SA}/ca.crt https://10-96-0-1.default.pod.cluster.local/livez
`,
    );
    const execs = entries.filter((e) => e.command.startsWith("kubectl exec"));
    expect(JSON.parse(execs[0]?.stdout ?? "")).toMatchObject({
      message: 'forbidden: User "system:anonymous" cannot get path "/api"',
      reason: "Forbidden",
      details: {},
      code: 403,
    });
    // NewUnauthorized carries no details.
    expect(JSON.parse(execs[1]?.stdout ?? "")).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    });
    // /version is public (system:public-info-viewer binds system:unauthenticated).
    expect(JSON.parse(execs[2]?.stdout ?? "")).toMatchObject({ major: "1", minor: "32" });
    expect(execs[3]?.stderr).toBe(
      "curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\ncommand terminated with exit code 60\n",
    );
    expect(execs[4]?.stdout).toBe("ok");
    // A name that reaches the API server but is not in its certificate.
    expect(execs[5]?.stderr).toMatch(
      /^curl: \(60\) SSL: no alternative certificate subject name matches target host name '10-96-0-1\.default\.pod\.cluster\.local'\n/,
    );
    expect(execs[5]?.exit).toBe(60);
  });
});
