import {
  checkTargets,
  DEFAULT,
  FLOOR,
  formatChecks,
  formatResults,
  generatedScenario,
  loadWarning,
  median,
  summarize,
  type ScenarioResult,
} from "../../../scripts/lib/bench-report";

const sample = (wallMs: number, maxRssKb = 100 * 1024, cpuMs = wallMs) => ({ wallMs, maxRssKb, cpuMs });

describe("median", () => {
  describe("odd and even counts", () => {
    it("takes the middle value, or the mean of the two middle ones", () => {
      expect(median([3, 1, 2])).toBe(2);
      expect(median([4, 1, 3, 2])).toBe(2.5);
    });
  });

  describe("no values", () => {
    it("throws", () => {
      expect(() => median([])).toThrow(/no values/);
    });
  });
});

describe("summarize", () => {
  describe("three runs", () => {
    const result = summarize(DEFAULT, 5, 3, [sample(900, 150 * 1024, 800), sample(1200, 170 * 1024, 1000), sample(1000, 160 * 1024, 900)]);

    it("reports the median wall and CPU time in seconds", () => {
      expect(result.medianWallS).toBe(1);
      expect(result.medianCpuS).toBe(0.9);
    });

    it("reports the highest peak RSS in MiB", () => {
      expect(result.peakRssMb).toBe(170);
    });
  });
});

const results = (floorS: number, defaultS: number, defaultMb: number, largeS: number): ScenarioResult[] => [
  summarize(FLOOR, 0, 0, [sample(floorS * 1000, 60 * 1024)]),
  summarize(DEFAULT, 5, 3, [sample(defaultS * 1000, defaultMb * 1024)]),
  summarize(generatedScenario(10), 12, 10, [sample(defaultS * 1500)]),
  summarize(generatedScenario(50), 52, 50, [sample(largeS * 1000)]),
];

describe("checkTargets", () => {
  describe("a run within every target", () => {
    const checks = checkTargets(results(0.3, 0.8, 140, 6));

    it("passes all three", () => {
      expect(checks.map((c) => c.pass)).toEqual([true, true, true]);
    });

    it("states each measured value against its limit", () => {
      expect(checks[0].detail).toBe("0.80 s = 2.7x 0.30 s");
      expect(checks[1].detail).toBe("140 MB");
      expect(checks[2].detail).toBe("6.00 s = 7.5x 0.80 s");
    });
  });

  describe("a slow, heavy default and a slow large organization", () => {
    it("fails each target it misses", () => {
      const checks = checkTargets(results(0.3, 1.2, 260, 13));
      expect(checks.map((c) => c.pass)).toEqual([false, false, false]);
    });
  });

  describe("exactly at a limit", () => {
    it("passes the ratio targets", () => {
      const checks = checkTargets(results(0.5, 1.5, 100, 15));
      expect(checks[0].pass).toBe(true);
      expect(checks[2].pass).toBe(true);
    });
  });

  describe("without the 50-environment scenario", () => {
    it("checks only the default's targets", () => {
      expect(checkTargets(results(0.3, 0.8, 140, 6).slice(0, 3))).toHaveLength(2);
    });
  });
});

describe("formatResults", () => {
  describe("the four scenarios", () => {
    const table = formatResults(results(0.25, 1, 150, 5)).split("\n");

    it("has a header and one row per scenario", () => {
      expect(table[0]).toMatch(/^scenario\s+stacks\s+median wall s\s+peak RSS MB\s+median CPU s\s+vs floor\s+vs default$/);
      expect(table).toHaveLength(6);
    });

    it("shows ratios to the floor and to the default", () => {
      expect(table[3]).toMatch(/^default\s+5\s+1\.00\s+150\s+1\.00\s+4\.0x\s+1\.0x$/);
      expect(table[5]).toMatch(/^generated-50\s+52\s+5\.00\s+100\s+5\.00\s+20\.0x\s+5\.0x$/);
    });

    it("shows no stack count for the floor", () => {
      expect(table[2]).toMatch(/^floor\s+-\s/);
    });
  });
});

describe("formatChecks", () => {
  describe("a pass and a fail", () => {
    it("prints PASS or FAIL before each target", () => {
      expect(formatChecks([
        { target: "a", pass: true, detail: "1" },
        { target: "b", pass: false, detail: "2" },
      ])).toBe("PASS  a (1)\nFAIL  b (2)");
    });
  });
});

describe("loadWarning", () => {
  describe("a machine busier than its cores", () => {
    it("warns that wall times include waiting", () => {
      expect(loadWarning(6.3, 2)).toMatch(/load 6\.3 on 2 cores/);
    });
  });

  describe("an idle machine", () => {
    it("says nothing", () => {
      expect(loadWarning(0.5, 2)).toBeUndefined();
    });
  });
});
