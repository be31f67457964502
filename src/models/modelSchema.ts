import { z } from "zod";
import { competitionSchemasOver, type MemberSpec } from "./competition/competitionTable.ts";
import { fittedSchema } from "./fittedSchema.ts";
import { modelTable, type BaseModel, type BaseModelInput } from "./modelTable.ts";
import { regimesSchemaOver } from "./regimes.ts";

type UnionOptions = Parameters<typeof z.discriminatedUnion>[1];

/** The schemas of the model table's kinds, in table order. */
const baseSchemas = Object.values(modelTable).map((kind) => kind.schema);

/** A base model: one of the model table's kinds, tagged by `kind`, each with its parameters' domain checks. */
export const baseModelSchema: z.ZodType<BaseModel, BaseModelInput> = z.discriminatedUnion(
  "kind",
  baseSchemas as unknown as UnionOptions,
) as unknown as z.ZodType<BaseModel, BaseModelInput>;

/** The driver model: customers x revenue per customer, each a base model. */
export const driverSchema = z.strictObject({
  kind: z.literal("driver"),
  /** Number of customers each quarter. */
  customers: baseModelSchema,
  /** Quarterly revenue per customer. */
  revenuePerCustomer: baseModelSchema,
});

/** Markov-switching growth: states with their own base models (models/regimes.ts). */
export const regimesSchema = regimesSchemaOver(baseModelSchema);

/** Competition groups (scenario `competition`) and their members' models (models/competition/). */
export const competitionSchemas = competitionSchemasOver(baseModelSchema);

/** A member of a competition group: a provider's model simulated jointly with the group's other members. */
export type MemberModel = MemberSpec<BaseModel>;
type MemberModelInput = MemberSpec<BaseModelInput>;

/** Any revenue model a scenario may give: a base kind of the model table, a driver, a fitted curve, regimes, or a competition member. */
export const modelSchema = z.discriminatedUnion("kind", [...baseSchemas, driverSchema, fittedSchema, regimesSchema, ...competitionSchemas.members] as unknown as UnionOptions) as unknown as z.ZodType<
  BaseModel | z.output<typeof driverSchema> | z.output<typeof fittedSchema> | z.output<typeof regimesSchema> | MemberModel,
  BaseModelInput | z.input<typeof driverSchema> | z.input<typeof fittedSchema> | z.input<typeof regimesSchema> | MemberModelInput
>;
