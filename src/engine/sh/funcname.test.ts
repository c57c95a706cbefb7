import { describe, expect, it } from "vitest";
import { parseScript, ShSyntaxError } from "./index";

// bash's function names are any plain word (execute_cmd.c accepts `:`; the classic fork bomb
// `:(){ :|:& };:` parses); dash (parser.c) and busybox ash (goodname) want a name.
describe("function names", () => {
  it("bash takes a plain word such as ':' or 'my-func'", () => {
    expect(() => parseScript(":(){ :|:& };:", "bash")).not.toThrow();
    expect(() => parseScript("my-func() { echo hi; }", "bash")).not.toThrow();
  });
  it("dash and ash refuse a name that is not a name", () => {
    const message = (dialect: "dash" | "ash") => {
      try {
        parseScript(":(){ :; }", dialect);
      } catch (e) {
        return e instanceof ShSyntaxError ? e.message : String(e);
      }
      return "no error";
    };
    expect(message("dash")).toBe("Syntax error: Bad function name");
    expect(message("ash")).toBe("syntax error: bad function name");
  });
});
