import { describe, expect, it } from "vitest";
import type { Container, Node, Pod, Service } from "../api/kinds";
import {
  containerEnvironment,
  DEFAULT_PATH,
  type EnvPair,
  expandContainerCommandAndArgs,
  expandContainerVolumeMounts,
  fromServices,
  makeEnvironmentVariables,
  replaceOrAppendEnv,
  ttyExecEnv,
} from "./envvars";
import type { ConfigMap, PodSources, Secret } from "./podsources";

function svc(
  name: string,
  namespace: string,
  clusterIP: string,
  ports: NonNullable<Service["spec"]>["ports"],
): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { clusterIP, ports } };
}

// Ported from kubernetes pkg/kubelet/envvars/envvars_test.go (TestFromServices).
describe("fromServices: TestFromServices", () => {
  it("makes Docker-link variables for every Service with a ClusterIP, in order", () => {
    const sl = [
      svc("foo-bar", "", "1.2.3.4", [{ port: 8080, protocol: "TCP" }]),
      svc("abc-123", "", "5.6.7.8", [
        { name: "u-d-p", port: 8081, protocol: "UDP" },
        { name: "t-c-p", port: 8081, protocol: "TCP" },
      ]),
      svc("q-u-u-x", "", "9.8.7.6", [
        { port: 8082, protocol: "TCP" },
        { name: "8083", port: 8083, protocol: "TCP" },
      ]),
      svc("svrc-clusterip-none", "", "None", [{ port: 8082, protocol: "TCP" }]),
      svc("svrc-clusterip-empty", "", "", [{ port: 8082, protocol: "TCP" }]),
    ];
    expect(fromServices(sl)).toEqual([
      { name: "FOO_BAR_SERVICE_HOST", value: "1.2.3.4" },
      { name: "FOO_BAR_SERVICE_PORT", value: "8080" },
      { name: "FOO_BAR_PORT", value: "tcp://1.2.3.4:8080" },
      { name: "FOO_BAR_PORT_8080_TCP", value: "tcp://1.2.3.4:8080" },
      { name: "FOO_BAR_PORT_8080_TCP_PROTO", value: "tcp" },
      { name: "FOO_BAR_PORT_8080_TCP_PORT", value: "8080" },
      { name: "FOO_BAR_PORT_8080_TCP_ADDR", value: "1.2.3.4" },
      { name: "ABC_123_SERVICE_HOST", value: "5.6.7.8" },
      { name: "ABC_123_SERVICE_PORT", value: "8081" },
      { name: "ABC_123_SERVICE_PORT_U_D_P", value: "8081" },
      { name: "ABC_123_SERVICE_PORT_T_C_P", value: "8081" },
      { name: "ABC_123_PORT", value: "udp://5.6.7.8:8081" },
      { name: "ABC_123_PORT_8081_UDP", value: "udp://5.6.7.8:8081" },
      { name: "ABC_123_PORT_8081_UDP_PROTO", value: "udp" },
      { name: "ABC_123_PORT_8081_UDP_PORT", value: "8081" },
      { name: "ABC_123_PORT_8081_UDP_ADDR", value: "5.6.7.8" },
      { name: "ABC_123_PORT_8081_TCP", value: "tcp://5.6.7.8:8081" },
      { name: "ABC_123_PORT_8081_TCP_PROTO", value: "tcp" },
      { name: "ABC_123_PORT_8081_TCP_PORT", value: "8081" },
      { name: "ABC_123_PORT_8081_TCP_ADDR", value: "5.6.7.8" },
      { name: "Q_U_U_X_SERVICE_HOST", value: "9.8.7.6" },
      { name: "Q_U_U_X_SERVICE_PORT", value: "8082" },
      { name: "Q_U_U_X_SERVICE_PORT_8083", value: "8083" },
      { name: "Q_U_U_X_PORT", value: "tcp://9.8.7.6:8082" },
      { name: "Q_U_U_X_PORT_8082_TCP", value: "tcp://9.8.7.6:8082" },
      { name: "Q_U_U_X_PORT_8082_TCP_PROTO", value: "tcp" },
      { name: "Q_U_U_X_PORT_8082_TCP_PORT", value: "8082" },
      { name: "Q_U_U_X_PORT_8082_TCP_ADDR", value: "9.8.7.6" },
      { name: "Q_U_U_X_PORT_8083_TCP", value: "tcp://9.8.7.6:8083" },
      { name: "Q_U_U_X_PORT_8083_TCP_PROTO", value: "tcp" },
      { name: "Q_U_U_X_PORT_8083_TCP_PORT", value: "8083" },
      { name: "Q_U_U_X_PORT_8083_TCP_ADDR", value: "9.8.7.6" },
    ]);
  });
});

// Ported from kubernetes pkg/kubelet/kubelet_pods_test.go (TestMakeEnvironmentVariables,
// release-1.32 signature). Rows about an unsynced service lister and a nil enableServiceLinks are
// left out: the store is always in sync and the API server defaults enableServiceLinks to true.
const services: Service[] = [
  svc("kubernetes", "default", "1.2.3.1", [{ protocol: "TCP", port: 8081 }]),
  svc("test", "test1", "1.2.3.3", [{ protocol: "TCP", port: 8083 }]),
  svc("kubernetes", "test2", "1.2.3.4", [{ protocol: "TCP", port: 8084 }]),
  svc("test", "test2", "1.2.3.5", [{ protocol: "TCP", port: 8085 }]),
  svc("test", "test2", "None", [{ protocol: "TCP", port: 8085 }]),
  svc("test", "test2", "", [{ protocol: "TCP", port: 8085 }]),
  svc("not-special", "default", "1.2.3.8", [{ protocol: "TCP", port: 8088 }]),
  svc("not-special", "default", "None", [{ protocol: "TCP", port: 8088 }]),
  svc("not-special", "default", "", [{ protocol: "TCP", port: 8088 }]),
];

const kube8081: EnvPair[] = [
  { name: "KUBERNETES_SERVICE_HOST", value: "1.2.3.1" },
  { name: "KUBERNETES_SERVICE_PORT", value: "8081" },
  { name: "KUBERNETES_PORT", value: "tcp://1.2.3.1:8081" },
  { name: "KUBERNETES_PORT_8081_TCP", value: "tcp://1.2.3.1:8081" },
  { name: "KUBERNETES_PORT_8081_TCP_PROTO", value: "tcp" },
  { name: "KUBERNETES_PORT_8081_TCP_PORT", value: "8081" },
  { name: "KUBERNETES_PORT_8081_TCP_ADDR", value: "1.2.3.1" },
];
const kube8084: EnvPair[] = [
  { name: "KUBERNETES_SERVICE_HOST", value: "1.2.3.4" },
  { name: "KUBERNETES_SERVICE_PORT", value: "8084" },
  { name: "KUBERNETES_PORT", value: "tcp://1.2.3.4:8084" },
  { name: "KUBERNETES_PORT_8084_TCP", value: "tcp://1.2.3.4:8084" },
  { name: "KUBERNETES_PORT_8084_TCP_PROTO", value: "tcp" },
  { name: "KUBERNETES_PORT_8084_TCP_PORT", value: "8084" },
  { name: "KUBERNETES_PORT_8084_TCP_ADDR", value: "1.2.3.4" },
];
const test8083: EnvPair[] = [
  { name: "TEST_SERVICE_HOST", value: "1.2.3.3" },
  { name: "TEST_SERVICE_PORT", value: "8083" },
  { name: "TEST_PORT", value: "tcp://1.2.3.3:8083" },
  { name: "TEST_PORT_8083_TCP", value: "tcp://1.2.3.3:8083" },
  { name: "TEST_PORT_8083_TCP_PROTO", value: "tcp" },
  { name: "TEST_PORT_8083_TCP_PORT", value: "8083" },
  { name: "TEST_PORT_8083_TCP_ADDR", value: "1.2.3.3" },
];
const test8085: EnvPair[] = [
  { name: "TEST_SERVICE_HOST", value: "1.2.3.5" },
  { name: "TEST_SERVICE_PORT", value: "8085" },
  { name: "TEST_PORT", value: "tcp://1.2.3.5:8085" },
  { name: "TEST_PORT_8085_TCP", value: "tcp://1.2.3.5:8085" },
  { name: "TEST_PORT_8085_TCP_PROTO", value: "tcp" },
  { name: "TEST_PORT_8085_TCP_PORT", value: "8085" },
  { name: "TEST_PORT_8085_TCP_ADDR", value: "1.2.3.5" },
];
const notSpecial8088: EnvPair[] = [
  { name: "NOT_SPECIAL_SERVICE_HOST", value: "1.2.3.8" },
  { name: "NOT_SPECIAL_SERVICE_PORT", value: "8088" },
  { name: "NOT_SPECIAL_PORT", value: "tcp://1.2.3.8:8088" },
  { name: "NOT_SPECIAL_PORT_8088_TCP", value: "tcp://1.2.3.8:8088" },
  { name: "NOT_SPECIAL_PORT_8088_TCP_PROTO", value: "tcp" },
  { name: "NOT_SPECIAL_PORT_8088_TCP_PORT", value: "8088" },
  { name: "NOT_SPECIAL_PORT_8088_TCP_ADDR", value: "1.2.3.8" },
];

const fieldRef = (fieldPath: string) => ({ valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } });
const downwardEnv = [
  { name: "POD_NAME", ...fieldRef("metadata.name") },
  { name: "POD_NAMESPACE", ...fieldRef("metadata.namespace") },
  { name: "POD_NODE_NAME", ...fieldRef("spec.nodeName") },
  { name: "POD_SERVICE_ACCOUNT_NAME", ...fieldRef("spec.serviceAccountName") },
  { name: "POD_IP", ...fieldRef("status.podIP") },
  { name: "POD_IPS", ...fieldRef("status.podIPs") },
  { name: "HOST_IP", ...fieldRef("status.hostIP") },
  { name: "HOST_IPS", ...fieldRef("status.hostIPs") },
];
const ipEnv = downwardEnv.slice(4);
const testKubeletHostIP = "127.0.0.1";
const testKubeletHostIPv6 = "::1";

const expansionEnv = [
  { name: "TEST_LITERAL", value: "test-test-test" },
  { name: "POD_NAME", ...fieldRef("metadata.name") },
  { name: "OUT_OF_ORDER_TEST", value: "$(OUT_OF_ORDER_TARGET)" },
  { name: "OUT_OF_ORDER_TARGET", value: "FOO" },
  { name: "EMPTY_VAR" },
  { name: "EMPTY_TEST", value: "foo-$(EMPTY_VAR)" },
  { name: "POD_NAME_TEST2", value: "test2-$(POD_NAME)" },
  { name: "POD_NAME_TEST3", value: "$(POD_NAME_TEST2)-3" },
  { name: "LITERAL_TEST", value: "literal-$(TEST_LITERAL)" },
];
const expansionExpected: EnvPair[] = [
  { name: "TEST_LITERAL", value: "test-test-test" },
  { name: "POD_NAME", value: "dapi-test-pod-name" },
  { name: "POD_NAME_TEST2", value: "test2-dapi-test-pod-name" },
  { name: "POD_NAME_TEST3", value: "test2-dapi-test-pod-name-3" },
  { name: "LITERAL_TEST", value: "literal-test-test-test" },
  { name: "OUT_OF_ORDER_TEST", value: "$(OUT_OF_ORDER_TARGET)" },
  { name: "OUT_OF_ORDER_TARGET", value: "FOO" },
  { name: "TEST_UNDEFINED", value: "$(UNDEFINED_VAR)" },
  { name: "EMPTY_VAR", value: "" },
  { name: "EMPTY_TEST", value: "foo-" },
];

const cmEnv = (prefix: string) => ({
  envFrom: [
    { configMapRef: { name: "test-config-map" } },
    { prefix, configMapRef: { name: "test-config-map" } },
  ],
  env: [
    { name: "TEST_LITERAL", value: "test-test-test" },
    { name: "EXPANSION_TEST", value: "$(REPLACE_ME)" },
    { name: "DUPE_TEST", value: "ENV_VAR" },
  ],
});
const secretEnv = {
  envFrom: [{ secretRef: { name: "test-secret" } }, { prefix: "p_", secretRef: { name: "test-secret" } }],
  env: cmEnv("").env,
};
const cmData = { REPLACE_ME: "FROM_CONFIG_MAP", DUPE_TEST: "CONFIG_MAP" };
const secretData = { REPLACE_ME: b64("FROM_SECRET"), DUPE_TEST: b64("SECRET") };
const cmExpected = (prefix: string): EnvPair[] => [
  { name: "TEST_LITERAL", value: "test-test-test" },
  { name: "REPLACE_ME", value: "FROM_CONFIG_MAP" },
  { name: "EXPANSION_TEST", value: "FROM_CONFIG_MAP" },
  { name: "DUPE_TEST", value: "ENV_VAR" },
  { name: `${prefix}REPLACE_ME`, value: "FROM_CONFIG_MAP" },
  { name: `${prefix}DUPE_TEST`, value: "CONFIG_MAP" },
];
const secretExpected: EnvPair[] = [
  { name: "TEST_LITERAL", value: "test-test-test" },
  { name: "REPLACE_ME", value: "FROM_SECRET" },
  { name: "EXPANSION_TEST", value: "FROM_SECRET" },
  { name: "DUPE_TEST", value: "ENV_VAR" },
  { name: "p_REPLACE_ME", value: "FROM_SECRET" },
  { name: "p_DUPE_TEST", value: "SECRET" },
];

function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

interface Row {
  name: string;
  ns: string;
  enableServiceLinks: boolean;
  container: Partial<Container>;
  nilLister?: boolean;
  configMap?: Record<string, string>;
  secret?: Record<string, string>;
  podIPs?: string[];
  expectedEnvs?: EnvPair[];
  expectedError?: string;
}

const rows: Row[] = [
  {
    name: "api server = Y, kubelet = Y",
    ns: "test1",
    enableServiceLinks: false,
    container: { env: [{ name: "FOO", value: "BAR" }, ...test8083] },
    expectedEnvs: [{ name: "FOO", value: "BAR" }, ...test8083, ...kube8081],
  },
  {
    name: "api server = Y, kubelet = N",
    ns: "test1",
    enableServiceLinks: false,
    container: { env: [{ name: "FOO", value: "BAR" }, ...test8083] },
    nilLister: true,
    expectedEnvs: [{ name: "FOO", value: "BAR" }, ...test8083],
  },
  {
    name: "api server = N; kubelet = Y",
    ns: "test1",
    enableServiceLinks: false,
    container: { env: [{ name: "FOO", value: "BAZ" }] },
    expectedEnvs: [{ name: "FOO", value: "BAZ" }, ...kube8081],
  },
  {
    name: "api server = N; kubelet = Y; service env vars",
    ns: "test1",
    enableServiceLinks: true,
    container: { env: [{ name: "FOO", value: "BAZ" }] },
    expectedEnvs: [{ name: "FOO", value: "BAZ" }, ...test8083, ...kube8081],
  },
  {
    name: "master service in pod ns",
    ns: "test2",
    enableServiceLinks: false,
    container: { env: [{ name: "FOO", value: "ZAP" }] },
    expectedEnvs: [{ name: "FOO", value: "ZAP" }, ...kube8081],
  },
  {
    name: "master service in pod ns, service env vars",
    ns: "test2",
    enableServiceLinks: true,
    container: { env: [{ name: "FOO", value: "ZAP" }] },
    expectedEnvs: [{ name: "FOO", value: "ZAP" }, ...test8085, ...kube8084],
  },
  {
    name: "pod in master service ns",
    ns: "default",
    enableServiceLinks: false,
    container: {},
    expectedEnvs: kube8081,
  },
  {
    name: "pod in master service ns, service env vars",
    ns: "default",
    enableServiceLinks: true,
    container: {},
    expectedEnvs: [...notSpecial8088, ...kube8081],
  },
  {
    name: "downward api pod",
    ns: "downward-api",
    enableServiceLinks: false,
    container: { env: downwardEnv },
    podIPs: ["1.2.3.4", "fd00::6"],
    nilLister: true,
    expectedEnvs: [
      { name: "POD_NAME", value: "dapi-test-pod-name" },
      { name: "POD_NAMESPACE", value: "downward-api" },
      { name: "POD_NODE_NAME", value: "node-name" },
      { name: "POD_SERVICE_ACCOUNT_NAME", value: "special" },
      { name: "POD_IP", value: "1.2.3.4" },
      { name: "POD_IPS", value: "1.2.3.4,fd00::6" },
      { name: "HOST_IP", value: testKubeletHostIP },
      { name: "HOST_IPS", value: `${testKubeletHostIP},${testKubeletHostIPv6}` },
    ],
  },
  {
    name: "downward api pod ips reverse order",
    ns: "downward-api",
    enableServiceLinks: false,
    container: { env: ipEnv },
    podIPs: ["fd00::6", "1.2.3.4"],
    nilLister: true,
    expectedEnvs: [
      { name: "POD_IP", value: "1.2.3.4" },
      { name: "POD_IPS", value: "1.2.3.4,fd00::6" },
      { name: "HOST_IP", value: testKubeletHostIP },
      { name: "HOST_IPS", value: `${testKubeletHostIP},${testKubeletHostIPv6}` },
    ],
  },
  {
    name: "downward api pod ips multiple ips",
    ns: "downward-api",
    enableServiceLinks: false,
    container: { env: ipEnv },
    podIPs: ["1.2.3.4", "192.168.1.1.", "fd00::6"],
    nilLister: true,
    expectedEnvs: [
      { name: "POD_IP", value: "1.2.3.4" },
      { name: "POD_IPS", value: "1.2.3.4,fd00::6" },
      { name: "HOST_IP", value: testKubeletHostIP },
      { name: "HOST_IPS", value: `${testKubeletHostIP},${testKubeletHostIPv6}` },
    ],
  },
  {
    name: "env expansion",
    ns: "test1",
    enableServiceLinks: false,
    container: { env: [...expansionEnv, { name: "TEST_UNDEFINED", value: "$(UNDEFINED_VAR)" }] },
    expectedEnvs: [...expansionExpected, ...kube8081],
  },
  {
    name: "env expansion, service env vars",
    ns: "test1",
    enableServiceLinks: true,
    container: {
      env: [
        ...expansionEnv,
        { name: "SERVICE_VAR_TEST", value: "$(TEST_SERVICE_HOST):$(TEST_SERVICE_PORT)" },
        { name: "TEST_UNDEFINED", value: "$(UNDEFINED_VAR)" },
      ],
    },
    expectedEnvs: [
      ...expansionExpected,
      ...test8083,
      { name: "SERVICE_VAR_TEST", value: "1.2.3.3:8083" },
      ...kube8081,
    ],
  },
  {
    name: "configmapkeyref_missing_optional",
    ns: "test",
    enableServiceLinks: false,
    container: {
      env: [
        {
          name: "POD_NAME",
          valueFrom: { configMapKeyRef: { name: "missing-config-map", key: "key", optional: true } },
        },
      ],
    },
    expectedEnvs: kube8081,
  },
  {
    name: "configmapkeyref_missing_key_optional",
    ns: "test",
    enableServiceLinks: false,
    container: {
      env: [
        {
          name: "POD_NAME",
          valueFrom: { configMapKeyRef: { name: "test-config-map", key: "key", optional: true } },
        },
      ],
    },
    nilLister: true,
    configMap: { a: "b" },
    expectedEnvs: [],
  },
  {
    name: "secretkeyref_missing_optional",
    ns: "test",
    enableServiceLinks: false,
    container: {
      env: [
        {
          name: "POD_NAME",
          valueFrom: { secretKeyRef: { name: "missing-secret", key: "key", optional: true } },
        },
      ],
    },
    expectedEnvs: kube8081,
  },
  {
    name: "secretkeyref_missing_key_optional",
    ns: "test",
    enableServiceLinks: false,
    container: {
      env: [
        {
          name: "POD_NAME",
          valueFrom: { secretKeyRef: { name: "test-secret", key: "key", optional: true } },
        },
      ],
    },
    nilLister: true,
    secret: { a: b64("b") },
    expectedEnvs: [],
  },
  {
    name: "configmap",
    ns: "test1",
    enableServiceLinks: false,
    container: cmEnv("p_"),
    configMap: cmData,
    expectedEnvs: [...cmExpected("p_"), ...kube8081],
  },
  {
    name: "configmap allow prefix to start with a digital",
    ns: "test1",
    enableServiceLinks: false,
    container: cmEnv("1_"),
    configMap: cmData,
    expectedEnvs: [...cmExpected("1_"), ...kube8081],
  },
  {
    name: "configmap, service env vars",
    ns: "test1",
    enableServiceLinks: true,
    container: cmEnv("p_"),
    configMap: cmData,
    expectedEnvs: [...cmExpected("p_"), ...test8083, ...kube8081],
  },
  {
    name: "configmap_missing",
    ns: "test1",
    enableServiceLinks: false,
    container: { envFrom: [{ configMapRef: { name: "test-config-map" } }] },
    expectedError: 'configmap "test-config-map" not found',
  },
  {
    name: "configmap_missing_optional",
    ns: "test",
    enableServiceLinks: false,
    container: { envFrom: [{ configMapRef: { name: "missing-config-map", optional: true } }] },
    expectedEnvs: kube8081,
  },
  {
    name: "configmap_invalid_keys_valid",
    ns: "test",
    enableServiceLinks: false,
    container: { envFrom: [{ prefix: "p_", configMapRef: { name: "test-config-map" } }] },
    configMap: { "1234": "abc" },
    expectedEnvs: [{ name: "p_1234", value: "abc" }, ...kube8081],
  },
  {
    name: "secret",
    ns: "test1",
    enableServiceLinks: false,
    container: secretEnv,
    secret: secretData,
    expectedEnvs: [...secretExpected, ...kube8081],
  },
  {
    name: "secret, service env vars",
    ns: "test1",
    enableServiceLinks: true,
    container: secretEnv,
    secret: secretData,
    expectedEnvs: [...secretExpected, ...test8083, ...kube8081],
  },
  {
    name: "secret_missing",
    ns: "test1",
    enableServiceLinks: false,
    container: { envFrom: [{ secretRef: { name: "test-secret" } }] },
    expectedError: 'secret "test-secret" not found',
  },
  {
    name: "secret_missing_optional",
    ns: "test",
    enableServiceLinks: false,
    container: { envFrom: [{ secretRef: { name: "missing-secret", optional: true } }] },
    expectedEnvs: kube8081,
  },
  {
    name: "secret_invalid_keys_valid",
    ns: "test",
    enableServiceLinks: false,
    container: { envFrom: [{ prefix: "p_", secretRef: { name: "test-secret" } }] },
    secret: { "1234.name": b64("abc") },
    expectedEnvs: [{ name: "p_1234.name", value: "abc" }, ...kube8081],
  },
];

const testNode: Node = {
  apiVersion: "v1",
  kind: "Node",
  metadata: { name: "node-name" },
  status: {
    addresses: [
      { type: "InternalIP", address: testKubeletHostIP },
      { type: "InternalIP", address: testKubeletHostIPv6 },
    ],
  },
};

function sourcesFor(row: {
  nilLister?: boolean;
  configMap?: Record<string, string>;
  secret?: Record<string, string>;
}) {
  return {
    // The upstream fake client answers every get with the row's object, whatever the name.
    configMap: (namespace, name) =>
      row.configMap
        ? ({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name, namespace },
            data: row.configMap,
          } as ConfigMap)
        : undefined,
    secret: (namespace, name) =>
      row.secret
        ? ({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, data: row.secret } as Secret)
        : undefined,
    services: (ns) => (row.nilLister ? [] : services.filter((s) => s.metadata.namespace === ns)),
    node: () => testNode,
  } satisfies PodSources;
}

function testPod(ns: string, enableServiceLinks: boolean, podIPs: string[] = []): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace: ns, name: "dapi-test-pod-name", annotations: {} },
    spec: { serviceAccountName: "special", nodeName: "node-name", enableServiceLinks, containers: [] },
    status: { podIPs: podIPs.map((ip) => ({ ip })) },
  };
}

const byName = (a: EnvPair, b: EnvPair) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

describe("makeEnvironmentVariables: TestMakeEnvironmentVariables", () => {
  it.each(rows)("$name", (row) => {
    const pod = testPod(row.ns, row.enableServiceLinks, row.podIPs);
    const result = makeEnvironmentVariables(pod, { name: "c", ...row.container }, sourcesFor(row));
    if (row.expectedError) {
      expect(result).toEqual({ reason: "CreateContainerConfigError", message: row.expectedError });
      return;
    }
    if (!("env" in result)) throw new Error(result.message);
    // Upstream sorts both lists before comparing.
    expect([...result.env].sort(byName)).toEqual([...(row.expectedEnvs ?? [])].sort(byName));
  });
});

describe("makeEnvironmentVariables: order, errors and resources", () => {
  const sources = sourcesFor({ configMap: { a: "1" }, secret: { s: b64("ünïcode") } });

  it("lists declared variables in order (a later duplicate keeps the first place), then Service variables", () => {
    const r = makeEnvironmentVariables(
      testPod("test1", true),
      {
        name: "c",
        env: [
          { name: "B", value: "1" },
          { name: "A", value: "2" },
          { name: "B", value: "3" },
        ],
      },
      sources,
    );
    expect("env" in r && r.env.slice(0, 3)).toEqual([
      { name: "B", value: "3" },
      { name: "A", value: "2" },
      { name: "KUBERNETES_SERVICE_HOST", value: "1.2.3.1" },
    ]);
  });

  it("names a missing key of a ConfigMap and of a Secret as the kubelet does", () => {
    const cm = makeEnvironmentVariables(
      testPod("default", true),
      { name: "c", env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "x", key: "k" } } }] },
      sources,
    );
    expect(cm).toEqual({
      reason: "CreateContainerConfigError",
      message: "couldn't find key k in ConfigMap default/x",
    });
    const s = makeEnvironmentVariables(
      testPod("default", true),
      { name: "c", env: [{ name: "X", valueFrom: { secretKeyRef: { name: "y", key: "k" } } }] },
      sources,
    );
    expect(s).toEqual({
      reason: "CreateContainerConfigError",
      message: "couldn't find key k in Secret default/y",
    });
  });

  it("takes envFrom from a ConfigMap's data only, not its binaryData", () => {
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "m", namespace: "x" },
      data: { TEXT: "t" },
      binaryData: { BIN: b64("b") },
    };
    const r = makeEnvironmentVariables(
      testPod("x", false),
      { name: "c", envFrom: [{ configMapRef: { name: "m" } }] },
      { ...sourcesFor({ nilLister: true }), configMap: () => cm },
    );
    expect("env" in r && r.env).toEqual([{ name: "TEXT", value: "t" }]);
  });

  it("decodes a Secret's base64 data as UTF-8", () => {
    const r = makeEnvironmentVariables(
      testPod("x", false),
      { name: "c", env: [{ name: "S", valueFrom: { secretKeyRef: { name: "y", key: "s" } } }] },
      sources,
    );
    expect("env" in r && r.env[0]).toEqual({ name: "S", value: "ünïcode" });
  });

  it("defaults unset limits to the node's allocatable and rounds up in divisor units", () => {
    const node: Node = {
      ...testNode,
      status: { ...testNode.status, allocatable: { cpu: "2", memory: "4Gi" } },
    };
    const pod = testPod("x", false);
    const container: Container = {
      name: "c",
      resources: { requests: { cpu: "250m", memory: "100Mi" } },
      env: [
        { name: "LIM_CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
        {
          name: "LIM_MEM_MI",
          valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } },
        },
        { name: "REQ_CPU", valueFrom: { resourceFieldRef: { resource: "requests.cpu" } } },
        { name: "REQ_CPU_M", valueFrom: { resourceFieldRef: { resource: "requests.cpu", divisor: "1m" } } },
        { name: "REQ_MEM", valueFrom: { resourceFieldRef: { resource: "requests.memory", divisor: "1Gi" } } },
      ],
    };
    const r = makeEnvironmentVariables(pod, container, {
      ...sourcesFor({ nilLister: true }),
      node: () => node,
    });
    expect("env" in r && r.env).toEqual([
      { name: "LIM_CPU", value: "2" },
      { name: "LIM_MEM_MI", value: "4096" },
      { name: "REQ_CPU", value: "1" },
      { name: "REQ_CPU_M", value: "250" },
      { name: "REQ_MEM", value: "1" },
    ]);
  });

  it("reads labels and annotations by key and as a whole, and the pod's uid", () => {
    const pod = testPod("x", false);
    pod.metadata.uid = "b70b3269-858e-12a8-9cf2-1232a194038a";
    pod.metadata.labels = { app: "web", tier: 'a"b' };
    const r = makeEnvironmentVariables(
      pod,
      {
        name: "c",
        env: [
          { name: "APP", ...fieldRef("metadata.labels['app']") },
          { name: "LABELS", ...fieldRef("metadata.labels") },
          { name: "UID", ...fieldRef("metadata.uid") },
        ],
      },
      sourcesFor({ nilLister: true }),
    );
    expect("env" in r && r.env).toEqual([
      { name: "APP", value: "web" },
      { name: "LABELS", value: 'app="web"\ntier="a\\"b"' },
      { name: "UID", value: "b70b3269-858e-12a8-9cf2-1232a194038a" },
    ]);
  });
});

describe("containerEnvironment: containerd's merge", () => {
  it("puts PATH and HOSTNAME first, lets the image's Env replace PATH in place and container env win", () => {
    const env = containerEnvironment(
      [
        { name: "NGINX_VERSION", value: "override" },
        { name: "KUBERNETES_SERVICE_HOST", value: "10.96.0.1" },
      ],
      {
        hostname: "web-1",
        imageEnv: ["PATH=/opt/bin:/usr/bin", "NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7"],
      },
    );
    expect(env).toEqual([
      { name: "PATH", value: "/opt/bin:/usr/bin" },
      { name: "HOSTNAME", value: "web-1" },
      { name: "NGINX_VERSION", value: "override" },
      { name: "NJS_VERSION", value: "0.8.7" },
      { name: "KUBERNETES_SERVICE_HOST", value: "10.96.0.1" },
      { name: "HOME", value: "/root" },
    ]);
  });

  // containerd pkg/cri container_create_linux.go: oci.WithTTY (TERM=xterm) comes before the
  // HOSTNAME and image/container env options; execInternal's WithEnv(TERM=xterm) appends to the
  // container's env, and runc adds HOME afterwards.
  it("a container with a terminal has TERM=xterm right after PATH", () => {
    const env = containerEnvironment([], { hostname: "bb", tty: true });
    expect(env.map((e) => e.name)).toEqual(["PATH", "TERM", "HOSTNAME", "HOME"]);
  });

  it("an exec with a terminal gets TERM=xterm before runc's HOME, or its own TERM replaced", () => {
    expect(Object.keys(ttyExecEnv({ PATH: "/bin", HOSTNAME: "x", A: "1", HOME: "/root" }))).toEqual([
      "PATH",
      "HOSTNAME",
      "A",
      "TERM",
      "HOME",
    ]);
    expect(ttyExecEnv({ PATH: "/bin", TERM: "dumb", HOME: "/root" })).toEqual({
      PATH: "/bin",
      TERM: "xterm",
      HOME: "/root",
    });
    expect(Object.keys(ttyExecEnv({ HOME: "/home/app", PATH: "/bin" }))).toEqual(["HOME", "PATH", "TERM"]);
  });

  it("keeps the default PATH without an image PATH, and a container HOME", () => {
    const env = containerEnvironment([{ name: "HOME", value: "/home/app" }], { hostname: "h" });
    expect(env).toEqual([
      { name: "PATH", value: DEFAULT_PATH },
      { name: "HOSTNAME", value: "h" },
      { name: "HOME", value: "/home/app" },
    ]);
  });

  it("unsets a variable named without =", () => {
    expect(replaceOrAppendEnv([{ name: "A", value: "1" }], ["A", "B=2"])).toEqual([
      { name: "B", value: "2" },
    ]);
  });
});

// Ported from kubernetes pkg/kubelet/container/helpers_test.go (TestExpandCommandAndArgs).
describe("expandContainerCommandAndArgs: TestExpandCommandAndArgs", () => {
  const cases: [string, Partial<Container>, EnvPair[], string[] | undefined, string[] | undefined][] = [
    ["none", {}, [], undefined, undefined],
    [
      "command expanded",
      { command: ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"] },
      [
        { name: "VAR_TEST", value: "zoo" },
        { name: "VAR_TEST2", value: "boo" },
      ],
      ["foo", "zoo", "boo"],
      undefined,
    ],
    [
      "args expanded",
      { args: ["zap", "$(VAR_TEST)", "$(VAR_TEST2)"] },
      [
        { name: "VAR_TEST", value: "hap" },
        { name: "VAR_TEST2", value: "trap" },
      ],
      undefined,
      ["zap", "hap", "trap"],
    ],
    [
      "both expanded",
      {
        command: ["$(VAR_TEST2)--$(VAR_TEST)", "foo", "$(VAR_TEST3)"],
        args: ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"],
      },
      [
        { name: "VAR_TEST", value: "zoo" },
        { name: "VAR_TEST2", value: "boo" },
        { name: "VAR_TEST3", value: "roo" },
      ],
      ["boo--zoo", "foo", "roo"],
      ["foo", "zoo", "boo"],
    ],
  ];
  it.each(cases)("%s", (_name, container, envs, command, args) => {
    expect(expandContainerCommandAndArgs(container, envs)).toEqual({ command, args });
  });
});

// Ported from pkg/kubelet/container/helpers_test.go (TestExpandVolumeMountsWithSubpath).
describe("expandContainerVolumeMounts: TestExpandVolumeMountsWithSubpath", () => {
  const cases: [string, string, EnvPair[], string | undefined][] = [
    ["subpath with no expansion", "foo", [], "foo"],
    ["volumes with expanded subpath", "foo/$(POD_NAME)", [{ name: "POD_NAME", value: "bar" }], "foo/bar"],
    ["volumes expanded with empty subpath", "", [{ name: "POD_NAME", value: "bar" }], ""],
    ["volumes expanded with no envs subpath", "/foo/$(POD_NAME)", [], undefined],
    [
      "volumes expanded with leading environment variable",
      "$(POD_NAME)/bar",
      [{ name: "POD_NAME", value: "foo" }],
      "foo/bar",
    ],
    [
      "subpaths with empty environment variable",
      "foo/$(POD_NAME)/$(ANNOTATION)",
      [{ name: "ANNOTATION", value: "" }],
      undefined,
    ],
    [
      "subpaths with missing env variables",
      "foo/$(ODD_NAME)/$(POD_NAME)",
      [{ name: "ODD_NAME", value: "bar" }],
      undefined,
    ],
    ["subpaths with empty expansion", "$()", [], undefined],
    [
      "subpaths with nested expandable envs",
      "$(POD_NAME$(ANNOTATION))",
      [
        { name: "POD_NAME", value: "foo" },
        { name: "ANNOTATION", value: "bar" },
      ],
      undefined,
    ],
  ];
  it.each(cases)("%s", (_name, expr, envs, expected) => {
    const r = expandContainerVolumeMounts(expr, envs);
    if (expected === undefined) expect(r).toHaveProperty("error");
    else expect(r).toEqual({ subPath: expected });
  });
  it("names the missing variables in order", () => {
    expect(expandContainerVolumeMounts("foo/$(POD_NAME)/$(ANNOTATION)", [])).toEqual({
      error: "missing value for ANNOTATION, POD_NAME",
    });
  });
});
