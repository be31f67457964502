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

/** {@link finish}, with a turn of the event loop (a zero-delay timer) after each step. */
export async function finishYielding<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((settle) => setTimeout(settle, 0));
  }
}
