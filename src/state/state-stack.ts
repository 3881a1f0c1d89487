/**
 * The bootstrap `state` stack. (Skeleton: the state helper completes it.)
 */
import { LandingZoneStack } from "../stacks/landing-zone-stack";
import type { Construct } from "constructs";
import type { Org } from "../model/org";
import { addAwsProvider } from "../stacks/aws-provider";

export interface StateStackProps {
  /** The organization: state bucket, region, locking, account. */
  readonly org: Org;
}

export class StateStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const { org } = props;
    addAwsProvider(this, "aws", {
      region: org.state.region,
      accountId: org.state.accountId,
      roleArn: org.state.roleArn,
      tags: { ...org.tags, environment: "state" },
    });
  }
}
