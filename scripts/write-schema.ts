/** Writes schema/environments.schema.json from the zod definition (npm run schema). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { environmentsJsonSchemaText, JSON_SCHEMA_PATH } from "../src/model/json-schema";

const target = join(__dirname, "..", JSON_SCHEMA_PATH);
writeFileSync(target, environmentsJsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
