import { describe, expect, it } from "vitest";
import {
  documentSize,
  HUGE_DOCUMENT_CHARS,
  LARGE_DOCUMENT_CHARS,
  LARGE_OPTIONS,
  largeDocumentNote,
  NORMAL_OPTIONS,
} from "./largeDocument";

describe("documentSize", () => {
  it("switches at the thresholds", () => {
    expect(documentSize(0)).toBe("normal");
    expect(documentSize(LARGE_DOCUMENT_CHARS - 1)).toBe("normal");
    expect(documentSize(LARGE_DOCUMENT_CHARS)).toBe("large");
    expect(documentSize(HUGE_DOCUMENT_CHARS - 1)).toBe("large");
    expect(documentSize(HUGE_DOCUMENT_CHARS)).toBe("huge");
  });
});

describe("options", () => {
  it("the normal options restore every option large mode changes", () => {
    expect(Object.keys(NORMAL_OPTIONS).sort()).toEqual(Object.keys(LARGE_OPTIONS).sort());
  });
});

describe("largeDocumentNote", () => {
  it("says nothing for a normal document and names the size otherwise", () => {
    expect(largeDocumentNote("normal", 10)).toBeUndefined();
    expect(largeDocumentNote("large", 75 * 1024)).toMatch(/^Large document \(75 kB\): schema checks/);
    expect(largeDocumentNote("huge", 3 * 1024 * 1024)).toMatch(
      /^Huge document \(3072 kB\): shown as plain text/,
    );
  });
});
