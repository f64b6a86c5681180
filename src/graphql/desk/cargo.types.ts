import { Field, Float, Int, ObjectType } from 'type-graphql';
import type * as desk from '../../desk/cargo.js';
import type { AssignmentNode, FlightNode, ShipmentNode } from '../../desk/nodes.js';
import { CargoFlightAssignmentType, CargoShipmentType, FlightType } from '../entity-types.js';
import { KeyCount } from './key-count.types.js';

@ObjectType({ description: 'Cargo on the flight.' })
export class CargoSummary implements desk.CargoSummary {
  @Field(() => Int) shipments!: number;
  @Field(() => Int) pieces!: number;
  @Field(() => Float) weightKg!: number;
  @Field(() => [KeyCount], { description: 'IATA special-handling codes on board, with how many shipments carry each.' })
  specialHandling!: KeyCount[];
}

@ObjectType()
export class CargoOnBoard implements desk.CargoOnBoard {
  @Field(() => CargoFlightAssignmentType) assignment!: AssignmentNode;
  @Field(() => CargoShipmentType, { nullable: true }) shipment!: ShipmentNode | null;
  @Field(() => Boolean, { description: 'Perishable, live or otherwise urgent (PER, AVI, HUM ... or URGENT priority).' }) priorityCargo!: boolean;
}

@ObjectType()
export class CargoReprotection implements desk.CargoReprotection {
  @Field(() => [CargoOnBoard], { description: 'Priority cargo first.' }) shipments!: CargoOnBoard[];
  @Field(() => Float) totalWeightKg!: number;
  @Field(() => [FlightType], { description: 'Later flights the same day on the same route.' }) laterFlights!: FlightNode[];
}
