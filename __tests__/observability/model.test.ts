import { environmentByName } from "../../src/model/org";
import { checkAlerts, DEFAULT_ALERT_THRESHOLDS, deriveAlerts } from "../../src/observability/model";
import { loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

describe("alerts in the environments file", () => {
  describe("the default organization", () => {
    const org = loadChanged();

    it("sends every environment's alerts to the example address with the default thresholds", () => {
      for (const env of org.environments) {
        expect(env.alerts).toEqual({ emails: ["platform-alerts@example.com"], topicArn: undefined, thresholds: DEFAULT_ALERT_THRESHOLDS });
      }
    });

    it("alarms at 70 % node CPU, as the seed does", () => {
      expect(DEFAULT_ALERT_THRESHOLDS.nodeCpuPercent).toBe(70);
    });

    it("warns, per environment stack, that the email subscriptions need confirmation", () => {
      const warnings = org.warnings.filter((w) => w.path === "alerts.emails");
      expect(warnings.map((w) => w.stack)).toEqual(["management", "production", "development"]);
      expect(warnings[1].message).toBe(
        `1 email subscription(s) to production's alert topic (platform-alerts@example.com) stay pending until each recipient confirms the email "AWS Notification - Subscription Confirmation"; until then alerts reach nobody`,
      );
    });
  });

  describe("an environment that opts out", () => {
    it("has no alerts while the others keep theirs", () => {
      const org = loadChanged((f) => (f.environments.development.alerts = "none"));
      expect(environmentByName(org, "development").alerts).toBeUndefined();
      expect(environmentByName(org, "production").alerts).toBeDefined();
    });
  });

  describe("an environment that overrides recipients and one threshold", () => {
    const org = loadChanged((f) => {
      f.alerts.thresholds = { nodeCpuPercent: 75, pendingPods: 3 };
      f.environments.production.alerts = { emails: ["prod-oncall@example.com"], thresholds: { nodeCpuPercent: 60 } };
    });

    it("replaces the recipients and merges the thresholds field by field", () => {
      expect(environmentByName(org, "production").alerts).toEqual({
        emails: ["prod-oncall@example.com"],
        topicArn: undefined,
        thresholds: { ...DEFAULT_ALERT_THRESHOLDS, nodeCpuPercent: 60, pendingPods: 3 },
      });
      expect(environmentByName(org, "development").alerts!.thresholds.nodeCpuPercent).toBe(75);
    });
  });

  describe("an existing topic instead of emails", () => {
    it("creates no subscriptions and keeps the organization's thresholds", () => {
      const org = loadChanged((f) => (f.environments.production.alerts = { topicArn: "arn:aws:sns:us-east-1:222222222222:chat-alerts" }));
      expect(environmentByName(org, "production").alerts).toEqual({
        emails: [],
        topicArn: "arn:aws:sns:us-east-1:222222222222:chat-alerts",
        thresholds: DEFAULT_ALERT_THRESHOLDS,
      });
    });

    it("rejects a topic in another region, saying why", () => {
      expect(problemsOf((f) => (f.environments.production.alerts = { topicArn: "arn:aws:sns:eu-west-1:222222222222:chat-alerts" }))).toEqual([
        expect.stringMatching(
          /^environments\.production\.alerts\.topicArn \(line \d+\): arn:aws:sns:eu-west-1:222222222222:chat-alerts is in eu-west-1, but environment production is in us-east-1; CloudWatch alarms and EventBridge rules publish only to a topic of their own region, so give production a topic in us-east-1$/,
        ),
      ]);
    });

    it("rejects a topic together with emails", () => {
      const problems = problemsOf((f) => (f.alerts = { emails: ["ops@example.com"], topicArn: "arn:aws:sns:us-east-1:111111111111:alerts" }));
      expect(problems).toEqual([
        expect.stringMatching(
          /^alerts\.topicArn \(line \d+\): is set together with emails; alerts go either to a topic this project creates for the listed emails or to arn:aws:sns:us-east-1:111111111111:alerts, so drop one \(subscribe the addresses to that topic instead\)$/,
        ),
      ]);
    });
  });

  describe("bad values", () => {
    it("rejects an address that is not one", () => {
      expect(problemsOf((f) => (f.alerts.emails = ["ops"]))).toEqual([
        expect.stringMatching(/^alerts\.emails\[0\] \(line \d+\): "ops": must be an email address such as ops@example\.com$/),
      ]);
    });

    it("rejects an address listed twice", () => {
      expect(problemsOf((f) => (f.alerts.emails = ["a@example.com", "a@example.com"]))).toEqual([
        expect.stringMatching(/^alerts\.emails\[1\] \(line \d+\): a@example\.com is listed twice; list each address once$/),
      ]);
    });

    it("rejects a CPU threshold above 100 %", () => {
      expect(problemsOf((f) => (f.alerts.thresholds = { nodeCpuPercent: 170 }))).toEqual([expect.stringMatching(/^alerts\.thresholds\.nodeCpuPercent/)]);
    });
  });

  describe("alerts without a recipient", () => {
    it("warns that the topic reaches nobody", () => {
      const org = loadChanged((f) => (f.alerts = { emails: [] }));
      expect(org.warnings.filter((w) => w.path === "alerts.emails").map((w) => w.message)[0]).toBe(
        "environment management has alerts but no email recipient and no topicArn: its alert topic reaches nobody; add an address, a topicArn, or set alerts: none",
      );
    });
  });

  describe("an organization without alerts", () => {
    it("gives no environment alerts and warns of nothing", () => {
      const org = loadChanged((f) => delete f.alerts);
      expect(org.environments.every((e) => e.alerts === undefined)).toBe(true);
      expect(org.warnings.filter((w) => w.path.includes("alerts"))).toEqual([]);
    });
  });
});

describe("deriveAlerts", () => {
  it("lets an environment turn alerts on where the organization has none", () => {
    expect(deriveAlerts(undefined, { emails: ["x@example.com"] })).toEqual({ emails: ["x@example.com"], topicArn: undefined, thresholds: DEFAULT_ALERT_THRESHOLDS });
    expect(deriveAlerts("none", { thresholds: { failedNodes: 2 } })).toEqual({ emails: [], topicArn: undefined, thresholds: { ...DEFAULT_ALERT_THRESHOLDS, failedNodes: 2 } });
  });

  it("lets an environment's emails replace the organization's topic", () => {
    expect(deriveAlerts({ topicArn: "arn:aws:sns:us-east-1:111111111111:t" }, { emails: ["x@example.com"] })?.topicArn).toBeUndefined();
  });
});

describe("checkAlerts", () => {
  it("finds nothing to say without alerts", () => {
    expect(checkAlerts({ region: "us-east-1", environments: { a: {} } })).toEqual({ problems: [], warnings: [] });
  });
});
