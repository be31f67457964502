import { z } from "zod";
import type { InputIssue } from "../../core/issues.ts";
import type { Distribution } from "../../random/distribution.ts";
import { makeDistribution } from "../../random/distributions.ts";
import { normalQuantile } from "../../random/normal.ts";
import { drawRange, MAX_CITIES, MAX_SEATS, paramIssues } from "../../random/paramDomain.ts";
import type { Param } from "../../random/spec.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { reportIssues } from "../../random/reportIssues.ts";
import { factorIdSchema } from "../factor.ts";
import { binomial } from "./binomial.ts";
import type { GroupKindDef } from "./groupKind.ts";
import { type Params, withParamChecks } from "./groupKind.ts";
import { exp } from "../../core/elementary.ts";
import { thousands } from "../../core/thousands.ts";

const groupParams = [
  { name: "cities", domain: "cities" },
  { name: "awareness", domain: "probability" },
  { name: "innovation", domain: "positive" },
  { name: "imitation", domain: "nonNegative" },
  { name: "speed", domain: "positive", optional: 1 },
  { name: "outside", domain: "nonNegative", optional: 0 },
  { name: "referenceWeight", domain: "nonNegative", optional: 0 },
] as const satisfies Params;
const memberParams = [
  { name: "references", domain: "nonNegative", optional: 0 },
  { name: "contractMeanLog", domain: "any" },
  { name: "contractSdLog", domain: "nonNegative" },
  { name: "lifeQuarters", domain: "positive" },
  { name: "backlog", domain: "nonNegative", optional: 0 },
] as const satisfies Params;

/**
 * The most seats a path may draw (cities x co-winners at their largest): each seat is a draw over the
 * members, so a path's cost grows with it (a million took 20 ms a path with two members, measured). 100,000
 * is twenty times the catalogue's (about a thousand cities, a few co-winners), about 2 ms a path and 2 s a
 * chunk between the turns of the event loop that let a signal end a run; each bound alone (a million
 * cities, a thousand co-winners) allowed a billion, 7.7 s a path.
 */
export const MAX_SEAT_DRAWS = 100_000;

/** The largest value a parameter draws (paramDomain's `drawRange`), or NaN when it is not a valid one. */
function largest(param: unknown): number {
  try {
    return drawRange(param as Param)[1];
  } catch {
    return Number.NaN;
  }
}

/** The bound {@link MAX_SEAT_DRAWS} on cities x co-winners, reported at `coWinners`. */
function seatDrawIssues(cities: unknown, coWinners: unknown): InputIssue[] {
  const most = { cities: largest(cities), seats: largest(coWinners) };
  // Each bound alone is its own field's issue (paramIssues); the product is checked within them.
  if (!(most.cities >= 0 && most.cities <= MAX_CITIES && most.seats > 0 && most.seats <= MAX_SEATS)) return [];
  const draws = Math.round(most.cities) * Math.max(1, Math.round(most.seats));
  if (!(draws > MAX_SEAT_DRAWS)) return [];
  return [{ code: "too_big", path: ["coWinners"], message: `expected at most ${thousands(MAX_SEAT_DRAWS)} seats drawn a path (cities x co-winners at their largest), got ${thousands(draws)}; fewer cities or co-winners` }];
}

/** The tenders (stochastic replication) group and member schemas, over the base model schema given. */
export function tendersSchemasOver<B extends z.ZodType>(baseModel: B) {
  const group = z.strictObject({
    kind: z.literal("tenders"),
    /** Cities that could tender (rounded to a whole number on each path). */
    cities: paramSchema,
    /** Probability that a city ever tenders (each city drawn once per path). */
    awareness: paramSchema,
    /** Bass coefficient of innovation p > 0 of the tendering, per year. */
    innovation: paramSchema,
    /** Bass coefficient of imitation q >= 0 of the tendering, per year. */
    imitation: paramSchema,
    /** The tendering clock runs this many times faster (default 1). */
    speed: paramSchema.optional(),
    /** Co-winners of one tender: drawn afresh for every tender (rounded, at least 1). */
    coWinners: paramSchema,
    /** Seat weight of the bidders outside the group (default 0: every seat goes to a member). */
    outside: paramSchema.optional(),
    /** How much each reference (a city won) adds to a member's seat weight, relative to its capability (default 0). */
    referenceWeight: paramSchema.optional(),
    description: z.string().optional(),
  }).superRefine((group, ctx) => reportIssues(ctx, [...paramIssues(group.coWinners, "seats", ["coWinners"]), ...seatDrawIssues(group.cities, group.coWinners)], group));
  const member = z.strictObject({
    kind: z.literal("tenders"),
    /** The competition group (scenario `competition`) the provider bids in. */
    group: factorIdSchema,
    /** Replication capability each quarter (how fast it copies a benchmark project into a new city), a base model. */
    capability: baseModel,
    /** Cities won before the base quarter (its references at the start; default 0). */
    references: paramSchema.optional(),
    /** Value of one award ~ lognormal(contractMeanLog, contractSdLog), drawn per award. */
    contractMeanLog: paramSchema,
    contractSdLog: paramSchema,
    /** Quarters over which an award's value is recognised, from the quarter after the award. */
    lifeQuarters: paramSchema,
    /** Contract value signed before the base quarter, recognised over quarters 1..lifeQuarters (default 0). */
    backlog: paramSchema.optional(),
    /** What the provider's series reports: `revenue` (default) or `citiesWon` (cumulative awards, a count). */
    measure: z.enum(["revenue", "citiesWon"]).optional(),
  });
  return { group: withParamChecks(group, groupParams), member: withParamChecks(member, memberParams) };
}

type Schemas = ReturnType<typeof tendersSchemasOver<z.ZodType>>;
/** A tenders group as the schema outputs it. */
export type TendersGroup = z.output<Schemas["group"]>;
/** A tenders member model as the schema outputs it. */
export type TendersMember = z.output<Schemas["member"]>;

/** What a tenders group plans at compile time: the co-winner draw and which members report cities. */
export interface TendersPlan {
  coWinners: Distribution | null;
  coWinnersConstant: number;
  citiesWon: boolean[];
}

function plan(group: TendersGroup, members: ReadonlyArray<{ model: TendersMember }>): { data: TendersPlan; issues: InputIssue[] } {
  const spec = group.coWinners;
  const coWinners = typeof spec === "number" ? null : makeDistribution(spec);
  return { data: { coWinners, coWinnersConstant: typeof spec === "number" ? spec : Number.NaN, citiesWon: members.map((m) => m.model.measure === "citiesWon") }, issues: [] };
}

/**
 * Stochastic replication: cities, tenders, co-winners and awards are drawn (one stream per group and chunk,
 * path by path). Per path, with F the Bass share adopted of `speed` x t years (p = innovation, q = imitation):
 *
 * - the cities that will ever tender: A ~ Binomial(round(cities), awareness);
 * - tenders in quarter k: n_k ~ Binomial(untendered, h_k), h_k = (F(k/4) - F((k-1)/4)) / (1 - F((k-1)/4)),
 *   so a city tenders in quarter k with probability F(k/4) - F((k-1)/4) and E[n_k] = cities x awareness x that;
 * - each tender has W = max(1, round(coWinners)) seats (drawn per tender); seats are filled one by one, each
 *   going to member j with probability w_j / (outside + sum of the members not yet seated in this tender),
 *   else to an outside bidder (who can take several seats); w_j = capability_j(k) (1 + referenceWeight x
 *   references_j(k - 1)), references_j = `references` + cities won before quarter k;
 * - each award's value is drawn: exp(contractMeanLog + contractSdLog z), z standard normal;
 * - revenue is recognised evenly over L = max(1, round(lifeQuarters)) quarters from the quarter after the
 *   award, plus `backlog` over quarters 1..L: R_k = (sum of awards in quarters max(1, k - L)..k - 1 +
 *   backlog [k <= L]) / L (the closed form of models/kinds/replication.ts, in expectation, with one member
 *   and winShare = capability / (capability + outside), W = 1).
 *
 * A member with `measure: "citiesWon"` reports its cumulative awards through quarter k instead. Cost per path
 * O(T K + tenders x W x K) and one uniform per binomial block, seat and award.
 */
export const tenders: GroupKindDef<TendersGroup, TendersMember, TendersPlan> = {
  groupParams: groupParams,
  memberParams: memberParams,
  groupModels: [],
  memberModel: "capability",
  plan,
  simulate(run, data) {
    const { quarters, paths, members, stream } = run;
    const [cities, awareness, innovation, imitation, speed, outside, referenceWeight] = run.columns;
    const n = members.length;
    const awards = new Float64Array(n * (quarters + 1));
    const wins = new Float64Array(n);
    const references = new Float64Array(n);
    const weights = new Float64Array(n);
    const seated = new Uint8Array(n);
    for (let i = 0; i < paths; i++) {
      awards.fill(0);
      wins.fill(0);
      for (let j = 0; j < n; j++) references[j] = members[j].columns[0][i];
      let untendered = binomial(stream, cities[i], awareness[i]);
      const p = innovation[i];
      const q = imitation[i];
      const clock = speed[i] * (p + q);
      let before = 0;
      for (let k = 1; k <= quarters; k++) {
        const decay = exp((-clock * k) / 4);
        const adopted = (1 - decay) / (1 + (q / p) * decay);
        const hazard = before < 1 ? (adopted - before) / (1 - before) : 0;
        before = adopted;
        const count = binomial(stream, untendered, hazard);
        untendered -= count;
        const at = (k - 1) * paths + i;
        for (let j = 0; j < n; j++) weights[j] = Math.max(0, members[j].weight[at]) * (1 + referenceWeight[i] * references[j]);
        for (let tender = 0; tender < count; tender++) {
          const drawn = data.coWinners ? data.coWinners.quantile(stream.uniform()) : data.coWinnersConstant;
          const seats = Math.max(1, Math.round(drawn));
          seated.fill(0);
          for (let s = 0; s < seats; s++) {
            let total = outside[i];
            for (let j = 0; j < n; j++) if (!seated[j]) total += weights[j];
            if (!(total > 0)) break;
            let u = stream.uniform() * total;
            let winner = -1;
            for (let j = 0; j < n; j++) {
              if (seated[j]) continue;
              if (u < weights[j]) {
                winner = j;
                break;
              }
              u -= weights[j];
            }
            if (winner < 0) continue;
            seated[winner] = 1;
            wins[winner]++;
            const { columns } = members[winner];
            awards[winner * (quarters + 1) + k] += exp(columns[1][i] + columns[2][i] * normalQuantile(stream.uniform()));
          }
        }
        for (let j = 0; j < n; j++) {
          if (data.citiesWon[j]) members[j].out[at] = wins[j];
          references[j] = members[j].columns[0][i] + wins[j];
        }
      }
      for (let j = 0; j < n; j++) if (!data.citiesWon[j]) recognise(awards, j * (quarters + 1), members[j], quarters, paths, i);
    }
  },
};

/** Revenue of one member on path i: awards recognised evenly over the contract life, plus its backlog. */
function recognise(awards: Float64Array, base: number, member: { columns: readonly Float64Array[]; out: Float64Array }, quarters: number, paths: number, i: number): void {
  const length = Math.max(1, Math.round(member.columns[3][i]));
  const backlog = member.columns[4][i];
  let window = 0;
  for (let k = 1; k <= quarters; k++) {
    window += awards[base + k - 1];
    if (k - 1 - length >= 1) window -= awards[base + k - 1 - length];
    member.out[(k - 1) * paths + i] = (window + (k <= length ? backlog : 0)) / length;
  }
}
