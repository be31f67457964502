// The chunk kernel and the sample store, bit for bit: every stored value (revenue and share of every cell and
// path, the store's bytes) of the canonical model, of a scenario with every kernel feature (segments with an
// exogenous market, regimes, structured shocks, ramps, exchange rates; tests/engine/kernelFingerprint.ts) and
// of every catalogue scenario hashes to the SHA-256 below. The hashes were first computed with the kernel of
// main at fbd0ce5, before the kernel's fast paths (fused series evaluation, direct writes, specialised
// reconciliation) were written, and the rewritten kernel matched them all. They were then recomputed once,
// deliberately, when the shocks' normal draws changed to the ziggurat (random/ziggurat.ts, RNG_NAME): the
// scenarios without quarterly shocks (gov-cloud, sme-competition, sme-penetration, aws-alicloud-china)
// kept their hashes. A change of any value's bits fails here.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalScenario } from "../../bench/canonical.ts";
import { featureScenario, fingerprint } from "./kernelFingerprint.ts";

const CATALOGUE: Record<string, string> = {
  "alibaba-cloud-revenue-usd": "dbe3c04a888e313400b05830b26a3e5eb74c0b3fc0f0208754a82432efe775dc",
  "alibaba-cloud-revenue": "40e9c8b4a335ca94d0e8c7b1eadb62d6cfa6dc9014b524734582d640713a2cdc",
  "aws-alicloud-china": "3ad381f1f46c5f774b356725897986486cc4e235977e41d5af7dc0a3a1d454c2",
  "aws-revenue": "77a31c8ff1742f71c18a55a5321869b83500a676dcffba33a1f8c1d517c3042e",
  "deutsche-bank-2020": "a4b47b106a9b88fe4faf415e70d08f9ac1ef01cddf1225d1543f8e376ac24995",
  "global-hyperscalers": "e023a7a39ddfa8fdb1fc3e065cc66168ce3bac8920e78bbd1e25684bf765de4f",
  "gov-cloud-cities": "ace2aefb98d83fd0334894f8e477c0b1094932a55e36a2f68140c3622563a4b7",
  "gov-cloud-replication": "f3552c0c67a698d16683cf75c9862e554ecf6993f140cb4afd4ee02769eb6947",
  "sme-competition": "d2256d78ef1490daff9dc24a88bb9161709ccc60a69e99425d8da3f55e6f2dca",
  "sme-drivers": "97ed4932a646dd54b99fa56b1342f7dbf661f43f95b25fd015283dfa96289760",
  "sme-penetration": "54c9c14f4e70cef7c5e0c4a3d6936a49a91958413223003ca56f36f6ee1bd587",
};

describe("the kernel's stored values, bit for bit against main's kernel", () => {
  it("canonical model, 5000 paths (4 full chunks and a partial one)", () => {
    expect(fingerprint(canonicalScenario(), 5000)).toBe("a1ce72404ba0be7ff154ea99406d7e5f62508b9d02e81e8c5b9e09af2c5cc1ca");
  });

  it("segments with an exogenous market, regimes, factor, t and jump shocks, a ramp and exchange rates, 3000 paths", () => {
    expect(fingerprint(featureScenario, 3000)).toBe("567fe1a8d6ff00ca6488a7e70d0999be45c630c30fe4ba7116ed024b72987247");
  });

  const dir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
  const names = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
  it("covers the whole catalogue", () => expect(names).toEqual(Object.keys(CATALOGUE).sort()));
  for (const name of names) {
    it(`${name}, 2500 paths`, async () => {
      const mod = (await import(pathToFileURL(`${dir}${name}.ts`).href)) as { default: unknown };
      expect(fingerprint(mod.default, 2500)).toBe(CATALOGUE[name]);
    });
  }
});
