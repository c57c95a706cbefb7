/**
 * The header's "Scenario" menu: export the cluster as a scenario file, import one, copy a share
 * link, bring back the cluster the last Reset/import/link replaced; and the autosave status.
 */
import { useEffect, useRef, useState } from "react";
import { request } from "../bridge/bridge";
import { useStore } from "../store";
import { shareUrl } from "./lifecycle";
import { usePersistence } from "./state";
import "./persistence.css";

function toast(title: string, body: string, tone: "ok" | "failed" | "info"): void {
  useStore.getState().showToast({ title, body, tone });
}

/** `kubeglass-2026-01-01T00-05-00Z.yaml`, named after the simulated time. */
function fileName(): string {
  const now = new Date(useStore.getState().clock.now).toISOString().replace(/\.\d+Z$/, "Z");
  return `kubeglass-${now.replace(/:/g, "-")}.yaml`;
}

async function exportFile(): Promise<void> {
  const r = await request({ type: "export" });
  if (r.exit !== 0) return toast("Export failed", r.stderr, "failed");
  const url = URL.createObjectURL(new Blob([r.stdout], { type: "application/yaml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName();
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function importFile(file: File): Promise<void> {
  const r = await request({ type: "import", text: await file.text(), name: file.name });
  if (r.exit !== 0)
    return toast(`Import failed: ${file.name}`, `${r.stderr.trim()}\nThe cluster was not changed.`, "failed");
  useStore.getState().clearLog();
  const warning = r.stderr.trim();
  toast(
    `Imported ${file.name}`,
    `${warning ? `${warning}\n` : ""}The cluster it replaced can be restored from Scenario → Restore previous.`,
    warning ? "info" : "ok",
  );
}

async function copyShareLink(): Promise<void> {
  const r = await request({ type: "share" });
  if (r.exit !== 0) return toast("Share link failed", r.stderr, "failed");
  const link = shareUrl(r.stdout);
  (window as unknown as { __kubeglassShareLink?: string }).__kubeglassShareLink = link;
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // No clipboard permission: the link is in the message to copy by hand.
  }
  const kb = (link.length / 1024).toFixed(1);
  toast(
    copied ? "Share link copied" : "Share link",
    `${copied ? "" : `${link}\n`}The link carries the whole cluster (${kb} kB); opening it loads a copy.`,
    "ok",
  );
}

async function restorePrevious(): Promise<void> {
  const r = await request({ type: "restore-previous" });
  if (r.exit !== 0) return toast("Nothing to restore", r.stderr, "failed");
  useStore.getState().clearLog();
  toast("Previous cluster restored", "The cluster it replaced is now the previous one.", "ok");
}

function SaveStatus() {
  const savedAt = usePersistence((s) => s.savedAt);
  const savedClock = usePersistence((s) => s.savedClock);
  const savedPlaying = usePersistence((s) => s.savedPlaying);
  if (!savedAt) return null;
  const time = new Date(savedAt).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return (
    <span
      className="save-status"
      data-testid="save-status"
      data-saved-at={savedAt}
      data-saved-clock={savedClock}
      data-saved-playing={savedPlaying}
      title="Autosaved in this browser"
    >
      Saved {time}
    </span>
  );
}

/** The menu button and its popover. */
export function ScenarioMenu() {
  const [open, setOpen] = useState(false);
  const hasPrevious = usePersistence((s) => s.hasPrevious);
  const ref = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("pointerdown", onDown, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", onDown, true);
      window.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const item = (label: string, testId: string, fn: () => unknown, disabled = false) => (
    <button
      type="button"
      role="menuitem"
      data-testid={testId}
      disabled={disabled}
      onClick={() => {
        setOpen(false);
        fn();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="scenario-menu" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="scenario-menu"
        onClick={() => setOpen(!open)}
      >
        Scenario ▾
      </button>
      <SaveStatus />
      <input
        ref={fileInput}
        type="file"
        accept=".yaml,.yml,.json,application/yaml"
        data-testid="import-file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void importFile(file);
        }}
      />
      {open && (
        <div className="menu scenario-popover" role="menu" aria-label="Scenario">
          {item("Export scenario file…", "export", exportFile)}
          {item("Import scenario file…", "import", () => fileInput.current?.click())}
          {item("Copy share link", "share-link", copyShareLink)}
          <div className="menu-sep" />
          {item("Restore previous cluster", "restore-previous", restorePrevious, !hasPrevious)}
          <p className="menu-note">
            The cluster is autosaved in this browser. Reset, import and shared links keep the cluster they
            replace as the previous one.
          </p>
        </div>
      )}
    </div>
  );
}
