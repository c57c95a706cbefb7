// Detached JWS of cluster-info: HMAC-SHA256 checked against RFC 4231 and node's crypto, and the
// signature of cluster-bootstrap/token/jws's jws_test.go.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64Url, computeDetachedSignature, hmacSha256 } from "./jws";

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("hmacSha256", () => {
  it("matches RFC 4231 test cases 2 and 6", () => {
    expect(hex(hmacSha256(enc.encode("Jefe"), enc.encode("what do ya want for nothing?")))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    const longKey = new Uint8Array(131).fill(0xaa);
    expect(
      hex(hmacSha256(longKey, enc.encode("Test Using Larger Than Block-Size Key - Hash Key First"))),
    ).toBe("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  });
});

describe("computeDetachedSignature", () => {
  it("signs header.payload with the token secret and leaves the payload out", () => {
    const content = "Hello from the other side. I must have called a thousand times.";
    const sig = computeDetachedSignature(content, "joshua", "my voice is my passcode");
    const [header, payload, signature] = sig.split(".");
    expect(payload).toBe("");
    expect(Buffer.from(header as string, "base64url").toString()).toBe('{"alg":"HS256","kid":"joshua"}');
    const input = `${header}.${base64Url(enc.encode(content))}`;
    expect(signature).toBe(createHmac("sha256", "my voice is my passcode").update(input).digest("base64url"));
    // jws_test.go TestComputeDetachedSignature.
    expect(sig).toBe("eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..VShe2taLd-YTrmWuRkcL_8QTNDHYxQIEBsAYYiIj1_8");
  });
});
