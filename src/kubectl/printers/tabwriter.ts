/**
 * A port of Go's text/tabwriter (the elastic tabstops kubectl's tables and describe use).
 * Cells end with "\t"; the last cell of a line does not belong to a column. A line with a single
 * cell flushes the writer, so it ends every column block, as in Go.
 */

/** Options of a tab writer, as tabwriter.NewWriter(out, minwidth, tabwidth, padding, ' ', 0). */
export interface TabWriterOptions {
  minwidth: number;
  padding: number;
}

/** cli-runtime's table writer (printers.GetNewTabWriter): minwidth 6, padding 3. */
export const TABLE_TABWRITER: TabWriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe's writer: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minwidth: 0, padding: 2 };

interface Cell {
  text: string;
  width: number;
}

/**
 * Formats text with tab-terminated cells into aligned columns, as Go's tabwriter does. With
 * remembered (liggitt/tabwriter's RememberWidths, which kubectl's GetNewTabWriter sets), a
 * column is at least as wide as it was in earlier flushes of the same writer, and the widths
 * found here are added to it: kubectl get --watch aligns each change with the rows before it.
 */
export function tabwrite(
  text: string,
  options: TabWriterOptions = TABLE_TABWRITER,
  remembered?: number[],
): string {
  const out: string[] = [];
  let lines: Cell[][] = [[]];
  const widths: number[] = [];
  let cell = "";

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const c = line[j] as Cell;
        out.push(c.text);
        if (j < widths.length) out.push(" ".repeat(Math.max(0, (widths[j] as number) - c.width)));
      }
      if (i + 1 < lines.length) out.push("\n");
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= (lines[t] as Cell[]).length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = options.minwidth;
      for (; t < line1; t++) {
        const l = lines[t] as Cell[];
        if (column >= l.length - 1) break;
        const w = (l[column] as Cell).width + options.padding;
        if (w > width) width = w;
      }
      if (remembered) width = rememberWidth(remembered, widths, width);
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  const terminateCell = (): number => {
    const line = lines[lines.length - 1] as Cell[];
    line.push({ text: cell, width: [...cell].length });
    cell = "";
    return line.length;
  };

  const flush = (): void => {
    if (cell.length > 0) terminateCell();
    format(0, lines.length);
    lines = [[]];
  };

  for (const ch of text) {
    if (ch === "\t" || ch === "\n") {
      const ncells = terminateCell();
      if (ch === "\n") {
        lines.push([]);
        if (ncells === 1) flush();
      }
    } else {
      cell += ch;
    }
  }
  flush();
  return out.join("");
}

/** liggitt/tabwriter format()'s RememberWidths step: the width of column widths.length. */
function rememberWidth(remembered: number[], widths: number[], width: number): number {
  const column = widths.length;
  if (remembered.length < column) remembered.push(...widths.slice(remembered.length));
  const seen = remembered[column];
  if (seen === undefined) remembered.push(width);
  else if (seen > width) return seen;
  else if (seen < width) remembered[column] = width;
  return width;
}
