/**
 * sed's `l`: the pattern space unambiguously, as GNU sed's do_list prints it in the C locale:
 * `\\` for a backslash, C escapes (`\a \b \f \n \r \t \v`), other unprintable bytes as three
 * octal digits, lines folded with a trailing `\` before the line length, and `$` at the end.
 */

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** The `l` output of text folded at lineLength (0 or 1: not folded), ending `$` and a newline. */
export function formatList(text: string, lineLength: number): string {
  let out = "";
  let width = 0;
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    const shown = ESCAPES[c] ?? (byte >= 0x20 && byte < 0x7f ? c : `\\${byte.toString(8).padStart(3, "0")}`);
    if (lineLength > 1 && width + shown.length > lineLength - 1) {
      out += "\\\n";
      width = 0;
    }
    out += shown;
    width += shown.length;
  }
  return `${out}$\n`;
}
