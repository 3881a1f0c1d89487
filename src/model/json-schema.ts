/**
 * The editor JSON Schema of the environments file, generated from the same zod definition
 * the loader uses, so the two never disagree. `npm run schema` writes it to
 * schema/environments.schema.json; a test fails when the committed file is stale.
 */
import { z } from "zod";
import { environmentsFileSchema } from "./schema";

/** Where the generated schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = "schema/environments.schema.json";

/** The JSON Schema (draft 2020-12) of the file as a person writes it (defaults optional). */
export function environmentsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(environmentsFileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "Landing zone environments file" };
}

/** The schema as the committed file's text. */
export function environmentsJsonSchemaText(): string {
  return `${JSON.stringify(environmentsJsonSchema(), null, 2)}\n`;
}
