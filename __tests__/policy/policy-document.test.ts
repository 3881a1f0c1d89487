import { actionMatches, isWildcardPrincipal, policyDocumentOf } from "../../src/policy/policy-document";
import { StackContext } from "../../src/policy/stack-context";

const ctx = new StackContext("s", {
  data: {
    aws_iam_policy_document: {
      base: { statement: [{ sid: "Base", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }] },
      main: {
        source_policy_documents: ["${data.aws_iam_policy_document.base.json}"],
        statement: [
          {
            sid: "Trust",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: ["arn:aws:iam::1:oidc-provider/x"] }],
            condition: [{ test: "StringEquals", variable: "x:sub", values: ["system:serviceaccount:a:b"] }],
          },
        ],
      },
    },
  },
});

describe("policyDocumentOf", () => {
  describe("a reference to a data.aws_iam_policy_document", () => {
    const doc = policyDocumentOf("${data.aws_iam_policy_document.main.json}", ctx);

    it("resolves to that data source, its source documents included", () => {
      expect(doc.kind).toBe("document");
      expect(doc.source?.address).toBe("data.aws_iam_policy_document.main");
      expect(doc.statements.map((s) => s.sid)).toEqual(["Base", "Trust"]);
    });

    it("reads principals and conditions, with Allow as the default effect", () => {
      expect(doc.statements[1]).toMatchObject({
        effect: "Allow",
        principals: [{ type: "Federated", identifiers: ["arn:aws:iam::1:oidc-provider/x"] }],
        conditions: [{ test: "StringEquals", variable: "x:sub", values: ["system:serviceaccount:a:b"] }],
      });
    });
  });

  describe("a JSON string", () => {
    it("reads the IAM grammar: single values or lists, Principal * and condition maps", () => {
      const json = JSON.stringify({
        Statement: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": false } } },
      });
      const [s] = policyDocumentOf(json, ctx).statements;
      expect(s).toMatchObject({
        effect: "Deny",
        actions: ["s3:*"],
        resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        principals: [{ type: "*", identifiers: ["*"] }],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      });
      expect(isWildcardPrincipal(s.principals[0])).toBe(true);
    });
  });

  describe("a jsonencode expression", () => {
    it("reads it like JSON", () => {
      const doc = policyDocumentOf('${jsonencode({"Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = aws_s3_bucket.b.arn, "Principal" = {"AWS" = ["arn:aws:iam::1:role/r"]}}]})}', ctx);
      expect(doc.statements[0]).toMatchObject({ actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.b.arn}"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::1:role/r"] }] });
    });
  });

  describe("values that hold no readable document", () => {
    it("says none for nothing and unreadable for other expressions or missing data sources", () => {
      expect(policyDocumentOf(undefined, ctx).kind).toBe("none");
      expect(policyDocumentOf("${data.terraform_remote_state.x.outputs.p}", ctx)).toMatchObject({ kind: "unreadable", reason: expect.stringContaining("not JSON") });
      expect(policyDocumentOf("${data.aws_iam_policy_document.gone.json}", ctx)).toMatchObject({ kind: "unreadable", reason: expect.stringContaining("not in the stack") });
    });
  });
});

describe("actionMatches", () => {
  it("matches IAM-style wildcards case-insensitively", () => {
    expect(actionMatches("kms:GenerateDataKey*", "kms:GenerateDataKeyWithoutPlaintext")).toBe(true);
    expect(actionMatches("KMS:decrypt", "kms:Decrypt")).toBe(true);
    expect(actionMatches("kms:Encrypt", "kms:Decrypt")).toBe(false);
  });
});
