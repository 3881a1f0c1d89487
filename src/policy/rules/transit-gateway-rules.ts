/** POLICY.md "Added with the second wave": the Transit Gateway's shared attachments. */
import type { PolicyRule } from "../types";

/**
 * AWS Config EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED: a gateway shared with other accounts
 * must not accept their attachments automatically, or any account of the share could attach a VPC
 * without the hub's review. `auto_accept_shared_attachments` defaults to `disable`. A gateway the
 * stack shares with no one (no aws_ram_resource_association names it) only has same-account
 * attachments, which AWS never asks to accept: the exception the policy lists.
 */
export const transitGatewayAutoAcceptDisabled: PolicyRule = {
  id: "EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED",
  aliases: [],
  section: "Network",
  title: "A Transit Gateway shared through RAM has auto_accept_shared_attachments disabled",
  resourceTypes: ["aws_ec2_transit_gateway"],
  check(gateway, ctx) {
    if (gateway.body.auto_accept_shared_attachments !== "enable") return [];
    const shares = ctx.referencing("aws_ram_resource_association", "resource_arn", gateway);
    if (shares.length === 0) return [];
    return [`auto_accept_shared_attachments is enable while ${shares.map((s) => s.address).join(", ")} shares the gateway with other accounts; set it to disable and accept attachments with aws_ec2_transit_gateway_vpc_attachment_accepter`];
  },
};

export const transitGatewayRules: readonly PolicyRule[] = [transitGatewayAutoAcceptDisabled];
