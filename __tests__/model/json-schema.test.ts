import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { environmentsJsonSchema, environmentsJsonSchemaText, JSON_SCHEMA_PATH } from "../../src/model/json-schema";
import { DEFAULT_ENVIRONMENTS_FILE } from "../../src/model/load";
import { defaultFile } from "../../test-helpers/model-fixtures";

describe("environments JSON Schema", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(environmentsJsonSchema());

  it("is committed up to date (run `npm run schema` after changing src/model/schema.ts)", () => {
    expect(readFileSync(join(__dirname, "..", "..", JSON_SCHEMA_PATH), "utf8")).toBe(environmentsJsonSchemaText());
  });

  it("accepts the default environments file", () => {
    expect(validate(parse(readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8")))).toBe(true);
  });

  it("lets an editor flag a misspelled key", () => {
    const file = defaultFile();
    file.environments.production.natt = "single";
    expect(validate(file)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: "additionalProperties", params: { additionalProperty: "natt" } }));
  });

  it("lets an editor flag an unquoted account id", () => {
    const file = defaultFile();
    file.environments.production.accountId = 222222222222;
    expect(validate(file)).toBe(false);
  });

  it("documents the fields", () => {
    const text = environmentsJsonSchemaText();
    expect(text).toContain("NAT gateways: one per AZ, one shared, or none.");
  });
});
