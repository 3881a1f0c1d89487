/**
 * Base of every stack: logical ids are the construct path joined with `_`
 * (`network_private-subnet-a`), without cdktf's hash suffix, so `terraform plan` reads like the
 * code and an id changes only when a construct is renamed or moved.
 */
import { TerraformStack, type TerraformElement } from "cdktf";
import type { Construct, Node } from "constructs";

/** The Terraform versions every stack accepts. */
export const MIN_TERRAFORM_VERSION = ">= 1.10.0";

export class LandingZoneStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // S3 native state locking (use_lockfile) needs Terraform 1.10; fail at init, not halfway.
    this.addOverride("terraform.required_version", MIN_TERRAFORM_VERSION);
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = "scopes" in element ? element : element.node;
    const stackDepth = this.node.scopes.length;
    const parts = node.scopes.slice(stackDepth).map((s) => s.node.id);
    return parts.join("_").replace(/[^A-Za-z0-9_-]/g, "_");
  }
}
