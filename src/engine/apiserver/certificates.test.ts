// CertificateSigningRequest on the API server and the signer. Texts come from
// pkg/apis/certificates/validation/validation.go (validateCertificateSigningRequest,
// validateConditions, validateCertificateSigningRequestUpdate), pkg/apis/core/validation's
// ValidateSignerName, certificates.ParseCSR ("PEM block type must be CERTIFICATE REQUEST"),
// pkg/controller/certificates/signer/signer.go (validAPIServerClientUsages) and
// pkg/controller/certificates/cleaner/cleaner.go (the deadlines).
import { describe, expect, it } from "vitest";
import type { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { clone } from "../api/types";
import { Rng } from "../clock/random";
import { cleanupDeadline, validateAPIServerClientUsages } from "../controllers/certificates/signer";
import { createCluster } from "../index";
import { encodePem } from "../pki/pem";
import { createRequest, generateKey } from "../pki/x509";
import { encodeBase64 } from "../sh/applets/codec";
import { validateCertificateSigningRequest } from "./certificates";

const key = generateKey(new Rng(3));
const pem = encodePem("CERTIFICATE REQUEST", createRequest([{ type: "CN", value: "jane" }], key));
const request = encodeBase64(new TextEncoder().encode(pem));

function csr(spec: Record<string, unknown>, name = "jane"): KubeObject {
  return {
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { name },
    spec: { request, signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"], ...spec },
  } as KubeObject;
}

function messages(obj: KubeObject): string[] {
  return validateCertificateSigningRequest(obj).map((c) => `${c.field}: ${c.message}`);
}

describe("validateCertificateSigningRequest", () => {
  it.each([
    [{ signerName: undefined }, "spec.signerName: Required value"],
    [
      { signerName: "nodomain" },
      "spec.signerName: Invalid value: \"nodomain\": must be a fully qualified domain and path of the form 'example.com/signer-name'",
    ],
    [
      { signerName: "kubernetes.io/legacy-unknown" },
      'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version',
    ],
    [{ usages: [] }, "spec.usages: Required value"],
    [{ usages: ["client auth", "client auth"] }, 'spec.usages[1]: Duplicate value: "client auth"'],
    [
      { expirationSeconds: 599 },
      "spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)",
    ],
  ])("%j", (spec, want) => {
    expect(messages(csr(spec))).toEqual([want]);
  });

  it("lists the supported usages for an unknown one", () => {
    expect(messages(csr({ usages: ["client"] }))[0]).toMatch(
      /^spec\.usages\[0\]: Unsupported value: "client": supported values: "any", "cert sign", "client auth", .*"timestamping"$/,
    );
  });

  it("refuses a request that is not a PEM CERTIFICATE REQUEST, printing its bytes as Go's %#v", () => {
    const bad = csr({ request: encodeBase64(new TextEncoder().encode("hi")) });
    expect(messages(bad)).toEqual([
      "spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST",
    ]);
  });

  it("accepts the docs' request", () => {
    expect(messages(csr({ expirationSeconds: 86400 }))).toEqual([]);
  });
});

describe("the API server's CSR strategy", () => {
  it("records the requestor, defaults usages, and keeps Approved and Denied to /approval", () => {
    const cluster = createCluster();
    const api = cluster.api;
    const created = api.create(csr({ usages: undefined }), {
      user: { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] },
    }) as KubeObject & { spec: Record<string, unknown> };
    expect(created.spec.username).toBe("kubernetes-admin");
    expect(created.spec.groups).toEqual(["kubeadm:cluster-admins", "system:authenticated"]);
    expect(created.spec.usages).toEqual(["digital signature", "key encipherment"]);
    const approved = clone(created);
    approved.status = { conditions: [{ type: "Approved", status: "True", reason: "R" }] };
    expect(() => api.updateStatus(approved)).toThrow(
      'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions: Forbidden: updates may not add a condition of type "Approved"',
    );
    const stored = api.updateApproval(approved);
    expect(stored.status?.conditions?.[0]?.lastUpdateTime).toBe(cluster.clock.timestamp());
    const both = clone(stored);
    both.status?.conditions?.push({ type: "Denied", status: "True" });
    try {
      api.updateApproval(both);
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).message).toContain(
        'status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
      );
    }
  });

  it("rejects a request without the PEM block, naming the kind as the API server does", () => {
    const cluster = createCluster();
    expect(() => cluster.api.create(csr({ request: encodeBase64(new TextEncoder().encode("x")) }))).toThrow(
      'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.request: Invalid value: []byte{0x78}: PEM block type must be CERTIFICATE REQUEST',
    );
  });
});

describe("the signer's and cleaner's rules", () => {
  it.each([
    [["client auth"], undefined],
    [["digital signature", "key encipherment", "client auth"], undefined],
    [["server auth", "client auth"], "invalid usage for client certificate: server auth"],
    [["digital signature"], "missing required usage for client certificate: client auth"],
  ])("kube-apiserver-client usages %j", (usages, want) => {
    expect(validateAPIServerClientUsages(usages)).toBe(want);
  });

  it("pending requests go after 24h, answered ones an hour after their condition", () => {
    const created = "2026-01-01T00:00:00Z";
    const t0 = Date.parse(created);
    expect(cleanupDeadline({ metadata: { creationTimestamp: created } })).toBe(t0 + 24 * 3_600_000);
    const denied = {
      metadata: { creationTimestamp: created },
      status: { conditions: [{ type: "Denied", lastUpdateTime: created }] },
    };
    expect(cleanupDeadline(denied)).toBe(t0 + 3_600_000);
    const approvedOnly = {
      metadata: { creationTimestamp: created },
      status: { conditions: [{ type: "Approved", lastUpdateTime: created }] },
    };
    expect(cleanupDeadline(approvedOnly)).toBeUndefined();
  });
});
