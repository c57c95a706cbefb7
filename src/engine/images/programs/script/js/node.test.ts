/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: node template literals are the input */
/**
 * The simulated node against node 20: each row is a `node -e` program and the stdout node 20
 * prints for it (captured from node v20's util.inspect and util.format; lib/internal/util/
 * inspect.js formatValue, reduceToSingleString, groupArrayElements), then the event loop,
 * the http module and errors.
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../../../testing";
import { NODE_UNSUPPORTED, node } from "../../python";

const env = { HOME: "/root", NODE_VERSION: "20.18.1" };

/** [program, what node 20 prints]. */
const CASES: [string, string][] = [
  ["console.log(process.version, [1,2].map(x=>x*2))", "v20.18.1 [ 2, 4 ]\n"],
  [
    "console.log({a:{b:{c:{d:1}}}, arr:[[1,[2,[3,[4]]]]]})",
    "{ a: { b: { c: [Object] } }, arr: [ [ 1, [Array] ] ] }\n",
  ],
  [
    "console.log(['apple','banana','cherry','date','elderberry','fig','grape'])",
    "[ 'apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape' ]\n",
  ],
  [
    "console.log({name:'nginx-deployment-abc', namespace:'default', labels:{app:'nginx', tier:'frontend'}, replicas: 3})",
    "{\n  name: 'nginx-deployment-abc',\n  namespace: 'default',\n  labels: { app: 'nginx', tier: 'frontend' },\n  replicas: 3\n}\n",
  ],
  [
    "console.log([1.5, 22, 333, 4444, 55555, 666666, 7777777])",
    "[ 1.5, 22, 333, 4444, 55555, 666666, 7777777 ]\n",
  ],
  [
    "console.log(Array.from({length: 30}, (_, i) => i * i))",
    "[\n    0,   1,   4,   9,  16,  25,  36,  49,\n   64,  81, 100, 121, 144, 169, 196, 225,\n  256, 289, 324, 361, 400, 441, 484, 529,\n  576, 625, 676, 729, 784, 841\n]\n",
  ],
  [
    "const xs = []; for (let i = 0; i < 120; i++) xs.push(i); console.log(xs)",
    "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]\n",
  ],
  [
    "console.log([[1,2],[3,4]], [{a:1},{b:2}], {x: [1,2,3], y: 'str'})",
    "[ [ 1, 2 ], [ 3, 4 ] ] [ { a: 1 }, { b: 2 } ] { x: [ 1, 2, 3 ], y: 'str' }\n",
  ],
  [
    "console.log('a\\nb', ['a\\nb'], {'key with space': 1, valid_id: 2, 3: 'num'})",
    "a\nb [ 'a\\nb' ] { '3': 'num', 'key with space': 1, valid_id: 2 }\n",
  ],
  [
    "console.log(typeof null, typeof undefined, typeof 1, typeof 'x', typeof {}, typeof [], typeof (()=>1))",
    "object undefined number string object object function\n",
  ],
  [
    "console.log([1,2,3].join('-'), String([1,[2,3]]), `${[1,2]}`, '' + {}, 1 + '2', '3' * '4', 10 / 3, 2 ** 53 + 1)",
    "1-2-3 1,2,3 1,2 [object Object] 12 12 3.3333333333333335 9007199254740992\n",
  ],
  [
    "console.log(parseInt('42px'), parseFloat('3.14abc'), Number('x'), (255).toString(16), (3.14159).toFixed(2))",
    "42 3.14 NaN ff 3.14\n",
  ],
  [
    "console.log(Object.keys({a:1,b:2}), Object.entries({a:1}), Object.values({a:1,b:[2]}))",
    "[ 'a', 'b' ] [ [ 'a', 1 ] ] [ 1, [ 2 ] ]\n",
  ],
  [
    "const m = {count: 0, inc() { this.count++; return this; }}; m.inc().inc(); console.log(m.count, m)",
    "2 { count: 2, inc: [Function: inc] }\n",
  ],
  [
    "console.log([3, 20, 100].sort(), [3, 20, 100].sort((a, b) => a - b), ['x','y'].includes('y'), [1,2,3].indexOf(4))",
    "[ 100, 20, 3 ] [ 3, 20, 100 ] true -1\n",
  ],
  ["console.log(process.env.HOME, process.env.NOPE, process.argv.length)", "/root undefined 1\n"],
  [
    "try { JSON.parse('{bad') } catch (e) { console.log(e.name, e instanceof SyntaxError) }",
    "SyntaxError true\n",
  ],
  ["const e = new Error('x'); console.log(e.message, String(e), e instanceof Error)", "x Error: x true\n"],
  [
    "console.log(function foo() {}, () => 1, console.log)",
    "[Function: foo] [Function (anonymous)] [Function: log]\n",
  ],
  [
    "console.log({f() {}, g: () => 1, h: function () {}})",
    "{ f: [Function: f], g: [Function: g], h: [Function: h] }\n",
  ],
  [
    "let s = 0; for (let i = 1; i <= 100; i++) s += i; console.log(s); let i = 0; do { i++ } while (i < 5); console.log(i)",
    "5050\n5\n",
  ],
  [
    "const obj = {nested: {deep: {deeper: {deepest: 1}}}}; console.log(JSON.stringify(obj)); console.log(obj)",
    '{"nested":{"deep":{"deeper":{"deepest":1}}}}\n{ nested: { deep: { deeper: [Object] } } }\n',
  ],
  [
    "console.log([true, false], {t: true}, null, undefined, 'plain')",
    "[ true, false ] { t: true } null undefined plain\n",
  ],
  [
    "console.error('to stderr', 1); console.log(1e21, 1e-7, 123456789012345680000, 0.000001)",
    "1e+21 1e-7 123456789012345680000 0.000001\n",
  ],
];

describe("node -e (node 20)", () => {
  it.each(CASES)("%s", (code, out) => {
    expect(runProgram(node, ["node", "-e", code], { env }).stdout).toBe(out);
  });

  it("prints -p's value as util.inspect does", () => {
    expect(runProgram(node, ["node", "-p", "[1, 'a', {b: 2}]"], { env }).stdout).toBe(
      "[ 1, 'a', { b: 2 } ]\n",
    );
    expect(runProgram(node, ["node", "-p", "'text'"], { env }).stdout).toBe("text\n");
  });

  it("runs timers on the virtual clock and exits when nothing is left", () => {
    const r = runProgram(
      node,
      [
        "node",
        "-e",
        "let n = 0; const t = setInterval(() => { console.log('tick', ++n); if (n === 3) clearInterval(t); }, 1000); setTimeout(() => console.log('half'), 1500)",
      ],
      { env },
    );
    expect(r.stdout).toBe("");
    r.advance(1000);
    expect(r.stdout).toBe("tick 1\n");
    r.advance(1000);
    expect(r.stdout).toBe("tick 1\nhalf\ntick 2\n");
    r.advance(1000);
    expect(r).toMatchObject({ stdout: "tick 1\nhalf\ntick 2\ntick 3\n", status: 0 });
  });

  it("serves http.createServer on its port with node's default headers, until stopped", () => {
    const r = runProgram(
      node,
      [
        "node",
        "-e",
        "require('http').createServer((req, res) => { console.log(req.method, req.url); res.end('hi') }).listen(8080, () => console.log('listening'))",
      ],
      { env },
    );
    expect(r.stdout).toBe("listening\n");
    expect(r.waiting).toEqual({ kind: "forever" });
    const res = r.http(8080, "/healthz");
    expect(res).toMatchObject({ status: 200, body: "hi" });
    expect(Object.keys(res.headers)).toEqual(["Date", "Connection", "Keep-Alive", "Content-Length"]);
    expect(res.headers["Content-Length"]).toBe("2");
    expect(r.stdout).toBe("listening\nGET /healthz\n");
  });

  it("reports an uncaught error with node's header and exits 1", () => {
    expect(runProgram(node, ["node", "-e", "null.x"], { env })).toMatchObject({
      stderr:
        "[eval]:1\nnull.x\n\nTypeError: Cannot read properties of null (reading 'x')\n\nNode.js v20.18.1\n",
      status: 1,
    });
    expect(runProgram(node, ["node", "-e", "process.exit(4)"], { env }).status).toBe(4);
  });

  it("words JSON.parse errors as node 20's V8 does, whatever engine runs the simulation", () => {
    // node 20 (V8 11.3) src/json/json-parser.cc messages, as node v20 prints them.
    const cases: [string, string][] = [
      ["{", "Expected property name or '}' in JSON at position 1"],
      ["", "Unexpected end of JSON input"],
      ["nope", `Unexpected token 'o', "nope" is not valid JSON`],
      ["[1,]", `Unexpected token ']', "[1,]" is not valid JSON`],
      ['{"a":1,}', "Expected double-quoted property name in JSON at position 7"],
      ['{"a" 1}', "Expected ':' after property name in JSON at position 5"],
      ["[1 2]", "Expected ',' or ']' after array element in JSON at position 3"],
      ['"abc', "Unterminated string in JSON at position 4"],
    ];
    for (const [text, message] of cases)
      expect(
        runProgram(
          node,
          [
            "node",
            "-e",
            `try { JSON.parse(${JSON.stringify(text)}) } catch (e) { console.log(e.name, e.message) }`,
          ],
          { env },
        ).stdout,
      ).toBe(`SyntaxError ${message}\n`);
  });

  it("throttles a busy loop", () => {
    expect(runProgram(node, ["node", "-e", "while (true) {}"], { env }).waiting).toEqual({
      kind: "throttle",
    });
  });

  it("says in one line what it does not run", () => {
    for (const code of ["class A {}", "const r = /x/", "async function f() {}"])
      expect(runProgram(node, ["node", "-e", code], { env })).toMatchObject({
        stderr: `${NODE_UNSUPPORTED}\n`,
        status: 1,
      });
  });
});
