// `kubectl create ingress`: expected texts are what the real kubectl v1.32.4 client prints for the
// same command lines with --dry-run=client (offline), and create_ingress.go's Validate errors.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

describe("kubectl create ingress --dry-run=client", () => {
  it("builds rules, tls, class, annotations and the default backend in kubectl's field order", () => {
    const t = new TestCluster();
    const r = t.kubectl(
      `create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --rule="/path*=svc2:http" --class=nginx --annotation=a=b --default-backend=defsvc:80 --dry-run=client -o json`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`{
    "kind": "Ingress",
    "apiVersion": "networking.k8s.io/v1",
    "metadata": {
        "name": "simple",
        "creationTimestamp": null,
        "annotations": {
            "a": "b"
        }
    },
    "spec": {
        "ingressClassName": "nginx",
        "defaultBackend": {
            "service": {
                "name": "defsvc",
                "port": {
                    "number": 80
                }
            }
        },
        "tls": [
            {
                "hosts": [
                    "foo.com"
                ],
                "secretName": "my-cert"
            }
        ],
        "rules": [
            {
                "host": "foo.com",
                "http": {
                    "paths": [
                        {
                            "path": "/bar",
                            "pathType": "Exact",
                            "backend": {
                                "service": {
                                    "name": "svc1",
                                    "port": {
                                        "number": 8080
                                    }
                                }
                            }
                        }
                    ]
                }
            },
            {
                "http": {
                    "paths": [
                        {
                            "path": "/path",
                            "pathType": "Prefix",
                            "backend": {
                                "service": {
                                    "name": "svc2",
                                    "port": {
                                        "name": "http"
                                    }
                                }
                            }
                        }
                    ]
                }
            }
        ]
    },
    "status": {
        "loadBalancer": {}
    }
}
`);
  });

  it("merges paths of one host and groups tls hosts by secret (the upstream examples)", () => {
    const t = new TestCluster();
    const r = t.kubectl(
      `create ingress ingtls --class=default --rule="foo.com/=svc:https,tls" --rule="foo.com/path/subpath*=othersvc:8080" --rule="bar.com/*=svc:8080,tls=secret1" --rule="baz.com/*=svc:8080,tls=secret1" --dry-run=client -o yaml`,
    );
    expect(r.stdout).toBe(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: ingtls
spec:
  ingressClassName: default
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              name: https
        path: /
        pathType: Exact
      - backend:
          service:
            name: othersvc
            port:
              number: 8080
        path: /path/subpath
        pathType: Prefix
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              number: 8080
        path: /
        pathType: Prefix
  - host: baz.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              number: 8080
        path: /
        pathType: Prefix
  tls:
  - hosts:
    - foo.com
  - hosts:
    - bar.com
    - baz.com
    secretName: secret1
status:
  loadBalancer: {}
`);
    expect(t.kubectl(`create ing x --rule="a.com/=svc:80" --dry-run=client`).stdout).toBe(
      "ingress.networking.k8s.io/x created (dry run)\n",
    );
  });

  it("refuses what Validate refuses, with its messages", () => {
    const t = new TestCluster();
    const err = (args: string) => t.kubectl(`create ingress ${args} --dry-run=client`).stderr;
    expect(err("x")).toBe(
      "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n",
    );
    expect(err(`x --rule="foo.com=svc:80"`)).toBe(
      "error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n",
    );
    expect(err(`x --rule="foo.com/a=svc"`)).toBe(
      "error: rule foo.com/a=svc is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n",
    );
    expect(err(`x --rule="a/=s:1" --annotation=bad`)).toBe(
      "error: annotation bad is invalid and should be in format key=[value]\n",
    );
    expect(err(`x --rule="a/=s:1" --default-backend=foo`)).toBe(
      "error: default-backend should be in format servicename:serviceport\n",
    );
    expect(err("")).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create ingress -h' for help and examples\n",
    );
  });
});

describe("kubectl create ingress against the API server", () => {
  it("creates the object with its status, and wraps server errors as create_ingress.go does", () => {
    const t = new TestCluster();
    expect(t.kubectl(`create ingress web --rule="foo.com/=web:80"`).stdout).toBe(
      "ingress.networking.k8s.io/web created\n",
    );
    const ing = t.cluster.api.get("Ingress", "default", "web");
    expect(ing?.status).toEqual({ loadBalancer: {} });
    expect(ing?.metadata.generation).toBe(1);
    expect(t.kubectl(`create ingress web --rule="foo.com/=web:80"`).stderr).toBe(
      'error: failed to create ingress: ingresses.networking.k8s.io "web" already exists\n',
    );
    expect(t.kubectl(`create ingress bad --rule="Foo.com/=web:80"`).stderr).toBe(
      `error: failed to create ingress: Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].host: Invalid value: "Foo.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
  });
});
