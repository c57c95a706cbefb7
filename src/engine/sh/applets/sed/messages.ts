/**
 * sed's script messages, as each flavour words them: GNU sed 4.9's sed/compile.c errors[] (with
 * its backquotes) and busybox editors/sed.c's bb_error_msg texts.
 */

/** GNU sed's compile.c messages (sed 4.9 quotes with a backquote and an apostrophe). */
export const GNU = {
  badBang: "multiple `!'s",
  badComma: "unexpected `,'",
  badStep: "invalid usage of +N or ~N as first address",
  excessOpenBrace: "unmatched `{'",
  excessCloseBrace: "unexpected `}'",
  excessJunk: "extra characters after command",
  expectedSlash: "expected \\ after `a', `c' or `i'",
  noCloseBraceAddr: "`}' doesn't want any addresses",
  noColonAddr: ": doesn't want any addresses",
  noSharpAddr: "comments don't accept any addresses",
  noCommand: "missing command",
  oneAddr: "command only uses one address",
  untermAddrRe: "unterminated address regex",
  untermS: "unterminated `s' command",
  untermY: "unterminated `y' command",
  unknownSOpt: "unknown option to `s'",
  excessP: "multiple `p' options to `s' command",
  excessG: "multiple `g' options to `s' command",
  excessN: "multiple number options to `s' command",
  zeroN: "number option to `s' command may not be zero",
  yLength: "strings for `y' command are different lengths",
  invalidLine0: "invalid usage of line address 0",
  unknownCmd: (c: string) => `unknown command: \`${c}'`,
  colonLacksLabel: '":" lacks a label',
  sandbox: "e/r/w commands disabled in sandbox mode",
  missingFilename: "missing filename in r/R/w/W commands",
  noLabel: (l: string) => `can't find label for jump to \`${l}'`,
  noPreviousRe: "no previous regular expression",
  /** execute.c's panics in a sed built without popen: the e command and s///e are refused. */
  eCommand: "`e' command not supported",
  eOption: "option `e' not supported",
};

/** busybox editors/sed.c's messages. */
export const BUSYBOX = {
  unmatched: (c: string) => `unmatched '${c}'`,
  badSubst: "bad format in substitution expression",
  badSOpt: "bad option in substitution expression",
  oneAddr: (c: string) => `command '${c}' uses only one address`,
  unsupported: (c: string) => `unsupported command ${c}`,
  noAddressAfterComma: "no address after comma",
  missingCommand: "missing command",
  noLabel: (l: string) => `can't find label for jump to '${l}'`,
  noPreviousRe: "no previous regexp",
  unterminatedBrace: "unterminated {",
  emptyFilename: "empty filename",
};
