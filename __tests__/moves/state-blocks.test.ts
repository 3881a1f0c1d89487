import { TerraformStack, Testing } from "cdktf";
import { addMovedBlock, forgetWithoutDestroying } from "../../src/moves/state-blocks";

describe("state blocks", () => {
  describe("several moved and removed blocks in one stack", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    addMovedBlock(stack, "aws_route.a-0", "aws_route.a-a");
    forgetWithoutDestroying(stack, "aws_ebs_encryption_by_default.x");
    addMovedBlock(stack, "aws_route.a-1", "aws_route.a-b");
    const json = JSON.parse(Testing.synth(stack));

    it("keeps every moved block, in the order given", () => {
      expect(json.moved).toEqual([
        { from: "aws_route.a-0", to: "aws_route.a-a" },
        { from: "aws_route.a-1", to: "aws_route.a-b" },
      ]);
    });

    it("writes removed blocks that forget without destroying", () => {
      expect(json.removed).toEqual([{ from: "aws_ebs_encryption_by_default.x", lifecycle: [{ destroy: false }] }]);
    });

    it("leaves cdktf's own resource moves unused, so synth runs no terraform binary", () => {
      expect(stack.hasResourceMove()).toBe(false);
    });
  });

  describe("two stacks", () => {
    it("keeps each stack's blocks apart", () => {
      const app = Testing.app();
      const [a, b] = [new TerraformStack(app, "a"), new TerraformStack(app, "b")];
      addMovedBlock(a, "aws_route.x", "aws_route.y");
      expect(JSON.parse(Testing.synth(b)).moved).toBeUndefined();
      expect(JSON.parse(Testing.synth(a)).moved).toHaveLength(1);
    });
  });
});
