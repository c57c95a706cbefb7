/**
 * `$(VAR)` expansion in a container's command, args and env values: a port of kubernetes
 * third_party/forked/golang/expansion/expand.go. `$$` escapes an operator, references to
 * unknown variables are left as written, and nothing else (`$VAR`, `${VAR}`, `\`) is special.
 */

const OPERATOR = "$";
const REFERENCE_OPENER = "(";
const REFERENCE_CLOSER = ")";

/** The input wrapped in the expansion syntax: `$(input)` (syntaxWrap). */
export function syntaxWrap(input: string): string {
  return OPERATOR + REFERENCE_OPENER + input + REFERENCE_CLOSER;
}

/**
 * A mapping for expand that looks a name up in each context in turn and, when none has it,
 * gives back the reference unexpanded (MappingFuncFor).
 */
export function mappingFuncFor(...contexts: Record<string, string>[]): (name: string) => string {
  return (name) => {
    for (const vars of contexts) if (Object.hasOwn(vars, name)) return vars[name] as string;
    return syntaxWrap(name);
  };
}

/**
 * Replaces `$(NAME)` references in input with mapping(NAME) (Expand). A mapping that answers
 * undefined leaves the reference as written, as mappingFuncFor does.
 */
export function expand(input: string, mapping: (name: string) => string | undefined): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === OPERATOR && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const { read, isVar, advance } = tryReadVariableName(input.slice(cursor + 1));
      if (isVar) out += mapping(read) ?? syntaxWrap(read);
      // Not a variable name: copy what was read.
      else out += read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}

/**
 * Reads a variable name after an operator: what was read, whether it is a name to map, and how
 * many characters it consumed (tryReadVariableName).
 */
function tryReadVariableName(input: string): { read: string; isVar: boolean; advance: number } {
  switch (input[0]) {
    case OPERATOR:
      // An escaped operator: it stands for itself.
      return { read: OPERATOR, isVar: false, advance: 1 };
    case REFERENCE_OPENER: {
      const close = input.indexOf(REFERENCE_CLOSER, 1);
      if (close > 0) return { read: input.slice(1, close), isVar: true, advance: close + 1 };
      // An incomplete reference: keep it as written.
      return { read: OPERATOR + REFERENCE_OPENER, isVar: false, advance: 1 };
    }
    default:
      // An operator that begins no expression: keep it and the character after it.
      return { read: OPERATOR + input[0], isVar: false, advance: 1 };
  }
}
