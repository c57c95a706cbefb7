// A user with a client certificate as the docs task "Certificate Signing Requests > How to issue a
// certificate for a user" (kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#normal-user)
// and the CKA exercise type it, on the cka scenario. Expected texts: kubectl's printers.go
// (printCertificateSigningRequest), certificates.go (`approved`), the API server's x509
// authenticator and RBAC (forbidden.go), OpenSSL 3's apps (`subject=CN = ...`, `notAfter=...`).
import { describe, expect, it } from "vitest";
import { lastEntry as last, runOnCka as run } from "./cka";

const CSR = (name: string, file: string) => `cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: $(cat ${file} | base64 | tr -d "\\n")
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400  # one day
  usages:
  - client auth
EOF`;

describe("How to issue a certificate for a user", () => {
  it("signs the approved request and the user acts with their Role only", () => {
    const r = run(`openssl genrsa -out myuser.key 2048
openssl req -new -key myuser.key -out myuser.csr -subj "/CN=myuser"
${CSR("myuser", "myuser.csr")}
kubectl get csr
kubectl certificate approve myuser
kubectl get csr myuser
kubectl get csr myuser -o jsonpath='{.status.certificate}'| base64 -d > myuser.crt
openssl x509 -in myuser.crt -noout -subject -issuer
kubectl create role developer --verb=create --verb=get --verb=list --verb=update --verb=delete --resource=pods
kubectl create rolebinding developer-binding-myuser --role=developer --user=myuser
kubectl config set-credentials myuser --client-key=myuser.key --client-certificate=myuser.crt --embed-certs=true
kubectl config set-context myuser --cluster=kubernetes --user=myuser
kubectl config use-context myuser
kubectl auth whoami
kubectl get pods
kubectl get deployments
kubectl auth can-i delete pods`);
    expect(last(r, "openssl genrsa").exit).toBe(0);
    expect(last(r, "cat <<EOF").stdout).toBe(
      "certificatesigningrequest.certificates.k8s.io/myuser created\n",
    );
    expect(r.find((e) => e.command === "kubectl get csr")?.stdout).toMatch(
      /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\nmyuser\s+\d+s\s+kubernetes.io\/kube-apiserver-client\s+kubernetes-admin\s+24h\s+Pending\n$/,
    );
    expect(last(r, "kubectl certificate approve").stdout).toBe(
      "certificatesigningrequest.certificates.k8s.io/myuser approved\n",
    );
    expect(r.find((e) => e.command === "kubectl get csr myuser")?.stdout).toMatch(
      /myuser\s+.*\s+24h\s+Approved,Issued\n$/,
    );
    expect(last(r, "openssl x509").stdout).toBe("subject=CN = myuser\nissuer=CN = kubernetes\n");
    expect(last(r, "kubectl auth whoami").stdout).toMatch(
      /Username\s+myuser\nGroups\s+\[system:authenticated\]\n/,
    );
    expect(last(r, "kubectl get pods").stderr).toBe("No resources found in default namespace.\n");
    expect(last(r, "kubectl get deployments").stderr).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "myuser" cannot list resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    expect(last(r, "kubectl auth can-i").stdout).toBe("yes\n");
  });
});

describe("The CKA exercise: user jane in group dev", () => {
  it("issues jane's certificate with her group, and a self-signed one is Unauthorized", () => {
    const r = run(`openssl genrsa -out jane.key 2048
openssl req -new -key jane.key -out jane.csr -subj "/CN=jane/O=dev"
openssl req -in jane.csr -noout -subject
${CSR("jane", "jane.csr")}
kubectl certificate approve jane
kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt
openssl x509 -in jane.crt -noout -subject
kubectl create role pod-reader --verb=get,list --resource=pods -n default
kubectl create rolebinding jane-reads --role=pod-reader --group=dev -n default
kubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt
kubectl config set-context jane --cluster=kubernetes --user=jane --namespace=default
kubectl --context=jane get pods
kubectl --context=jane auth whoami
kubectl --context=jane get secrets
kubectl auth can-i list pods --as=jane --as-group=dev
kubectl auth can-i create pods --as=jane --as-group=dev
openssl x509 -req -in jane.csr -signkey jane.key -out self.crt -days 365
openssl x509 -req -in jane.csr -CA jane.crt -CAkey jane.key -CAcreateserial -out forged.crt -days 365
kubectl config set-credentials forged --client-key=jane.key --client-certificate=forged.crt
kubectl --user=forged get pods
kubectl get pods -A --no-headers | head -1`);
    expect(last(r, "openssl req -in").stdout).toBe("subject=CN = jane, O = dev\n");
    // The signer re-encodes the subject in Go's pkix.Name order (O before CN).
    expect(last(r, "openssl x509 -in jane.crt").stdout).toBe("subject=O = dev, CN = jane\n");
    expect(last(r, "kubectl --context=jane get pods").exit).toBe(0);
    expect(last(r, "kubectl --context=jane auth whoami").stdout).toMatch(
      /Username\s+jane\nGroups\s+\[dev system:authenticated\]\n/,
    );
    expect(last(r, "kubectl --context=jane get secrets").stderr).toBe(
      'Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"\n',
    );
    expect(last(r, "kubectl auth can-i list").stdout).toBe("yes\n");
    expect(last(r, "kubectl auth can-i create").stdout).toBe("no\n");
    expect(last(r, "kubectl --user=forged").stderr).toBe(
      "error: You must be logged in to the server (Unauthorized)\n",
    );
    // The admin kubeconfig's kubernetes-admin keeps full access.
    expect(last(r, "kubectl get pods -A").stdout).toMatch(/^kube-\S+\s+\S+\s+1\/1\s+Running/);
  });

  it("refuses a request that is not PEM, and a denied request gets no certificate", () => {
    const r = run(`cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: bad
spec:
  request: $(echo hello | base64)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
EOF
openssl genrsa -out k.key 2048
openssl req -new -key k.key -out k.csr -subj "/CN=bob"
${CSR("bob", "k.csr")}
kubectl certificate deny bob
kubectl certificate approve bob
kubectl get csr bob --no-headers`);
    expect(r[0]?.stderr).toBe(
      'The CertificateSigningRequest "bad" is invalid: spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xa}: PEM block type must be CERTIFICATE REQUEST\n',
    );
    expect(last(r, "kubectl certificate deny").stdout).toBe(
      "certificatesigningrequest.certificates.k8s.io/bob denied\n",
    );
    expect(last(r, "kubectl certificate approve").stderr).toBe(
      'error: certificate signing request "bob" is already denied\n',
    );
    expect(last(r, "kubectl get csr bob").stdout).toMatch(/\s+Denied\n$/);
  });
});

describe("The csrcleaner", () => {
  it("removes an issued request an hour after its approval", () => {
    const r = run(`openssl genrsa -out k.key 2048
openssl req -new -key k.key -out k.csr -subj "/CN=ann"
${CSR("ann", "k.csr")}
kubectl certificate approve ann
sleep 3500
kubectl get csr --no-headers
sleep 200
kubectl get csr`);
    expect(last(r, "kubectl get csr --no-headers").stdout).toMatch(/^ann\s+58m\s+.*Approved,Issued\n$/);
    expect(last(r, "kubectl get csr").stderr).toBe("No resources found\n");
  });
});

describe("The control plane's certificates", () => {
  it("are kubeadm's: CA ten years, leaves one year, with the API server's names", () => {
    const r = run(`openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -text | grep Not
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -subject -issuer
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -text | grep -A1 "Alternative Name"
openssl x509 -in /etc/kubernetes/pki/ca.crt -noout -enddate`);
    const [notBefore, notAfter] = r[0]?.stdout.split("\n") ?? [];
    expect(notBefore).toMatch(/^ {12}Not Before: \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/);
    expect(notAfter).toMatch(/^ {12}Not After : \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/);
    const year = (line: string | undefined) => Number(/(\d{4}) GMT/.exec(line ?? "")?.[1]);
    expect(year(notAfter) - year(notBefore)).toBeLessThanOrEqual(1);
    expect(r[1]?.stdout).toBe("subject=CN = kube-apiserver\nissuer=CN = kubernetes\n");
    expect(r[2]?.stdout).toContain(
      "DNS:controlplane, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP Address:10.96.0.1, IP Address:192.168.1.2",
    );
    expect(year(r[3]?.stdout) - year(notBefore)).toBe(10);
  });
});
