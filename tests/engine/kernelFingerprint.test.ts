// The chunk kernel and the sample store, bit for bit: every stored value (revenue and share of every cell and
// path, the store's bytes) of the canonical model, of a scenario with every kernel feature (segments with an
// exogenous market, regimes, structured shocks, ramps, exchange rates; tests/engine/kernelFingerprint.ts) and
// of every catalogue scenario hashes to the SHA-256 below. The expected hashes were computed with the kernel
// of main at fbd0ce5, before the kernel's fast paths (fused series evaluation, direct writes, specialised
// reconciliation) were written, so a change of any value's bits by those rewrites fails here.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalScenario } from "../../bench/canonical.ts";
import { featureScenario, fingerprint } from "./kernelFingerprint.ts";

const CATALOGUE: Record<string, string> = {
  "alibaba-cloud-revenue-usd": "031345499229eaef19b3328224f9e5a6b9938b6a4f32b4ef9d7bd3c797b93008",
  "alibaba-cloud-revenue": "50adc24e8f5e08e209d99cdf96ddcaad079582718d0dbf68847bbbb4f028ba12",
  "aws-alicloud-china": "3ad381f1f46c5f774b356725897986486cc4e235977e41d5af7dc0a3a1d454c2",
  "aws-revenue": "9c2a4ccb7bfbbc2487705d57c16ffea57f7aed0d74ffc8ea36ab7fca8021686f",
  "deutsche-bank-2020": "34e904716425c2aafc592fa4f0fb88c0d799870ed7d97fec842169898cf179df",
  "global-hyperscalers": "6934d09cb9cf01a6cb14c2386d9880d5c7461973ace8c74738b802d02fb23d85",
  "gov-cloud-cities": "ace2aefb98d83fd0334894f8e477c0b1094932a55e36a2f68140c3622563a4b7",
  "gov-cloud-replication": "f3552c0c67a698d16683cf75c9862e554ecf6993f140cb4afd4ee02769eb6947",
  "sme-competition": "d2256d78ef1490daff9dc24a88bb9161709ccc60a69e99425d8da3f55e6f2dca",
  "sme-drivers": "eb2c33c58636d0604970fb06bb1611dfaa00bdefd982f786d7c31345e81f3509",
  "sme-penetration": "54c9c14f4e70cef7c5e0c4a3d6936a49a91958413223003ca56f36f6ee1bd587",
};

describe("the kernel's stored values, bit for bit against main's kernel", () => {
  it("canonical model, 5000 paths (4 full chunks and a partial one)", () => {
    expect(fingerprint(canonicalScenario(), 5000)).toBe("059037901c1382a276ad0dbedf0587d4db8d62fac2ec5578755213d5df5d9035");
  });

  it("segments with an exogenous market, regimes, factor, t and jump shocks, a ramp and exchange rates, 3000 paths", () => {
    expect(fingerprint(featureScenario, 3000)).toBe("70cbac27259cc422aee053df54accf2dec869829f759e4d029b656e576f58182");
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
