// Who an overdue step is escalated to. Pure.
//
// A campaign configures one `escalationChain` (e.g. county bureau head → city bureau division
// → city admin). Escalating is telling someone with authority over the party that owes the
// step, so the chain is walked along that party's side: a step the county owes climbs from
// the county bureau head to the city; a step the city owes (reviewing a declaration, deciding
// a check, verifying a rectification) stays inside the city bureau, because a county head can
// do nothing about it. See docs/decisions/0017-lifecycle-as-people-see-it.md.

/** Functions held in a county bureau; every other escalation target is in the city bureau. */
export const COUNTY_SIDE_TARGETS: readonly string[] = ['COUNTY_OPERATOR', 'COUNTY_BUREAU_HEAD'];

/** The last resort when a campaign's chain names no one on the city side. */
export const CITY_FALLBACK_TARGET = 'CITY_ADMIN';

export type StepOwner = 'CITY' | 'COUNTY' | 'SYSTEM';

/**
 * `CONFIGURED_CHAIN`: the chain as configured, whoever owes the step (certifications whose
 * recorded history escalated that way before this rule). `OWNER_SIDE`: the rule above.
 */
export type EscalationRule = 'CONFIGURED_CHAIN' | 'OWNER_SIDE';

function isCountySide(target: string): boolean {
  return COUNTY_SIDE_TARGETS.includes(target);
}

/**
 * The escalation targets for a step owed by `owner`, in order: for the county, its own rungs
 * first and then the city's; for the city (and the system), the city's rungs only, or the
 * city admin if the campaign configured none.
 */
export function escalationChainFor(
  configured: readonly string[],
  owner: StepOwner,
  rule: EscalationRule = 'OWNER_SIDE',
): string[] {
  if (rule === 'CONFIGURED_CHAIN') return [...configured];
  const city = configured.filter((target) => !isCountySide(target));
  if (owner === 'COUNTY') {
    const county = configured.filter(isCountySide);
    return county.length + city.length > 0 ? [...county, ...city] : [CITY_FALLBACK_TARGET];
  }
  return city.length > 0 ? city : [CITY_FALLBACK_TARGET];
}

/** Whether the two rules give the same chain, so the choice between them changes nothing. */
export function rulesAgree(configured: readonly string[], owner: StepOwner): boolean {
  const bySide = escalationChainFor(configured, owner, 'OWNER_SIDE');
  return (
    bySide.length === configured.length && bySide.every((target, i) => target === configured[i])
  );
}
