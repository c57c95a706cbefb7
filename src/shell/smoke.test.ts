import { expect, it } from "vitest";
import { TestCluster } from "../testing/test-cluster";
import { bootCluster } from "../cli/scenario";
import { Shell } from "./index";

it("smoke", () => {
  const { cluster, home } = bootCluster("cka");
  const sh = new Shell(cluster, { home });
  const lines = [
    "echo hi; x=3; echo $x $((x+1))",
    "kubectl get nodes",
    "kubectl get pods -A -o name | wc -l",
    "for i in 1 2 3; do echo $i; done",
    "date",
    "sleep 10; date",
    "ssh node01",
    "hostname; pwd; ls /etc/kubernetes",
    "ps -ef",
    "exit",
    "history | tail -3",
    "kubectl run web --image=nginx",
    "sleep 20",
    "kubectl exec -it web -- sh",
    "ls /; echo $HOSTNAME; cd /etc; pwd",
    "exit",
    "kubectl run bb --image=busybox -- sleep 3600",
    "sleep 20",
    "kubectl exec -it bb -- sh",
    "ps; env | sort | head -3",
    "exit 3",
    "echo $?",
    "rm -rf /",
    "k get ns | head -2",
  ];
  for (const l of lines) {
    const r = sh.run(l);
    console.log(`${sh.prompt()}${l}\n${r.combined ?? r.stdout + r.stderr}[exit ${r.exit}]`);
  }
  expect(1).toBe(1);
});
