import { describe, expect, it } from "vitest";
import { imageFiles, lookupImage } from "./index";

const files = (ref: string) => {
  const image = lookupImage(ref);
  if (!image) throw new Error(`no ${ref}`);
  return imageFiles(image);
};

describe("account files of base images", () => {
  it("gives busybox, alpine and debian their own /etc/passwd and /etc/group", () => {
    expect(files("busybox:1.36")["/etc/passwd"]?.split("\n")[0]).toBe("root:x:0:0:root:/root:/bin/sh");
    expect(files("busybox:1.36")["/etc/group"]).toContain("wheel:x:10:root\n");
    expect(files("alpine:3.20")["/etc/passwd"]).toContain("nobody:x:65534:65534:nobody:/:/sbin/nologin\n");
    expect(files("debian:12")["/etc/passwd"]?.split("\n")[0]).toBe("root:x:0:0:root:/root:/bin/bash");
  });

  it("adds the nginx user the nginx image creates, on top of Debian's", () => {
    const passwd = files("nginx:1.27")["/etc/passwd"] ?? "";
    expect(passwd.startsWith("root:x:0:0:root:/root:/bin/bash\n")).toBe(true);
    expect(passwd).toContain("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
  });
});
