import { evaluateStack } from "../../../src/policy/engine";
import { transitGatewayRules } from "../../../src/policy/rules/transit-gateway-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases } from "../../../test-helpers/policy-fixtures";

const gateway = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => ["aws_ec2_transit_gateway", "tgw", body];
const share: [string, string, Record<string, unknown>] = ["aws_ram_resource_share", "share", { name: "acme-transit-gateway" }];
const shared: [string, string, Record<string, unknown>] = [
  "aws_ram_resource_association",
  "share-gateway",
  { resource_arn: "${aws_ec2_transit_gateway.tgw.arn}", resource_share_arn: "${aws_ram_resource_share.share.arn}" },
];

const cases: RuleCases = {
  EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED: {
    fail: [stack(gateway({ auto_accept_shared_attachments: "enable" }), share, shared)],
    pass: stack(gateway({ auto_accept_shared_attachments: "disable" }), share, shared),
    message: /auto_accept_shared_attachments is enable while aws_ram_resource_association\.share-gateway shares the gateway/,
  },
};

describe("transit gateway rules", () => {
  itChecksEveryRuleAgainstItsFixtures(transitGatewayRules, cases);

  it("leaves the default (unset) alone on a shared gateway", () => {
    expect(evaluateStack("test", stack(gateway({}), share, shared), transitGatewayRules)).toEqual([]);
  });

  it("excepts a gateway the stack shares with no other account: only same-account attachments, which AWS never asks to accept", () => {
    expect(evaluateStack("test", stack(gateway({ auto_accept_shared_attachments: "enable" })), transitGatewayRules)).toEqual([]);
  });
});
