import { diagnosticLines, errorLines, looksLikeAwsCall } from "../../../scripts/lib/terraform-diagnostics";

describe("diagnosticLines", () => {
  describe("validate output with an error and a warning", () => {
    const result = {
      valid: false,
      error_count: 1,
      warning_count: 1,
      diagnostics: [
        {
          severity: "error" as const,
          summary: "Unsupported argument",
          detail: 'An argument named "foo" is not expected here.',
          address: "aws_vpc.network_vpc",
          range: { filename: "cdk.tf.json", start: { line: 42 } },
        },
        { severity: "warning" as const, summary: "Deprecated attribute" },
      ],
    };

    it("renders errors with address, file, line and the first line of detail", () => {
      expect(diagnosticLines(result)).toEqual(['Unsupported argument (aws_vpc.network_vpc, cdk.tf.json:42): An argument named "foo" is not expected here.']);
    });

    it("renders warnings on request", () => {
      expect(diagnosticLines(result, "warning")).toEqual(["Deprecated attribute"]);
    });
  });
});

describe("errorLines", () => {
  describe("plan output with a boxed error", () => {
    const output = [
      "Planning failed.",
      "╷",
      "│ Error: AWS account ID not allowed: ",
      "│ ",
      '│   with provider["registry.terraform.io/hashicorp/aws"],',
      "│   on cdk.tf.json line 37, in provider.aws[0]:",
      "│   37:       }",
      "╵",
    ].join("\n");

    it("keeps the summary and leaves out the location and source lines", () => {
      expect(errorLines(output)).toEqual(["AWS account ID not allowed"]);
    });
  });

  describe("output with a detail paragraph", () => {
    const output = [
      "│ Error: Unsupported argument",
      "│ ",
      "│   on cdk.tf.json line 12, in resource.aws_vpc.network_vpc:",
      '│   12:         "foo": 1',
      "│ ",
      '│ An argument named "foo" is not expected here.',
      "╵",
      "│ Error: Second problem",
      "╵",
    ].join("\n");

    it("adds the first line of the detail, one entry per error", () => {
      expect(errorLines(output)).toEqual(['Unsupported argument: An argument named "foo" is not expected here.', "Second problem"]);
    });
  });

  describe("output without an Error line", () => {
    it("falls back to its last lines", () => {
      expect(errorLines("something\nwent\nwrong")).toEqual(["something / went / wrong"]);
    });
  });
});

describe("looksLikeAwsCall", () => {
  describe("a provider that tried to reach an endpoint", () => {
    it("recognizes network and SDK errors", () => {
      expect(looksLikeAwsCall("dial tcp: lookup sts.us-east-1.amazonaws.com: no such host")).toBe(true);
      expect(looksLikeAwsCall("operation error STS: GetCallerIdentity, https response error")).toBe(true);
    });
  });

  describe("an ordinary configuration error", () => {
    it("does not blame AWS", () => {
      expect(looksLikeAwsCall('Error: Missing required argument "vpc_id"')).toBe(false);
    });
  });
});
