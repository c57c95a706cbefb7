/**
 * The header's "Scenario" menu: export the cluster as a scenario file, import one, copy a share
 * link, bring back the cluster the last Reset/import/link replaced; and the autosave status.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { logEntry, request } from "../bridge/bridge";
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

async function exportFile(full: boolean): Promise<void> {
  const r = await request({ type: "export", full });
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
  if (r.imported === "manifests") {
    // Applied to the live cluster: it shows in the transcript as the kubectl command it is.
    logEntry(`kubectl apply -f ${file.name}`, r);
    const text = (r.exit === 0 ? r.stdout : `${r.stdout}${r.stderr}`).trim();
    const title =
      r.exit === 0
        ? `Applied ${file.name}`
        : r.stdout.trim()
          ? `Applied ${file.name}, with errors`
          : `Import failed: ${file.name}`;
    return toast(title, text, r.exit === 0 ? "ok" : "failed");
  }
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

/** Pixels the share panel keeps from the window's right edge. */
const PANEL_MARGIN = 12;

/** A share link made for the current cluster, and what it carries. */
interface MadeLink {
  url: string;
  /** "replays 10 commands from CKA practice cluster (seed 1)" or why it is a snapshot. */
  carries: string;
}

async function makeShareLink(): Promise<MadeLink | undefined> {
  const r = await request({ type: "share" });
  if (r.exit !== 0) {
    toast("Share link failed", r.stderr, "failed");
    return undefined;
  }
  const url = shareUrl(r.stdout);
  (window as unknown as { __kubeglassShareLink?: string }).__kubeglassShareLink = url;
  return { url, carries: r.stderr.trim() };
}

async function copyLink(link: MadeLink): Promise<void> {
  let copied = false;
  try {
    await navigator.clipboard.writeText(link.url);
    copied = true;
  } catch {
    // No clipboard permission: the link is in the share panel to copy by hand.
  }
  toast(
    copied ? "Share link copied" : "Share link",
    `${copied ? "" : "Select the link in the share panel and copy it. "}Opening it loads a copy of this cluster.`,
    "ok",
  );
}

/** The share panel: the current share link in a field to select or copy, and what it carries. */
function SharePanel({ link, onClose }: { link: MadeLink; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // Below the menu button, moved left as far as it takes to stay inside a narrow window.
  useLayoutEffect(() => {
    const place = () => {
      const el = panel.current;
      if (!el) return;
      el.style.left = "";
      const overflow = el.getBoundingClientRect().right - (window.innerWidth - PANEL_MARGIN);
      if (overflow > 0) el.style.left = `${-overflow}px`;
    };
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, []);
  const size =
    link.url.length < 1024 ? `${link.url.length} characters` : `${(link.url.length / 1024).toFixed(1)} kB`;
  return (
    <div
      ref={panel}
      className="menu share-panel"
      role="dialog"
      aria-label="Share link"
      data-testid="share-panel"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <label className="share-label" htmlFor="share-url">
        Share link <span className="share-size">{size}</span>
      </label>
      <div className="share-row">
        <input
          id="share-url"
          ref={input}
          className="share-url"
          data-testid="share-url"
          readOnly
          value={link.url}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn" data-testid="share-copy" onClick={() => void copyLink(link)}>
          Copy
        </button>
        <button type="button" className="btn btn-ghost" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      <p className="menu-note" data-testid="share-carries">
        The link {link.carries.startsWith("replays") ? link.carries : `carries ${link.carries}`}.
      </p>
    </div>
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
  const [link, setLink] = useState<MadeLink>();
  const [full, setFull] = useState(false);
  const hasPrevious = usePersistence((s) => s.hasPrevious);
  const ref = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open && !link) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) {
        setOpen(false);
        setLink(undefined);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      setLink(undefined);
    };
    window.addEventListener("pointerdown", onDown, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", onDown, true);
      window.removeEventListener("keydown", onKey);
    };
  }, [open, link]);

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
        onClick={() => {
          setOpen(!open);
          setLink(undefined);
        }}
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
          {item("Export scenario file…", "export", () => exportFile(full))}
          {/* A menu holds menu items only: the row is the checkbox item; its box only shows the tick (no input: interactive controls may not nest). */}
          <div
            className="menu-check"
            role="menuitemcheckbox"
            aria-checked={full}
            tabIndex={0}
            data-testid="export-full"
            title="Certificates, managed fields, defaults and recomputed status too"
            onClick={() => setFull(!full)}
            onKeyDown={(e) => {
              if (e.key === " " || e.key === "Enter") {
                e.preventDefault();
                setFull(!full);
              }
            }}
          >
            <span className="menu-check-box" aria-hidden="true">
              {full ? "✓" : ""}
            </span>
            Full snapshot (what the cluster regenerates too)
          </div>
          {item("Import file…", "import", () => fileInput.current?.click())}
          <p className="menu-note">
            A scenario file, manifests (applied to this cluster), or a real cluster's{" "}
            <code>kubectl get … -A -o yaml</code>.
          </p>
          {item("Share link…", "share-link", async () => {
            const made = await makeShareLink();
            if (!made) return;
            setLink(made);
            void copyLink(made);
          })}
          <div className="menu-sep" />
          {item("Restore previous cluster", "restore-previous", restorePrevious, !hasPrevious)}
          <p className="menu-note">
            The cluster is autosaved in this browser. Reset, import and shared links keep the cluster they
            replace as the previous one.
          </p>
        </div>
      )}
      {link && !open && <SharePanel link={link} onClose={() => setLink(undefined)} />}
    </div>
  );
}
