import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { modeStackName, otherConnectivity, otherModeSkipReason, withConnectivity } from "../../../scripts/lib/connectivity-modes";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgText } from "../../../src/model";

const defaultText = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");

describe("connectivity modes", () => {
  it("flips peering and transitGateway", () => {
    expect(otherConnectivity("peering")).toBe("transitGateway");
    expect(otherConnectivity("transitGateway")).toBe("peering");
  });

  describe("withConnectivity", () => {
    it("adds the field to a file that relies on the default, keeping its comments", () => {
      const text = withConnectivity(defaultText, "transitGateway");
      expect(parse(text).connectivity).toBe("transitGateway");
      expect(text).toContain("# management is the hub;");
      expect(loadOrgText(text, "tgw.yaml").connectivity).toBe("transitGateway");
    });

    it("replaces a field the file sets", () => {
      const text = withConnectivity(withConnectivity(defaultText, "transitGateway"), "peering");
      expect(text.match(/^connectivity:/gm)).toHaveLength(1);
      expect(parse(text).connectivity).toBe("peering");
    });

    it("refuses a file that does not parse", () => {
      expect(() => withConnectivity("a: [", "peering")).toThrow(/the environments file does not parse/);
    });
  });

  it("skips the other mode only for an organization without a peers graph", () => {
    expect(otherModeSkipReason({ peerings: [] })).toMatch(/no peers graph/);
    expect(otherModeSkipReason(loadOrgText(defaultText, "default.yaml"))).toBeUndefined();
  });

  it("names the other mode's stacks after the mode", () => {
    expect(modeStackName("production", "transitGateway")).toBe("production [transitGateway]");
  });
});
