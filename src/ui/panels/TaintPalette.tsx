/**
 * Taints to drag onto nodes: the built-in ones and any the person defines. With the keyboard, a
 * focused chip's Enter (or Space) opens a node picker that runs the same command a drop runs.
 */
import { useRef, useState } from "react";
import { createPortal } from "react-dom";
import { actions } from "../actions";
import { beginDrag } from "../dnd";
import { hasTaint, NodePicker } from "../keyboard/NodePicker";
import { loadCustomTaints, saveCustomTaints } from "../persistence/local";

const BUILT_IN = [
  "node-role.kubernetes.io/control-plane:NoSchedule",
  "dedicated=gpu:NoSchedule",
  "maintenance=true:NoExecute",
  "spot=true:PreferNoSchedule",
];
const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function PaletteTaint({ taint }: { taint: string }) {
  const effect = taint.slice(taint.lastIndexOf(":") + 1);
  const [picker, setPicker] = useState<{ x: number; y: number }>();
  const button = useRef<HTMLButtonElement>(null);
  const closePicker = () => {
    setPicker(undefined);
    button.current?.focus();
  };
  return (
    <>
      <li
        className={`palette-taint taint-chip effect-${effect}`}
        data-testid="palette-taint"
        data-taint={taint}
        title={`Drag onto a node, or press Enter to choose one: kubectl taint nodes NODE ${taint}`}
        onPointerDown={(e) =>
          beginDrag(e, {
            label: taint,
            className: `effect-${effect}`,
            onDrop: (target) => {
              if (target.node) actions.addTaint(target.node, taint);
            },
          })
        }
      >
        <span className="grip" aria-hidden>
          ⠿
        </span>
        {/* The chip's keyboard (and click) path: choose the node from a list. */}
        <button
          ref={button}
          type="button"
          className="taint-pick"
          aria-haspopup="dialog"
          aria-expanded={picker !== undefined}
          aria-label={`Taint a node with ${taint}`}
          onClick={() => {
            const r = button.current?.getBoundingClientRect();
            setPicker({ x: r?.left ?? 0, y: (r?.bottom ?? 0) + 4 });
          }}
        >
          <span className="taint-text">{taint}</span>
        </button>
      </li>
      {/* In a portal, not inside the chip: the chip's drag must not see the picker's pointer. */}
      {picker &&
        createPortal(
          <NodePicker
            title={`Taint a node with ${taint}`}
            anchor={picker}
            command={(node) => `kubectl taint nodes ${node} ${taint}`}
            run={(node) => actions.addTaint(node, taint)}
            marked={hasTaint(taint)}
            onClose={closePicker}
          />,
          document.body,
        )}
    </>
  );
}

/** The palette in the sidebar. */
export function TaintPalette() {
  const [custom, setCustom] = useState<string[]>(loadCustomTaints);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [effect, setEffect] = useState<(typeof EFFECTS)[number]>("NoSchedule");
  const valid = KEY.test(key);
  return (
    <section className="sidebar-section" aria-label="Taint palette">
      <h2>Taints</h2>
      <p className="hint">Drag onto a node to taint it. Drag a chip off a node, or press ×, to remove.</p>
      <ul className="palette">
        {[...BUILT_IN, ...custom].map((t) => (
          <PaletteTaint key={t} taint={t} />
        ))}
      </ul>
      <form
        className="taint-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          const t = `${key}${value ? `=${value}` : ""}:${effect}`;
          if (!custom.includes(t) && !BUILT_IN.includes(t)) {
            setCustom([...custom, t]);
            saveCustomTaints([...custom, t]);
          }
          setKey("");
          setValue("");
        }}
      >
        <div className="row">
          <input
            className="input"
            aria-label="Taint key"
            placeholder="key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <input
            className="input"
            aria-label="Taint value"
            placeholder="value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="row">
          <select
            className="select"
            aria-label="Taint effect"
            value={effect}
            onChange={(e) => setEffect(e.target.value as typeof effect)}
          >
            {EFFECTS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
          <button type="submit" className="btn" disabled={!valid}>
            Add
          </button>
        </div>
      </form>
    </section>
  );
}
