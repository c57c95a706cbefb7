/**
 * Splits a script into top-level commands, the unit a report entry stands for: one line each,
 * with a heredoc's body (`<<EOF` ... `EOF`) and `\` continuations belonging to their command.
 */

const HEREDOC = /<<(-?)\s*(\\|['"]?)([A-Za-z_][A-Za-z0-9_]*)(['"]?)/g;

/** The heredoc delimiters a line opens, in order, and whether leading tabs are stripped. */
export function heredocsOf(line: string): { delimiter: string; stripTabs: boolean; quoted: boolean }[] {
  const out: { delimiter: string; stripTabs: boolean; quoted: boolean }[] = [];
  for (const m of line.matchAll(HEREDOC)) {
    // Ignore `<<` inside quotes: count quotes before the match.
    const before = line.slice(0, m.index);
    if ((before.split("'").length - 1) % 2 === 1 || (before.split('"').length - 1) % 2 === 1) continue;
    out.push({ delimiter: m[3] as string, stripTabs: m[1] === "-", quoted: m[2] !== "" });
  }
  return out;
}

/** Splits script text into commands; blank lines and `#` comment lines are dropped. */
export function splitScript(text: string): string[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const commands: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let line = lines[i++] as string;
    while (line.endsWith("\\") && i < lines.length) line = `${line.slice(0, -1)}${lines[i++]}`;
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const parts = [line];
    for (const doc of heredocsOf(line)) {
      while (i < lines.length) {
        const body = lines[i++] as string;
        parts.push(body);
        const candidate = doc.stripTabs ? body.replace(/^\t+/, "") : body;
        if (candidate === doc.delimiter || candidate.trim() === doc.delimiter) break;
      }
    }
    commands.push(parts.join("\n"));
  }
  return commands;
}
