// ssh-keygen as the CKAD exercise (d.configuration, kubernetes.io/ssh-auth Secret) types it.
// The fingerprint and randomart were checked with OpenSSH's own `ssh-keygen -lv -f KEY.pub`
// (OpenSSH 9.2p1) on the public keys this generates; messages are ssh-keygen.c's.
import { describe, expect, it } from "vitest";
import { bootCluster } from "../../cli/scenario";
import { Shell } from "../../shell";
import { sha256 } from "../sh/applets/digest";
import { randomart } from "./sshkeygen";

const PUB = "AAAAC3NzaC1lZDI1NTE5AAAAIAcCWxoWz6CjdMFhYguKbcZKWTbuKU9AReIlErLF6egz";

/** A terminal on the cka scenario's controlplane. */
function terminal(): { sh: (line: string) => ReturnType<Shell["run"]> } {
  const { cluster, home } = bootCluster("cka");
  const shell = new Shell(cluster, { home });
  return { sh: (line) => shell.run(line) };
}

describe("ssh-keygen", () => {
  it("draws sshkey.c's randomart of the SHA-256 fingerprint (ssh-keygen -lv agrees)", () => {
    const blob = Uint8Array.from(atob(PUB), (c) => c.charCodeAt(0));
    const digest = Uint8Array.from(sha256(blob).match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    expect(btoa(String.fromCharCode(...digest)).replace(/=+$/, "")).toBe(
      "4zMIpRhg8aLYAsSr7Z4Mxbm5YYcBZIDxiZ/arZIS1xM",
    );
    expect(randomart(digest, "ED25519 256", "SHA256")).toBe(
      [
        "+--[ED25519 256]--+",
        "|BB.              |",
        "|*=..             |",
        "|+.=.  .          |",
        "|+*.=Eo           |",
        "|=.X.o.  S        |",
        "|o=o*o. o .       |",
        "|o=B o.. +        |",
        "|++.*     o       |",
        "|.o*              |",
        "+----[SHA256]-----+",
        "",
      ].join("\n"),
    );
  });

  it("writes id_rsa and id_rsa.pub, then a kubernetes.io/ssh-auth Secret takes the key", () => {
    const t = terminal();
    const r = t.sh("ssh-keygen -f id_rsa -N ''");
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(
      /^Generating public\/private rsa key pair\.\nYour identification has been saved in id_rsa\nYour public key has been saved in id_rsa\.pub\nThe key fingerprint is:\nSHA256:[A-Za-z0-9+/]{43} root@controlplane\nThe key's randomart image is:\n\+---\[RSA 3072\]----\+\n(\|.{17}\|\n){9}\+----\[SHA256\]-----\+\n$/,
    );
    expect(t.sh("head -1 id_rsa; cut -d' ' -f1,3 id_rsa.pub").stdout).toBe(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nssh-rsa root@controlplane\n",
    );
    expect(
      t.sh(
        "kubectl create secret generic my-secret --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=id_rsa",
      ).stdout,
    ).toBe("secret/my-secret created\n");
    // An existing file needs a yes; end of input answers nothing and ssh-keygen exits 1.
    expect(t.sh("ssh-keygen -f id_rsa -N '' </dev/null")).toEqual({
      stdout: "Generating public/private rsa key pair.\nid_rsa already exists.\nOverwrite (y/n)? ",
      stderr: "",
      exit: 1,
    });
  });

  it("asks for the file and the passphrase when not given them", () => {
    const t = terminal();
    const r = t.sh("printf '\\n\\n\\n' | ssh-keygen");
    expect(r.stdout).toMatch(
      /^Generating public\/private rsa key pair\.\nEnter file in which to save the key \(\/root\/\.ssh\/id_rsa\): Created directory '\/root\/\.ssh'\.\nEnter passphrase \(empty for no passphrase\): Enter same passphrase again: Your identification has been saved in \/root\/\.ssh\/id_rsa\n/,
    );
    // The terminal is a TTY: ls lists in columns (coreutils ls -C prints exactly this).
    expect(t.sh("ls /root/.ssh").stdout).toBe("id_rsa\tid_rsa.pub\n");
  });
});
