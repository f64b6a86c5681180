import { ACCESS_PATTERNS } from '../../entities/access-patterns.js';
import { AircraftAvailability, MaintenanceRoster, MaintenanceStaff, MaintenanceWorkOrders } from '../../entities/index.js';
import type { AircraftNode, Reader } from '../../db/reader.js';
import { unique } from './disruption-data.js';
import { upperOf, type AvailabilityNode, type ShiftNode, type StaffNode, type WorkOrderNode } from './nodes.js';
import { OPEN_WORK_ORDER_STATUSES } from './rules.js';

/** A maintenance shift on a work order, with its staff member. */
export interface RosteredStaff {
  readonly shift: ShiftNode;
  readonly staff: StaffNode | null;
}

/** An open work order of the aircraft, with the staff rostered on it (by shift start). */
export interface OpenWorkOrder {
  readonly workOrder: WorkOrderNode;
  readonly staff: RosteredStaff[];
}

/** When a grounded aircraft is back. */
export interface AircraftReturn {
  readonly registration: string;
  readonly aircraft: AircraftNode;
  /** Its latest AOG or MAINT window. */
  readonly groundingWindow: AvailabilityNode | null;
  /** The later of the window end and the last AOG work order due. */
  readonly estimatedReturnToService: string | undefined;
  readonly openWorkOrders: OpenWorkOrder[];
}

/**
 * When the grounded aircraft is back: its latest AOG/MAINT window, its open work
 * orders (ATA chapter, due time) with the maintenance staff rostered on them;
 * the estimate is the later of the window's end and the last open work order due.
 */
export async function aircraftReturn(reader: Reader, registration: string): Promise<AircraftReturn | null> {
  const aircraft = await reader.aircraft(registration);
  if (!aircraft) return null;
  // Its latest grounded window (one item of a sparse index, read last first) and its open work
  // orders (its item's keys): never its whole history.
  const [latestGrounded, workOrders] = await Promise.all([
    reader.latest(AircraftAvailability, ACCESS_PATTERNS.groundedWindowsOfAircraft(aircraft.registration), 1),
    reader.children(aircraft, 'workOrders', MaintenanceWorkOrders, ACCESS_PATTERNS.openWorkOrdersOfAircraft(aircraft.registration)),
  ]);
  const groundingWindow = latestGrounded[0] ?? null;
  const open = workOrders.filter((w) => OPEN_WORK_ORDER_STATUSES.has(upperOf(w.status))).sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  const staff = await staffOf(reader, open);
  const candidates = [groundingWindow?.availabilityEnd, ...open.filter((w) => upperOf(w.priority) === 'AOG').map((w) => w.dueAt)].filter(
    Boolean,
  ) as string[];
  return {
    registration: aircraft.registration,
    aircraft,
    groundingWindow,
    estimatedReturnToService: candidates.sort().at(-1),
    openWorkOrders: open.map((workOrder) => ({ workOrder, staff: staff.get(workOrder.workorderId) ?? [] })),
  };
}

// Private: the shifts rostered on each work order (by shift start), with their staff, by work order id.
async function staffOf(reader: Reader, workOrders: readonly WorkOrderNode[]): Promise<Map<string, RosteredStaff[]>> {
  const perOrder = await Promise.all(
    workOrders.map((w) => reader.children(w, 'roster', MaintenanceRoster, ACCESS_PATTERNS.rosterOfWorkOrder(w.workorderId))),
  );
  const staff = await reader.many(MaintenanceStaff, unique(perOrder.flat().map((s) => s.staffId)));
  const staffById = new Map(staff.map((s) => [s.staffId, s]));
  return new Map(
    workOrders.map((w, i) => [
      w.workorderId,
      perOrder[i]!.sort((a, b) => (a.shiftStart ?? '').localeCompare(b.shiftStart ?? '')).map((shift) => ({
        shift,
        staff: staffById.get(shift.staffId ?? '') ?? null,
      })),
    ]),
  );
}
