import { addMinutes, minutesBetween, type CrewNode, type FlightNode, type RosterNode } from './nodes.js';
import type { DelayedFlight } from './propagation.js';

export interface CrewDuty {
  readonly crewId: string;
  readonly crewMember: CrewNode | null;
  readonly lines: RosterNode[];
  readonly dutyStart: string | undefined;
  readonly scheduledDutyEnd: string | undefined;
  readonly projectedDutyEnd: string | undefined;
  readonly scheduledFdpMinutes: number;
  readonly projectedFdpMinutes: number;
  /** maxFdp - projected FDP; negative when illegal. */
  readonly marginMinutes: number;
  readonly illegal: boolean;
}

/**
 * Flight duty period of every crew member rostered on the flight or its
 * downline, with the delay applied to each flight (propagated down the rotation):
 * from the earliest duty start to the latest projected duty end. duty_end includes
 * post-flight duties, so this FDP errs on the safe side.
 */
export function crewLegality(
  delays: ReadonlyMap<string, number>,
  lines: readonly RosterNode[],
  members: ReadonlyMap<string, CrewNode>,
  maxFdpMinutes: number,
): CrewDuty[] {
  const byCrew = new Map<string, RosterNode[]>();
  for (const line of lines) {
    if (!line.crewId) continue;
    byCrew.set(line.crewId, [...(byCrew.get(line.crewId) ?? []), line]);
  }
  const duties: CrewDuty[] = [];
  for (const [crewId, crewLines] of byCrew) {
    const sorted = [...crewLines].sort((a, b) => (a.dutyStart ?? '').localeCompare(b.dutyStart ?? ''));
    const dutyStart = sorted[0]!.dutyStart;
    let scheduledDutyEnd: string | undefined;
    let projectedDutyEnd: string | undefined;
    for (const line of sorted) {
      const projected = addMinutes(line.dutyEnd, delays.get(line.flightId ?? '') ?? 0);
      if (line.dutyEnd && (!scheduledDutyEnd || line.dutyEnd > scheduledDutyEnd)) scheduledDutyEnd = line.dutyEnd;
      if (projected && (!projectedDutyEnd || projected > projectedDutyEnd)) projectedDutyEnd = projected;
    }
    const scheduledFdpMinutes = minutesBetween(dutyStart, scheduledDutyEnd);
    const projectedFdpMinutes = minutesBetween(dutyStart, projectedDutyEnd);
    duties.push({
      crewId,
      crewMember: members.get(crewId) ?? null,
      lines: sorted,
      dutyStart,
      scheduledDutyEnd,
      projectedDutyEnd,
      scheduledFdpMinutes,
      projectedFdpMinutes,
      marginMinutes: maxFdpMinutes - projectedFdpMinutes,
      illegal: projectedFdpMinutes > maxFdpMinutes,
    });
  }
  return duties.sort((a, b) => a.marginMinutes - b.marginMinutes || a.crewId.localeCompare(b.crewId));
}

/** Delay per flight id: the disrupted flight's, then what reaches each downline flight. */
export function delayMap(flight: FlightNode, delayMinutes: number, downline: readonly DelayedFlight[]): Map<string, number> {
  return new Map([[flight.flightId!, delayMinutes], ...downline.map((d): [string, number] => [d.flight.flightId!, d.delayMinutes])]);
}
