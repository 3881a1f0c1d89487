import { decodeJsonencode } from "../../src/policy/hcl-expression";

describe("decodeJsonencode", () => {
  describe("the expression cdktf writes for Fn.jsonencode", () => {
    it("decodes objects, tuples, strings, numbers and booleans", () => {
      const text = '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Count" = 2, "On" = true, "Nothing" = null}]})}';
      expect(decodeJsonencode(text)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Count: 2, On: true, Nothing: null }] });
    });

    it("keeps a bare reference as a ${...} string so reference resolution still sees it", () => {
      const text = '${jsonencode({"Resource" = aws_s3_bucket.b.arn, "Both" = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]})}';
      expect(decodeJsonencode(text)).toEqual({
        Resource: "${aws_s3_bucket.b.arn}",
        Both: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
      });
    });

    it("keeps a function call with its arguments as one expression", () => {
      const text = '${jsonencode({"Key" = replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", ""), "Escaped" = "a\\"b"})}';
      expect(decodeJsonencode(text)).toEqual({
        Key: '${replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", "")}',
        Escaped: 'a"b',
      });
    });

    it("accepts bare keys and newlines between entries", () => {
      expect(decodeJsonencode('${jsonencode({\n  enableNetworkPolicy = "true"\n  other: 1\n})}')).toEqual({ enableNetworkPolicy: "true", other: 1 });
    });
  });

  describe("text that is not a jsonencode expression", () => {
    it("returns undefined", () => {
      expect(decodeJsonencode('{"a": 1}')).toBeUndefined();
      expect(decodeJsonencode("${aws_s3_bucket.b.arn}")).toBeUndefined();
      expect(decodeJsonencode('${jsonencode({"a" = )}')).toBeUndefined();
    });
  });
});
