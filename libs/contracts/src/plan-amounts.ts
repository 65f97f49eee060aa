/**
 * The unit a plan-level amount is spoken in. The records keep money in 万元, as the enterprises' statistical forms
 * state it, and tables of enterprises show it so; the plan (启东 “三优化” 行动方案) states the park's totals and
 * targets in 亿元 (“高新技术投资总额超 50 亿元”, “规上工业应税销售超 300 亿元”), so the plan dashboard, the wall and
 * the park report say them in 亿元 too. One place converts both ways, so the screen, the target form and the
 * report cannot disagree. Pure module.
 */

/** 1 亿元 = 10 000 万元. */
export const WAN_PER_YI = 10_000;

/** A value with the unit it is shown in. */
export interface PlanAmount {
  readonly value: number;
  readonly unit: string;
}

/** A plan-level figure in the unit the plan speaks: an amount in 万元 in 亿元; any other unit as it is. */
export function toPlanUnit(value: number, unit: string): PlanAmount {
  return unit === '万元' ? { value: value / WAN_PER_YI, unit: '亿元' } : { value, unit };
}

/** The unit toPlanUnit shows a figure of `unit` in (万元 → 亿元), for a form's label. */
export function planUnitOf(unit: string): string {
  return toPlanUnit(0, unit).unit;
}

/**
 * Back from the unit shown to the unit stored, for a form that takes a plan-level figure: 亿元 → 万元, rounded to
 * 1/100 万元 (a yuan's hundredth of a 万元 — no float residue like 123449.99999); other units unchanged.
 */
export function fromPlanUnit(value: number, unit: string): number {
  return unit === '万元' ? Math.round(value * WAN_PER_YI * 100) / 100 : value;
}
