// Competition groups at compile time: members of each group (scenario `competition`) collected into one
// instance per group, in one segment. Generic over the scenario compiler's component type, so this file does
// not import engine/compile.ts (which imports it); engine/competition.ts simulates the groups per chunk.
import type { InputIssue } from "../core/issues.ts";
import { type AnyGroupKind, competitionTable, isCompetitionKind, type CompetitionKind } from "../models/competition/competitionTable.ts";
import type { ParamDef } from "../models/modelKind.ts";
import type { Param } from "../random/spec.ts";
import type { BaseModel, MemberModel, Model, Scenario } from "../scenario/schema.ts";
import type { ModelPlace } from "./shockPlan.ts";

/** One member of a compiled group: its provider, parameter slots and weight model. */
export interface CompiledMember<C> {
  provider: number;
  id: string;
  /** Slot of each member parameter, in the order of the kind's `memberParams`. */
  columns: number[];
  /** The weight model (`attraction` or `capability`) with its shock. */
  weight: C;
  model: MemberModel;
}

/** Per-chunk buffers of a group ([quarter][path] each), reused while the path count stays the same. */
export interface GroupBuffers {
  paths: number;
  models: Float64Array[];
  weights: Float64Array[];
  outs: Float64Array[];
  normals: Float64Array;
}

/** A competition group as the kernel simulates it. */
export interface CompiledGroup<C> {
  id: string;
  kind: CompetitionKind;
  impl: AnyGroupKind;
  /** Internal segment index of its members. */
  segment: number;
  /** Slot of each group parameter, in the order of the kind's `groupParams`. */
  columns: number[];
  /** The group's sub-models (e.g. `newDemand`), with their shocks. */
  models: C[];
  members: Array<CompiledMember<C>>;
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
export interface MemberTools<C> {
  /** Adds a parameter slot and returns its index; `defaulted` when the scenario left it out (the default stands in). */
  slot(key: string, param: Param, defaulted?: boolean): number;
  /** Compiles a base model (levels and shock) at `key`, for the field `field` of the model. */
  base(model: BaseModel, key: string, field: string): C;
}

function paramSlots<T, C>(defs: ReadonlyArray<ParamDef<T>>, fields: T, key: string, tools: MemberTools<C>): number[] {
  const values = fields as unknown as Record<string, Param | undefined>;
  return defs.map((def) => tools.slot(`${key}.${def.name}`, (values[def.name] ?? def.optional) as Param, values[def.name] === undefined));
}

/** Collects the members of each competition group while a scenario compiles; issues name the field. */
export class GroupCompiler<C> {
  readonly groups: Array<CompiledGroup<C>> = [];
  readonly issues: InputIssue[] = [];
  private readonly scenario: Scenario;
  private readonly byId = new Map<string, CompiledGroup<C>>();

  constructor(scenario: Scenario) {
    this.scenario = scenario;
  }

  /**
   * Adds one member model at `place` to its group; returns the group and the member's index (the levels of the
   * member's component), or null after recording an issue.
   */
  member(model: MemberModel, key: string, place: ModelPlace, tools: MemberTools<C>): { group: CompiledGroup<C>; member: number } | null {
    const groups = this.scenario.competition ?? {};
    const path = place.path;
    if (!Object.hasOwn(groups, model.group)) {
      const known = Object.keys(groups);
      this.issues.push({ code: "unknown_reference", path: [...path, "group"], message: `unknown competition group ${JSON.stringify(model.group)}; ${known.length > 0 ? `the scenario's groups are ${known.join(", ")}` : "the scenario declares no competition groups"}` });
      return null;
    }
    const spec = groups[model.group];
    if (spec.kind !== model.kind) {
      this.issues.push({ code: "invalid_value", path: [...path, "kind"], message: `expected a model of kind ${JSON.stringify(spec.kind)} (the kind of competition group ${JSON.stringify(model.group)}), got ${JSON.stringify(model.kind)}` });
      return null;
    }
    if (path[0] !== "providers" || typeof path[1] !== "number") {
      this.issues.push({ code: "invalid_value", path: [...path, "kind"], message: `expected a provider's model for a member of competition group ${JSON.stringify(model.group)}, got the market total` });
      return null;
    }
    const provider = path[1];
    const currency = this.scenario.providers[provider].currency;
    if (currency !== undefined && currency !== this.scenario.currency) {
      this.issues.push({ code: "conflict", path: ["providers", provider, "currency"], message: `expected no currency of its own for a member of competition group ${JSON.stringify(model.group)} (members share the group's demand), got ${JSON.stringify(currency)}` });
    }
    const segment = this.scenario.segments ? this.scenario.segments.indexOf(place.segment) : 0;
    const group = this.instance(model.group, spec as unknown as Record<string, unknown>, segment, path, tools);
    if (!group) return null;
    const impl = group.impl;
    const fields = model as unknown as Record<string, unknown>;
    const columns = paramSlots(impl.memberParams, fields, key, tools);
    const weight = tools.base(fields[impl.memberModel] as BaseModel, `${key}.${impl.memberModel}`, impl.memberModel);
    group.members.push({ provider, id: this.scenario.providers[provider].id, columns, weight, model });
    return { group, member: group.members.length - 1 };
  }

  private instance(id: string, spec: Record<string, unknown>, segment: number, path: ReadonlyArray<string | number>, tools: MemberTools<C>): CompiledGroup<C> | null {
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
    const group: CompiledGroup<C> = { id, kind, impl, segment, columns, models, members: [], data: null, buffers: null };
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
