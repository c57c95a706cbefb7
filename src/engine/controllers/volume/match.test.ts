/**
 * Ported from pkg/controller/volume/persistentvolume/index_test.go (TestMatchingWithBoundVolumes,
 * TestFindingVolumeWithDifferentAccessModes), with the volumes Available as FindMatchingVolume
 * requires since the phase check.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { accessModesAsString, findBestMatchForClaim } from "./match";

function pv(name: string, size: string, modes: string[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, uid: name },
    spec: { capacity: { storage: size }, accessModes: modes, ...extra },
    status: { phase: "Available" },
  };
}

function claim(size: string, modes: string[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "claim01", namespace: "myns", uid: "claim-uid" },
    spec: { accessModes: modes, resources: { requests: { storage: size } }, ...extra },
  };
}

const RWO = "ReadWriteOnce";
const ROX = "ReadOnlyMany";
const RWX = "ReadWriteMany";

describe("findBestMatchForClaim", () => {
  it("skips a bound volume for its twin (TestMatchingWithBoundVolumes)", () => {
    const bound = pv("gce001", "1G", [RWO, ROX], { claimRef: { uid: "abc123" } });
    const free = pv("gce002", "1G", [RWO, ROX]);
    expect(findBestMatchForClaim(claim("1G", [ROX, RWO]), [bound, free], false)?.metadata.name).toBe(
      "gce002",
    );
  });

  it("searches the smallest set of access modes first (TestFindingVolumeWithDifferentAccessModes)", () => {
    const gce = pv("gce", "10G", [RWO, ROX]);
    const ebs = pv("ebs", "10G", [RWO]);
    const nfs = pv("nfs", "10G", [RWO, ROX, RWX]);
    const find = (modes: string[], vols = [gce, ebs, nfs]) =>
      findBestMatchForClaim(claim("1G", modes), vols, false)?.metadata.name;
    expect(find([RWO])).toBe("ebs");
    expect(find([RWO, ROX])).toBe("gce");
    expect(find([RWX, RWO, ROX])).toBe("nfs");
    expect(find([RWX])).toBe("nfs");
    const ebsBound = { ...ebs, spec: { ...ebs.spec, claimRef: {} } };
    expect(find([RWO], [gce, ebsBound, nfs])).toBe("gce");
    const gceBound = { ...gce, spec: { ...gce.spec, claimRef: {} } };
    expect(find([RWO], [gceBound, ebsBound, nfs])).toBe("nfs");
    expect(find([ROX], [gce, ebsBound, nfs])).toBe("gce");
  });

  it("takes the smallest volume big enough, of the claim's class and selector", () => {
    const vols = [
      pv("big", "10Gi", [RWO]),
      pv("small", "1Gi", [RWO]),
      pv("tiny", "100Mi", [RWO]),
      pv("gold", "1Gi", [RWO], { storageClassName: "gold" }),
      pv("labelled", "5Gi", [RWO]),
    ];
    (vols[4] as KubeObject).metadata.labels = { tier: "db" };
    expect(findBestMatchForClaim(claim("500Mi", [RWO]), vols, false)?.metadata.name).toBe("small");
    expect(
      findBestMatchForClaim(claim("500Mi", [RWO], { storageClassName: "gold" }), vols, false)?.metadata.name,
    ).toBe("gold");
    expect(
      findBestMatchForClaim(claim("500Mi", [RWO], { selector: { matchLabels: { tier: "db" } } }), vols, false)
        ?.metadata.name,
    ).toBe("labelled");
    expect(findBestMatchForClaim(claim("999Gi", [RWO]), vols, false)).toBeUndefined();
  });

  it("leaves volumes that are not Available, or of another volume mode", () => {
    const released = { ...pv("old", "1Gi", [RWO]), status: { phase: "Released" } };
    const block = pv("block", "1Gi", [RWO], { volumeMode: "Block" });
    expect(findBestMatchForClaim(claim("1Gi", [RWO]), [released, block], false)).toBeUndefined();
  });

  it("with delayed binding returns only a volume pre-bound to the claim", () => {
    const free = pv("free", "1Gi", [RWO]);
    const prebound = pv("mine", "1Gi", [RWO], { claimRef: { name: "claim01", namespace: "myns" } });
    expect(findBestMatchForClaim(claim("1Gi", [RWO]), [free], true)).toBeUndefined();
    expect(findBestMatchForClaim(claim("1Gi", [RWO]), [free, prebound], true)?.metadata.name).toBe("mine");
  });

  it("prints access modes in the fixed order", () => {
    expect(accessModesAsString([RWX, RWO, "ReadWriteOncePod", ROX])).toBe("RWO,ROX,RWX,RWOP");
  });
});
