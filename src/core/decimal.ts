/**
 * Numbers written as text by a user (flags, CSV cells, targets): decimal notation only, `12`, `-0.5`, `.5`,
 * `1e6`, `2.5E-3`, surrounding space allowed. `Number()` alone also reads `0x10` (16), `0b11`, `0o7`,
 * `Infinity` and the empty string (0), none of which a user means as a figure.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number `text` writes in decimal notation, or NaN when it is not one. */
export function decimalNumber(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Whether `text` is a number in decimal notation (see {@link decimalNumber}). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}
