import { Testing } from "cdktf";
import { Construct } from "constructs";
import { podSecurityLabels, podSecurityVersion, podSecurityVersionOf } from "../../src/platform/pod-security";

describe("podSecurityLabels", () => {
  describe.each(["restricted", "baseline", "privileged"] as const)("at %s", (level) => {
    it("enforces, audits and warns at that level with the given policy version", () => {
      expect(podSecurityLabels(level, "v1.33")).toEqual({
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": "v1.33",
        "pod-security.kubernetes.io/audit": level,
        "pod-security.kubernetes.io/audit-version": "v1.33",
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/warn-version": "v1.33",
      });
    });
  });
});

describe("podSecurityVersion", () => {
  it("pins a Kubernetes minor version as v<minor>", () => {
    expect(podSecurityVersion("1.33")).toBe("v1.33");
  });

  it.each(["latest", "1.33.2", "v1.33", ""])("refuses %j", (version) => {
    expect(() => podSecurityVersion(version)).toThrow(`"${version}" is not a Kubernetes minor version such as 1.33; Pod Security labels pin one`);
  });
});

describe("podSecurityVersionOf", () => {
  class VersionedScope extends Construct {
    public readonly podSecurityVersion = "v1.32";
  }

  it("finds the version of the nearest enclosing scope that has one", () => {
    const stack = Testing.stubVersion(Testing.app());
    const inner = new Construct(new VersionedScope(stack, "platform"), "addon");
    expect(podSecurityVersionOf(new Construct(inner, "namespace"))).toBe("v1.32");
  });

  it("is undefined where no scope has one", () => {
    expect(podSecurityVersionOf(new Construct(Testing.app(), "alone"))).toBeUndefined();
  });
});
