import { accountSettingsOwnerOf, accountSettingsOwners, ownsAccountSettings } from "../../src/model/account-settings";

const env = (name: string, accountId: string, region = "us-east-1") => ({ name, accountId, region });

describe("accountSettingsOwners", () => {
  describe("when every environment has its own account", () => {
    it("makes each environment the owner of its account and region", () => {
      const envs = [env("management", "111111111111"), env("production", "222222222222")];
      expect([...accountSettingsOwners(envs)]).toEqual([
        ["111111111111/us-east-1", "management"],
        ["222222222222/us-east-1", "production"],
      ]);
    });
  });

  describe("when environments share an account", () => {
    const envs = [env("staging", "222222222222"), env("production", "222222222222"), env("qa", "222222222222", "eu-west-1")];

    it("gives the account and region to the environment whose name sorts first", () => {
      expect(ownsAccountSettings(envs[1], envs)).toBe(true);
      expect(ownsAccountSettings(envs[0], envs)).toBe(false);
      expect(accountSettingsOwnerOf(envs[0], envs)).toBe("production");
    });

    it("treats another region of the same account as its own owner", () => {
      expect(ownsAccountSettings(envs[2], envs)).toBe(true);
    });

    it("picks the same owner whatever the order of the environments", () => {
      expect(accountSettingsOwnerOf(envs[0], [...envs].reverse())).toBe("production");
    });
  });
});
