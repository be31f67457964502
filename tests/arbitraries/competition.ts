// fast-check arbitraries for competition groups (src/models/competition/): a group of any kind over some
// providers of one segment, put into a scenario drawn by tests/arbitraries/scenario.ts (which passes the
// parameter and base-model arbitraries it draws with, so ranges stay in one place).
import fc from "fast-check";
import type { Param } from "../../src/random/spec.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type Input = ScenarioInput;
type ModelInput = Input["providers"][number]["model"];
type CompetitionParam = "churn" | "memberStart" | "adopters" | "coWinners" | "outside" | "referenceWeight" | "references" | "marketPotential" | "innovation" | "imitation" | "revenuePerAdopter" | "cities" | "tenderCities" | "awareness" | "speed" | "contractMeanLog" | "contractSdLog" | "lifeQuarters" | "backlog";

/** The arbitraries a competition group is drawn with (from the scenario arbitrary's ranges). */
export interface CompetitionTools {
  field(name: CompetitionParam): fc.Arbitrary<Param>;
  param(name: CompetitionParam): fc.Arbitrary<Param>;
  baseModel(): fc.Arbitrary<ModelInput>;
  number(min: number, max: number): fc.Arbitrary<number>;
}

/** Drops keys whose value is undefined. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The competition kinds the arbitrary generates (src/models/competition/competitionTable.ts). */
export const COMPETITION_KINDS = ["attraction", "competitiveDiffusion", "tenders"] as const;
type CompetitionKind = (typeof COMPETITION_KINDS)[number];
type GroupInput = NonNullable<Input["competition"]>[string];

function groupArb(kind: CompetitionKind, members: readonly string[], tools: CompetitionTools): fc.Arbitrary<GroupInput> {
  const { field: f, number } = tools;
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  if (kind === "attraction") return fc.record({ newDemand: tools.baseModel(), churn: maybe(f("churn")) }).map((g) => compact({ kind, ...g }) as GroupInput);
  if (kind === "competitiveDiffusion") {
    // Switching rows: each pair a probability up to 1 / members, so that every row sums to at most 1.
    const pairs = members.flatMap((from) => members.filter((to) => to !== from).map((to) => [from, to] as const));
    const switching = fc.array(number(0, 1 / Math.max(1, members.length)), { minLength: pairs.length, maxLength: pairs.length }).map((rates) => {
      const rows: Record<string, Record<string, number>> = Object.create(null);
      pairs.forEach(([from, to], j) => ((rows[from] ??= Object.create(null))[to] = rates[j]));
      return { ...rows };
    });
    return fc
      .record({ marketPotential: f("marketPotential"), innovation: f("innovation"), imitation: f("imitation"), switching: pairs.length > 0 ? maybe(switching) : fc.constant(undefined) })
      .map((g) => compact({ kind, ...g }) as GroupInput);
  }
  return fc
    .record({
      cities: f("tenderCities"),
      awareness: f("awareness"),
      innovation: f("innovation"),
      imitation: f("imitation"),
      speed: maybe(f("speed")),
      coWinners: tools.param("coWinners"),
      outside: maybe(f("outside")),
      referenceWeight: maybe(f("referenceWeight")),
    })
    .map((g) => compact({ kind, ...g }) as GroupInput);
}

function memberArb(kind: CompetitionKind, group: string, tools: CompetitionTools): fc.Arbitrary<ModelInput> {
  const f = tools.field;
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  if (kind === "attraction") return fc.record({ start: f("memberStart"), attraction: tools.baseModel() }).map((m) => ({ kind, group, ...m }) as ModelInput);
  if (kind === "competitiveDiffusion") {
    return fc
      .record({ adopters: maybe(f("adopters")), revenuePerAdopter: maybe(f("revenuePerAdopter")), attraction: tools.baseModel() })
      .map((m) => compact({ kind, group, ...m }) as ModelInput);
  }
  return fc
    .record({
      capability: tools.baseModel(),
      references: maybe(f("references")),
      contractMeanLog: f("contractMeanLog"),
      contractSdLog: f("contractSdLog"),
      lifeQuarters: f("lifeQuarters"),
      backlog: maybe(f("backlog")),
      measure: fc.constantFrom(undefined, "revenue" as const, "citiesWon" as const),
    })
    .map((m) => compact({ kind, group, ...m }) as ModelInput);
}

/** One competition group (a third of the time): a kind, an id spelled like an Object member or not, a segment and members. */
export function competitionArb(s: { segments: string[] | undefined; ids: string[] }, tools: CompetitionTools) {
  return fc.option(
    fc
      .record({
        kind: fc.constantFrom(...COMPETITION_KINDS),
        id: fc.constantFrom("pool", "constructor", "tostring"),
        segment: s.segments ? fc.constantFrom(...s.segments) : fc.constant(undefined),
        members: fc.subarray(s.ids, { minLength: 1 }),
      })
      .chain(({ kind, id, segment, members }) =>
        fc.record({ group: groupArb(kind, members, tools), models: fc.tuple(...members.map(() => memberArb(kind, id, tools))) }).map(({ group, models }) => ({ id, segment, members, group, models })),
      ),
    { nil: undefined, freq: 3 },
  );
}

/** Puts a generated competition group into a scenario: its members' models (in its segment) and `competition`. */
export function withCompetition(input: Input, competition: { id: string; segment: string | undefined; members: string[]; group: GroupInput; models: ModelInput[] } | undefined): Input {
  if (!competition) return input;
  const { id, segment, members, group, models } = competition;
  const providers = input.providers.map((provider) => {
    const k = members.indexOf(provider.id);
    if (k < 0) return provider;
    const model = segment === undefined ? models[k] : ({ ...(provider.model as Record<string, ModelInput>), [segment]: models[k] } as ModelInput);
    return { ...provider, model };
  });
  return { ...input, providers, competition: { [id]: group } };
}

