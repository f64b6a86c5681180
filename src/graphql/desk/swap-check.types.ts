import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AircraftNode } from '../../../db/reader.js';
import type { AvailabilityNode, FlightNode, ForecastNode, SwapNode, WorkOrderNode } from '../../desk/nodes.js';
import { SwapVerdict } from '../../desk/swap-check.js';
import type * as desk from '../../desk/swap-check.js';
import { AircraftAvailabilityType, AircraftSwapOptionType, FlightType, MaintenanceWorkOrderType, WeatherForecastType } from '../entity-types.js';
import { AircraftType } from '../aircraft-type.js';
import { DateTime } from '../scalars.js';

registerEnumType(SwapVerdict, { name: 'SwapVerdict', description: 'The desk verdict on a swap candidate.' });

@ObjectType({ description: 'A swap candidate checked against the data.' })
export class SwapOptionCheck implements desk.SwapOptionCheck {
  @Field(() => AircraftSwapOptionType, { description: "The AircraftSwapOptions row (with the data's own swapFeasibility)." }) option!: SwapNode;
  @Field(() => AircraftType, { nullable: true }) aircraft!: AircraftNode | null;
  @Field(() => AircraftAvailabilityType, { nullable: true, description: 'Its availability window at the scheduled departure.' })
  windowAtDeparture!: AvailabilityNode | null;
  @Field(() => String, { nullable: true }) availabilityStatus!: string | undefined;
  @Field(() => String, { nullable: true }) location!: string | undefined;
  @Field(() => String, { nullable: true }) melCategory!: string | undefined;
  @Field(() => String, { nullable: true }) melDispatchImpact!: string | undefined;
  @Field(() => [MaintenanceWorkOrderType]) openWorkOrdersDueBeforeDeparture!: WorkOrderNode[];
  @Field(() => [FlightType], { description: 'Its own flights it could no longer fly.' }) flightsAbandoned!: FlightNode[];
  @Field(() => DateTime, { nullable: true }) projectedDepartureTime!: string | undefined;
  @Field(() => Int) projectedDelayMinutes!: number;
  @Field(() => DateTime, { nullable: true }) projectedArrivalTime!: string | undefined;
  @Field(() => WeatherForecastType, { nullable: true, description: 'Destination forecast nearest the projected arrival.' })
  destinationWeather!: ForecastNode | null;
  @Field(() => Int, { description: 'Crew members qualified on its type (all bases).' }) qualifiedCrew!: number;
  @Field(() => Int, { description: 'Of them, based at the flight origin.' }) qualifiedCrewAtOrigin!: number;
  @Field(() => Int, { nullable: true, description: 'Disrupted passengers beyond its seat capacity; null when the export gives no seat_capacity.' })
  seatShortfall!: number | null;
  @Field(() => SwapVerdict) verdict!: SwapVerdict;
  @Field(() => [String]) reasons!: string[];
}
