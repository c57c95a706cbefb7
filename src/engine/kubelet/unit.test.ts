// The kubelet unit on a node: a kubelet that cannot start (cmd/kubelet/app/server.go's errors,
// systemd's exec failure) keeps restarting every RestartSec=10 s and says why in the journal;
// the node goes NotReady; once the file is fixed the next restart brings it back. Drop-in edits
// take effect after daemon-reload (systemctl warns until then).
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "../../cli/report";
import { runOnCka as run } from "../../testing/cka";
import { NodeFileSystem } from "../node/fs";
import { KUBELET_DROPIN_PATH, kubeletStartFailure } from "./startup";

const DROPIN = `[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS
`;

function node(files: Record<string, string>): NodeFileSystem {
  const fs = new NodeFileSystem();
  for (const [path, text] of Object.entries(files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf("/")), true);
    fs.write(path, text);
  }
  return fs;
}

describe("kubeletStartFailure", () => {
  const good = {
    [KUBELET_DROPIN_PATH]: DROPIN,
    "/var/lib/kubelet/config.yaml":
      "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n",
    "/etc/kubernetes/kubelet.conf": "apiVersion: v1\n",
    "/etc/kubernetes/pki/ca.crt": "ca\n",
  };
  it("passes a kubeadm node's files", () => {
    expect(kubeletStartFailure(node(good), DROPIN)).toBeUndefined();
  });
  it("names a missing config file, client CA and kubeconfig as the kubelet does", () => {
    const { "/var/lib/kubelet/config.yaml": _c, ...noConfig } = good;
    expect(kubeletStartFailure(node(noConfig), DROPIN)?.journal[0]?.text).toBe(
      'run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"',
    );
    const { "/etc/kubernetes/pki/ca.crt": _a, ...noCa } = good;
    expect(kubeletStartFailure(node(noCa), DROPIN)?.journal[0]?.text).toContain(
      "failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca.crt: open /etc/kubernetes/pki/ca.crt: no such file or directory",
    );
    const { "/etc/kubernetes/kubelet.conf": _k, ...noKubeconfig } = good;
    expect(kubeletStartFailure(node(noKubeconfig), DROPIN)?.journal[0]?.text).toContain(
      "unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory",
    );
  });
  it("fails at exec when ExecStart names a binary that is not there", () => {
    const bad = DROPIN.replace("ExecStart=/usr/bin/kubelet", "ExecStart=/usr/local/bin/kubelet");
    const f = kubeletStartFailure(node(good), bad);
    expect(f?.status).toBe("203/EXEC");
    expect(f?.journal.map((l) => l.text)).toEqual([
      "kubelet.service: Failed to locate executable /usr/local/bin/kubelet: No such file or directory",
      "kubelet.service: Failed at step EXEC spawning /usr/local/bin/kubelet: No such file or directory",
    ]);
  });
});

describe("kubelet.service", () => {
  it("restarts a failing kubelet every 10 s, the node goes NotReady, and a fix brings it back", () => {
    const r = run(`ssh node01
sed -i 's#/etc/kubernetes/pki/ca.crt#/etc/kubernetes/pki/CA.crt#' /var/lib/kubelet/config.yaml
systemctl restart kubelet
systemctl is-active kubelet
systemctl status kubelet
exit
sleep 70
kubectl get node node01 --no-headers
ssh node01
journalctl -u kubelet | grep -c 'Scheduled restart job'
sed -i 's#/etc/kubernetes/pki/CA.crt#/etc/kubernetes/pki/ca.crt#' /var/lib/kubelet/config.yaml
exit
sleep 12
ssh node01
systemctl is-active kubelet
sed -i 's#ExecStart=/usr/bin/kubelet#ExecStart=/usr/local/bin/kubelet#' /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf
systemctl restart kubelet
systemctl is-active kubelet
systemctl daemon-reload
systemctl restart kubelet
journalctl -u kubelet -n 2`);
    const at = (cmd: string, n = 0) => r.filter((e) => e.command === cmd)[n] as ReportEntry;
    expect(at("systemctl is-active kubelet").stdout).toBe("activating\n");
    expect(at("systemctl status kubelet").stdout).toMatch(
      /Active: activating \(auto-restart\) \(Result: exit-code\)[\s\S]*Main PID: \d+ \(code=exited, status=1\/FAILURE\)/,
    );
    expect(at("kubectl get node node01 --no-headers").stdout).toMatch(/^node01\s+NotReady\s/);
    expect(
      Number(at("journalctl -u kubelet | grep -c 'Scheduled restart job'").stdout),
    ).toBeGreaterThanOrEqual(6);
    expect(at("systemctl is-active kubelet", 1).stdout).toBe("active\n");
    expect(at("systemctl restart kubelet", 1).stderr).toContain(
      "changed on disk. Run 'systemctl daemon-reload'",
    );
    expect(at("systemctl is-active kubelet", 2).stdout).toBe("active\n");
    expect(at("journalctl -u kubelet -n 2").stdout).toMatch(
      /^Jan 01 \d\d:\d\d:\d\d node01 systemd\[1\]: kubelet.service: Main process exited, code=exited, status=203\/EXEC\nJan 01 .* kubelet.service: Failed with result 'exit-code'\.\n$/,
    );
  });
});
