/**
 * What the canvas's gestures mean, as the kubectl (or shell) commands they run. Every one goes
 * through the worker's interpreter and is written to the transcript.
 */
import { request, runCommand } from "./bridge/bridge";
import { useStore } from "./store";

/** Quotes a shell word when needed. */
function q(word: string): string {
  return /^[\w./:=@,+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

export const actions = {
  addTaint: (node: string, taint: string) => runCommand(`kubectl taint nodes ${q(node)} ${q(taint)}`),
  removeTaint: (node: string, taint: string) =>
    runCommand(`kubectl taint nodes ${q(node)} ${q(`${taint}-`)}`),
  cordon: (node: string) => runCommand(`kubectl cordon ${q(node)}`),
  uncordon: (node: string) => runCommand(`kubectl uncordon ${q(node)}`),
  drain: (node: string, flags: string[]) => runCommand(["kubectl drain", q(node), ...flags].join(" ")),
  label: (node: string, label: string) =>
    runCommand(`kubectl label nodes ${q(node)} ${q(label)} --overwrite`),
  stopKubelet: (node: string) => runCommand(`ssh ${q(node)} systemctl stop kubelet`),
  startKubelet: (node: string) => runCommand(`ssh ${q(node)} systemctl start kubelet`),
  deleteNode: (node: string) => runCommand(`kubectl delete node ${q(node)}`),
  deletePod: (key: string) => {
    const [ns, name] = key.split("/");
    return runCommand(`kubectl delete pod ${q(name ?? "")} -n ${q(ns ?? "")}`);
  },
  /** Loads an object's live YAML (as `kubectl get -o yaml` prints it) into the editor. */
  async edit(resource: string, name: string, namespace?: string) {
    const ns = namespace ? ` -n ${q(namespace)}` : "";
    const r = await request({ type: "shell", line: `kubectl get ${resource} ${q(name)}${ns} -o yaml` });
    if (r.exit === 0) useStore.getState().loadIntoEditor(r.stdout);
    return r;
  },
};
