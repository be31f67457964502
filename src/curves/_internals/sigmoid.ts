/** Overflow-safe pieces of the logistic family. */
import { exp, log1p } from "../../core/elementary.ts";

/** 1 / (1 + exp(z)), exact in both tails. */
export function logisticOfMinus(z: number): number {
  if (z >= 0) {
    const e = exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + exp(z));
}

/** log(1 + exp(z)) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}
