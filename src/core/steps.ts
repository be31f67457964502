/**
 * Work done in steps (a generator that yields between them): run to its end at once, or with a turn of the
 * event loop between steps, so that a long computation still answers signals and timers (the command line
 * uses the second; the library's synchronous functions the first, with the same result).
 */

/** Runs `steps` to its end and returns its value. */
export function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A turn of the event loop: `setImmediate` where the runtime has it (Node.js: the loop polls for signals and
 * I/O, then runs it at once), else a zero-delay timer (browsers and Deno, which wait at least about 1 ms:
 * at one turn per 50 ms a long run in Node idled 2% of its time on timers).
 */
const turn: (resume: () => void) => void = typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
  ? (resume) => (globalThis as unknown as { setImmediate: (f: () => void) => void }).setImmediate(resume)
  : (resume) => setTimeout(resume, 0);

/**
 * {@link finish}, with a turn of the event loop between steps: after every step, or, with `sliceMs`, once
 * that many milliseconds of steps have run (many short steps then cost no turns). Time decides only when
 * the loop gets its turn, never a value.
 */
export async function finishYielding<T>(steps: Generator<void, T, void>, sliceMs = 0): Promise<T> {
  let since = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - since >= sliceMs) {
      await new Promise<void>((settle) => turn(settle));
      since = Date.now();
    }
  }
}
