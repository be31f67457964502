import type { z } from "zod";
import type { FAMILIES } from "./familyTable.ts";

/** The distribution families' tags: `normal`, `lognormal`, `uniform`, ... (one per entry of the family table). */
export type DistributionKind = keyof typeof FAMILIES;

/** The spec of one family as written in scenarios, inferred from the family's schema. */
export type SpecOf<K extends DistributionKind> = z.output<(typeof FAMILIES)[K]["schema"]>;

/** A spec with every default filled in (see each family's `complete`). */
export type CompleteSpecOf<K extends DistributionKind> = Required<SpecOf<K>>;

/** Distribution specifications as written in scenarios: a plain object tagged by `dist`, one form per family. */
export type DistributionSpec = { [K in DistributionKind]: SpecOf<K> }[DistributionKind];

/** A scenario number: a constant or a distribution sampled once per path. */
export type Param = number | DistributionSpec;
