import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { CrewMembers, CrewRoster } from '../../entities/index.js';
import type { Reader } from '../../db/reader.js';
import { toNode } from '../../db/nodes.js';
import type { CrewNode } from './nodes.js';
import { qualifiedOn } from './swap-check.js';
import { addMinutes } from './nodes.js';
import { MAX_DUTY_HOURS } from './rules.js';

/**
 * Crew at a base, qualified on a type, with no roster line overlapping [from, to):
 * who can be called out. By rank, then crew id.
 */
export async function standbyCrew(reader: Reader, base: string, aircraftType: string, from: string, to: string): Promise<CrewNode[]> {
  const atBase = (await reader.loaders.queries.load(ACCESS_PATTERNS.crewAtBase(base))).map((i) => toNode(CrewMembers, i));
  const qualified = atBase.filter((c) => qualifiedOn(c, aircraftType));
  // Each one's duties that can overlap the window, begun at most MAX_DUTY_HOURS before it: from their
  // day items (one BatchGetItem level for all of them), so the read follows the window, not the history.
  // (A duty is listed on every day it covers, so the day items of the window hold it; the Query
  // fallback ranges over duty start, so it starts MAX_DUTY_HOURS earlier.)
  const dutiesFrom = addMinutes(from, -MAX_DUTY_HOURS * 60)!;
  const rosters = await Promise.all(
    qualified.map(async (c) => {
      const { rows } = await reader.childrenOfDays(c, 'roster', CrewRoster, { from, to }, () =>
        ACCESS_PATTERNS.rosterOfCrewMember(c.crewId, dutiesFrom, to),
      );
      return rows;
    }),
  );
  return qualified
    .filter((_, i) => !rosters[i]!.some((line) => (line.dutyStart ?? '') < to && (line.dutyEnd ?? '') > from))
    .sort((a, b) => (a.rank ?? '').localeCompare(b.rank ?? '') || (a.crewId ?? '').localeCompare(b.crewId ?? ''));
}
