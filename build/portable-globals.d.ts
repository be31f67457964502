// Globals every runtime sharecast supports provides (Node >= 17, Deno, browsers) that the ES library
// declarations lack. The core compiles against these and ES2022 only, never against Node's types.

/** The HTML structured clone algorithm (a deep copy of plain data). */
declare function structuredClone<T>(value: T): T;

/** Runs `handler` once after at least `ms` milliseconds, from the event loop (timers, in every runtime). */
declare function setTimeout(handler: () => void, ms?: number): unknown;
