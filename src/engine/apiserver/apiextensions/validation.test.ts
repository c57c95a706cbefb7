// CustomResourceDefinition validation. The first rows are TestValidateCustomResourceDefinition of
// staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation_test.go
// (matched by error type and field, as its validationMatch does), written as v1 objects (a
// per-version schema where the internal type has spec.validation); the rest follow the rules of
// validation.go and pkg/apiserver/schema/validation.go with their texts.
import { describe, expect, it } from "vitest";
import type { FieldCause } from "../../api/errors";
import { validateCustomResourceDefinition, validateCustomResourceDefinitionUpdate } from "./validation";

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are open JSON
type Json = any;

/** A valid CRD as the upstream rows start from (plural.group.com, Cluster scope), then changed. */
function crd(change: (c: Json) => void = () => {}): Json {
  const c: Json = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "plural.group.com" },
    spec: {
      group: "group.com",
      scope: "Cluster",
      names: { plural: "plural", singular: "singular", kind: "Plural", listKind: "PluralList" },
      versions: [
        { name: "version", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } },
      ],
      conversion: { strategy: "None" },
    },
    status: { storedVersions: ["version"] },
  };
  change(c);
  return c;
}

const TYPE: Record<string, string> = {
  FieldValueInvalid: "invalid",
  FieldValueRequired: "required",
  FieldValueForbidden: "forbidden",
  FieldValueNotSupported: "unsupported",
};

/** `type field` of each error, as validationMatch compares them. */
function matches(errs: FieldCause[]): string[] {
  return errs.map((e) => `${TYPE[e.type] ?? e.type} ${e.field}`);
}

describe("TestValidateCustomResourceDefinition (validation_test.go rows)", () => {
  const rows: { name: string; change: (c: Json) => void; errors: string[] }[] = [
    {
      name: "invalid types disallowed",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties = { foo: { type: "bogus" } };
      },
      errors: ["unsupported spec.versions[0].schema.openAPIV3Schema.properties[foo].type"],
    },
    {
      name: "webhookconfig_should_not_be_set",
      change: (c) => {
        c.spec.versions.push({
          name: "version2",
          served: true,
          storage: false,
          schema: { openAPIV3Schema: { type: "object", description: "2" } },
        });
        c.spec.conversion = {
          strategy: "None",
          webhook: { clientConfig: { url: "https://example.com/webhook" } },
        };
      },
      errors: ["forbidden spec.conversion.webhookClientConfig"],
    },
    {
      name: "ConversionReviewVersions_should_not_be_set",
      change: (c) => {
        c.spec.conversion = { strategy: "None", webhook: { conversionReviewVersions: ["v1beta1"] } };
      },
      errors: ["forbidden spec.conversion.conversionReviewVersions"],
    },
    {
      name: "no_storage_version",
      change: (c) => {
        c.spec.versions[0].storage = false;
      },
      errors: ["invalid spec.versions"],
    },
    {
      name: "multiple_storage_version",
      change: (c) => {
        c.spec.versions.push({
          name: "version2",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", description: "2" } },
        });
      },
      errors: ["invalid spec.versions"],
    },
    {
      name: "empty_stored_version",
      change: (c) => {
        c.status.storedVersions = [];
      },
      errors: ["invalid status.storedVersions"],
    },
    {
      name: "mismatched name",
      change: (c) => {
        c.metadata.name = "plural.not.group.com";
      },
      errors: ["invalid metadata.name"],
    },
    {
      name: "missing values",
      change: (c) => {
        c.metadata.name = "plural.group.com";
        c.spec = { versions: c.spec.versions, conversion: c.spec.conversion, names: {} };
        c.metadata.name = ".";
      },
      errors: [
        "invalid metadata.name",
        "required spec.group",
        "required spec.scope",
        "required spec.names.plural",
        "required spec.names.singular",
        "required spec.names.kind",
        "required spec.names.listKind",
      ],
    },
    {
      name: "bad names 01",
      change: (c) => {
        c.metadata.name = "plural.group";
        c.spec.group = "group";
        c.spec.scope = "foo";
        c.spec.names = { plural: "pl-ural", singular: "value()*a", kind: "value()*a", listKind: "value()*b" };
        c.status.acceptedNames = {
          plural: "pl-ural",
          singular: "value()*a",
          kind: "value()*a",
          listKind: "value()*b",
        };
        c.metadata.name = "pl-ural.group";
      },
      errors: [
        "invalid spec.group",
        "unsupported spec.scope",
        "invalid spec.names.singular",
        "invalid spec.names.kind",
        "invalid spec.names.listKind",
        "invalid status.acceptedNames.singular",
        "invalid status.acceptedNames.kind",
        "invalid status.acceptedNames.listKind",
      ],
    },
    {
      name: "bad names 02",
      change: (c) => {
        c.spec.names = { plural: "plural", singular: "singular", kind: "matching", listKind: "matching" };
      },
      errors: ["invalid spec.names.listKind"],
    },
    {
      name: "schema required in v1",
      change: (c) => {
        delete c.spec.versions[0].schema;
      },
      errors: ["required spec.versions[0].schema.openAPIV3Schema"],
    },
    {
      name: "non-structural: a field without a type",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties = {
          spec: { properties: { a: { type: "string" } } },
        };
      },
      errors: ["required spec.versions[0].schema.openAPIV3Schema.properties[spec].type"],
    },
    {
      name: "root must be an object",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema = { type: "string" };
      },
      errors: ["invalid spec.versions[0].schema.openAPIV3Schema.type"],
    },
    {
      name: "additionalProperties and properties are mutual exclusive",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties = {
          spec: {
            type: "object",
            properties: { a: { type: "string" } },
            additionalProperties: { type: "string" },
          },
        };
      },
      errors: ["forbidden spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties"],
    },
    {
      name: "x-kubernetes-preserve-unknown-fields false",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema["x-kubernetes-preserve-unknown-fields"] = false;
      },
      errors: ["invalid spec.versions[0].schema.openAPIV3Schema.x-kubernetes-preserve-unknown-fields"],
    },
    {
      name: "arrays need items",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties = { list: { type: "array" } };
      },
      errors: ["required spec.versions[0].schema.openAPIV3Schema.properties[list].items"],
    },
    {
      name: "default of the wrong type",
      change: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties = {
          replicas: { type: "integer", default: "one" },
        };
      },
      errors: ["invalid spec.versions[0].schema.openAPIV3Schema.properties[replicas].default"],
    },
    {
      name: "printer column without type and jsonPath",
      change: (c) => {
        c.spec.versions[0].additionalPrinterColumns = [{ name: "Spec" }];
      },
      errors: [
        "required spec.versions[0].additionalPrinterColumns[0].type",
        "required spec.versions[0].additionalPrinterColumns[0].JSONPath",
      ],
    },
    {
      name: "protected group needs the approval annotation",
      change: (c) => {
        c.metadata.name = "plural.group.k8s.io";
        c.spec.group = "group.k8s.io";
      },
      errors: ["required metadata.annotations[api-approved.kubernetes.io]"],
    },
    { name: "valid", change: () => {}, errors: [] },
  ];
  for (const row of rows)
    it(row.name, () => {
      expect(matches(validateCustomResourceDefinition(crd(row.change)))).toEqual(row.errors);
    });
});

describe("CRD validation texts (validation.go)", () => {
  const text = (c: Json) => validateCustomResourceDefinition(c).map((e) => `${e.field}: ${e.message}`);

  it("names the plural.group rule and the storage version rule", () => {
    const c = crd((x) => {
      x.metadata.name = "foos.example.com";
      x.spec.versions[0].storage = false;
    });
    expect(text(c)).toEqual([
      'metadata.name: Invalid value: "foos.example.com": must be spec.names.plural+"."+spec.group',
      'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"version", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(0xc0001040), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}: must have exactly one version marked as storage version',
    ]);
  });

  it("words structural and name errors as upstream", () => {
    const c = crd((x) => {
      x.spec.group = "group";
      x.metadata.name = "plural.group";
      x.spec.names.shortNames = ["Bad_Name"];
      x.spec.versions[0].schema.openAPIV3Schema.properties = { spec: { properties: {} } };
    });
    expect(text(c)).toEqual([
      'spec.group: Invalid value: "group": should be a domain with at least one dot',
      "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
      `spec.names.shortNames[0]: Invalid value: "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it("keeps scope and kind once Established, group and plural always", () => {
    const old = crd((x) => {
      x.status.conditions = [{ type: "Established", status: "True" }];
    });
    const next = crd((x) => {
      x.spec.scope = "Namespaced";
      x.spec.names.kind = "Other";
    });
    expect(matches(validateCustomResourceDefinitionUpdate(next, old, true))).toEqual([
      "invalid spec.scope",
      "invalid spec.names.kind",
    ]);
    expect(matches(validateCustomResourceDefinitionUpdate(next, old, false))).toEqual([]);
  });
});
