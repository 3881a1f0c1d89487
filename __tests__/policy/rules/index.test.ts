import { ALLOWED_EXCEPTIONS } from "../../../src/policy/exceptions";
import { ALL_RULES } from "../../../src/policy/rules";

/** Every id the tables of POLICY.md list (Network, Encryption, EKS, IAM, State). */
const POLICY_TABLE_IDS = [
  "CKV2_AWS_11", "AWS-0178", "CIS AWS 3.7",
  "CKV2_AWS_12", "CIS AWS 5.5",
  "CKV_AWS_130", "AWS-0164", "CIS EKS 5.4.3",
  "CKV_AWS_23", "AWS-0099", "AWS-0124",
  "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AWS-0107", "CIS AWS 5.3", "CIS AWS 5.4",
  "CKV_AWS_382",
  "CKV2_AWS_44", "CIS AWS 5.6",
  "CKV2_AWS_19",
  "CKV2_AWS_35",
  "CKV_AWS_7", "AWS-0065", "CIS AWS 3.6",
  "CKV2_AWS_64", "CKV_AWS_33",
  "CKV_AWS_158", "AWS-0017",
  "CKV_AWS_66", "CKV_AWS_338",
  "CKV_AWS_106", "CIS AWS 5.1.1",
  "CKV_AWS_39", "AWS-0040", "CIS EKS 5.4.2",
  "CKV_AWS_38", "CIS EKS 5.4.1",
  "CKV_AWS_58", "AWS-0039", "CIS EKS 5.3.1",
  "CKV_AWS_37", "AWS-0038", "CIS EKS 2.1.1", "CIS EKS 2.1.2",
  "CIS EKS 4.1.7", "CIS EKS 5.5.1",
  "CKV_AWS_79", "CKV_AWS_341", "AWS-0130", "CIS AWS 5.7",
  "CKV_AWS_88",
  "CIS EKS 4.3.1", "CIS EKS 5.4.4",
  "CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_63",
  "CKV_AWS_355",
  "CKV_AWS_60", "CKV_AWS_61",
  "CKV_AWS_274",
  "CKV_AWS_21", "AWS-0090",
  "CKV_AWS_145", "AWS-0132",
  "CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093", "AWS-0094", "CIS AWS 2.1.4",
  "CKV2_AWS_65",
  "KICS 4bc4dd4c", "CIS AWS 2.1.1",
  "CKV2_AWS_61", "CKV_AWS_300",
  "CKV_AWS_18", "AWS-0089",
  "CKV_AWS_28", "CKV_AWS_119", "CKV2_AWS_16", "AWS-0024", "AWS-0025",
  // Added with the second wave.
  "EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED",
];

/** Listed exceptions for scanner rules the engine does not evaluate (so nothing to waive). */
const NOT_EVALUATED = ["CKV_AWS_144", "CKV2_AWS_62", "CKV_AWS_143"];

const idsOf = (r: (typeof ALL_RULES)[number]) => [r.id, ...r.aliases];

describe("ALL_RULES", () => {
  it("gives every rule a distinct id and never lends an id to two rules", () => {
    const all = ALL_RULES.flatMap(idsOf);
    expect(new Set(all).size).toBe(all.length);
  });

  it("covers every id that the tables of POLICY.md list", () => {
    const all = new Set(ALL_RULES.flatMap(idsOf));
    expect(POLICY_TABLE_IDS.filter((id) => !all.has(id))).toEqual([]);
  });

  it("maps every allowed exception to a rule the engine evaluates, except the three it does not", () => {
    const all = new Set(ALL_RULES.flatMap(idsOf));
    const unmapped = ALLOWED_EXCEPTIONS.map((a) => a.rule).filter((id) => !all.has(id));
    expect(unmapped.sort()).toEqual([...NOT_EVALUATED].sort());
  });

  it("names at least one resource type and a title for every rule", () => {
    for (const rule of ALL_RULES) {
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(rule.title.length).toBeGreaterThan(10);
    }
  });
});
