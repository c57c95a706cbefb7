// kubectl get csr's CONDITION column: extractCSRStatus in pkg/printers/internalversion/printers.go
// (cases from printers_test.go TestPrintCertificateSigningRequest: Pending, Approved,
// Approved,Issued, Denied; plus Failed).
import { describe, expect, it } from "vitest";
import { csrCondition } from "./kinds";

describe("csrCondition", () => {
  it.each([
    [{}, "Pending"],
    [{ status: { conditions: [{ type: "Approved" }] } }, "Approved"],
    [{ status: { conditions: [{ type: "Approved" }], certificate: "Y2VydA==" } }, "Approved,Issued"],
    [{ status: { conditions: [{ type: "Denied" }] } }, "Denied"],
    [{ status: { conditions: [{ type: "Approved" }, { type: "Failed" }] } }, "Approved,Failed"],
  ])("%j", (csr, want) => {
    expect(csrCondition(csr)).toBe(want);
  });
});
