/**
 * Terminal escaping of object content (cli-runtime pkg/printers/terminal.go, since kubectl v1.26
 * for issue #101695): ESC becomes `^[` and CR `\r`, so an annotation cannot move the cursor,
 * recolour the terminal or hide text. describe writes everything through it (WriteEscaped);
 * get's tables also cut a cell at its first line break (tableprinter.go printTable).
 */

/** terminal.go EscapeTerminal: `\x1b` → `^[`, `\r` → `\\r`. */
export function escapeTerminal(text: string): string {
  return text.replaceAll("\x1b", "^[").replaceAll("\r", "\\r");
}

/** A table cell as printTable writes it: cut at the first \f, \n or \r (then "..."), escaped. */
export function tableCell(text: string): string {
  const breakAt = text.search(/[\f\n\r]/);
  return breakAt >= 0 ? `${escapeTerminal(text.slice(0, breakAt))}...` : escapeTerminal(text);
}
