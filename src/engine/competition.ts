// Competition groups in the engine: compiling members into group instances (one per group, in one segment)
// and simulating each group's members jointly once per chunk, before the kernel reads their levels.
// Stream: `chunk:C/competition:ID` (random/stream.ts), drawn path by path; member and group sub-model shocks
// use their components' own shock streams (engine/shockKernel.ts).
import type { InputIssue } from "../core/issues.ts";
import { type AnyGroupKind, competitionTable, isCompetitionKind, type CompetitionKind } from "../models/competition/competitionTable.ts";
import type { MemberRun } from "../models/competition/groupKind.ts";
import type { ParamDef } from "../models/modelKind.ts";
import type { Param } from "../random/spec.ts";
import { createStream } from "../random/stream.ts";
import type { BaseModel, MemberModel, Model, Scenario } from "../scenario/schema.ts";
import type { CompiledScenario, Component } from "./compile.ts";
import type { ModelPlace } from "./shockPlan.ts";
import { applyShock } from "./shockKernel.ts";

/** One member of a compiled group: its provider, parameter slots and weight model. */
export interface CompiledMember {
  provider: number;
  id: string;
  /** Slot of each member parameter, in the order of the kind's `memberParams`. */
  columns: number[];
  /** The weight model (`attraction` or `capability`) with its shock. */
  weight: Component;
  model: MemberModel;
}

/** Per-chunk buffers of a group ([quarter][path] each), reused while the path count stays the same. */
interface GroupBuffers {
  paths: number;
  models: Float64Array[];
  weights: Float64Array[];
  outs: Float64Array[];
  normals: Float64Array;
}

/** A competition group as the kernel simulates it. */
export interface CompiledGroup {
  id: string;
  kind: CompetitionKind;
  impl: AnyGroupKind;
  /** Internal segment index of its members. */
  segment: number;
  /** Slot of each group parameter, in the order of the kind's `groupParams`. */
  columns: number[];
  /** The group's sub-models (e.g. `newDemand`), with their shocks. */
  models: Component[];
  members: CompiledMember[];
  /** What the kind planned at compile time. */
  data: unknown;
  /** Filled by `simulateGroups` for the chunk being simulated; read by the members' levels. */
  buffers: GroupBuffers | null;
}

/** True when a model is a member of a competition group. */
export function isMemberModel(model: Model): model is MemberModel {
  return isCompetitionKind(model.kind);
}

/** What compiling a member needs from the scenario compiler (engine/compile.ts) without importing it. */
export interface MemberTools {
  /** Adds a parameter slot and returns its index. */
  slot(key: string, param: Param): number;
  /** Compiles a base model (levels and shock) at `key`, for the field `field` of the model. */
  base(model: BaseModel, key: string, field: string): Component;
}

function paramSlots<T>(defs: ReadonlyArray<ParamDef<T>>, fields: T, key: string, tools: MemberTools): number[] {
  const values = fields as unknown as Record<string, Param | undefined>;
  return defs.map((def) => tools.slot(`${key}.${def.name}`, (values[def.name] ?? def.optional) as Param));
}

/** Collects the members of each competition group while a scenario compiles; issues name the field. */
export class GroupCompiler {
  readonly groups: CompiledGroup[] = [];
  readonly issues: InputIssue[] = [];
  private readonly scenario: Scenario;
  private readonly byId = new Map<string, CompiledGroup>();

  constructor(scenario: Scenario) {
    this.scenario = scenario;
  }

  /** Compiles one member model at `place` into a component whose levels its group simulates. */
  member(model: MemberModel, key: string, place: ModelPlace, tools: MemberTools): Component {
    const levels = { kind: "group" as const, group: null as unknown as CompiledGroup, member: -1 };
    const component: Component = { levels, shockSlot: -1, permanentShock: true, shock: null, key };
    const groups = this.scenario.competition ?? {};
    const path = place.path;
    if (!Object.hasOwn(groups, model.group)) {
      const known = Object.keys(groups);
      this.issues.push({ code: "unknown_reference", path: [...path, "group"], message: `unknown competition group ${JSON.stringify(model.group)}; ${known.length > 0 ? `the scenario's groups are ${known.join(", ")}` : "the scenario declares no competition groups"}` });
      return component;
    }
    const spec = groups[model.group];
    if (spec.kind !== model.kind) {
      this.issues.push({ code: "invalid_value", path: [...path, "kind"], message: `expected a model of kind ${JSON.stringify(spec.kind)} (the kind of competition group ${JSON.stringify(model.group)}), got ${JSON.stringify(model.kind)}` });
      return component;
    }
    if (path[0] !== "providers" || typeof path[1] !== "number") {
      this.issues.push({ code: "invalid_value", path: [...path, "kind"], message: `expected a provider's model for a member of competition group ${JSON.stringify(model.group)}, got the market total` });
      return component;
    }
    const provider = path[1];
    const currency = this.scenario.providers[provider].currency;
    if (currency !== undefined && currency !== this.scenario.currency) {
      this.issues.push({ code: "conflict", path: ["providers", provider, "currency"], message: `expected no currency of its own for a member of competition group ${JSON.stringify(model.group)} (members share the group's demand), got ${JSON.stringify(currency)}` });
    }
    const segment = this.scenario.segments ? this.scenario.segments.indexOf(place.segment) : 0;
    const group = this.instance(model.group, spec as unknown as Record<string, unknown>, segment, path, tools);
    if (!group) return component;
    const impl = group.impl;
    const fields = model as unknown as Record<string, unknown>;
    const columns = paramSlots(impl.memberParams, fields, key, tools);
    const weight = tools.base(fields[impl.memberModel] as BaseModel, `${key}.${impl.memberModel}`, impl.memberModel);
    levels.group = group;
    levels.member = group.members.length;
    group.members.push({ provider, id: this.scenario.providers[provider].id, columns, weight, model });
    return component;
  }

  private instance(id: string, spec: Record<string, unknown>, segment: number, path: ReadonlyArray<string | number>, tools: MemberTools): CompiledGroup | null {
    const found = this.byId.get(id);
    if (found) {
      if (found.segment === segment) return found;
      this.issues.push({ code: "conflict", path: [...path, "group"], message: `expected every member of competition group ${JSON.stringify(id)} in one segment (a group is one market), got members in ${this.scenario.segments![found.segment]} and ${this.scenario.segments![segment]}` });
      return null;
    }
    const kind = spec.kind as CompetitionKind;
    const impl = competitionTable[kind] as unknown as AnyGroupKind;
    const key = `competition.${id}`;
    const columns = paramSlots(impl.groupParams, spec, key, tools);
    const models = impl.groupModels.map((field) => tools.base(spec[field] as BaseModel, `${key}.${field}`, field));
    const group: CompiledGroup = { id, kind, impl, segment, columns, models, members: [], data: null, buffers: null };
    this.byId.set(id, group);
    this.groups.push(group);
    return group;
  }

  /** Plans every group once all its members are known; issues go to `issues` under `competition.ID`. */
  finish(): void {
    for (const group of this.groups) {
      const planned = group.impl.plan(this.scenario.competition![group.id] as unknown as Record<string, unknown>, group.members.map((m) => ({ id: m.id, model: m.model as unknown as Record<string, unknown> })));
      group.data = planned.data;
      for (const issue of planned.issues) this.issues.push({ ...issue, path: ["competition", group.id, ...issue.path] });
    }
  }
}

function buffersFor(group: CompiledGroup, size: number, paths: number): GroupBuffers {
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
export function memberLevels(group: CompiledGroup, member: number, size: number, out: Float64Array): void {
  if (!group.buffers) throw new Error(`competition: group ${group.id} read before it was simulated`);
  out.set(group.buffers.outs[member].subarray(0, size));
}
