// Every shipped lab, run three ways: untouched (no action passes; each question's computed
// answer equals one computed here independently, from the API objects and node files), with
// its solution (every task passes), and with a plausible wrong answer (the wrong node, the
// wrong image), which fails with a reason a learner can act on.

import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadLabDir } from "../cli/labs";
import type { DaemonSet, Pod } from "../engine/api/kinds";
import type { KubeObject } from "../engine/api/types";
import type { Cluster } from "../engine/cluster";
import { Shell, splitScript } from "../shell";
import { computeAnswer, normalizeAnswer } from "./answers";
import { evaluate } from "./predicates";
import { answerTask, isQuestion, newProgress, refresh } from "./progress";
import { bootLab, runLabScript } from "./run";
import type { Lab } from "./types";

const { labs, errors } = loadLabDir();

const pods = (c: Cluster, ns?: string) => c.api.list("Pod", ns ? { namespace: ns } : {}) as Pod[];
const pod = (c: Cluster, name: string, ns = "default") => c.api.get("Pod", ns, name) as Pod;
const mirrors = (c: Cluster) => pods(c).filter((p) => p.metadata.ownerReferences?.[0]?.kind === "Node");
const unique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].join(",");
const ds = (c: Cluster, ns: string, name: string) => c.api.get("DaemonSet", ns, name) as DaemonSet;

/** Independent answers, read straight from the objects (not through kubectl or the lab's query). */
const ANSWERS: Record<string, Record<string, (c: Cluster) => string>> = {
  daemonsets: {
    "count-daemonsets": (c) => String(c.api.list("DaemonSet").length),
    "daemonset-namespaces": (c) => unique(c.api.list("DaemonSet").map((d) => d.metadata.namespace)),
    "kube-proxy-nodes": (c) =>
      String(
        pods(c, "kube-system").filter((p) => p.metadata.ownerReferences?.[0]?.name === "kube-proxy").length,
      ),
    "flannel-image": (c) =>
      ds(c, "kube-flannel", "kube-flannel-ds").spec?.template.spec?.containers[0]?.image ?? "",
  },
  "static-pods": {
    "count-static-pods": (c) => String(mirrors(c).length),
    "static-pod-nodes": (c) => unique(mirrors(c).map((p) => p.spec?.nodeName)),
    "manifests-path": (c) =>
      (
        parseYaml(c.hosts.get("controlplane")?.fs.read("/var/lib/kubelet/config.yaml") ?? "") as {
          staticPodPath: string;
        }
      ).staticPodPath,
    "manifest-files": (c) => String(c.hosts.get("controlplane")?.fs.list("/etc/kubernetes/manifests").length),
    "apiserver-image": (c) =>
      pod(c, "kube-apiserver-controlplane", "kube-system").spec?.containers[0]?.image ?? "",
  },
  "multiple-schedulers": {
    "default-scheduler-pod": (c) =>
      mirrors(c).find((p) => p.spec?.containers[0]?.command?.[0] === "kube-scheduler")?.metadata.name ?? "",
    "default-scheduler-image": (c) =>
      mirrors(c).find((p) => p.spec?.containers[0]?.command?.[0] === "kube-scheduler")?.spec?.containers[0]
        ?.image ?? "",
  },
  "node-affinity": {
    "node01-labels": (c) =>
      String(Object.keys(c.api.get("Node", undefined, "node01")?.metadata.labels ?? {}).length),
  },
  "taints-tolerations": {
    "node01-taints": (c) =>
      String((c.api.get("Node", undefined, "node01") as KubeObject).spec?.taints?.length ?? 0),
    "mosquito-phase": (c) => pod(c, "mosquito").status?.phase ?? "",
  },
  "cordon-drain": {
    "blue-nodes": (c) =>
      unique(
        pods(c, "default")
          .filter((p) => p.metadata.labels?.app === "blue")
          .map((p) => p.spec?.nodeName),
      ),
  },
  "init-containers": {
    "blue-init-image": (c) => pod(c, "blue").spec?.initContainers?.[0]?.image ?? "",
    "blue-init-reason": (c) =>
      pod(c, "blue").status?.initContainerStatuses?.[0]?.state?.terminated?.reason ?? "",
    "purple-init-count": (c) => String(pod(c, "purple").spec?.initContainers?.length),
    "purple-status": (c) => pod(c, "purple").status?.phase ?? "",
  },
  "resource-limits": {
    "rabbit-cpu-request": (c) => String(pod(c, "rabbit").spec?.containers[0]?.resources?.requests?.cpu),
    "hungry-phase": (c) => pod(c, "hungry").status?.phase ?? "",
    "elephant-reason": (c) =>
      pod(c, "elephant").status?.containerStatuses?.[0]?.lastState?.terminated?.reason ?? "",
  },
  "scheduler-profiles": {
    "node-critical-value": (c) =>
      String(c.api.get("PriorityClass", undefined, "system-node-critical")?.value),
    "apiserver-priority-class": (c) =>
      pod(c, "kube-apiserver-controlplane", "kube-system").spec?.priorityClassName ?? "",
  },
  "multi-container-pods": {
    "red-containers": (c) => String(pod(c, "red").spec?.containers.length),
    "blue-container-names": (c) => (pod(c, "blue").spec?.containers ?? []).map((k) => k.name).join(","),
  },
  "mock-exam-1": {
    "count-nodes": (c) => String(c.api.list("Node").length),
    "coredns-image": (c) =>
      (c.api.get("Deployment", "kube-system", "coredns") as KubeObject).spec?.template.spec.containers[0]
        .image,
  },
  "mock-exam-2": {
    "flannel-namespace": (c) =>
      c.api.list("DaemonSet").find((d) => d.metadata.name === "kube-flannel-ds")?.metadata.namespace ?? "",
    "manifest-count": (c) => String(c.hosts.get("controlplane")?.fs.list("/etc/kubernetes/manifests").length),
  },
};

/** What the untouched cluster's answers are, where the lab's point is the value itself. */
const KNOWN: Record<string, Record<string, string>> = {
  "static-pods": { "count-static-pods": "5", "static-pod-nodes": "controlplane,node01" },
  "init-containers": { "blue-init-reason": "Completed", "purple-status": "Pending" },
  "resource-limits": { "hungry-phase": "Pending", "elephant-reason": "OOMKilled" },
};

/** A plausible wrong attempt per lab, the task it must fail and the reason it gives. */
const WRONG: Record<string, { script: string; task: string; reason: RegExp }> = {
  daemonsets: {
    script: `kubectl create deployment elasticsearch --image=registry.k8s.io/fluentd-elasticsearch:1.20 -n kube-system --dry-run=client -o yaml > f.yaml
sed -i 's/kind: Deployment/kind: DaemonSet/' f.yaml
sed -i '/replicas:/d; /strategy: {}/d; /status: {}/d' f.yaml
kubectl apply -f f.yaml
sleep 10
answer flannel-image flannel/flannel:v0.26.0`,
    task: "deploy-elasticsearch",
    reason: /^DaemonSet kube-system\/elasticsearch has no pod on controlplane$/,
  },
  "static-pods": {
    script: `ssh node01
kubectl run --restart=Never --image=busybox:1.28.4 static-busybox --dry-run=client -o yaml --command -- sleep 1000 > /etc/just-to-mess-with-you/static-busybox.yaml
exit
sleep 20
kubectl delete pod static-greenbox-node01`,
    task: "create-static-busybox",
    reason: /^no static pod static-busybox on controlplane$/,
  },
  "multiple-schedulers": {
    script: `kubectl run nginx --image=nginx
sleep 5`,
    task: "pod-with-my-scheduler",
    reason: /^pod nginx uses default-scheduler, expected my-scheduler$/,
  },
  "node-affinity": {
    script: `kubectl label node node02 color=blue
kubectl create deployment blue --image=nginx --replicas=3 --dry-run=client -o yaml > blue.yaml
sed -i '/containers:/i\\      nodeSelector:\\n        color: blue' blue.yaml
kubectl apply -f blue.yaml
sleep 10`,
    task: "blue-on-node01",
    reason: /^pod blue-\w+-\w+ is on node02, expected node01$/,
  },
  "taints-tolerations": {
    script: `kubectl taint nodes node01 spray=mortein:NoSchedule
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: bee
spec:
  nodeName: node02
  tolerations:
  - {key: spray, operator: Equal, value: mortein, effect: NoSchedule}
  containers:
  - name: nginx
    image: nginx
EOF
sleep 5`,
    task: "bee-on-node01",
    reason: /^pod bee is on node02, expected node01$/,
  },
  "cordon-drain": {
    script: `kubectl drain node01 --ignore-daemonsets
kubectl uncordon node01
kubectl cordon node02`,
    task: "drain-node02",
    reason: /^node node02 still runs .*pod default\/hr-app/,
  },
  "init-containers": {
    script: `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
spec:
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', 'until nslookup myservice; do echo waiting for myservice; sleep 2; done']
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
EOF
sleep 15
answer blue-init-image busybox:1.27`,
    task: "myapp-waits-for-myservice",
    reason: /^no Service myservice in namespace default$/,
  },
  "resource-limits": {
    script: `kubectl get pod elephant -o yaml > e.yaml
sed -i 's/memory: 10Mi/memory: 12Mi/' e.yaml
kubectl replace --force -f e.yaml
sleep 10`,
    task: "elephant-runs",
    reason: /^pod elephant has no container with limits memory=20Mi$/,
  },
  "scheduler-profiles": {
    script: `kubectl create priorityclass high-priority --value=1000
answer node-critical-value 2000000000`,
    task: "high-priority-class",
    reason: /^PriorityClass high-priority's \{\.value\} is "1000", expected "100000"$/,
  },
  "multi-container-pods": {
    script: `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: yellow
spec:
  containers:
  - {name: lemon, image: busybox, command: ["sleep", "1000"]}
  - {name: gold, image: nginx}
EOF
sleep 10`,
    task: "yellow",
    reason: /^pod yellow runs busybox, nginx, expected redis$/,
  },
  "mock-exam-1": {
    script: `kubectl taint nodes node02 env=prod:NoSchedule
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: prod-app
spec:
  nodeName: node02
  tolerations:
  - {key: env, operator: Equal, value: prod, effect: NoSchedule}
  containers:
  - name: nginx
    image: nginx:1.27
EOF
sleep 5`,
    task: "prod-app",
    reason: /^pod prod-app runs nginx:1\.27, expected nginx$/,
  },
  "mock-exam-2": {
    script: `kubectl label node node01 disk=ssd
kubectl create deployment fast --image=nginx --replicas=2 --dry-run=client -o yaml > fast.yaml
sed -i '/containers:/i\\      nodeSelector:\\n        disk: ssd' fast.yaml
kubectl apply -f fast.yaml
sleep 10`,
    task: "fast-on-ssd",
    reason: /node node02 has no label disk/,
  },
};

it("loads every lab file in labs/ without errors", () => {
  expect(errors).toEqual([]);
  expect(labs.map((l) => l.id)).toEqual(
    expect.arrayContaining([
      "daemonsets",
      "static-pods",
      "multiple-schedulers",
      "node-affinity",
      "taints-tolerations",
      "cordon-drain",
      "init-containers",
      "resource-limits",
      "scheduler-profiles",
      "multi-container-pods",
      "mock-exam-1",
      "mock-exam-2",
    ]),
  );
  expect(labs.filter((l) => l.exam)).toHaveLength(2);
});

/** Whether a question can be answered before any action: everything it comes after is a question. */
function answerableAtStart(lab: Lab, id: string): boolean {
  const task = lab.tasks.find((t) => t.id === id);
  return (task?.after ?? []).every((dep) => {
    const before = lab.tasks.find((t) => t.id === dep);
    return !!before && isQuestion(before) && answerableAtStart(lab, dep);
  });
}

for (const lab of labs) {
  describe(`lab ${lab.id}`, () => {
    const independent = ANSWERS[lab.id] ?? {};

    it("every question has an independent answer in this test, and a wrong attempt", () => {
      for (const task of lab.tasks) if (isQuestion(task)) expect(Object.keys(independent)).toContain(task.id);
      expect(WRONG[lab.id]).toBeDefined();
    });

    it("untouched: no action passes and each computed answer is right; with the solution every task passes", () => {
      const { cluster, home, setupErrors } = bootLab(lab);
      expect(setupErrors).toEqual([]);
      let progress = refresh(cluster, lab, newProgress(lab));
      for (const task of lab.tasks) {
        expect(progress.tasks[task.id]?.state, task.id).toBe("todo");
        if (!isQuestion(task)) {
          if (!task.after) expect(evaluate(cluster, task.check).ok, task.id).toBe(false);
          continue;
        }
        if (!answerableAtStart(lab, task.id)) continue;
        const computed = computeAnswer(cluster, task.answer);
        expect(computed.ok, task.id).toBe(true);
        const mine = (independent[task.id] as (c: Cluster) => string)(cluster);
        expect(normalizeAnswer(task.answer.type, computed.ok ? computed.value : ""), task.id).toBe(
          normalizeAnswer(task.answer.type, mine),
        );
        const known = KNOWN[lab.id]?.[task.id];
        if (known) expect(mine, task.id).toBe(known);
      }

      // The solution, task by task; questions answered with the independent answer at that point.
      const shell = new Shell(cluster, { home });
      for (const task of lab.tasks) {
        for (const command of splitScript(task.solution ?? "")) {
          shell.run(command);
          progress = refresh(cluster, lab, progress);
        }
        if (isQuestion(task)) {
          const answer = (independent[task.id] as (c: Cluster) => string)(cluster);
          const out = answerTask(cluster, lab, progress, task.id, answer);
          expect(out.reasons, task.id).toEqual([]);
          progress = out.progress;
        }
        expect(progress.tasks[task.id]?.state, task.id).toBe("done");
      }
    });

    it("a plausible wrong attempt fails with its reason", () => {
      const wrong = WRONG[lab.id];
      if (!wrong) return;
      const run = runLabScript(lab, wrong.script);
      expect(run.passed).toBe(false);
      const verdict = run.verdicts.find((v) => v.id === wrong.task);
      expect(verdict?.state).toBe("failed");
      expect(
        verdict?.reasons.some((r) => wrong.reason.test(r)),
        verdict?.reasons.join("\n"),
      ).toBe(true);
      // Wrong answers to questions fail too, without showing the expected answer.
      for (const c of splitScript(wrong.script).filter((l) => l.startsWith("answer "))) {
        const id = c.split(/\s+/)[1] as string;
        const v = run.verdicts.find((x) => x.id === id);
        expect(v?.state, id).toBe("failed");
        expect(v?.reasons.join(" "), id).toMatch(/is not right"?$/);
      }
    });
  });
}
