/**
 * The terminal dock: an xterm.js terminal on the worker's script shell (kubectl, ssh NODE, file
 * commands) with readline-style editing, history, completion and heredocs (terminal/lineEditor),
 * and a dimmed echo of the commands canvas actions and the editor ran. Beside it, visually hidden,
 * the transcript of every command as text, for screen readers and automation (`action-log`).
 */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal as XTerm } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef } from "react";
import { terminalText } from "../../worker/protocol";
import { interruptStream, onStream, runCommand } from "../bridge/bridge";
import { TerminalControls } from "../layout/TerminalControls";
import { loadHistory, saveHistory } from "../persistence/local";
import { useStore } from "../store";
import type { LogEntry } from "../store/log";
import { complete } from "../terminal/completion";
import { LineEditor, toTerminal } from "../terminal/lineEditor";
import "../terminal/terminal.css";
import { cssColor, onThemeChange } from "../theme/theme";

const SOURCE_LABEL: Record<LogEntry["source"], string> = {
  terminal: "",
  action: "canvas",
  editor: "editor",
  lab: "lab",
};

const BANNER =
  "\x1b[2mKubeglass shell: kubectl, ssh NODE, sleep N, heredocs (kubectl apply -f - <<EOF).\n" +
  "Tab completes, ↑ recalls, Ctrl+C cancels, Ctrl+L clears. Canvas and editor actions show here, dimmed.\x1b[0m\n";

/** xterm's colours from the page's terminal tokens (theme/tokens.css), read again when the theme changes. */
function xtermTheme() {
  return {
    background: cssColor("--term-bg"),
    foreground: cssColor("--term-fg"),
    cursor: cssColor("--term-prompt"),
    cursorAccent: cssColor("--term-bg"),
    selectionBackground: cssColor("--term-selection"),
    black: cssColor("--term-bg"),
    brightBlack: cssColor("--term-muted"),
    green: cssColor("--term-green"),
    brightGreen: cssColor("--term-green"),
    blue: cssColor("--term-prompt"),
    brightBlue: cssColor("--term-tag"),
    red: cssColor("--term-failed"),
    brightRed: cssColor("--term-failed"),
    yellow: cssColor("--term-yellow"),
    brightYellow: cssColor("--term-yellow"),
  };
}

/** What a canvas or editor command and its output look like in the terminal. */
function echoText(entry: LogEntry): string {
  const out = entry.result ? terminalText(entry.result) : "";
  return `[${SOURCE_LABEL[entry.source]}] $ ${entry.command}\n${out}`;
}

function Entry({ entry }: { entry: LogEntry }) {
  const out = entry.result ? terminalText(entry.result).trimEnd() : "";
  return (
    <li data-source={entry.source} data-exit={entry.result?.exit}>
      <div>
        $ {entry.command}
        {SOURCE_LABEL[entry.source] && ` (${SOURCE_LABEL[entry.source]})`}
      </div>
      {out && <pre>{out}</pre>}
    </li>
  );
}

/** The text in the terminal's buffer, scrollback included (for tests and copy). */
function bufferText(term: XTerm): string {
  const b = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const line = b.getLine(i);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join("\n").replace(/\n+$/, "");
}

function useXterm(
  host: React.RefObject<HTMLDivElement | null>,
  editorRef: React.RefObject<LineEditor | null>,
): void {
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new XTerm({
      fontFamily: getComputedStyle(el).fontFamily,
      fontSize: 12.5,
      lineHeight: 1.15,
      theme: xtermTheme(),
      // WCAG AA for every cell, the dimmed echo of canvas actions (SGR 2) included.
      minimumContrastRatio: 4.5,
      cursorBlink: true,
      scrollback: 5000,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const unsubscribeTheme = onThemeChange(() => {
      term.options.theme = xtermTheme();
    });
    const refit = () => {
      if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
    };
    refit();
    const resize = new ResizeObserver(refit);
    resize.observe(el);

    // Set by Ctrl+C while a command streams: lines the worker sent before it heard the interrupt
    // are dropped, so nothing prints after the ^C.
    let interrupted = false;
    const editor = new LineEditor(
      {
        screen: {
          write: (data) => term.write(data),
          cols: () => term.cols,
          clear: () => term.write("\x1b[H\x1b[2J\x1b[3J"),
        },
        prompt: () => useStore.getState().prompt,
        run: async (text) => {
          const r = await runCommand(text, "terminal");
          if (!r.following) return terminalText(r);
          // `kubectl logs -f`: what it printed so far, then its new lines until it ends or Ctrl+C.
          term.write(toTerminal(terminalText(r)));
          interrupted = false;
          await new Promise<void>((resolve) =>
            onStream((chunk, ended) => {
              if (!interrupted) term.write(toTerminal(chunk));
              if (!ended) return;
              onStream(undefined);
              resolve();
            }),
          );
          return "";
        },
        interrupt: () => {
          interrupted = true;
          term.write("^C\r\n");
          interruptStream();
        },
        complete: (before) =>
          complete(before, {
            keys: (kind) => {
              const s = useStore.getState();
              if (kind === "Node") return Object.keys(s.nodes);
              if (kind === "Pod") return Object.keys(s.pods);
              return Object.keys(s.others[kind] ?? {});
            },
          }),
        saveHistory,
      },
      loadHistory(),
    );
    // Ctrl+C copies when text is selected; Ctrl+V pastes (the browser's paste reaches onData).
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown" || !(e.ctrlKey || e.metaKey) || e.altKey) return true;
      if (e.key.toLowerCase() === "c" && term.hasSelection()) return false;
      if (e.key.toLowerCase() === "v") return false;
      return true;
    });
    term.onData((data) => editor.feed(data));

    // Echo what canvas actions and the editor ran, once each has its result.
    const echoed = new Set<number>();
    const echoNew = (log: LogEntry[]) => {
      for (const entry of log) {
        if (entry.source === "terminal" || !entry.result || echoed.has(entry.id)) continue;
        echoed.add(entry.id);
        editor.echo(echoText(entry));
      }
    };
    editor.start(BANNER);
    echoNew(useStore.getState().log);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.log !== prev.log) echoNew(s.log);
      if (s.prompt !== prev.prompt) editor.refreshPrompt();
    });

    editorRef.current = editor;
    const hooks = (window as unknown as { __kubeglass?: Record<string, unknown> }).__kubeglass;
    if (hooks) hooks.terminalText = () => bufferText(term);
    return () => {
      editorRef.current = null;
      unsubscribe();
      unsubscribeTheme();
      resize.disconnect();
      term.dispose();
    };
  }, [host, editorRef]);
}

/** The bottom dock. */
export function Terminal() {
  const log = useStore((s) => s.log);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<LineEditor>(null);
  useXterm(host, editor);
  return (
    <section className="terminal" aria-label="Terminal">
      <header className="panel-header">
        <h2>Terminal</h2>
        <span className="hint">
          kubectl, ssh NODE, sleep N · Tab completes · every canvas action shows its command
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            useStore.getState().clearLog();
            editor.current?.clearScreen();
          }}
        >
          Clear
        </button>
        <TerminalControls />
      </header>
      <div className="xterm-host" data-testid="terminal" ref={host} />
      <div className="visually-hidden" role="log" aria-label="Command transcript">
        <ol data-testid="action-log">
          {log.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </ol>
      </div>
    </section>
  );
}
