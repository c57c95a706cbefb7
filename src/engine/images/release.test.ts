/**
 * /etc/alpine-release and /etc/debian_version as the images ship them (alpine-baselayout-data,
 * Debian's base-files 12.8, Ubuntu's base-files carrying the next Debian's codename/sid).
 */
import { describe, expect, it } from "vitest";
import { releaseFiles } from "./release";

describe("release files", () => {
  it("names each family's release", () => {
    expect(releaseFiles("alpine", "3.21.0")).toEqual({ "/etc/alpine-release": "3.21.0\n" });
    expect(releaseFiles("debian", "12")).toEqual({ "/etc/debian_version": "12.8\n" });
    expect(releaseFiles("debian", "bullseye")).toEqual({ "/etc/debian_version": "11.11\n" });
    expect(releaseFiles("ubuntu", "22.04")).toEqual({ "/etc/debian_version": "bookworm/sid\n" });
    expect(releaseFiles("busybox", "1.37.0")).toEqual({});
  });
});
