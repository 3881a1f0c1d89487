/**
 * The state account's policies as the synthesized `state` stack writes them, ready for
 * src/policy/policy-evaluator.ts: the backend roles (trust and inline policies), the state
 * bucket's policy and the state key's policy. Terraform references to the stack's own
 * resources are replaced by the ARNs they will have (bucket and role names are known; the key
 * gets a stand-in ARN), so the documents can be evaluated offline.
 */
import { isAllowed, type AccessRequest } from "../src/policy/policy-evaluator";
import type { Statement } from "../src/policy/policy-document";
import { StackContext } from "../src/policy/stack-context";
import type { TfJson } from "../src/policy/types";

/** A role of the state account with its trust policy and its identity policies. */
export interface StateAccountRole {
  readonly arn: string;
  readonly trust: readonly Statement[];
  readonly identity: readonly Statement[];
}

/** Identity policy of a principal whose policies are not in the stack: the worst case, admin. */
export const ADMIN: readonly Statement[] = [
  { effect: "Allow", actions: ["*"], notActions: [], resources: ["*"], notResources: [], principals: [], notPrincipals: [], conditions: [] },
];

export class StatePolicies {
  public readonly roles: ReadonlyMap<string, StateAccountRole>;
  public readonly bucketPolicy: readonly Statement[];
  public readonly keyPolicy: readonly Statement[];
  public readonly bucketArn: string;
  /** Stand-in ARN of the state key. */
  public readonly keyArn: string;

  constructor(
    stateStackJson: TfJson,
    public readonly accountId: string,
    public readonly region: string,
    /** The alias ARN the backends name the key by. */
    public readonly keyAliasArn: string,
  ) {
    const text = JSON.stringify(stateStackJson).replace(
      /\$\{(aws_[a-z0-9_]+)\.([\w-]+)\.(arn|key_id|name)\}/g,
      (_all, type: string, name: string, attr: string) => this.referenceValue(stateStackJson, type, name, attr),
    );
    const ctx = new StackContext("state", JSON.parse(text) as TfJson);
    const buckets = ctx.resources("aws_s3_bucket").filter((b) => ctx.resources("aws_s3_bucket_logging").some((l) => ctx.resolveBucket(l.body.bucket) === b));
    if (buckets.length !== 1) throw new Error("state-policies: expected one logged (state) bucket");
    this.bucketArn = `arn:aws:s3:::${String(buckets[0].body.bucket)}`;
    this.keyArn = this.referenceValue(stateStackJson, "aws_kms_key", "state-key_key", "arn");
    const policyOfBucket = ctx.resources("aws_s3_bucket_policy").find((p) => ctx.resolveBucket(p.body.bucket) === buckets[0]);
    this.bucketPolicy = policyOfBucket ? ctx.policyDocument(policyOfBucket.body.policy).statements : [];
    this.keyPolicy = ctx.resources("aws_kms_key").flatMap((k) => ctx.policyDocument(k.body.policy).statements);
    const roles = new Map<string, StateAccountRole>();
    for (const role of ctx.resources("aws_iam_role")) {
      const name = String(role.body.name);
      const identity = ctx
        .resources("aws_iam_role_policy")
        .filter((p) => p.body.role === name)
        .flatMap((p) => ctx.policyDocument(p.body.policy).statements);
      const arn = `arn:aws:iam::${accountId}:role/${name}`;
      roles.set(arn, { arn, trust: ctx.policyDocument(role.body.assume_role_policy).statements, identity });
    }
    this.roles = roles;
  }

  private referenceValue(json: TfJson, type: string, name: string, attr: string): string {
    const body = (json.resource?.[type]?.[name] ?? {}) as Record<string, unknown>;
    switch (type) {
      case "aws_s3_bucket":
        return attr === "arn" ? `arn:aws:s3:::${String(body.bucket)}` : String(body.bucket);
      case "aws_kms_key":
        return attr === "arn" ? `arn:aws:kms:${this.region}:${this.accountId}:key/${name}` : name;
      case "aws_iam_role":
        return attr === "arn" ? `arn:aws:iam::${this.accountId}:role/${String(body.name)}` : String(body.name);
      case "aws_dynamodb_table":
        return attr === "arn" ? `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${String(body.name)}` : String(body.name);
      default:
        throw new Error(`state-policies: no stand-in for ${type}.${name}.${attr}`);
    }
  }

  /** Roles of the state stack whose trust policy lets `principalArn` (admin in its own account) assume them. */
  assumableBy(principalArn: string): string[] {
    return [...this.roles.values()]
      .filter((r) =>
        isAllowed(
          { principalArn, action: "sts:AssumeRole", resource: r.arn },
          { identity: ADMIN, resource: r.trust, resourceAccount: this.accountId, kind: "trust" },
        ),
      )
      .map((r) => r.arn);
  }

  /** Identity policies of a principal: the stack's own for its roles, else admin (the worst case). */
  identityOf(principalArn: string): readonly Statement[] {
    return this.roles.get(principalArn)?.identity ?? ADMIN;
  }

  /** An S3 request on the state bucket, decided against the principal's policies and the bucket policy. */
  s3(principalArn: string, action: string, resource: string, context: AccessRequest["context"] = {}): boolean {
    return isAllowed(
      { principalArn, action, resource, context: { "aws:SecureTransport": "true", ...context } },
      { identity: this.identityOf(principalArn), resource: this.bucketPolicy, resourceAccount: this.accountId, kind: "s3" },
    );
  }

  /** A KMS request S3 makes with the caller's credentials for one object (encryption context: the object's ARN). */
  kmsForObject(principalArn: string, action: string, key: string): boolean {
    return isAllowed(
      {
        principalArn,
        action,
        resource: this.keyArn,
        context: { "kms:ViaService": `s3.${this.region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": `${this.bucketArn}/${key}` },
      },
      { identity: this.identityOf(principalArn), resource: this.keyPolicy, resourceAccount: this.accountId, kind: "kms" },
    );
  }

  /** Whether `principalArn` can upload `key` as the backends do (SSE-KMS with the state key's alias ARN). */
  canPut(principalArn: string, key: string): boolean {
    const headers = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": this.keyAliasArn };
    return this.s3(principalArn, "s3:PutObject", `${this.bucketArn}/${key}`, headers) && this.kmsForObject(principalArn, "kms:GenerateDataKey", key);
  }

  /** Whether `principalArn` can read and decrypt `key`. */
  canRead(principalArn: string, key: string): boolean {
    return this.s3(principalArn, "s3:GetObject", `${this.bucketArn}/${key}`) && this.kmsForObject(principalArn, "kms:Decrypt", key);
  }
}
