// Property tests explore with a random seed locally (fast-check prints seed and path on failure, and such
// cases go into tests/properties/regressions.test.ts); in CI the seed is fixed so a run is reproducible.
import fc from "fast-check";

if (process.env.CI) fc.configureGlobal({ seed: 20191231 });
