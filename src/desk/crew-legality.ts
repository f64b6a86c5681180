import type { DisruptionData } from './disruption-data.js';
import { addMinutes, minutesBetween, ownDelayOf, type CrewNode, type FlightNode, type RosterNode } from './nodes.js';
import { propagateDelay, type DelayedFlight } from './propagation.js';
import { MIN_TURNAROUND_MINUTES } from './rules.js';

/** A crew member's duty with the delay applied. */
export interface CrewDutyCheck {
  readonly crewId: string;
  readonly crewMember: CrewNode | null;
  /** Their roster lines on the flight and its downline, by duty start. */
  readonly roster: RosterNode[];
  readonly dutyStart: string | undefined;
  readonly scheduledDutyEnd: string | undefined;
  readonly projectedDutyEnd: string | undefined;
  readonly scheduledFdpMinutes: number;
  readonly projectedFdpMinutes: number;
  /** maxFdp - projected FDP; negative when illegal. */
  readonly marginMinutes: number;
  readonly illegal: boolean;
}

/** Crew legality of the flight and its downline under a delay. */
export interface CrewLegality {
  readonly delayMinutes: number;
  readonly maxFdpMinutes: number;
  readonly illegalCount: number;
  /** The flight and its downline with the delay that reaches each. */
  readonly flights: DelayedFlight[];
  /** Smallest margin first. */
  readonly crew: CrewDutyCheck[];
}

/** The duties of the crew of the flight's rotation with `delayMinutes` on the flight, propagated down the rotation. */
export async function crewLegality(data: DisruptionData, delayMinutes: number, maxFdpMinutes: number): Promise<CrewLegality> {
  const { lines, members, downline } = await data.crewOfRotation();
  const delayed = propagateDelay(data.flight, downline, delayMinutes, MIN_TURNAROUND_MINUTES);
  const crew = crewDuties(delayMap(data.flight, delayMinutes, delayed), lines, members, maxFdpMinutes);
  return {
    delayMinutes,
    maxFdpMinutes,
    illegalCount: crew.filter((c) => c.illegal).length,
    // Against the schedule, as the downline's: the flight's own estimated delay (delayFlight) plus the one asked about.
    flights: [{ flight: data.flight, delayMinutes: delayMinutes + ownDelayOf(data.flight) }, ...delayed],
    crew,
  };
}

/**
 * Flight duty period of every crew member rostered on the flight or its
 * downline, with the delay applied to each flight (propagated down the rotation):
 * from the earliest duty start to the latest projected duty end. duty_end includes
 * post-flight duties, so this FDP errs on the safe side.
 */
export function crewDuties(
  delays: ReadonlyMap<string, number>,
  lines: readonly RosterNode[],
  members: ReadonlyMap<string, CrewNode>,
  maxFdpMinutes: number,
): CrewDutyCheck[] {
  const byCrew = new Map<string, RosterNode[]>();
  for (const line of lines) {
    if (!line.crewId) continue;
    byCrew.set(line.crewId, [...(byCrew.get(line.crewId) ?? []), line]);
  }
  const duties: CrewDutyCheck[] = [];
  for (const [crewId, crewLines] of byCrew) {
    const roster = [...crewLines].sort((a, b) => (a.dutyStart ?? '').localeCompare(b.dutyStart ?? ''));
    const dutyStart = roster[0]!.dutyStart;
    let scheduledDutyEnd: string | undefined;
    let projectedDutyEnd: string | undefined;
    for (const line of roster) {
      const projected = addMinutes(line.dutyEnd, delays.get(line.flightId ?? '') ?? 0);
      if (line.dutyEnd && (!scheduledDutyEnd || line.dutyEnd > scheduledDutyEnd)) scheduledDutyEnd = line.dutyEnd;
      if (projected && (!projectedDutyEnd || projected > projectedDutyEnd)) projectedDutyEnd = projected;
    }
    const scheduledFdpMinutes = minutesBetween(dutyStart, scheduledDutyEnd);
    const projectedFdpMinutes = minutesBetween(dutyStart, projectedDutyEnd);
    duties.push({
      crewId,
      crewMember: members.get(crewId) ?? null,
      roster,
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
  // Against the schedule: the flight's own estimated delay (delayFlight) plus the delay asked about.
  return new Map([
    [flight.flightId, delayMinutes + ownDelayOf(flight)],
    ...downline.map((d): [string, number] => [d.flight.flightId, d.delayMinutes]),
  ]);
}
