import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { parse } from "yaml";
import { renderHelmValues } from "../../src/platform/helm-values";

describe("renderHelmValues", () => {
  describe("with nested typed values", () => {
    it("renders YAML that parses back to the same object", () => {
      const values = { controller: { replicaCount: 2, config: { "annotations-risk-level": "High" }, list: ["a", "b"] } };
      expect(parse(renderHelmValues(values))).toEqual(values);
    });

    it("never folds long strings", () => {
      const long = "arn:aws:iam::222222222222:role/" + "x".repeat(200);
      const yaml = renderHelmValues({ roleArn: long, text: "word ".repeat(40).trim() });
      expect(yaml.split("\n").filter((l) => l !== "")).toHaveLength(2);
    });
  });

  describe("with a cdktf token in a string", () => {
    it("keeps the token so that it resolves to a Terraform reference", () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "test");
      const role = new TerraformVariable(stack, "role_arn", { type: "string" });
      new TerraformOutput(stack, "values", { value: renderHelmValues({ serviceAccount: { annotations: { arn: role.stringValue } } }) });
      const out = JSON.parse(Testing.synth(stack)).output.values.value as string;
      expect(out).toContain("${var.role_arn}");
    });
  });
});
