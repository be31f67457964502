import type { ModelTable } from "./modelImpl.ts";
import { constantGrowth, decayingGrowth } from "./growthModels.ts";
import { bass, gompertz, logistic, richards } from "./curveModels.ts";
import { replication } from "./replication.ts";

/** Every base revenue model, by kind. The driver model combines two of these (see engine/compile.ts). */
export const modelTable: ModelTable = { constantGrowth, decayingGrowth, logistic, richards, gompertz, bass, replication };
