import { z } from "zod";

/**
 * Schema pieces for fiscal calendars and the extra outputs a scenario may ask for (engine/derivedRows.ts):
 * a provider's fiscal year, and the scenario's `outputs` block.
 */

/** A provider's fiscal year: the month it ends in, and whether `FY2020` names it by its end or its start year. */
export const providerFiscalYearSchema = z.strictObject({
  /** 1..12: Alibaba 3 (31 March), Microsoft 6 (30 June). */
  endMonth: z.number().int().min(1).max(12),
  /** @defaultValue "end" (Alibaba's FY2020 ends in March 2020) */
  namedBy: z.enum(["end", "start"]).optional(),
});

/** Extra outputs, reported after the calendar rows. */
export const outputsSchema = z.strictObject({
  /**
   * Rows `FY2021` (revenue and share) for every provider with a `fiscalYear`, for each of its fiscal years
   * that lies wholly inside the calendar; the share is of the market's revenue over the same four quarters.
   */
  fiscalYears: z.boolean().optional(),
  /**
   * Rows `revenueConstantCurrency` and `shareConstantCurrency` beside every `revenue` and `share` row:
   * every provider's revenue converted at one constant rate per currency instead of its `exchangeRates`.
   * `true` takes each rate as a constant (a constant rate), its base-quarter entry (a series; else its
   * first simulated quarter's) or its median (a distribution); `rates` states them.
   */
  constantCurrency: z.union([z.literal(true), z.strictObject({ rates: z.record(z.string(), z.number().finite().gt(0)) })]).optional(),
  /**
   * Rows `revenueReported` and `shareReported` beside every `revenue` and `share` row: the values as the
   * named source (declared in `observations`) would report them (engine/observedRows.ts).
   */
  reportedBy: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected an id of lower-case letters, digits and '-'" }).optional(),
});

export type ProviderFiscalYear = z.output<typeof providerFiscalYearSchema>;
export type OutputsSpec = z.output<typeof outputsSchema>;
