import { describe, expect, it } from "vitest";
import { pooledPrior, unassignedShareRange } from "../../src/models/pooling.ts";
import { calibratePooled } from "../../src/backtest/pool.ts";
import { runScenarioBacktest } from "../../src/backtest/scenarioBacktest.ts";
import alibaba from "../../scenarios/alibaba-cloud-revenue.ts";
import aws from "../../scenarios/aws-revenue.ts";
import { growthPriors, halfLifeYears } from "../../scenarios/shared/revenueGrowth.ts";

describe("partial pooling", () => {
  it("is the mixture w Own + (1 - w) Peers by its moments, w = n / (n + n0) (hand-computed)", () => {
    // peers 2 and 4: mean 3, sample sd sqrt(2); w = 1 / (1 + 1) = 0.5
    const p = pooledPrior({ mean: 1, sd: 0.1 }, [2, 4], { evidence: 1, evidencePerPeer: 1 });
    expect(p.weight).toBe(0.5);
    expect(p.peers.mean).toBe(3);
    expect(p.peers.sd).toBeCloseTo(Math.SQRT2, 15);
    expect(p.mean).toBeCloseTo(2, 15);
    // 0.5 * 0.01 + 0.5 * 2 + 0.25 * (1 - 3)^2 = 2.005
    expect(p.sd).toBeCloseTo(Math.sqrt(2.005), 14);
  });

  it("matches the moments of the mixture drawn by simulation", () => {
    // Mixture of N(0, 1) with weight 3/4 and N(4, 0.5^2) (one peer at 4, its sd given) with weight 1/4.
    const p = pooledPrior({ mean: 0, sd: 1 }, [4], { evidence: 3, evidencePerPeer: 1, peerSd: 0.5 });
    const w = 0.75;
    expect(p.mean).toBeCloseTo(w * 0 + (1 - w) * 4, 15);
    expect(p.sd ** 2).toBeCloseTo(w * 1 + (1 - w) * 0.25 + w * (1 - w) * 16, 14);
  });

  it("no own evidence is the peers alone; much evidence tends to the own estimate", () => {
    const none = pooledPrior({ mean: 10, sd: 1 }, [1, 3], { evidence: 0, evidencePerPeer: 4 });
    expect(none.weight).toBe(0);
    expect(none.mean).toBe(2);
    expect(none.sd).toBeCloseTo(Math.SQRT2, 15);
    const lots = pooledPrior({ mean: 10, sd: 1 }, [1, 3], { evidence: 4e6, evidencePerPeer: 4 });
    expect(lots.mean).toBeCloseTo(10, 4);
  });

  it("refuses no peers and a non-positive peer weight", () => {
    expect(() => pooledPrior({ mean: 0, sd: 1 }, [], { evidence: 1, evidencePerPeer: 1 })).toThrow(/at least one peer/);
    expect(() => pooledPrior({ mean: 0, sd: 1 }, [1], { evidence: 1, evidencePerPeer: 0 })).toThrow(/evidencePerPeer/);
  });

  it("an unobserved provider's base share spans the whole unassigned remainder", () => {
    const r = unassignedShareRange([0.45, 0.186, 0.086, 0.082]);
    expect(r.min).toBe(0);
    expect(r.max).toBeCloseTo(1 - 0.804, 15);
    expect(unassignedShareRange([0.6, 0.5]).max).toBe(0);
    expect(() => unassignedShareRange([1.2])).toThrow(/\[0, 1\]/);
  });

  it("the half-life of a decline toward gInf, by hand; a growth prior borrows from peers when its own decline is short", () => {
    // 0.9 -> 0.5 toward 0.1 in 4 quarters: one halving of the gap in one year.
    expect(halfLifeYears(0.9, 0.5, 4, 0.1)).toBeCloseTo(1, 15);
    expect(Number.isNaN(halfLifeYears(0.5, 0.6, 4, 0.1))).toBe(true);
    const figures = [{ period: "2019Q1", growth: 0.9 }, { period: "2019Q2", growth: 0.7 }];
    const tuning = { widen: 1, lift: 0 };
    const alone = growthPriors(figures, "2019Q2", 0.3, [], [1, 1.1, 1.2], tuning);
    const pooled = growthPriors(figures, "2019Q2", 0.3, [4, 4], [1, 1.1, 1.2], tuning);
    const meanLog = (h: typeof alone.halfLifeYears) => (h.dist === "lognormal" ? h.meanLog : NaN);
    // One quarter of own decline weighs 1 / (1 + 4): the pooled half-life moves most of the way to the peers' 4 years.
    expect(meanLog(pooled.halfLifeYears)).toBeGreaterThan(meanLog(alone.halfLifeYears));
    expect(Math.exp(meanLog(pooled.halfLifeYears))).toBeGreaterThan(2);
    // lift shifts both ends of g0; widen scales sigma.
    const lifted = growthPriors(figures, "2019Q2", 0.3, [], [1, 1.1, 1.2], { widen: 2, lift: 0.1 });
    expect(lifted.g0.low + lifted.g0.high).toBeCloseTo(alone.g0.low + alone.g0.high + 0.2, 12);
    expect(lifted.sigma).toBeCloseTo(2 * alone.sigma, 15);
  });
});

describe("pooled calibration", () => {
  it("pools the scenarios' in-sample cells: counts add up, ratios over every cell", () => {
    const options = { paths: 200, grid: [1], lifts: [0] };
    const pooled = calibratePooled([alibaba, aws], options);
    const asWritten = pooled.pooled.find((p) => p.label === "asWritten")!;
    const model = asWritten.summary.find((s) => s.method === "model")!;
    const own = [alibaba, aws].map((s) => runScenarioBacktest(s, { paths: 200, inSample: true, widen: 1, lift: 0 }).cells.filter((c) => c.method === "model"));
    expect(model.n).toBe(own[0].length + own[1].length);
    expect(asWritten.cells).toEqual({ "alibaba-cloud-revenue": own[0].length, "aws-revenue": own[1].length });
    const inside = own.flat().filter((c) => c.in90).length;
    expect(model.coverage90).toBeCloseTo(inside / model.n, 15);
  });
});
