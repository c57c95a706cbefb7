/**
 * The user and groups a container's processes run as, as the kubelet and containerd's CRI plugin
 * build them: securityContext.runAsUser / runAsGroup over the image's User (kubelet
 * determineEffectiveSecurityContext); a numeric user takes its primary group from the image's
 * /etc/passwd, else 0 (containerd oci.WithUserID); the supplementary groups are that group, the
 * /etc/group entries listing the user (oci.WithAdditionalGIDs), the pod's supplementalGroups and
 * fsGroup; the kernel keeps them sorted (setgroups), so `id` prints them in order.
 */
import type { Container, Pod } from "../api/kinds";

/** The identity `id`, `whoami`, `ps` and /proc/PID/status show. */
export interface ProcessIdentity {
  /** The user's name in the image's /etc/passwd, else the uid as digits (busybox ps prints that). */
  name: string;
  uid: number;
  gid: number;
  /** The primary group's name in /etc/group; "" when it has none. */
  groupName: string;
  /** Supplementary group ids, sorted and unique. */
  gids: number[];
  /** `id`'s groups= list: `2000,3000,4000`, `0(root),10(wheel)`. */
  groups: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split("\n")) {
    const [name, , uid, gid] = line.split(":");
    if (!name || uid === undefined || !/^\d+$/.test(uid)) continue;
    out.push({ name, uid: Number(uid), gid: /^\d+$/.test(gid ?? "") ? Number(gid) : 0 });
  }
  return out;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split("\n")) {
    const [name, , gid, members = ""] = line.split(":");
    if (!name || gid === undefined || !/^\d+$/.test(gid)) continue;
    out.push({ name, gid: Number(gid), members: members.split(",").filter(Boolean) });
  }
  return out;
}

/**
 * The identity of a container's processes. imageUser: the image config's User (`nginx`,
 * `101:101`, ""); passwd and group: the image's /etc/passwd and /etc/group ("" when it has none);
 * knownUsers: uids of user names an image's User may give that its passwd text here lacks.
 */
export function processIdentity(
  pod: Pod,
  container: Container,
  imageUser: string,
  passwd: string,
  group: string,
  knownUsers: Readonly<Record<string, number>> = {},
): ProcessIdentity {
  const users = parsePasswd(passwd);
  const groups = parseGroup(group);
  const sc = container.securityContext ?? {};
  const psc = pod.spec?.securityContext ?? {};
  const runAsUser = sc.runAsUser ?? psc.runAsUser;
  const runAsGroup = sc.runAsGroup ?? psc.runAsGroup;
  let uid: number;
  let gid: number | undefined;
  let entry: PasswdEntry | undefined;
  if (runAsUser !== undefined) {
    uid = runAsUser;
    entry = users.find((u) => u.uid === uid);
  } else {
    const [user = "", groupPart] = imageUser.split(":");
    if (user === "") uid = 0;
    else if (/^\d+$/.test(user)) uid = Number(user);
    else {
      entry = users.find((u) => u.name === user);
      const known = knownUsers[user];
      if (!entry && known !== undefined) entry = { name: user, uid: known, gid: known };
      uid = entry?.uid ?? 0;
    }
    entry ??= users.find((u) => u.uid === uid);
    if (groupPart !== undefined && groupPart !== "")
      gid = /^\d+$/.test(groupPart) ? Number(groupPart) : groups.find((g) => g.name === groupPart)?.gid;
  }
  gid = runAsGroup ?? gid ?? entry?.gid ?? 0;
  const name = entry?.name ?? (uid === 0 ? "root" : String(uid));
  const set = new Set<number>([gid]);
  if (entry) for (const g of groups) if (g.members.includes(entry.name)) set.add(g.gid);
  for (const g of psc.supplementalGroups ?? []) set.add(g);
  if (psc.fsGroup !== undefined) set.add(psc.fsGroup);
  const gids = [...set].sort((a, b) => a - b);
  const groupNameOf = (id: number) => groups.find((g) => g.gid === id)?.name ?? (id === 0 ? "root" : "");
  const named = (id: number) => {
    const n = groupNameOf(id);
    return n ? `${id}(${n})` : String(id);
  };
  return { name, uid, gid, groupName: groupNameOf(gid), gids, groups: gids.map(named).join(",") };
}
