// Ported from kubernetes/kubernetes staging/src/k8s.io/client-go/util/jsonpath/jsonpath_test.go.
// Go structs become JSON objects (fields in declaration order).
import { describe, expect, it } from "vitest";
import { printJsonPath } from "./index";
import { JsonPath } from "./jsonpath";

type Case = [name: string, template: string, input: unknown, expect: string, expectError?: boolean];

function run(cases: Case[], allowMissingKeys = false) {
  for (const [name, template, input, want, expectError] of cases) {
    it(`${name}: ${template}`, () => {
      const exec = () => new JsonPath(template, { allowMissingKeys }).execute(input);
      if (expectError) expect(exec).toThrow();
      else expect(exec()).toBe(want);
    });
  }
}
function runFail(cases: [string, string, unknown, string][]) {
  for (const [name, template, input, message] of cases) {
    it(`${name} fails: ${message}`, () => {
      expect(() => new JsonPath(template).execute(input)).toThrow(message);
    });
  }
}

describe("TestTypesInput", () => {
  const types = {
    bools: [true, false, true, false],
    integers: [1, 2, 3, 4],
    floats: [1.0, 2.2, 3.3, 4.0],
    strings: ["one", "two", "three", "four"],
    interfaces: [true, "one", 1, 1.1],
    maps: [
      { name: "one", value: 1 },
      { name: "two", value: 2.02 },
      { name: "three", value: 3.03 },
      { name: "four", value: 4.04 },
    ],
  };
  run([
    ["boolSlice", "{ .bools }", types, "[true,false,true,false]"],
    ["boolSliceIndex", "{ .bools[0] }", types, "true"],
    ["boolSliceIndex", "{ .bools[-1] }", types, "false"],
    ["boolSubSlice", "{ .bools[0:2] }", types, "true false"],
    ["boolSubSliceFirst2", "{ .bools[:2] }", types, "true false"],
    ["boolSubSliceStep2", "{ .bools[:4:2] }", types, "true true"],
    ["integerSlice", "{ .integers }", types, "[1,2,3,4]"],
    ["integerSliceIndex", "{ .integers[0] }", types, "1"],
    ["integerSliceIndexReverse", "{ .integers[-2] }", types, "3"],
    ["integerSubSliceFirst2", "{ .integers[0:2] }", types, "1 2"],
    ["integerSubSliceFirst2Alt", "{ .integers[:2] }", types, "1 2"],
    ["integerSubSliceStep2", "{ .integers[:4:2] }", types, "1 3"],
    ["floatSlice", "{ .floats }", types, "[1,2.2,3.3,4]"],
    ["floatSliceIndex", "{ .floats[0] }", types, "1"],
    ["floatSliceIndexReverse", "{ .floats[-2] }", types, "3.3"],
    ["floatSubSliceFirst2", "{ .floats[0:2] }", types, "1 2.2"],
    ["floatSubSliceStep2", "{ .floats[:4:2] }", types, "1 3.3"],
    ["stringSlice", "{ .strings }", types, '["one","two","three","four"]'],
    ["stringSliceIndex", "{ .strings[0] }", types, "one"],
    ["stringSliceIndexReverse", "{ .strings[-2] }", types, "three"],
    ["stringSubSliceFirst2", "{ .strings[0:2] }", types, "one two"],
    ["stringSubSliceStep2", "{ .strings[:4:2] }", types, "one three"],
    ["interfaceSlice", "{ .interfaces }", types, '[true,"one",1,1.1]'],
    ["interfaceSliceIndex", "{ .interfaces[0] }", types, "true"],
    ["interfaceSliceIndexReverse", "{ .interfaces[-2] }", types, "1"],
    ["interfaceSubSliceFirst2", "{ .interfaces[0:2] }", types, "true one"],
    ["interfaceSubSliceStep2", "{ .interfaces[:4:2] }", types, "true 1"],
    [
      "mapSlice",
      "{ .maps }",
      types,
      '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]',
    ],
    ["mapSliceIndex", "{ .maps[0] }", types, '{"name":"one","value":1}'],
    ["mapSliceIndexReverse", "{ .maps[-2] }", types, '{"name":"three","value":3.03}'],
    ["mapSubSliceFirst2", "{ .maps[0:2] }", types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
    ["mapSubSliceStepOdd", "{ .maps[::2] }", types, '{"name":"one","value":1} {"name":"three","value":3.03}'],
    [
      "mapSubSliceStepEven",
      "{ .maps[1::2] }",
      types,
      '{"name":"two","value":2.02} {"name":"four","value":4.04}',
    ],
  ]);
});

describe("TestStructInput (as JSON)", () => {
  const storeData = {
    Book: [
      { Category: "reference", Author: "Nigel Rees", Title: "Sayings of the Centurey", Price: 8.95 },
      { Category: "fiction", Author: "Evelyn Waugh", Title: "Sword of Honour", Price: 12.99 },
      { Category: "fiction", Author: "Herman Melville", Title: "Moby Dick", Price: 8.99 },
    ],
    Bicycle: [
      { Color: "red", Price: 19.95, IsNew: true },
      { Color: "green", Price: 20.01, IsNew: false },
    ],
    Name: "jsonpath",
    Labels: { engieer: 10, "web/html": 15, "k8s-app": 20 },
    Employees: { jason: "manager", dan: "clerk" },
  };
  run([
    ["plain", "hello jsonpath", null, "hello jsonpath"],
    ["recursive", "{..}", [1, 2, 3], "[1,2,3]"],
    ["filter", "{[?(@<5)]}", [2, 6, 3, 7], "2 3"],
    ["quote", '{"{"}', null, "{"],
    ["union", "{[1,3,4]}", [0, 1, 2, 3, 4], "1 3 4"],
    ["array", "{[0:2]}", ["Monday", "Tudesday"], "Monday Tudesday"],
    ["variable", "hello {.Name}", storeData, "hello jsonpath"],
    ["dict/", "{$.Labels.web/html}", storeData, "15"],
    ["dict/", "{$.Employees.jason}", storeData, "manager"],
    ["dict/", "{$.Employees.dan}", storeData, "clerk"],
    ["dict-", "{.Labels.k8s-app}", storeData, "20"],
    ["nest", "{.Bicycle[*].Color}", storeData, "red green"],
    ["allarray", "{.Book[*].Author}", storeData, "Nigel Rees Evelyn Waugh Herman Melville"],
    [
      "allfields",
      '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}',
      storeData,
      "{red 19.95 true} {green 20.01 false} ",
    ],
    ["recurfields", "{..Price}", storeData, "8.95 12.99 8.99 19.95 20.01"],
    ["recurdotfields", "{...Price}", storeData, "8.95 12.99 8.99 19.95 20.01"],
    [
      "superrecurfields",
      "{............................................................Price}",
      storeData,
      "",
      true,
    ],
    [
      "allstructsSlice",
      "{.Bicycle}",
      storeData,
      '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]',
    ],
    [
      "allstructs",
      '{range .Bicycle[*]}{ @ }{ " " }{end}',
      storeData,
      '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} ',
    ],
    [
      "lastarray",
      "{.Book[-1:]}",
      storeData,
      '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}',
    ],
    [
      "recurarray",
      "{..Book[2]}",
      storeData,
      '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}',
    ],
    ["bool", "{.Bicycle[?(@.IsNew==true)]}", storeData, '{"Color":"red","IsNew":true,"Price":19.95}'],
  ]);
  describe("missing keys allowed", () => {
    run(
      [
        ["nonexistent field", "{.hello}", storeData, ""],
        ["nonexistent field 2", "before-{.hello}after", storeData, "before-after"],
      ],
      true,
    );
  });
  runFail([
    ["invalid identifier", "{hello}", storeData, "unrecognized identifier hello"],
    ["nonexistent field", "{.hello}", storeData, "hello is not found"],
    ["invalid array", "{.Labels[0]}", storeData, "map[string]interface {} is not array or slice"],
    ["invalid filter operator", "{.Book[?(@.Price<>10)]}", storeData, "unrecognized filter operator <>"],
    ["redundant end", "{range .Labels.*}{@}{end}{end}", storeData, "not in range, nothing to end"],
  ]);
});

describe("TestJSONInput", () => {
  const points = [
    { id: "i1", x: 4, y: -5 },
    { id: "i2", x: -2, y: -5, z: 1 },
    { id: "i3", x: 8, y: 3 },
    { id: "i4", x: -6, y: -1 },
    { id: "i5", x: 0, y: 2, z: 1 },
    { id: "i6", x: 1, y: 4 },
  ];
  run([
    ["exists filter", "{[?(@.z)].id}", points, "i2 i5"],
    ["bracket key", "{[0]['id']}", points, "i1"],
  ]);
});

const nodesData = {
  kind: "List",
  items: [
    {
      kind: "None",
      metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } },
      status: {
        capacity: { cpu: "4" },
        ready: true,
        addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }],
      },
    },
    {
      kind: "None",
      metadata: { name: "127.0.0.2", labels: { "kubernetes.io/hostname": "127.0.0.2" } },
      status: {
        capacity: { cpu: "8" },
        ready: false,
        addresses: [
          { type: "LegacyHostIP", address: "127.0.0.2" },
          { type: "another", address: "127.0.0.3" },
        ],
      },
    },
  ],
  users: [
    { name: "myself", user: {} },
    { name: "e2e", user: { username: "admin", password: "secret" } },
  ],
};

describe("TestKubernetes", () => {
  run([
    [
      "range item",
      "{range .items[*]}{.metadata.name}, {end}{.kind}",
      nodesData,
      "127.0.0.1, 127.0.0.2, List",
    ],
    [
      "range item with quote",
      '{range .items[*]}{.metadata.name}{"\\t"}{end}',
      nodesData,
      "127.0.0.1\t127.0.0.2\t",
    ],
    ["range addresss", "{.items[*].status.addresses[*].address}", nodesData, "127.0.0.1 127.0.0.2 127.0.0.3"],
    [
      "double range",
      "{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}",
      nodesData,
      "127.0.0.1, 127.0.0.2, 127.0.0.3, ",
    ],
    ["item name", "{.items[*].metadata.name}", nodesData, "127.0.0.1 127.0.0.2"],
    [
      "union nodes capacity",
      "{.items[*]['metadata.name', 'status.capacity']}",
      nodesData,
      '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}',
    ],
    [
      "range nodes capacity",
      "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
      nodesData,
      '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
    ],
    ["user password", '{.users[?(@.name=="e2e")].user.password}', nodesData, "secret"],
    ["hostname", "{.items[0].metadata.labels.kubernetes\\.io/hostname}", nodesData, "127.0.0.1"],
    [
      "hostname filter",
      '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}',
      nodesData,
      "None",
    ],
    ["bool item", "{.items[?(@..ready==true)].metadata.name}", nodesData, "127.0.0.1"],
  ]);
  it("recursive name (order as in the object)", () => {
    expect(new JsonPath("{..name}").execute(nodesData).split(" ").sort()).toEqual(
      ["127.0.0.1", "127.0.0.2", "e2e", "myself"].sort(),
    );
  });
});

describe("TestEmptyRange", () => {
  run(
    [
      ["empty range", "{range .items[*]}{.metadata.name}{end}", { items: [] }, ""],
      [
        "empty nested range",
        '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
        { items: [] },
        "",
      ],
    ],
    true,
  );
});

describe("TestNestedRanges", () => {
  const data = {
    items: [
      {
        metadata: { name: "pod1" },
        spec: {
          containers: [
            { name: "foo", another: [{ name: "value1" }, { name: "value2" }] },
            { name: "bar", another: [{ name: "value1" }, { name: "value2" }] },
          ],
        },
      },
      {
        metadata: { name: "pod2" },
        spec: { containers: [{ name: "baz", another: [{ name: "value1" }, { name: "value2" }] }] },
      },
    ],
  };
  run([
    [
      "nested range with a trailing newline",
      '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
      data,
      "pod1:foo,bar,+pod2:baz,+",
    ],
    [
      "nested range with a trailing character within another nested range",
      '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
      data,
      "pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#",
    ],
    [
      "two nested ranges at the same level",
      '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
      data,
      "pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n",
    ],
  ]);
});

describe("TestFilterPartialMatchesSometimesMissingAnnotations", () => {
  const data = {
    kind: "List",
    items: [
      { kind: "Pod", metadata: { name: "pod1", annotations: { color: "blue" } } },
      { kind: "Pod", metadata: { name: "pod2" } },
      { kind: "Pod", metadata: { name: "pod3", annotations: { color: "green" } } },
      { kind: "Pod", metadata: { name: "pod4", annotations: { color: "blue" } } },
    ],
  };
  const t = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
  run([["tolerate missing items", t, data, "pod1 pod4"]], true);
  run([["error on missing items", t, data, "", true]], false);
});

describe("TestNegativeIndex", () => {
  const data = {
    spec: { containers: [0, 1, 2, 3].map((i) => ({ image: "radial/busyboxplus:curl", name: `fake${i}` })) },
  };
  run([
    ["[0]", "{.spec.containers[0].name}", data, "fake0"],
    ["[0:0]", "{.spec.containers[0:0].name}", data, ""],
    ["[0:-1]", "{.spec.containers[0:-1].name}", data, "fake0 fake1 fake2"],
    ["[-1:0]", "{.spec.containers[-1:0].name}", data, "", true],
    ["[-1]", "{.spec.containers[-1].name}", data, "fake3"],
    ["[-1:]", "{.spec.containers[-1:].name}", data, "fake3"],
    ["[-2]", "{.spec.containers[-2].name}", data, "fake2"],
    ["[-2:]", "{.spec.containers[-2:].name}", data, "fake2 fake3"],
    ["[-3]", "{.spec.containers[-3].name}", data, "fake1"],
    ["[-4]", "{.spec.containers[-4].name}", data, "fake0"],
    ["[-4:]", "{.spec.containers[-4:].name}", data, "fake0 fake1 fake2 fake3"],
    ["[-5]", "{.spec.containers[-5].name}", data, "", true],
    ["[5:5]", "{.spec.containers[5:5].name}", data, ""],
    ["[-5:-5]", "{.spec.containers[-5:-5].name}", data, ""],
    ["[3:1]", "{.spec.containers[3:1].name}", data, "", true],
    ["[-1:-2]", "{.spec.containers[-1:-2].name}", data, "", true],
  ]);
});

describe("TestRunningPodsJSONPathOutput", () => {
  const data = {
    kind: "List",
    items: [
      { kind: "Pod", metadata: { name: "pod1" }, status: { phase: "Running" } },
      { kind: "Pod", metadata: { name: "pod2" }, status: { phase: "Running" } },
      { kind: "Pod", metadata: { name: "pod3" }, status: { phase: "Running" } },
      { resourceVersion: "", selfLink: "" },
    ],
  };
  run(
    [
      [
        "range over pods without selecting the last one",
        '{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}',
        data,
        "pod1 is Running\npod2 is Running\npod3 is Running\n",
      ],
    ],
    true,
  );
});

describe("TestStep", () => {
  const data = { spec: { containers: [0, 1, 2, 3, 4, 5].map((i) => ({ name: `fake${i}` })) } };
  run([
    ["[0:]", "{.spec.containers[0:].name}", data, "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["[0:6:]", "{.spec.containers[0:6:].name}", data, "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["[0:6:1]", "{.spec.containers[0:6:1].name}", data, "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["[0:6:0]", "{.spec.containers[0:6:0].name}", data, "", true],
    ["[0:6:-1]", "{.spec.containers[0:6:-1].name}", data, "", true],
    ["[1:4:2]", "{.spec.containers[1:4:2].name}", data, "fake1 fake3"],
    ["[1:4:3]", "{.spec.containers[1:4:3].name}", data, "fake1"],
    ["[1:4:4]", "{.spec.containers[1:4:4].name}", data, "fake1"],
    ["[0:6:2]", "{.spec.containers[0:6:2].name}", data, "fake0 fake2 fake4"],
    ["[0:6:3]", "{.spec.containers[0:6:3].name}", data, "fake0 fake3"],
    ["[0:6:5]", "{.spec.containers[0:6:5].name}", data, "fake0 fake5"],
    ["[0:6:6]", "{.spec.containers[0:6:6].name}", data, "fake0"],
  ]);
});

describe("kubectl -o jsonpath", () => {
  const node = {
    metadata: { annotations: { "kubernetes.io/config.source": "file" } },
    spec: {
      tolerations: [{ operator: "Exists", key: "node.kubernetes.io/not-ready", effect: "NoExecute" }],
    },
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False" },
        { type: "Ready", status: "True" },
      ],
    },
  };
  it("escaped dots in keys", () => {
    expect(printJsonPath("{.metadata.annotations.kubernetes\\.io/config\\.source}", node)).toBe("file");
  });
  it("objects print as compact JSON with sorted keys", () => {
    expect(printJsonPath("{.spec.tolerations[0]}", node)).toBe(
      '{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists"}',
    );
  });
  it("filters", () => {
    expect(printJsonPath('{.status.conditions[?(@.type=="Ready")].status}{"\\n"}', node)).toBe("True\n");
  });
  it("parse errors carry kubectl's text", () => {
    expect(() => printJsonPath("{.a[}", node)).toThrow("error parsing jsonpath {.a[}, unterminated array\n");
  });
});
