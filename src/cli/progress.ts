import { createRequire } from "node:module";
import type { SingleBar } from "cli-progress";

/** Paths below which a run is too short to need a bar. */
const MIN_PATHS = 50_000;

/**
 * A progress bar on stderr, shown only when stderr is a terminal and the run is long; never on stdout.
 */
export function progressBar(): { update: (done: number, total: number) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  let bar: SingleBar | null = null;
  return {
    update(done, total) {
      if (total < MIN_PATHS) return;
      if (!bar) {
        // Loaded when a bar is first drawn, not at start-up.
        const { SingleBar, Presets } = createRequire(import.meta.url)("cli-progress") as typeof import("cli-progress");
        bar = new SingleBar({ stream: process.stderr, format: "paths {bar} {percentage}% {value}/{total}", hideCursor: true }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
