import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { CrewMembers, CrewRoster } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import type { CrewNode } from './nodes.js';
import { qualifiedOn } from './swap-check.js';

/**
 * Crew at a base, qualified on a type, with no roster line overlapping [from, to):
 * who can be called out. By rank, then crew id.
 */
export async function standbyCrew(reader: Reader, base: string, aircraftType: string, from: string, to: string): Promise<CrewNode[]> {
  const atBase = (await reader.loaders.queries.load(ACCESS_PATTERNS.crewAtBase(base))).map((i) => toNode(CrewMembers, i));
  const qualified = atBase.filter((c) => qualifiedOn(c, aircraftType));
  const rosters = await Promise.all(qualified.map((c) => reader.children(c, 'roster', CrewRoster, ACCESS_PATTERNS.rosterOfCrewMember(c.crewId))));
  return qualified
    .filter((_, i) => !rosters[i]!.some((line) => (line.dutyStart ?? '') < to && (line.dutyEnd ?? '') > from))
    .sort((a, b) => (a.rank ?? '').localeCompare(b.rank ?? '') || (a.crewId ?? '').localeCompare(b.crewId ?? ''));
}
