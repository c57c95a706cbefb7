// CustomResourceDefinitions through kubectl: the docs task "Extend the Kubernetes API with
// CustomResourceDefinitions" (kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/
// custom-resource-definitions/) typed as the page shows it, with the page's expected output, then
// printer columns, categories, validation, defaulting, the scale subresource and deletion.
import { describe, expect, it } from "vitest";
import { exportSnapshot, parseSnapshot, restoreSnapshot, serializeSnapshot } from "../engine/snapshot";
import { TestCluster } from "../testing/test-cluster";

const RESOURCE_DEFINITION = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  # name must match the spec fields below, and be in the form: <plural>.<group>
  name: crontabs.stable.example.com
spec:
  # group name to use for REST API: /apis/<group>/<version>
  group: stable.example.com
  # list of versions supported by this CustomResourceDefinition
  versions:
    - name: v1
      # Each version can be enabled/disabled by Served flag.
      served: true
      # One and only one version must be marked as the storage version.
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                cronSpec:
                  type: string
                image:
                  type: string
                replicas:
                  type: integer
  # either Namespaced or Cluster
  scope: Namespaced
  names:
    # plural name to be used in the URL: /apis/<group>/<version>/<plural>
    plural: crontabs
    # singular name to be used as an alias on the CLI and for display
    singular: crontab
    # kind is normally the CamelCased singular type. Your resource manifests use this.
    kind: CronTab
    # shortNames allow shorter string to match your resource on the CLI
    shortNames:
    - ct
`;

const MY_CRONTAB = `apiVersion: "stable.example.com/v1"
kind: CronTab
metadata:
  name: my-new-cron-object
spec:
  cronSpec: "* * * * */5"
  image: my-awesome-cron-image
`;

/** Writes a file in the shell's working directory. */
function write(t: TestCluster, name: string, text: string): void {
  expect(t.sh(`cat > ${name} <<'EOF'\n${text.replace(/\n$/, "")}\nEOF`).exit).toBe(0);
}

describe("the docs task: Extend the Kubernetes API with CustomResourceDefinitions", () => {
  it("creates the CRD, a CronTab, lists it by short name, and deletes them", () => {
    const t = new TestCluster();
    write(t, "resourcedefinition.yaml", RESOURCE_DEFINITION);
    expect(t.sh("kubectl apply -f resourcedefinition.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n",
    );
    write(t, "my-crontab.yaml", MY_CRONTAB);
    expect(t.sh("kubectl apply -f my-crontab.yaml").stdout).toBe(
      "crontab.stable.example.com/my-new-cron-object created\n",
    );
    t.advance(6);
    expect(t.sh("kubectl get crontab").stdout).toBe("NAME                 AGE\nmy-new-cron-object   6s\n");
    const yaml = t.sh("kubectl get ct -o yaml").stdout;
    const uid = t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.metadata.uid;
    const rv = t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.metadata.resourceVersion;
    expect(yaml).toBe(`apiVersion: v1
items:
- apiVersion: stable.example.com/v1
  kind: CronTab
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"annotations":{},"name":"my-new-cron-object","namespace":"default"},"spec":{"cronSpec":"* * * * */5","image":"my-awesome-cron-image"}}
    creationTimestamp: "2026-01-01T00:00:00Z"
    generation: 1
    name: my-new-cron-object
    namespace: default
    resourceVersion: "${rv}"
    uid: ${uid}
  spec:
    cronSpec: '* * * * */5'
    image: my-awesome-cron-image
kind: List
metadata:
  resourceVersion: ""
`);
    expect(t.sh("kubectl delete -f resourcedefinition.yaml").stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n',
    );
    // kubectl still maps crontabs from its discovery cache; the server no longer serves them.
    const gone = t.sh("kubectl get crontabs");
    expect(gone.stderr).toBe(
      'Error from server (NotFound): Unable to list "stable.example.com/v1, Resource=crontabs": the server could not find the requested resource (get crontabs.stable.example.com)\n',
    );
    expect(gone.exit).toBe(1);
    expect(t.cluster.api.list("CronTab")).toEqual([]);
  });

  it("refuses a CronTab in the same file as its new CRD, as kubectl maps every object first", () => {
    const t = new TestCluster();
    write(t, "both.yaml", `${RESOURCE_DEFINITION}---\n${MY_CRONTAB}`);
    const r = t.sh("kubectl apply -f both.yaml");
    expect(r.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n",
    );
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "my-new-cron-object" namespace: "" from "both.yaml": no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n',
    );
    expect(t.sh("kubectl apply -f both.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com unchanged\ncrontab.stable.example.com/my-new-cron-object created\n",
    );
  });
});

describe("CRDs as the API server and kubectl serve them", () => {
  const withColumns = RESOURCE_DEFINITION.replace(
    "                replicas:\n                  type: integer\n",
    `                replicas:
                  type: integer
                  minimum: 1
                  maximum: 10
                  default: 1
            status:
              type: object
              properties:
                replicas:
                  type: integer
      subresources:
        status: {}
        scale:
          specReplicasPath: .spec.replicas
          statusReplicasPath: .status.replicas
      additionalPrinterColumns:
      - name: Spec
        type: string
        jsonPath: .spec.cronSpec
      - name: Replicas
        type: integer
        jsonPath: .spec.replicas
      - name: Age
        type: date
        jsonPath: .metadata.creationTimestamp
`,
  ).replace("    - ct\n", "    - ct\n    categories:\n    - all\n");

  function setup(): TestCluster {
    const t = new TestCluster();
    write(t, "crd.yaml", withColumns);
    expect(t.sh("kubectl apply -f crd.yaml").exit).toBe(0);
    return t;
  }

  it("sets NamesAccepted and Established, storedVersions and the defaults", () => {
    const t = setup();
    const crd = t.cluster.api.get("CustomResourceDefinition", undefined, "crontabs.stable.example.com");
    expect(crd?.spec.names.listKind).toBe("CronTabList");
    expect(crd?.spec.conversion).toEqual({ strategy: "None" });
    expect(crd?.status.storedVersions).toEqual(["v1"]);
    expect(crd?.status.acceptedNames).toEqual({
      plural: "crontabs",
      singular: "crontab",
      kind: "CronTab",
      shortNames: ["ct"],
      categories: ["all"],
      listKind: "CronTabList",
    });
    expect(
      crd?.status.conditions.map((c: { type: string; status: string; reason: string }) => [
        c.type,
        c.status,
        c.reason,
      ]),
    ).toEqual([
      ["NamesAccepted", "True", "NoConflicts"],
      ["Established", "True", "InitialNamesAccepted"],
    ]);
    expect(t.sh("kubectl get crd").stdout).toBe(
      "NAME                          CREATED AT\ncrontabs.stable.example.com   2026-01-01T00:00:00Z\n",
    );
    expect(
      t.sh(
        `kubectl get crd crontabs.stable.example.com -o jsonpath='{.status.conditions[?(@.type=="Established")].status}'`,
      ).stdout,
    ).toBe("True");
    expect(t.sh("kubectl api-resources --api-group=stable.example.com").stdout).toBe(
      "NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND\ncrontabs   ct           stable.example.com/v1   true         CronTab\n",
    );
  });

  it("prints additionalPrinterColumns, joins `all`, defaults and validates against the schema", () => {
    const t = setup();
    write(t, "ok.yaml", MY_CRONTAB);
    expect(t.sh("kubectl apply -f ok.yaml").exit).toBe(0);
    expect(t.sh("kubectl get ct").stdout).toBe(
      "NAME                 SPEC          REPLICAS   AGE\nmy-new-cron-object   * * * * */5   1          0s\n",
    );
    expect(t.sh("kubectl get all").stdout).toContain(
      "NAME                                            SPEC          REPLICAS   AGE\ncrontab.stable.example.com/my-new-cron-object   * * * * */5   1          0s\n",
    );
    write(
      t,
      "bad.yaml",
      MY_CRONTAB.replace("my-awesome-cron-image", 'my-awesome-cron-image\n  replicas: "string"'),
    );
    const bad = t.sh("kubectl apply -f bad.yaml");
    expect(bad.stderr).toBe(
      'The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n',
    );
    write(
      t,
      "big.yaml",
      MY_CRONTAB.replace("my-awesome-cron-image", "my-awesome-cron-image\n  replicas: 11"),
    );
    expect(t.sh("kubectl apply -f big.yaml").stderr).toBe(
      'The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\n',
    );
    expect(t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.spec.replicas).toBe(1);
  });

  it("refuses unknown fields by default, warns with --validate=warn, drops them with --validate=false", () => {
    const t = setup();
    write(t, "unknown.yaml", `${MY_CRONTAB}  foo: bar\n`);
    const strict = t.sh("kubectl create -f unknown.yaml");
    expect(strict.stderr).toBe(
      'Error from server (BadRequest): error when creating "unknown.yaml": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.foo"\n',
    );
    const warn = t.sh("kubectl create -f unknown.yaml --validate=warn");
    expect(warn.stderr).toBe('Warning: unknown field "spec.foo"\n');
    expect(warn.stdout).toBe("crontab.stable.example.com/my-new-cron-object created\n");
    expect(t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.spec.foo).toBeUndefined();
    expect(t.sh("kubectl delete ct my-new-cron-object").exit).toBe(0);
    const ignore = t.sh("kubectl create -f unknown.yaml --validate=false");
    expect(ignore.stderr).toBe("");
    expect(t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.spec).toEqual({
      cronSpec: "* * * * */5",
      image: "my-awesome-cron-image",
      replicas: 1,
    });
  });

  it("treats unknown fields of a built-in kind the same way (fieldValidation Warn and Ignore drop them)", () => {
    const t = new TestCluster();
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  foo: 1\n  containers:\n  - {name: c, image: nginx, bar: 2}\n";
    write(t, "pod.yaml", pod);
    expect(t.sh("kubectl create -f pod.yaml").stderr).toBe(
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.containers[0].bar"\n',
    );
    const warn = t.sh("kubectl create -f pod.yaml --validate=warn");
    expect(warn.stderr).toBe(
      'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.containers[0].bar"\n',
    );
    const stored = t.cluster.api.get("Pod", "default", "p");
    expect(stored?.spec.foo).toBeUndefined();
    expect(stored?.spec.containers[0].bar).toBeUndefined();
  });

  it("scales through the scale subresource and keeps status to /status", () => {
    const t = setup();
    write(
      t,
      "ok.yaml",
      `${MY_CRONTAB.replace("my-awesome-cron-image", "my-awesome-cron-image\n  replicas: 2")}status:\n  replicas: 7\n`,
    );
    expect(t.sh("kubectl apply -f ok.yaml").exit).toBe(0);
    const created = t.cluster.api.get("CronTab", "default", "my-new-cron-object");
    expect(created?.status).toBeUndefined();
    expect(t.sh("kubectl scale ct my-new-cron-object --replicas=5").stdout).toBe(
      "crontab.stable.example.com/my-new-cron-object scaled\n",
    );
    const scaled = t.cluster.api.get("CronTab", "default", "my-new-cron-object");
    expect(scaled?.spec.replicas).toBe(5);
    expect(scaled?.metadata.generation).toBe(2);
  });

  it("patches a custom resource with merge and JSON patches, never a strategic one", () => {
    const t = setup();
    write(t, "ok.yaml", MY_CRONTAB);
    t.sh("kubectl apply -f ok.yaml");
    expect(t.sh(`kubectl patch ct my-new-cron-object -p '{"spec":{"replicas":3}}'`).stderr).toBe(
      "Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n",
    );
    expect(t.sh(`kubectl patch ct my-new-cron-object --type=merge -p '{"spec":{"replicas":3}}'`).stdout).toBe(
      "crontab.stable.example.com/my-new-cron-object patched\n",
    );
    expect(
      t.sh(`kubectl patch ct my-new-cron-object --type=merge -p '{"spec":{"replicas":"x"}}'`).stderr,
    ).toBe(
      'The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n',
    );
    expect(t.sh("kubectl label ct my-new-cron-object tier=gold").stdout).toBe(
      "crontab.stable.example.com/my-new-cron-object labeled\n",
    );
    expect(t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.spec.replicas).toBe(3);
  });

  it("lets a HorizontalPodAutoscaler scale a custom resource through its scale subresource", () => {
    const t = setup();
    write(t, "ok.yaml", MY_CRONTAB);
    t.sh("kubectl apply -f ok.yaml");
    expect(t.sh("kubectl autoscale ct my-new-cron-object --min=3 --max=5").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/my-new-cron-object autoscaled\n",
    );
    t.advance(30);
    expect(t.cluster.api.get("CronTab", "default", "my-new-cron-object")?.spec.replicas).toBe(3);
  });

  it("describes and explains a custom resource", () => {
    const t = setup();
    write(t, "ok.yaml", MY_CRONTAB);
    t.sh("kubectl apply -f ok.yaml");
    const d = t.sh("kubectl describe crontab my-new-cron-object").stdout;
    expect(d).toContain("API Version:  stable.example.com/v1\nKind:         CronTab\n");
    expect(d).toContain(
      "Spec:\n  Cron Spec:  * * * * */5\n  Image:      my-awesome-cron-image\n  Replicas:   1\n",
    );
    expect(t.sh("kubectl explain crontab.spec.replicas").stdout).toBe(
      "GROUP:      stable.example.com\nKIND:       CronTab\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    <empty>\n\n",
    );
  });

  it("deletes a CRD's objects before the CRD, and the namespace's with the namespace", () => {
    const t = setup();
    t.sh("kubectl create namespace team");
    write(t, "ok.yaml", MY_CRONTAB);
    t.sh("kubectl apply -f ok.yaml");
    t.sh("kubectl apply -f ok.yaml -n team");
    expect(t.cluster.api.list("CronTab")).toHaveLength(2);
    t.sh("kubectl delete namespace team");
    t.advance(5);
    expect(t.cluster.api.list("CronTab").map((o) => o.metadata.namespace)).toEqual(["default"]);
    t.sh("kubectl delete crd crontabs.stable.example.com");
    expect(t.cluster.api.list("CronTab")).toEqual([]);
    expect(
      t.cluster.api.get("CustomResourceDefinition", undefined, "crontabs.stable.example.com"),
    ).toBeUndefined();
    expect(t.sh("kubectl api-resources").stdout).not.toContain("crontabs");
  });

  it("serves cluster-scoped custom resources without a namespace", () => {
    const t = new TestCluster();
    write(t, "crd.yaml", RESOURCE_DEFINITION.replace("scope: Namespaced", "scope: Cluster"));
    t.sh("kubectl apply -f crd.yaml");
    write(t, "ok.yaml", MY_CRONTAB);
    expect(t.sh("kubectl apply -f ok.yaml").exit).toBe(0);
    expect(t.cluster.api.get("CronTab", undefined, "my-new-cron-object")?.metadata.namespace).toBeUndefined();
    expect(t.sh("kubectl get crontabs -A").stdout).toBe(
      "NAME                 AGE\nmy-new-cron-object   0s\n",
    );
  });

  it("keeps custom resources through a scenario file: the CRD is restored first", () => {
    const t = setup();
    write(t, "ok.yaml", MY_CRONTAB);
    t.sh("kubectl apply -f ok.yaml");
    const text = serializeSnapshot(exportSnapshot(t.cluster));
    const restored = restoreSnapshot(parseSnapshot(text));
    expect(restored.api.get("CronTab", "default", "my-new-cron-object")?.spec.cronSpec).toBe("* * * * */5");
    expect(restored.api.discovery.resolve("ct")?.kind).toBe("CronTab");
  });

  it("does not accept a short name another CRD of the group holds (NamesAccepted False)", () => {
    const t = setup();
    write(
      t,
      "other.yaml",
      RESOURCE_DEFINITION.replaceAll("crontabs", "cronjobs2")
        .replace("singular: crontab", "singular: cronjob2")
        .replace("kind: CronTab", "kind: CronJob2"),
    );
    expect(t.sh("kubectl apply -f other.yaml").exit).toBe(0);
    const crd = t.cluster.api.get("CustomResourceDefinition", undefined, "cronjobs2.stable.example.com");
    expect(
      crd?.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => [
        c.type,
        c.status,
        c.reason,
        c.message,
      ]),
    ).toEqual([
      ["NamesAccepted", "False", "ShortNamesConflict", '"ct" is already in use'],
      ["Established", "False", "NotAccepted", "not all names are accepted"],
    ]);
    expect(t.sh("kubectl get cronjobs2").stderr).toBe(
      'error: the server doesn\'t have a resource type "cronjobs2"\n',
    );
  });

  it("serves every served version: each validates with its own schema, objects are stored in the storage one", () => {
    const t = new TestCluster();
    write(
      t,
      "mv.yaml",
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.data.example.com
spec:
  group: data.example.com
  scope: Cluster
  names: {plural: backups, singular: backup, kind: Backup}
  versions:
  - name: v1alpha1
    served: true
    storage: false
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {target: {type: string}}}
`,
    );
    expect(t.sh("kubectl apply -f mv.yaml").exit).toBe(0);
    write(
      t,
      "old.yaml",
      "apiVersion: data.example.com/v1alpha1\nkind: Backup\nmetadata: {name: b2}\nanything: goes\n",
    );
    expect(t.sh("kubectl apply -f old.yaml").stdout).toBe("backup.data.example.com/b2 created\n");
    expect(t.cluster.api.get("Backup", undefined, "b2")?.apiVersion).toBe("data.example.com/v1");
    expect(t.sh("kubectl get backup b2 -o jsonpath='{.apiVersion}'").stdout).toBe("data.example.com/v1");
    expect(
      t.sh("kubectl get backups.v1alpha1.data.example.com b2 -o jsonpath='{.apiVersion} {.anything}'").stdout,
    ).toBe("data.example.com/v1alpha1 goes");
    write(
      t,
      "new.yaml",
      "apiVersion: data.example.com/v1\nkind: Backup\nmetadata: {name: b3}\nanything: goes\n",
    );
    expect(t.sh("kubectl apply -f new.yaml").stderr).toContain(
      'strict decoding error: unknown field "anything"',
    );
  });
});
