import { z } from "zod";
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

/** The group and member schemas of every kind, built over the base model schema given (no import cycle). */
export function competitionSchemasOver<B extends z.ZodType>(baseModel: B) {
  const kinds = { attraction: attractionSchemasOver(baseModel), competitiveDiffusion: diffusionSchemasOver(baseModel), tenders: tendersSchemasOver(baseModel) } satisfies { [K in CompetitionKind]: unknown };
  const list = Object.values(kinds);
  return {
    /** A competition group (scenario `competition.ID`), tagged by kind. */
    group: z.discriminatedUnion("kind", list.map((k) => k.group) as unknown as UnionOptions) as unknown as z.ZodType<
      z.output<(typeof kinds)[CompetitionKind]["group"]>,
      z.input<(typeof kinds)[CompetitionKind]["group"]>
    >,
    /** The member model schemas, one per kind (they join the model union). */
    members: list.map((k) => k.member),
  };
}

/** True when a model's kind is a competition kind (a member of a group). */
export function isCompetitionKind(kind: string): kind is CompetitionKind {
  return Object.hasOwn(competitionTable, kind);
}
