import { describe, expect, it } from "vitest";
import type { Container, Pod } from "../api/kinds";
import { accountFiles } from "../images/etc";
import { capabilitySets } from "./capabilities";
import { processIdentity } from "./identity";

const busybox = accountFiles("busybox");
const debian = accountFiles("debian");

function pod(securityContext: object = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [], securityContext },
  } as Pod;
}
const container = (securityContext: object = {}): Container => ({ name: "c", securityContext }) as Container;

describe("processIdentity (kubelet security context + containerd's user and groups)", () => {
  const cases: [string, Pod, Container, string, Record<string, string>, string][] = [
    // The page's output: kubernetes.io/docs/tasks/configure-pod-container/security-context.
    [
      "runAsUser/runAsGroup/fsGroup/supplementalGroups in busybox",
      pod({ runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] }),
      container(),
      "",
      busybox,
      "uid=1000 gid=3000 groups=2000,3000,4000",
    ],
    // `docker run busybox id`: root is listed in busybox's wheel group.
    ["root in busybox", pod(), container(), "", busybox, "uid=0(root) gid=0(root) groups=0(root),10(wheel)"],
    ["root in debian", pod(), container(), "", debian, "uid=0(root) gid=0(root) groups=0(root)"],
    // A uid the image knows takes its primary group from /etc/passwd (oci.WithUserID).
    [
      "runAsUser 33 in debian",
      pod({ runAsUser: 33 }),
      container(),
      "",
      debian,
      "uid=33(www-data) gid=33(www-data) groups=33(www-data)",
    ],
    // A uid the image does not know: gid 0.
    [
      "runAsUser 2000, container over pod",
      pod({ runAsUser: 1000 }),
      container({ runAsUser: 2000 }),
      "",
      busybox,
      "uid=2000 gid=0(root) groups=0(root)",
    ],
    [
      "the image's numeric User",
      pod(),
      container(),
      "65534:65534",
      busybox,
      "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)",
    ],
  ];
  it.each(cases)("%s", (_name, p, c, user, files, want) => {
    const id = processIdentity(p, c, user, files["/etc/passwd"] ?? "", files["/etc/group"] ?? "");
    const who = (n: number, name: string) => (name ? `${n}(${name})` : String(n));
    const named = id.name !== String(id.uid) ? id.name : "";
    expect(`uid=${who(id.uid, named)} gid=${who(id.gid, id.groupName)} groups=${id.groups}`).toBe(want);
  });
});

describe("capabilitySets (containerd's default set, add and drop)", () => {
  // The bitmaps the security-context page shows for security-context-3.yaml and -4.yaml.
  it("the default set, and NET_ADMIN + SYS_TIME added", () => {
    expect(capabilitySets(container(), 0).effective).toBe("00000000a80425fb");
    expect(capabilitySets(container({ capabilities: { add: ["NET_ADMIN", "SYS_TIME"] } }), 0).effective).toBe(
      "00000000aa0435fb",
    );
  });

  it("a non-root user holds none but keeps the bounding set; drop ALL empties it; privileged has all", () => {
    const user = capabilitySets(container(), 1000);
    expect([user.permitted, user.effective, user.bounding]).toEqual([
      "0000000000000000",
      "0000000000000000",
      "00000000a80425fb",
    ]);
    expect(
      capabilitySets(container({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }), 0).bounding,
    ).toBe("0000000000000400");
    expect(capabilitySets(container({ privileged: true }), 0).bounding).toBe("000001ffffffffff");
    expect(capabilitySets(container({ capabilities: { drop: ["CAP_KILL"] } }), 0).bounding).toBe(
      "00000000a80425db",
    );
  });
});
