/** Add a node from a template: name, labels, capacity, taints; applied as a Node manifest. */
import { useEffect, useMemo, useRef, useState } from "react";
import { applyYaml } from "../bridge/bridge";
import { useStore } from "../store";

interface NodeTemplate {
  id: string;
  title: string;
  cpu: string;
  memory: string;
  pods: string;
  labels: string;
  taints: string;
}

const TEMPLATES: NodeTemplate[] = [
  { id: "worker", title: "Worker", cpu: "2", memory: "4Gi", pods: "110", labels: "", taints: "" },
  {
    id: "gpu",
    title: "GPU worker",
    cpu: "8",
    memory: "32Gi",
    pods: "110",
    labels: "accelerator=nvidia",
    taints: "dedicated=gpu:NoSchedule",
  },
  {
    id: "control-plane",
    title: "Control plane",
    cpu: "2",
    memory: "4Gi",
    pods: "110",
    labels: "node-role.kubernetes.io/control-plane=",
    taints: "node-role.kubernetes.io/control-plane:NoSchedule",
  },
];

function nextName(existing: Record<string, unknown>): string {
  for (let i = 1; ; i++) {
    const name = `node${String(i).padStart(2, "0")}`;
    if (!(name in existing)) return name;
  }
}

function split(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The Node manifest the form stands for. */
export function nodeManifest(name: string, t: Omit<NodeTemplate, "id" | "title">): string {
  const labels = [
    ["kubernetes.io/arch", "amd64"],
    ["kubernetes.io/hostname", name],
    ["kubernetes.io/os", "linux"],
    ...split(t.labels).map((l) => {
      const i = l.indexOf("=");
      return i < 0 ? [l, ""] : [l.slice(0, i), l.slice(i + 1)];
    }),
  ];
  const taints = split(t.taints).map((s) => {
    const [kv = "", effect = "NoSchedule"] = s.split(":");
    const [key, value] = kv.split("=");
    return `  - key: ${key}\n${value ? `    value: "${value}"\n` : ""}    effect: ${effect}`;
  });
  const resources = `      cpu: "${t.cpu}"\n      memory: ${t.memory}\n      pods: "${t.pods}"`;
  return `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
${labels.map(([k, v]) => `    ${k}: "${v}"`).join("\n")}
spec:
${taints.length ? `  taints:\n${taints.join("\n")}\n` : "  {}\n"}status:
  capacity:
${resources.replace(/^ {4}/gm, "    ")}
  allocatable:
${resources.replace(/^ {4}/gm, "    ")}
`.replace("spec:\n  {}\n", "spec: {}\n");
}

/** The dialog (rendered when open). */
export function AddNodeDialog() {
  const open = useStore((s) => s.addNodeOpen);
  const nodes = useStore((s) => s.nodes);
  if (!open) return null;
  return <AddNodeForm defaultName={nextName(nodes)} />;
}

function AddNodeForm({ defaultName }: { defaultName: string }) {
  const [name, setName] = useState(defaultName);
  const [tpl, setTpl] = useState<NodeTemplate>(TEMPLATES[0] as NodeTemplate);
  const [error, setError] = useState("");
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.select(), []);
  const close = () => useStore.getState().setAddNodeOpen(false);
  const manifest = useMemo(() => nodeManifest(name, tpl), [name, tpl]);
  return (
    <div
      className="dialog-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label="Add node"
      onPointerDown={(e) => e.target === e.currentTarget && close()}
    >
      <form
        className="dialog"
        aria-label="Add node"
        onKeyDown={(e) => e.key === "Escape" && close()}
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await applyYaml(manifest, `kubectl apply -f ${name}.yaml`, "action");
          if (r.exit === 0) close();
          else setError(r.stderr.trim());
        }}
      >
        <h2>Add node</h2>
        <div className="template-picker">
          {TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              aria-pressed={tpl.id === t.id}
              className={`template${tpl.id === t.id ? " on" : ""}`}
              onClick={() => setTpl(t)}
            >
              <strong>{t.title}</strong>
              <span>
                {t.cpu} CPU · {t.memory}
              </span>
            </button>
          ))}
        </div>
        <label className="field">
          <span>Name</span>
          <input
            className="input"
            name="name"
            value={name}
            ref={nameRef}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="row">
          <label className="field">
            <span>CPU</span>
            <input
              className="input"
              value={tpl.cpu}
              onChange={(e) => setTpl({ ...tpl, cpu: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Memory</span>
            <input
              className="input"
              value={tpl.memory}
              onChange={(e) => setTpl({ ...tpl, memory: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Pods</span>
            <input
              className="input"
              value={tpl.pods}
              onChange={(e) => setTpl({ ...tpl, pods: e.target.value })}
            />
          </label>
        </div>
        <label className="field">
          <span>Labels</span>
          <input
            className="input"
            placeholder="disk=ssd zone=a"
            value={tpl.labels}
            onChange={(e) => setTpl({ ...tpl, labels: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Taints</span>
          <input
            className="input"
            placeholder="key=value:NoSchedule"
            value={tpl.taints}
            onChange={(e) => setTpl({ ...tpl, taints: e.target.value })}
          />
        </label>
        {error && <pre className="form-error">{error}</pre>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="add-node-submit">
            Add node
          </button>
        </div>
      </form>
    </div>
  );
}
