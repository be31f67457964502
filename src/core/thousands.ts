/**
 * A whole number with commas between thousands (1000000 -> "1,000,000"), as `toLocaleString("en-US")`
 * writes it. Why not that: its first call loads the locale data, about 8 ms of every command's start-up
 * when a module's top level formats a message with it.
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}
