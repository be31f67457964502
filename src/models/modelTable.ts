import type { z } from "zod";
import { bass } from "./kinds/bass.ts";
import { constantGrowth } from "./kinds/constantGrowth.ts";
import { decayingGrowth } from "./kinds/decayingGrowth.ts";
import { gompertz } from "./kinds/gompertz.ts";
import { logistic } from "./kinds/logistic.ts";
import { replication } from "./kinds/replication.ts";
import { richards } from "./kinds/richards.ts";
import type { ModelBehaviour, ModelKindDef, ModelSchema } from "./modelKind.ts";

/** An entry of the table is keyed by its own `kind` tag (the compiler rejects `logistic: gompertz`). */
type Keyed<T> = { readonly [K in keyof T]: T[K] extends ModelKindDef<infer S extends ModelSchema> ? (z.output<S> extends { kind: K } ? T[K] : never) : never };

function table<const T extends Keyed<T>>(kinds: T): T {
  return kinds;
}

/**
 * Every base revenue model kind, by its `kind` tag: the one list of kinds. Each entry (models/kinds/*.ts)
 * owns its schema, its type, its parameters with their domains and defaults, and its simulation; the
 * scenario schema's model union (models/modelSchema.ts) and the engine (engine/compile.ts) read this table.
 * Adding a kind is its file and one entry here. The order is the order of messages that list the kinds.
 * The driver model combines two of these, and `fitted` fits a curve at compile time (models/fitted.ts).
 */
export const modelTable = table({ constantGrowth, decayingGrowth, logistic, richards, gompertz, bass, replication });

/** The base model kinds: `constantGrowth`, `decayingGrowth`, ... (one per entry of the table). */
export type BaseModelKind = keyof typeof modelTable;

/** The spec of one base kind, as the schema outputs it. */
export type BaseModelOf<K extends BaseModelKind> = z.output<(typeof modelTable)[K]["schema"]>;

/** A base model as the schema outputs it. */
export type BaseModel = { [K in BaseModelKind]: BaseModelOf<K> }[BaseModelKind];

/** A base model as a scenario writes it. */
export type BaseModelInput = { [K in BaseModelKind]: z.input<(typeof modelTable)[K]["schema"]> }[BaseModelKind];

/** How one base kind projects revenue (see `ModelBehaviour`). */
export type ModelImpl<K extends BaseModelKind> = ModelBehaviour<BaseModelOf<K>>;
