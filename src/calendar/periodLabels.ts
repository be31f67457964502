import { z } from "zod";
import { PERIOD_PATTERN, QUARTER_PATTERN } from "./quarter.ts";

/** A quarter label as scenarios write it: `2020Q1`. */
export const quarterLabelSchema = z.string().regex(QUARTER_PATTERN, { error: "expected a quarter such as 2020Q1" });

/** A quarter (`2020Q1`) or calendar-year (`2020`) label as scenarios write it. */
export const periodLabelSchema = z.string().regex(PERIOD_PATTERN, { error: "expected a quarter (2020Q1) or a year (2020)" });
