import { Field, Float, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { personalData } from '../access.js';
import {
  AircraftAvailabilityType,
  AircraftSwapOptionType,
  BaggageType,
  CargoFlightAssignmentType,
  CargoShipmentType,
  CrewMemberType,
  CrewRosterEntryType,
  DisruptedPassengerType,
  FlightType,
  InboundFlightImpactType,
  MaintenanceRosterEntryType,
  MaintenanceStaffType,
  MaintenanceWorkOrderType,
  PassengerType,
  WeatherForecastType,
} from '../entity-types.js';
import { PageInfo } from '../connection.js';
import { DateTime } from '../scalars.js';
import { AircraftType } from '../resolvers/aircraft.resolver.js';

export enum SwapVerdict {
  GO = 'GO',
  GO_WITH_CONDITIONS = 'GO_WITH_CONDITIONS',
  NO_GO = 'NO_GO',
}
registerEnumType(SwapVerdict, { name: 'SwapVerdict', description: 'The desk verdict on a swap candidate.' });

export enum ConnectionMatch {
  FLIGHT_ID = 'FLIGHT_ID',
  FLIGHT_NUMBER = 'FLIGHT_NUMBER',
}
registerEnumType(ConnectionMatch, {
  name: 'ConnectionMatch',
  description:
    "How a connection's onward flight was found: the export's connecting_flight_id, or its connecting_flight_number among the hub's departures.",
});

export enum RiskLevel {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(RiskLevel, { name: 'RiskLevel' });

@ObjectType({ description: 'A count under a key (a cabin, a category, a status, a code ...).' })
export class KeyCount {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Disrupted passengers of the flight, counted.' })
export class DisruptedPassengerCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) connecting!: number;
  @Field(() => Int) needingHotel!: number;
  @Field(() => [KeyCount]) byCabin!: KeyCount[];
  @Field(() => [KeyCount]) byCategory!: KeyCount[];
}

@ObjectType({ description: 'Checked bags on the flight.' })
export class BagSummary {
  @Field(() => Int) count!: number;
  @Field(() => Float) weightKg!: number;
}

@ObjectType({ description: 'Cargo on the flight.' })
export class CargoSummary {
  @Field(() => Int) shipments!: number;
  @Field(() => Int) pieces!: number;
  @Field(() => Float) weightKg!: number;
  @Field(() => [KeyCount], { description: 'IATA special-handling codes on board, with how many shipments carry each.' })
  specialHandling!: KeyCount[];
}

@ObjectType({ description: 'A flight and the delay that reaches it.' })
export class DelayedFlight {
  @Field(() => FlightType) flight!: object;
  @Field(() => Int) delayMinutes!: number;
}

@ObjectType({ description: 'A swap candidate checked against the data.' })
export class SwapOptionCheck {
  @Field(() => AircraftSwapOptionType, { description: "The AircraftSwapOptions row (with the data's own swapFeasibility)." }) option!: object;
  @Field(() => AircraftType, { nullable: true }) aircraft!: object | null;
  @Field(() => AircraftAvailabilityType, { nullable: true, description: 'Its availability window at the scheduled departure.' })
  windowAtDeparture!: object | null;
  @Field(() => String, { nullable: true }) availabilityStatus!: string | undefined;
  @Field(() => String, { nullable: true }) location!: string | undefined;
  @Field(() => String, { nullable: true }) melCategory!: string | undefined;
  @Field(() => String, { nullable: true }) melDispatchImpact!: string | undefined;
  @Field(() => [MaintenanceWorkOrderType]) openWorkOrdersDueBeforeDeparture!: object[];
  @Field(() => [FlightType], { description: 'Its own flights it could no longer fly.' }) flightsAbandoned!: object[];
  @Field(() => DateTime, { nullable: true }) projectedDepartureTime!: string | undefined;
  @Field(() => Int) projectedDelayMinutes!: number;
  @Field(() => DateTime, { nullable: true }) projectedArrivalTime!: string | undefined;
  @Field(() => WeatherForecastType, { nullable: true, description: 'Destination forecast nearest the projected arrival.' })
  destinationWeather!: object | null;
  @Field(() => Int, { description: 'Crew members qualified on its type (all bases).' }) qualifiedCrew!: number;
  @Field(() => Int, { description: 'Of them, based at the flight origin.' }) qualifiedCrewAtOrigin!: number;
  @Field(() => Int, { nullable: true, description: 'Disrupted passengers beyond its seat capacity; null when the export gives no seat_capacity.' })
  seatShortfall!: number | null;
  @Field(() => SwapVerdict) verdict!: SwapVerdict;
  @Field(() => [String]) reasons!: string[];
}

@ObjectType({ description: 'A disrupted passenger in re-accommodation order.' })
export class ReaccommodationEntry {
  @Field(() => Int) rank!: number;
  @Field(() => PassengerType, { nullable: true }) passenger!: object | null;
  @Field(() => DisruptedPassengerType) disruption!: object;
  // The reasons name special-service (medical) needs: personal data.
  @Field(() => [String], {
    nullable: true,
    description: 'Why the passenger ranks where they do, in rule order (personal data: role agent or above).',
  })
  @UseMiddleware(personalData)
  reasons!: string[];
}

@ObjectType()
export class ReaccommodationConnection {
  @Field(() => [ReaccommodationEntry]) nodes!: ReaccommodationEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType({ description: 'A connecting passenger against the onward flight.' })
export class ConnectionRisk {
  @Field(() => PassengerType, { nullable: true }) passenger!: object | null;
  @Field(() => DisruptedPassengerType) disruption!: object;
  @Field(() => FlightType, { nullable: true, description: 'Null when it cannot be found (see unresolvedReason).' }) onwardFlight!: object | null;
  @Field(() => ConnectionMatch, { nullable: true }) matchedBy!: ConnectionMatch | null;
  @Field(() => String, { nullable: true, description: 'Why the onward flight is unknown; null when it was found.' }) unresolvedReason!: string | null;
  @Field(() => Int, { nullable: true, description: 'Onward departure - (arrival + delay) - MCT, minutes; null when unresolved.' }) slackMinutes!:
    number | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when the onward flight is unknown: never a guessed false.' }) misconnects!:
    boolean | null;
}

@ObjectType()
export class ConnectionsAtRisk {
  @Field(() => String, { nullable: true }) scenario!: string | null;
  @Field(() => Int) delayMinutes!: number;
  @Field(() => Int) mctMinutes!: number;
  @Field(() => DateTime, { nullable: true }) projectedArrival!: string | undefined;
  @Field(() => Int) connecting!: number;
  @Field(() => Int) misconnecting!: number;
  @Field(() => Int, { description: 'Connecting passengers whose onward flight cannot be found: counted in neither misconnecting nor the rest.' })
  unresolved!: number;
  @Field(() => [ConnectionRisk], { description: 'Tightest first; unresolved last.' }) connections!: ConnectionRisk[];
}

@ObjectType({ description: "A crew member's duty with the delay applied." })
export class CrewDutyCheck {
  @Field(() => ID) crewId!: string;
  @Field(() => CrewMemberType, { nullable: true }) crewMember!: object | null;
  @Field(() => [CrewRosterEntryType]) roster!: object[];
  @Field(() => DateTime, { nullable: true }) dutyStart!: string | undefined;
  @Field(() => DateTime, { nullable: true }) scheduledDutyEnd!: string | undefined;
  @Field(() => DateTime, { nullable: true }) projectedDutyEnd!: string | undefined;
  @Field(() => Int) scheduledFdpMinutes!: number;
  @Field(() => Int) projectedFdpMinutes!: number;
  @Field(() => Int, { description: 'maxFdpMinutes - projected FDP: negative when illegal.' }) marginMinutes!: number;
  @Field() illegal!: boolean;
}

@ObjectType()
export class CrewLegality {
  @Field(() => Int) delayMinutes!: number;
  @Field(() => Int) maxFdpMinutes!: number;
  @Field(() => Int) illegalCount!: number;
  @Field(() => [DelayedFlight], { description: 'The flight and its downline with the delay that reaches each.' }) flights!: DelayedFlight[];
  @Field(() => [CrewDutyCheck], { description: 'Smallest margin first.' }) crew!: CrewDutyCheck[];
}

@ObjectType({ description: 'One InboundFlightImpact scenario, evaluated.' })
export class ScenarioComparison {
  @Field() scenario!: string;
  @Field(() => InboundFlightImpactType) impact!: object;
  @Field(() => Int) delayMinutes!: number;
  @Field(() => Int) downlineFlightsDelayed!: number;
  @Field(() => [DelayedFlight]) downlineDelays!: DelayedFlight[];
  @Field(() => Int) misconnectingPassengers!: number;
  @Field(() => Int, {
    description: 'Connecting passengers whose onward flight cannot be found (in neither misconnectingPassengers nor hotelNights).',
  })
  unresolvedConnections!: number;
  @Field(() => Int) crewsOverLimit!: number;
  @Field(() => Int) hotelNights!: number;
  @Field(() => Int) priorityCargoLate!: number;
  @Field(() => Float) priorityCargoLateKg!: number;
}

@ObjectType()
export class HotelRooms {
  @Field() cabin!: string;
  @Field(() => Int) passengers!: number;
  @Field(() => Int, { description: 'Distinct bookings (PNRs): parties on one PNR usually share rooms.' }) bookings!: number;
}

@ObjectType()
export class CareLogistics {
  @Field(() => Int) hotelPassengers!: number;
  @Field(() => [HotelRooms]) hotelRooms!: HotelRooms[];
  @Field(() => [KeyCount], { description: 'Disrupted passengers by meal preference.' }) meals!: KeyCount[];
  @Field(() => [KeyCount], { description: 'Languages needed at the desk.' }) languages!: KeyCount[];
  @Field(() => Int, { nullable: true, description: 'Null when no disruption record says (meal_voucher_issued is not a contract column).' })
  mealVouchersIssued!: number | null;
  @Field(() => Int, { description: 'Disrupted passengers whose record does not say whether a meal voucher was issued.' })
  mealVoucherStatusUnknown!: number;
}

@ObjectType({ description: 'A VVIP, VIP or influencer among the disrupted passengers.' })
export class WatchlistEntry {
  @Field(() => PassengerType, { nullable: true }) passenger!: object | null;
  @Field(() => DisruptedPassengerType) disruption!: object;
  @Field(() => String, { nullable: true }) category!: string | undefined;
  @Field(() => Boolean, { nullable: true }) isInfluencer!: boolean | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) seatNumber!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) profession!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) preferredLanguage!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) mealPreference!: string | undefined;
  @Field(() => String, { nullable: true }) @UseMiddleware(personalData) beveragePreference!: string | undefined;
  @Field(() => String, { nullable: true }) rebookingStatus!: string | undefined;
}

@ObjectType()
export class CargoOnBoard {
  @Field(() => CargoFlightAssignmentType) assignment!: object;
  @Field(() => CargoShipmentType, { nullable: true }) shipment!: object | null;
  @Field({ description: 'Perishable, live or otherwise urgent (PER, AVI, HUM ... or URGENT priority).' }) priorityCargo!: boolean;
}

@ObjectType()
export class CargoReprotection {
  @Field(() => [CargoOnBoard], { description: 'Priority cargo first.' }) shipments!: CargoOnBoard[];
  @Field(() => Float) totalWeightKg!: number;
  @Field(() => [FlightType], { description: 'Later flights the same day on the same route.' }) laterFlights!: object[];
}

@ObjectType()
export class BagsToMove {
  @Field(() => Int) count!: number;
  @Field(() => Float) weightKg!: number;
  @Field(() => [KeyCount]) byStatus!: KeyCount[];
  @Field(() => [BaggageType]) bags!: object[];
}

@ObjectType()
export class StatusCabinCount {
  @Field() status!: string;
  @Field() cabin!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class RecoveryProgress {
  @Field(() => Int) total!: number;
  @Field(() => Int) resolved!: number;
  @Field(() => [KeyCount]) byStatus!: KeyCount[];
  @Field(() => [StatusCabinCount]) byStatusAndCabin!: StatusCabinCount[];
  @Field(() => [DisruptedPassengerType]) unresolvedVvip!: object[];
  @Field(() => [DisruptedPassengerType]) unresolvedConnecting!: object[];
}

@ObjectType()
export class RosteredStaff {
  @Field(() => MaintenanceRosterEntryType) shift!: object;
  @Field(() => MaintenanceStaffType, { nullable: true }) staff!: object | null;
}

@ObjectType()
export class OpenWorkOrder {
  @Field(() => MaintenanceWorkOrderType) workOrder!: object;
  @Field(() => [RosteredStaff]) staff!: RosteredStaff[];
}

@ObjectType({ description: 'When a grounded aircraft is back.' })
export class AircraftReturn {
  @Field(() => ID) registration!: string;
  @Field(() => AircraftType) aircraft!: object;
  @Field(() => AircraftAvailabilityType, { nullable: true, description: 'Its latest AOG or MAINT window.' }) groundingWindow!: object | null;
  @Field(() => DateTime, { nullable: true, description: 'The later of the window end and the last AOG work order due.' })
  estimatedReturnToService!: string | undefined;
  @Field(() => [OpenWorkOrder]) openWorkOrders!: OpenWorkOrder[];
}

@ObjectType({ description: 'A flight with an active MEL item against the weather at both ends.' })
export class DispatchRisk {
  @Field(() => FlightType) flight!: object;
  @Field(() => RiskLevel) risk!: RiskLevel;
  @Field(() => [String]) reasons!: string[];
  @Field(() => WeatherForecastType, { nullable: true }) originWeather!: object | null;
  @Field(() => WeatherForecastType, { nullable: true }) destinationWeather!: object | null;
  @Field(() => [String]) originRisks!: string[];
  @Field(() => [String]) destinationRisks!: string[];
  @Field(() => DateTime, { nullable: true, description: "Deferral time: opened_at of the aircraft's work order for the MEL item." })
  melDeferredAt!: string | undefined;
  @Field(() => DateTime, { nullable: true, description: 'Deferral + the category interval (B 3 days, C 10, D 120).' })
  melRectificationDeadline!: string | undefined;
}

@ObjectType()
export class WeatherWatchAirport {
  @Field() airportCode!: string;
  @Field() worstImpact!: string;
  @Field(() => [WeatherForecastType]) forecasts!: object[];
  @Field(() => [FlightType], { description: 'Flights departing from or arriving at the airport in the window.' }) flights!: object[];
}
