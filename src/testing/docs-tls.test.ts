/**
 * TLS end to end as learners meet it. First "Connecting Applications with Services", section
 * "Securing the Service" (kubernetes.io tutorials/services/connect-applications-service.md; its
 * manifests service/networking/nginx-secure-app.yaml and curlpod.yaml written here exactly as the
 * page shows them), typed as written: the manual openssl step (the page's Windows path /d/tmp made
 * first), the tls Secret, the ConfigMap default.conf, the HTTPS nginx, `curl -k` to the pod IP and
 * `curl https://my-nginx --cacert /etc/nginx/ssl/tls.crt` from the curl pod. Then an Ingress with
 * spec.tls, curled with --resolve and --cacert as the ingress-nginx docs do. Expected texts: the
 * page's output, OpenSSL 3.0's apps (req, x509, s_client as OpenSSL 3.0.19 prints them), curl 8's
 * lib/vtls/openssl.c and tool_operate.c (CURLE_PEER_FAILED_VERIFICATION, 60), kubectl
 * create_secret_tls.go (Go crypto/tls errors), ingress-nginx backend_ssl.go and controller.go.
 */
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../cli/report";
import { lastEntry as last, runOnCka as run } from "./cka";

const DEFAULT_CONF = `server {
        listen 80 default_server;
        listen [::]:80 default_server ipv6only=on;

        listen 443 ssl;

        root /usr/share/nginx/html;
        index index.html;

        server_name localhost;
        ssl_certificate /etc/nginx/ssl/tls.crt;
        ssl_certificate_key /etc/nginx/ssl/tls.key;

        location / {
                try_files $uri $uri/ =404;
        }
}`;

const NGINX_SECURE_APP = `apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  type: NodePort
  ports:
  - port: 8080
    targetPort: 80
    protocol: TCP
    name: http
  - port: 443
    protocol: TCP
    name: https
  selector:
    run: my-nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  selector:
    matchLabels:
      run: my-nginx
  replicas: 1
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      volumes:
      - name: secret-volume
        secret:
          secretName: nginxsecret
      - name: configmap-volume
        configMap:
          name: nginxconfigmap
      containers:
      - name: nginxhttps
        image: bprashanth/nginxhttps:1.0
        ports:
        - containerPort: 443
        - containerPort: 80
        volumeMounts:
        - mountPath: /etc/nginx/ssl
          name: secret-volume
        - mountPath: /etc/nginx/conf.d
          name: configmap-volume`;

const CURLPOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: curl-deployment
spec:
  selector:
    matchLabels:
      app: curlpod
  replicas: 1
  template:
    metadata:
      labels:
        app: curlpod
    spec:
      volumes:
      - name: secret-volume
        secret:
          secretName: nginxsecret
      containers:
      - name: curlpod
        command:
        - sh
        - -c
        - while true; do sleep 1; done
        image: radial/busyboxplus:curl
        volumeMounts:
        - mountPath: /etc/nginx/ssl
          name: secret-volume`;

/** curl's text after a failed verification (tool_operate.c CURL_CA_CERT_ERRORMSG). */
const VERIFY_HELP =
  "More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n";

const byCommand = (r: ReportEntry[], command: string) => {
  const found = r.find((e) => e.command === command);
  if (!found) throw new Error(`no command ${command}`);
  return found;
};

describe("Connecting Applications with Services: Securing the Service", () => {
  const r = run(`mkdir -p /d/tmp
openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout /d/tmp/nginx.key -out /d/tmp/nginx.crt -subj "/CN=my-nginx/O=my-nginx"
cat /d/tmp/nginx.crt | base64
openssl x509 -in /d/tmp/nginx.crt -noout -subject -issuer -dates
openssl x509 -in /d/tmp/nginx.crt -noout -text
kubectl create secret tls nginxsecret --key /d/tmp/nginx.key --cert /d/tmp/nginx.crt
kubectl get secrets
cat > default.conf <<'EOF'
${DEFAULT_CONF}
EOF
kubectl create configmap nginxconfigmap --from-file=default.conf
kubectl get configmaps nginxconfigmap
cat > nginx-secure-app.yaml <<'EOF'
${NGINX_SECURE_APP}
EOF
kubectl delete deployments,svc my-nginx; kubectl create -f ./nginx-secure-app.yaml
sleep 30
kubectl get pods -l run=my-nginx -o custom-columns=POD_IP:.status.podIPs
curl -k https://$(kubectl get pods -l run=my-nginx -o jsonpath='{.items[0].status.podIP}')
curl https://$(kubectl get pods -l run=my-nginx -o jsonpath='{.items[0].status.podIP}')
cat > curlpod.yaml <<'EOF'
${CURLPOD}
EOF
kubectl apply -f ./curlpod.yaml
sleep 20
kubectl get pods -l app=curlpod
kubectl exec deploy/curl-deployment -- curl https://my-nginx --cacert /etc/nginx/ssl/tls.crt
kubectl exec deploy/curl-deployment -- curl -sv https://my-nginx --cacert /etc/nginx/ssl/tls.crt -o /dev/null
kubectl exec deploy/curl-deployment -- curl -s https://my-nginx
kubectl exec deploy/curl-deployment -- curl -s --cacert /etc/nginx/ssl/tls.crt https://my-nginx.default.svc
kubectl exec deploy/my-nginx -- nginx -t`);

  it("makes a self-signed certificate and key with openssl req -x509", () => {
    const req = last(r, "openssl req");
    expect(req.exit).toBe(0);
    // OpenSSL 3's keygen progress (two lines of . + *), then req's separator.
    expect(req.stderr).toMatch(/^([.+*]+\n){2}-----\n$/);
    expect(last(r, "cat /d/tmp/nginx.crt | base64").stdout).toMatch(/^LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t/);
    expect(last(r, "openssl x509 -in /d/tmp/nginx.crt -noout -subject").stdout).toMatch(
      /^subject=CN = my-nginx, O = my-nginx\nissuer=CN = my-nginx, O = my-nginx\nnotBefore=(\w{3} [ \d]\d \d\d:\d\d:\d\d (\d{4})) GMT\nnotAfter=\w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT\n$/,
    );
    const text = last(r, "openssl x509 -in /d/tmp/nginx.crt -noout -text").stdout;
    expect(text).toMatch(
      /^Certificate:\n {4}Data:\n {8}Version: 3 \(0x2\)\n {8}Serial Number:\n {12}([0-9a-f]{2}:){19}[0-9a-f]{2}\n/,
    );
    // Ubuntu's openssl.cnf [ v3_ca ]: SKI, AKI, critical CA:TRUE, as `req -x509` adds them.
    expect(text).toMatch(
      / {8}X509v3 extensions:\n {12}X509v3 Subject Key Identifier: \n {16}(([0-9A-F]{2}:){19}[0-9A-F]{2})\n {12}X509v3 Authority Key Identifier: \n {16}\1\n {12}X509v3 Basic Constraints: critical\n {16}CA:TRUE\n/,
    );
  });

  it("stores the pair in a kubernetes.io/tls Secret and the config in a ConfigMap", () => {
    expect(last(r, "kubectl create secret tls").stdout).toBe("secret/nginxsecret created\n");
    expect(last(r, "kubectl get secrets").stdout).toMatch(
      /^NAME +TYPE +DATA +AGE\nnginxsecret +kubernetes\.io\/tls +2 +\d+s\n$/,
    );
    expect(last(r, "kubectl create configmap").stdout).toBe("configmap/nginxconfigmap created\n");
  });

  it("runs bprashanth/nginxhttps:1.0 serving HTTPS with the Secret's certificate", () => {
    expect(last(r, "kubectl delete deployments,svc my-nginx; kubectl create").stdout).toBe(
      "service/my-nginx created\ndeployment.apps/my-nginx created\n",
    );
    const k = last(r, "curl -k https://");
    expect(k.exit).toBe(0);
    expect(k.stdout).toContain("<h1>Welcome to nginx!</h1>");
    // Without -k a self-signed certificate is refused (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT).
    const strict = last(r, "curl https://");
    expect(strict.exit).toBe(60);
    expect(strict.stderr).toMatch(/curl: \(60\) SSL certificate problem: self-signed certificate\n/);
    expect(strict.stderr.endsWith(VERIFY_HELP)).toBe(true);
  });

  it("trusts the self-signed certificate given as its own CA, by the Service's name", () => {
    expect(last(r, "kubectl get pods -l app=curlpod").stdout).toMatch(/curl-deployment-\S+ +1\/1 +Running/);
    const ok = byCommand(
      r,
      "kubectl exec deploy/curl-deployment -- curl https://my-nginx --cacert /etc/nginx/ssl/tls.crt",
    );
    expect(ok.exit).toBe(0);
    expect(ok.stdout).toContain("<title>Welcome to nginx!</title>");
    const v = last(r, "kubectl exec deploy/curl-deployment -- curl -sv").stderr;
    expect(v).toContain(
      "* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n*  CAfile: /etc/nginx/ssl/tls.crt\n*  CApath: /etc/ssl/certs\n",
    );
    expect(v).toContain("* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n");
    // No SAN: curl matches the CN (ossl_verifyhost's fallback).
    expect(v).toMatch(
      /\* Server certificate:\n\* {2}subject: CN=my-nginx; O=my-nginx\n\* {2}start date: .+ GMT\n\* {2}expire date: .+ GMT\n\* {2}common name: my-nginx \(matched\)\n\* {2}issuer: CN=my-nginx; O=my-nginx\n\* {2}SSL certificate verify ok\.\n/,
    );
    expect(v).toContain("< HTTP/1.1 200 OK\n< Server: nginx/1.9.9\n");
    expect(last(r, "kubectl exec deploy/curl-deployment -- curl -s https://my-nginx").stderr).toBe(
      "command terminated with exit code 60\n",
    );
    expect(last(r, "kubectl exec deploy/curl-deployment -- curl -s --cacert").stderr).toBe(
      "command terminated with exit code 60\n",
    );
  });

  it("tests its configuration, and names the file it cannot load", () => {
    expect(last(r, "kubectl exec deploy/my-nginx -- nginx -t").stderr).toBe(
      "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n",
    );
  });
});

describe("An Ingress with TLS: the Secret's certificate for its host, the fake one otherwise", () => {
  const r =
    run(`kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.11.3/deploy/static/provider/baremetal/deploy.yaml
kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=120s
NP=$(kubectl get svc -n ingress-nginx ingress-nginx-controller -o jsonpath='{.spec.ports[?(@.name=="https")].nodePort}')
NODE=$(kubectl get nodes node01 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')
kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
kubectl expose deployment web --port=8080
openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=hello-world.example/O=hello" -addext "subjectAltName=DNS:hello-world.example"
openssl x509 -in tls.crt -noout -ext subjectAltName
kubectl create secret tls hello-tls --key tls.key --cert tls.crt
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  tls:
  - hosts:
      - hello-world.example
    secretName: hello-tls
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080
EOF
sleep 20
curl -s --cacert tls.crt --resolve hello-world.example:$NP:$NODE https://hello-world.example:$NP/
curl -sv --cacert tls.crt --resolve hello-world.example:$NP:$NODE https://hello-world.example:$NP/ -o /dev/null
curl --cacert tls.crt --resolve other.example:$NP:$NODE https://other.example:$NP/
curl -s https://$NODE:$NP/
openssl s_client -connect $NODE:$NP -servername hello-world.example -CAfile tls.crt </dev/null
openssl s_client -connect $NODE:$NP </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName
kubectl run bb --image=busybox:1.36 --restart=Never -- sleep 3600
sleep 10
kubectl exec bb -- wget -O- https://ingress-nginx-controller.ingress-nginx.svc --header 'Host: hello-world.example'
kubectl patch ingress example-ingress --type=json -p '[{"op":"replace","path":"/spec/tls/0/secretName","value":"missing-tls"}]'
sleep 5
curl --cacert tls.crt --resolve hello-world.example:$NP:$NODE https://hello-world.example:$NP/
kubectl logs -n ingress-nginx deploy/ingress-nginx-controller | grep -E "^W"`);

  it("adds the SAN asked with -addext", () => {
    expect(last(r, "openssl x509 -in tls.crt").stdout).toBe(
      "X509v3 Subject Alternative Name: \n    DNS:hello-world.example\n",
    );
  });

  it("serves the Secret's certificate for the host named by SNI", () => {
    expect(last(r, "curl -s --cacert").stdout).toMatch(
      /^Hello, world!\nVersion: 1\.0\.0\nHostname: web-\S+\n$/,
    );
    const v = last(r, "curl -sv").stderr;
    expect(v).toMatch(
      /^\* Added hello-world\.example:\d+:192\.168\.1\.3 to DNS cache\n\* Hostname hello-world\.example was found in DNS cache\n/,
    );
    expect(v).toContain(
      '*  subjectAltName: host "hello-world.example" matched cert\'s "hello-world.example"\n',
    );
    const s = last(r, "openssl s_client -connect $NODE:$NP -servername");
    expect(s.stdout).toMatch(
      /^CONNECTED\(00000003\)\n---\nCertificate chain\n 0 s:CN = hello-world\.example, O = hello\n {3}i:CN = hello-world\.example, O = hello\n {3}a:PKEY: rsaEncryption, 2048 \(bit\); sigalg: RSA-SHA256\n/,
    );
    expect(s.stdout).toContain("Verification: OK\n");
    expect(s.stdout).toContain("Verify return code: 0 (ok)\n---\n");
    expect(s.stderr).toBe("depth=0 CN = hello-world.example, O = hello\nverify return:1\nDONE\n");
  });

  it("lets busybox wget in without checking, saying so", () => {
    const w = last(r, "kubectl exec bb -- wget");
    expect(w.stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\n/);
    // networking/wget.c spawn_ssl_client: busybox's TLS client validates no certificate.
    expect(w.stderr).toMatch(
      /^Connecting to ingress-nginx-controller\.ingress-nginx\.svc \(10\.\d+\.\d+\.\d+:443\)\nwget: note: TLS certificate validation not implemented\nwriting to stdout\n/,
    );
  });

  it("serves the fake certificate to another name, or none", () => {
    const other = last(r, "curl --cacert tls.crt --resolve other.example");
    expect(other.exit).toBe(60);
    expect(other.stderr).toMatch(/curl: \(60\) SSL certificate problem: self-signed certificate\n/);
    expect(last(r, "curl -s https://").exit).toBe(60);
    expect(last(r, "openssl s_client -connect $NODE:$NP </dev/null").stdout).toBe(
      "subject=O = Acme Co, CN = Kubernetes Ingress Controller Fake Certificate\nX509v3 Subject Alternative Name: \n    DNS:ingress.local\n",
    );
  });

  it("falls back to the fake certificate when the Secret is missing, and says so", () => {
    const after = last(r, "curl --cacert tls.crt --resolve hello-world.example");
    expect(after.exit).toBe(60);
    expect(after.stderr).toMatch(/SSL certificate problem: self-signed certificate/);
    expect(last(r, "kubectl logs").stdout).toMatch(
      /^W\d{4} [\d:.]+ +7 backend_ssl\.go:47\] Error obtaining X\.509 certificate: no object matching key "default\/missing-tls" in local store\nW\d{4} [\d:.]+ +7 controller\.go:1372\] Error getting SSL certificate "default\/missing-tls": local SSL certificate default\/missing-tls was not found\. Using default certificate\n$/,
    );
  });
});

describe("A server certificate signed by your own CA, with SANs from an extfile", () => {
  const r = run(`openssl genrsa -out ca.key 2048
openssl req -new -x509 -key ca.key -days 3650 -subj "/CN=my-ca" -out ca.crt
openssl genrsa -out web.key 2048
openssl req -new -key web.key -subj "/CN=web" -out web.csr
printf 'subjectAltName = DNS:web, DNS:web.default.svc.cluster.local\\nextendedKeyUsage = serverAuth\\n' > web.ext
openssl x509 -req -in web.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile web.ext -out web.crt
openssl x509 -in web.crt -noout -text | sed -n '/X509v3 extensions/,/Signature Algorithm/p'
openssl x509 -noout -modulus -in web.crt | openssl md5
openssl rsa -noout -modulus -in web.key | openssl md5
openssl x509 -req -in web.csr -CA ca.crt -CAkey ca.key -set_serial 42 -out web42.crt
openssl x509 -in web42.crt -noout -serial -issuer
cat ca.srl
kubectl create secret tls web-tls --cert web.crt --key ca.key
kubectl create secret tls web-tls --cert web.crt --key web.key
kubectl create configmap web-conf --from-literal=default.conf='server { listen 443 ssl; ssl_certificate /etc/tls/tls.crt; ssl_certificate_key /etc/tls/tls.key; root /usr/share/nginx/html; }'
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  volumes:
  - name: tls
    secret:
      secretName: web-tls
  - name: conf
    configMap:
      name: web-conf
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - mountPath: /etc/tls
      name: tls
    - mountPath: /etc/nginx/conf.d
      name: conf
EOF
kubectl expose pod web --port=443
sleep 15
IP=$(kubectl get svc web -o jsonpath='{.spec.clusterIP}')
curl -s --cacert ca.crt --resolve web:443:$IP https://web/ -o /dev/null -w '%{http_code}\\n'
curl -sS --cacert ca.crt https://$IP/
curl -sS --resolve web:443:$IP https://web/
openssl s_client -connect $IP:443 -servername web -CAfile ca.crt </dev/null
openssl s_client -connect $IP:443 </dev/null`);

  it("signs with the file's extensions, then OpenSSL's SKI and AKI", () => {
    expect(last(r, "openssl x509 -req").stderr).toBe(
      "Certificate request self-signature ok\nsubject=CN = web\n",
    );
    expect(last(r, "openssl x509 -in web.crt").stdout).toMatch(
      /^ {8}X509v3 extensions:\n {12}X509v3 Subject Alternative Name: \n {16}DNS:web, DNS:web\.default\.svc\.cluster\.local\n {12}X509v3 Extended Key Usage: \n {16}TLS Web Server Authentication\n {12}X509v3 Subject Key Identifier: \n {16}[0-9A-F:]{59}\n {12}X509v3 Authority Key Identifier: \n {16}[0-9A-F:]{59}\n {4}Signature Algorithm: sha256WithRSAEncryption\n$/,
    );
    const crt = last(r, "openssl x509 -noout -modulus").stdout;
    expect(crt).toMatch(/^MD5\(stdin\)= [0-9a-f]{32}\n$/);
    expect(last(r, "openssl rsa -noout -modulus").stdout).toBe(crt);
    // -CAcreateserial wrote a random 159-bit serial; -set_serial takes its number and leaves the file.
    expect(last(r, "openssl x509 -in web42.crt").stdout).toBe("serial=2A\nissuer=CN = my-ca\n");
    expect(last(r, "cat ca.srl").stdout).toMatch(/^[0-9A-F]{2,40}\n$/);
  });

  it("refuses a Secret whose key is not the certificate's", () => {
    expect(byCommand(r, "kubectl create secret tls web-tls --cert web.crt --key ca.key").stderr).toBe(
      "error: tls: private key does not match public key\n",
    );
    expect(byCommand(r, "kubectl create secret tls web-tls --cert web.crt --key web.key").stdout).toBe(
      "secret/web-tls created\n",
    );
  });

  it("verifies the chain to the CA and the name against the SANs", () => {
    expect(last(r, "curl -s --cacert ca.crt --resolve").stdout).toBe("200\n");
    const byIp = last(r, "curl -sS --cacert ca.crt https://");
    expect(byIp.exit).toBe(60);
    expect(byIp.stderr).toMatch(
      /^curl: \(60\) SSL: no alternative certificate subject name matches target host name '10\.\d+\.\d+\.\d+'\nMore details here/,
    );
    expect(last(r, "curl -sS --resolve").stderr).toMatch(
      /^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\nMore details here/,
    );
    const withCa = last(r, "openssl s_client -connect $IP:443 -servername");
    expect(withCa.stderr).toBe(
      "depth=1 CN = my-ca\nverify return:1\ndepth=0 CN = web\nverify return:1\nDONE\n",
    );
    expect(withCa.stdout).toContain(" 0 s:CN = web\n   i:CN = my-ca\n");
    const without = last(r, "openssl s_client -connect $IP:443 </dev/null");
    expect(without.stderr).toBe(
      "depth=0 CN = web\nverify error:num=20:unable to get local issuer certificate\nverify return:1\ndepth=0 CN = web\nverify error:num=21:unable to verify the first certificate\nverify return:1\ndepth=0 CN = web\nverify return:1\nDONE\n",
    );
    expect(without.stdout).toContain("Verification error: unable to verify the first certificate\n");
    expect(without.stdout).toContain("Verify return code: 21 (unable to verify the first certificate)\n");
  });
});

describe("The API server's serving certificate, as a pod and the workstation verify it", () => {
  const r = run(`kubectl run c --image=curlimages/curl -- sleep 3600
sleep 10
kubectl exec c -- sh -c 'curl -sv --cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt https://kubernetes.default.svc/healthz'
kubectl exec c -- curl -sS https://kubernetes.default.svc/healthz
openssl s_client -connect 192.168.1.2:6443 -CAfile /etc/kubernetes/pki/ca.crt </dev/null`);

  it("presents kubeadm's apiserver.crt, issued by the cluster CA", () => {
    const v = last(r, "kubectl exec c -- sh -c").stderr;
    expect(v).toMatch(
      /\* Server certificate:\n\* {2}subject: CN=kube-apiserver\n\* {2}start date: .+\n\* {2}expire date: .+\n\* {2}subjectAltName: host "kubernetes\.default\.svc" matched cert's "kubernetes\.default\.svc"\n\* {2}issuer: CN=kubernetes\n\* {2}SSL certificate verify ok\.\n/,
    );
    expect(last(r, "kubectl exec c -- curl -sS").stderr).toMatch(
      /^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\n/,
    );
    const s = last(r, "openssl s_client");
    expect(s.stderr).toBe(
      "depth=1 CN = kubernetes\nverify return:1\ndepth=0 CN = kube-apiserver\nverify return:1\nDONE\n",
    );
    expect(s.stdout).toContain("Verify return code: 0 (ok)\n");
  });
});
