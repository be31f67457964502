/**
 * Partial pooling for thin evidence: a provider whose own history is thin borrows its prior from the spread
 * of its peers. The pooled prior is the two-component mixture
 *
 *     w * Own + (1 - w) * Peers,   w = n / (n + n0),
 *
 * with n the provider's own evidence (growth figures, quarters) and n0 the evidence one peer distribution
 * is worth. It is returned by its first two moments (the mixture's mean and variance, exactly):
 *
 *     mean = w m_own + (1 - w) m_peer
 *     var  = w s_own^2 + (1 - w) s_peer^2 + w (1 - w) (m_own - m_peer)^2
 *
 * Peers: the mean and sample sd (n - 1) of their values; with a single peer, its value and the own sd (or a
 * `peerSd` given, e.g. the spread of a base-rate range standing for peers).
 */

/** A normal summary: mean and standard deviation. */
export interface MeanSd {
  mean: number;
  sd: number;
}

/** How much own evidence there is, and what one peer distribution is worth in the same units. */
export interface PoolingWeight {
  /** The provider's own evidence (0: none, the peers alone). */
  evidence: number;
  /** Evidence equal in weight to the peer distribution (n0 > 0). */
  evidencePerPeer: number;
  /** The peers' sd when it is known otherwise (a base-rate range); default: the sample sd, or the own sd for one peer. */
  peerSd?: number;
}

/** A pooled prior: its moments and the own weight w. */
export interface PooledPrior extends MeanSd {
  weight: number;
  peers: MeanSd;
}

/**
 * The pooled prior of a quantity from the provider's own estimate and its peers' values.
 *
 * @throws RangeError for no peers, negative evidence, a non-positive `evidencePerPeer` or a negative sd.
 * @example
 * pooledPrior({ mean: 1, sd: 0.1 }, [2, 4], { evidence: 1, evidencePerPeer: 1 })
 * // weight 0.5, peers { mean 3, sd 1.414 }, mean 2, sd sqrt(0.5 * 0.01 + 0.5 * 2 + 0.25 * 4) = 1.4160
 */
export function pooledPrior(own: MeanSd, peerValues: readonly number[], weight: PoolingWeight): PooledPrior {
  if (peerValues.length === 0) throw new RangeError("pooledPrior: expected at least one peer value, got none");
  if (!(weight.evidence >= 0)) throw new RangeError(`pooledPrior: evidence: expected a number >= 0, got ${weight.evidence}`);
  if (!(weight.evidencePerPeer > 0)) throw new RangeError(`pooledPrior: evidencePerPeer: expected a positive number, got ${weight.evidencePerPeer}`);
  if (!(own.sd >= 0)) throw new RangeError(`pooledPrior: own.sd: expected a number >= 0, got ${own.sd}`);
  const n = peerValues.length;
  const peerMean = peerValues.reduce((a, b) => a + b, 0) / n;
  const peerSd = weight.peerSd !== undefined ? weight.peerSd : n === 1 ? own.sd : Math.sqrt(peerValues.reduce((a, v) => a + (v - peerMean) ** 2, 0) / (n - 1));
  const w = weight.evidence / (weight.evidence + weight.evidencePerPeer);
  const mean = w * own.mean + (1 - w) * peerMean;
  const variance = w * own.sd ** 2 + (1 - w) * peerSd ** 2 + w * (1 - w) * (own.mean - peerMean) ** 2;
  return { mean, sd: Math.sqrt(variance), weight: w, peers: { mean: peerMean, sd: peerSd } };
}

/**
 * The range an unobserved provider's base share can take: from 0 to the whole remainder the published
 * shares leave, 1 - sum(published) (never below 0), instead of a cap chosen by hand. With several
 * unobserved providers each spans the same remainder; the catch-all `others` takes what they leave.
 *
 * @throws RangeError for a share outside [0, 1].
 * @example unassignedShareRange([0.45, 0.186, 0.086, 0.082]) // { min: 0, max: 0.196 } (to rounding)
 */
export function unassignedShareRange(published: readonly number[]): { min: number; max: number } {
  for (const s of published) if (!(s >= 0 && s <= 1)) throw new RangeError(`unassignedShareRange: expected shares in [0, 1], got ${s}`);
  const sum = published.reduce((a, b) => a + b, 0);
  return { min: 0, max: Math.max(0, 1 - sum) };
}
