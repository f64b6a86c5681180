/**
 * The gateway's roles, lowest first. Each role may do what the ones before it
 * may: a `duty_manager` reads what an `agent` reads, and so on.
 *  - viewer: operations (flights, aircraft, weather, maintenance, cargo, counts,
 *    the desk's aggregate answers), no personal data;
 *  - agent: also passengers' and staff's personal data;
 *  - duty_manager: an agent who may also act on aircraft and flights (issue 12);
 *  - admin: also the administrative operations (seed, DynamoDB stats in production).
 */
export const ROLES = ['viewer', 'agent', 'duty_manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Readonly<Record<Role, number>> = Object.fromEntries(ROLES.map((r, i) => [r, i])) as Record<Role, number>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The highest of a caller's roles, or undefined when it has none of ours. */
export function highestRole(roles: readonly string[]): Role | undefined {
  return roles.filter(isRole).sort((a, b) => RANK[b] - RANK[a])[0];
}

/** Whether `role` may do what `needed` may. */
export function atLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

/** The role that reads personal data (names, PNR, traveler id, nationality, preferences, seat, SSR codes, notes). */
export const PERSONAL_DATA_ROLE: Role = 'agent';
