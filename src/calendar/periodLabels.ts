import { z } from "zod";

/** A quarter label as scenarios write it: `2020Q1`. */
export const quarterLabelSchema = z.string().regex(/^\d{4}Q[1-4]$/, { error: "expected a quarter such as 2020Q1" });

/** A quarter (`2020Q1`) or calendar-year (`2020`) label as scenarios write it. */
export const periodLabelSchema = z.string().regex(/^\d{4}(Q[1-4])?$/, { error: "expected a quarter (2020Q1) or a year (2020)" });
