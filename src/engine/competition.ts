// Competition groups in the kernel: each group's members simulated jointly once per chunk, before the kernel
// reads their levels (groups are compiled by engine/competitionCompile.ts). Stream: `chunk:C/competition:ID`
// (random/stream.ts), drawn path by path; member and group sub-model shocks use their components' own shock
// streams (engine/shockKernel.ts).
import type { MemberRun } from "../models/competition/groupKind.ts";
import { createStream } from "../random/stream.ts";
import type { CompiledScenario, Component } from "./compile.ts";
import type { CompiledGroup, GroupBuffers } from "./competitionCompile.ts";
import { applyShock } from "./shockKernel.ts";

function buffersFor(group: CompiledGroup<Component>, size: number, paths: number): GroupBuffers {
  if (group.buffers && group.buffers.paths === paths) return group.buffers;
  const make = () => new Float64Array(size);
  group.buffers = { paths, models: group.models.map(make), weights: group.members.map(make), outs: group.members.map(make), normals: make() };
  return group.buffers;
}

function levelsOf(compiled: CompiledScenario, component: Component, chunk: number, paths: number, columns: readonly Float64Array[], factors: readonly Float64Array[], normals: Float64Array, out: Float64Array): void {
  const levels = component.levels;
  if (levels.kind !== "model") throw new Error(`competition: a sub-model must be a base model (${component.key})`);
  levels.impl.simulate(levels.columns.map((j) => columns[j]), compiled.quarters, paths, out, 0);
  if (component.shockSlot >= 0) applyShock(compiled, component, chunk, paths, columns[component.shockSlot], out, normals, factors);
}

/**
 * Simulates every competition group of the scenario for one chunk (call once per chunk, after the slot columns
 * and factors are drawn, before the members' levels are read): evaluates each group's sub-models and each
 * member's weight model with their shocks, multiplies the weights by the members' entry ramps, runs the
 * kind's joint simulation on stream `chunk:C/competition:ID`, and divides each member's output by its ramp
 * (where positive; 0 before entry) so that the kernel's ramp, applied to every series, restores it.
 */
export function simulateGroups(compiled: CompiledScenario, chunk: number, paths: number, columns: readonly Float64Array[], factors: readonly Float64Array[]): void {
  const quarters = compiled.quarters;
  const size = quarters * paths;
  for (const group of compiled.groups) {
    const buffers = buffersFor(group, size, paths);
    group.models.forEach((model, m) => levelsOf(compiled, model, chunk, paths, columns, factors, buffers.normals, buffers.models[m]));
    const members: MemberRun[] = group.members.map((member, m) => {
      const weight = buffers.weights[m];
      levelsOf(compiled, member.weight, chunk, paths, columns, factors, buffers.normals, weight);
      const ramp = compiled.ramps[member.provider];
      if (ramp) for (let t = 0; t < quarters; t++) for (let i = 0; i < paths; i++) weight[t * paths + i] *= ramp[t];
      return { id: member.id, columns: member.columns.map((j) => columns[j]), weight, out: buffers.outs[m] };
    });
    const stream = createStream(compiled.settings.seed, `chunk:${chunk}/competition:${group.id}`);
    group.impl.simulate({ quarters, paths, columns: group.columns.map((j) => columns[j]), models: buffers.models, members, stream }, group.data);
    group.members.forEach((member, m) => {
      const ramp = compiled.ramps[member.provider];
      if (!ramp) return;
      const out = buffers.outs[m];
      for (let t = 0; t < quarters; t++) for (let i = 0; i < paths; i++) out[t * paths + i] = ramp[t] > 0 ? out[t * paths + i] / ramp[t] : 0;
    });
  }
}

/** Copies one member's simulated levels (filled by `simulateGroups` for the current chunk) into `out`. */
export function memberLevels(group: CompiledGroup<Component>, member: number, size: number, out: Float64Array): void {
  if (!group.buffers) throw new Error(`competition: group ${group.id} read before it was simulated`);
  out.set(group.buffers.outs[member].subarray(0, size));
}
