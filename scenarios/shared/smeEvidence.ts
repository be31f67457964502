// The SME-customer evidence sme-penetration and sme-competition are built from, read through `known` in one
// place (the same rows, in the same order), so the two scenarios cannot drift apart on what the data say.
import alibabaAnnualJson from "../../fixtures/alibaba-cloud-revenue-annual.json" with { type: "json" };
import alibabaQuarterlyJson from "../../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import seedAlibabaJson from "../../fixtures/seed-alibaba-cloud.json" with { type: "json" };
import seedMarketJson from "../../fixtures/seed-china-market.json" with { type: "json" };
import seedTencentJson from "../../fixtures/seed-tencent-cloud.json" with { type: "json" };
import tencentJson from "../../fixtures/tencent-cloud-revenue.json" with { type: "json" };
import type { Known } from "../../src/data/known.ts";
import { parseFixture } from "../../src/data/parse.ts";

const MILLION = 1e6;

/** The fixtures {@link smeEvidence} reads, as a scenario's `sources` list them. */
export const SME_SOURCES = [
  "fixtures/seed-alibaba-cloud.json",
  "fixtures/seed-china-market.json",
  "fixtures/seed-tencent-cloud.json",
  "fixtures/alibaba-cloud-revenue-annual.json",
  "fixtures/alibaba-cloud-revenue-quarterly.json",
  "fixtures/tencent-cloud-revenue.json",
] as const;

const seedAlibaba = parseFixture(seedAlibabaJson, "seed-alibaba-cloud");
const seedMarket = parseFixture(seedMarketJson, "seed-china-market");
const seedTencent = parseFixture(seedTencentJson, "seed-tencent-cloud");
const alibabaAnnual = parseFixture(alibabaAnnualJson, "alibaba-cloud-revenue-annual");
const alibabaQuarterly = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const tencent = parseFixture(tencentJson, "tencent-cloud-revenue");

/** What {@link smeEvidence} reads: counts in millions, growth as annual fractions. */
export interface SmeEvidence {
  /** China's SMEs (the seeds' 40 m). */
  smes: number;
  /** AliCloud's customers, c. 2016 (2.3 m). */
  alibaba2016: number;
  /** Tencent Cloud's paying customers, 2019 ("over 1 million"). */
  tencent2019: number;
  /** Alibaba's cloud revenue growth over FY2017-FY2019, compounded (a factor). */
  alibabaFactor: number;
  /** Alibaba's latest (2019Q4) year-on-year revenue growth. */
  alibabaGrowth: number;
  /** Tencent Cloud's 2019 revenue growth. */
  tencentGrowth: number;
}

/** The SME-customer evidence as known at the scenario's as-of date (each row refused if not public then). */
export function smeEvidence(known: Known): SmeEvidence {
  return {
    smes: known.value(seedMarket, "undated", { metric: "smes" }) / MILLION,
    alibaba2016: known.value(seedAlibaba, "2016", { provider: "alibaba", metric: "customers" }) / MILLION,
    tencent2019: known.value(seedTencent, "2019", { metric: "paying-customers" }) / MILLION,
    alibabaFactor: ["FY2017", "FY2018", "FY2019"].reduce((a, fy) => a * (1 + known.value(alibabaAnnual, fy, { metric: "yoy-growth" }) / 100), 1),
    alibabaGrowth: known.value(alibabaQuarterly, "2019Q4", { metric: "yoy-growth" }) / 100,
    tencentGrowth: known.value(tencent, "2019", { metric: "yoy-growth" }) / 100,
  };
}
