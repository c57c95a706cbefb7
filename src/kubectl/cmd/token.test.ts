// kubectl create token (create_token.go and the TokenRequest registry's validation), create
// secret tls / docker-registry (create_secret_tls.go, create_secret_docker.go) and set
// serviceaccount (set_serviceaccount.go), through the CLI on the cka scenario.
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../../cli/report";
import { runOnCka as run } from "../../testing/cka";

function claims(token: string): Record<string, unknown> {
  const part = token.trim().split(".")[1] ?? "";
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

describe("kubectl create token", () => {
  it("prints a token for the ServiceAccount, one hour by default, and refuses what the server refuses", () => {
    const [, plain, twoHours, missing, short] = run(`kubectl create sa bot
kubectl create token bot
kubectl create token bot --duration=2h --audience=vault
kubectl create token nope
kubectl create token bot --duration=5m`) as ReportEntry[];
    const c = claims(plain?.stdout ?? "");
    expect(c.sub).toBe("system:serviceaccount:default:bot");
    expect((c.exp as number) - (c.iat as number)).toBe(3600);
    const c2 = claims(twoHours?.stdout ?? "");
    expect(c2.aud).toEqual(["vault"]);
    expect((c2.exp as number) - (c2.iat as number)).toBe(7200);
    expect(missing?.stderr).toBe('Error from server (NotFound): serviceaccounts "nope" not found\n');
    expect(short?.stderr).toBe(
      'The TokenRequest "bot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
  });
});

describe("kubectl create secret tls and docker-registry", () => {
  it("builds the typed secrets and checks the key pair as tls.X509KeyPair does", () => {
    const r = run(`openssl req -x509 -nodes -newkey rsa:2048 -keyout c.key -out c.crt -subj "/CN=t"
openssl genrsa -out other.key 2048
kubectl create secret tls t --cert=c.crt --key=c.key
kubectl get secret t -o jsonpath='{.type} {.data.tls\\.crt}'
kubectl create secret tls t2 --cert=c.crt --key=/etc/hostname
kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=a@b.c -o jsonpath='{.type} {.data.\\.dockerconfigjson}'
kubectl create secret tls t3 --cert=c.crt --key=other.key
kubectl create secret tls t4 --cert=c.key --key=c.key
kubectl create secret tls t5 --cert=nope.crt --key=c.key`);
    expect(r[2]?.stdout).toBe("secret/t created\n");
    const [type, crt] = (r[3]?.stdout ?? "").split(" ");
    expect(type).toBe("kubernetes.io/tls");
    expect(Buffer.from(crt ?? "", "base64").toString()).toContain("-----BEGIN CERTIFICATE-----");
    // create_secret_tls.go returns tls.X509KeyPair's error as is (crypto/tls/tls.go).
    expect(r[4]?.stderr).toBe("error: tls: failed to find any PEM data in key input\n");
    expect(r[6]?.stderr).toBe("error: tls: private key does not match public key\n");
    expect(r[7]?.stderr).toBe(
      "error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n",
    );
    const [dtype, cfg] = (r[5]?.stdout ?? "").split(" ");
    expect(r[8]?.stderr).toBe("error: Cannot read file nope.crt, open nope.crt: no such file or directory\n");
    expect(dtype).toBe("kubernetes.io/dockerconfigjson");
    expect(Buffer.from(cfg ?? "", "base64").toString()).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","email":"a@b.c","auth":"dTpw"}}}',
    );
  });
});

describe("kubectl set serviceaccount", () => {
  it("sets the pod template's service account", () => {
    const r = run(`kubectl create deploy web --image=nginx
kubectl set serviceaccount deploy/web bot
kubectl get deploy web -o jsonpath='{.spec.template.spec.serviceAccountName}'`);
    expect(r[1]?.stdout).toBe("deployment.apps/web serviceaccount updated\n");
    expect(r[2]?.stdout).toBe("bot");
  });
});
