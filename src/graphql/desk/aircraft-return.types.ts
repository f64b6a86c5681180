import { Field, ID, ObjectType } from 'type-graphql';
import type { AircraftNode } from '../../../db/reader.js';
import type * as desk from '../../desk/aircraft-return.js';
import type { AvailabilityNode, ShiftNode, StaffNode, WorkOrderNode } from '../../desk/nodes.js';
import { AircraftAvailabilityType, MaintenanceRosterEntryType, MaintenanceStaffType, MaintenanceWorkOrderType } from '../entity-types.js';
import { AircraftType } from '../aircraft-type.js';
import { DateTime } from '../scalars.js';

@ObjectType()
export class RosteredStaff implements desk.RosteredStaff {
  @Field(() => MaintenanceRosterEntryType) shift!: ShiftNode;
  @Field(() => MaintenanceStaffType, { nullable: true }) staff!: StaffNode | null;
}

@ObjectType()
export class OpenWorkOrder implements desk.OpenWorkOrder {
  @Field(() => MaintenanceWorkOrderType) workOrder!: WorkOrderNode;
  @Field(() => [RosteredStaff]) staff!: RosteredStaff[];
}

@ObjectType({ description: 'When a grounded aircraft is back.' })
export class AircraftReturn implements desk.AircraftReturn {
  @Field(() => ID) registration!: string;
  @Field(() => AircraftType) aircraft!: AircraftNode;
  @Field(() => AircraftAvailabilityType, { nullable: true, description: 'Its latest AOG or MAINT window.' })
  groundingWindow!: AvailabilityNode | null;
  @Field(() => DateTime, { nullable: true, description: 'The later of the window end and the last AOG work order due.' })
  estimatedReturnToService!: string | undefined;
  @Field(() => [OpenWorkOrder]) openWorkOrders!: OpenWorkOrder[];
}
