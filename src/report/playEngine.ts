/**
 * The playground's engine: what the page's Web Worker runs. The build bundles this entry as dist/playground.js
 * (beside dist/library.js, which holds the code), and `sharecast play` bundles that into the page
 * (cli/browserAssets.ts), so the page runs the same compiled code as the library.
 */
export { runScenario } from "../engine/run.ts";
export { playEdit, playSummary } from "./playModel.ts";
