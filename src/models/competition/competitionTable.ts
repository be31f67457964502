import { z } from "zod";
import type { Param } from "../../random/spec.ts";
import { attraction, attractionSchemasOver } from "./attraction.ts";
import { competitiveDiffusion, diffusionSchemasOver } from "./diffusion.ts";
import type { GroupKindDef } from "./groupKind.ts";
import { tenders, tendersSchemasOver } from "./tenders.ts";

type UnionOptions = Parameters<typeof z.discriminatedUnion>[1];

/**
 * Every competition group kind, by its `kind` tag: the one list of kinds where providers are simulated
 * together. A scenario declares groups under `competition` (by id); a provider's model (or one segment's) of
 * the same kind names its group. Adding a kind is its file and one entry here.
 */
export const competitionTable = { attraction, competitiveDiffusion, tenders } as const;

/** The competition kinds: `attraction`, `competitiveDiffusion`, `tenders`. */
export type CompetitionKind = keyof typeof competitionTable;

/** A kind's behaviour seen by shared code (the engine), which never branches on kinds. */
export type AnyGroupKind = GroupKindDef<Record<string, unknown>, Record<string, unknown>, unknown>;

/** An `attraction` group (models/competition/attraction.ts). */
export interface AttractionGroupSpec<B> {
  kind: "attraction";
  newDemand: B;
  churn?: Param;
  description?: string;
}
/** A `competitiveDiffusion` group (models/competition/diffusion.ts). */
export interface DiffusionGroupSpec {
  kind: "competitiveDiffusion";
  marketPotential: Param;
  innovation: Param;
  imitation: Param;
  switching?: Record<string, Record<string, number>>;
  description?: string;
}
/** A `tenders` group (models/competition/tenders.ts). */
export interface TendersGroupSpec {
  kind: "tenders";
  cities: Param;
  awareness: Param;
  innovation: Param;
  imitation: Param;
  speed?: Param;
  coWinners: Param;
  outside?: Param;
  referenceWeight?: Param;
  description?: string;
}
/** A competition group as a scenario gives it (scenario `competition.ID`), over base models of type B. */
export type GroupSpec<B> = AttractionGroupSpec<B> | DiffusionGroupSpec | TendersGroupSpec;

/** A member of an `attraction` group. */
export interface AttractionMemberSpec<B> {
  kind: "attraction";
  group: string;
  start: Param;
  attraction: B;
}
/** A member of a `competitiveDiffusion` group. */
export interface DiffusionMemberSpec<B> {
  kind: "competitiveDiffusion";
  group: string;
  adopters?: Param;
  revenuePerAdopter?: Param;
  attraction: B;
}
/** A member of a `tenders` group. */
export interface TendersMemberSpec<B> {
  kind: "tenders";
  group: string;
  capability: B;
  references?: Param;
  contractMeanLog: Param;
  contractSdLog: Param;
  lifeQuarters: Param;
  backlog?: Param;
  measure?: "revenue" | "citiesWon";
}
/** A member's model of a competition group, over base models of type B. */
export type MemberSpec<B> = AttractionMemberSpec<B> | DiffusionMemberSpec<B> | TendersMemberSpec<B>;

/** The schemas of the competition groups and of their members' models, typed by the base model schema's types. */
export interface CompetitionSchemas<O, I> {
  /** A competition group (scenario `competition.ID`), tagged by kind. */
  group: z.ZodType<GroupSpec<O>, GroupSpec<I>>;
  /** The member model schemas, one per kind (they join the model union). */
  members: Array<z.ZodType<MemberSpec<O>, MemberSpec<I>>>;
}

/** The group and member schemas of every kind, built over the base model schema given (no import cycle). */
export function competitionSchemasOver<O, I>(baseModel: z.ZodType<O, I>): CompetitionSchemas<O, I> {
  const kinds = { attraction: attractionSchemasOver(baseModel), competitiveDiffusion: diffusionSchemasOver(baseModel), tenders: tendersSchemasOver(baseModel) } satisfies { [K in CompetitionKind]: unknown };
  const list = Object.values(kinds);
  return {
    group: z.discriminatedUnion("kind", list.map((k) => k.group) as unknown as UnionOptions) as unknown as CompetitionSchemas<O, I>["group"],
    members: list.map((k) => k.member) as unknown as CompetitionSchemas<O, I>["members"],
  };
}

/** True when a model's kind is a competition kind (a member of a group). */
export function isCompetitionKind(kind: string): kind is CompetitionKind {
  return Object.hasOwn(competitionTable, kind);
}
