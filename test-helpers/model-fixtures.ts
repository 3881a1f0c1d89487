/**
 * Environments files for tests: the embedded default, or a copy of it changed by a callback.
 * Outside __tests__ so jest does not collect it as a test file.
 */
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgText } from "../src/model/load";
import type { Org } from "../src/model/org";
import { ModelError } from "../src/model/problems";

/** The default environments file as a plain object (a fresh copy each call). */
export function defaultFile(): any {
  return parse(readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8"));
}

/** YAML text of the default file after `change` edited a copy of it. */
export function changedFile(change: (file: any) => void): string {
  const file = defaultFile();
  change(file);
  return stringify(file);
}

/** Loads the default organization with `change` applied (throws ModelError when the change is invalid). */
export function loadChanged(change: (file: any) => void = () => undefined): Org {
  return loadOrgText(changedFile(change), "test.yaml");
}

/** The loader's problems for the default file with `change` applied; fails the test when the file loads fine. */
export function problemsOfChanged(change: (file: any) => void): string[] {
  try {
    loadChanged(change);
  } catch (e) {
    if (e instanceof ModelError) return [...e.problems];
    throw e;
  }
  throw new Error("expected the file to be rejected, but it loaded");
}
