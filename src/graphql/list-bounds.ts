/**
 * How many items each list field without `first` can hold, as the cost
 * estimate counts them (limits.ts). A list of a parent's children holds what
 * the relation can hold in an airline's export: seats on a widebody, crew on a
 * flight, a rotation's flights; a desk list holds at most what its source
 * holds. The sample's largest (EY52: 346 passengers and bookings, 420 bags, 16
 * crew lines, 13 cargo lines) are well inside them.
 *
 * They are what the estimate assumes, not a truncation: an export beyond them
 * is still answered in full. What a request actually does is capped at run
 * time by its budget (db/budget.ts: items read, fields resolved, response
 * bytes, deadline).
 *
 * test/budget.test.ts checks that every list field of the schema without
 * `first` is here; an unlisted one counts UNDECLARED_LIST_BOUND.
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  // Root lists.
  'Query.aircraftSwapOptions': 100, // the resolver reads one page of 100
  'Query.inboundFlightImpacts': 100, // scenarios of the flights of a window of at most 31 days (db/days.ts; the sample: 3 of one flight a day)
  'Query.tableStats': 16, // the 16 entities
  'Query.dispatchRisks': 200, // active-MEL departures in a window of at most 48 h (the sample: 35 in a day)
  'Query.standbyCrew': 300, // crew at one base (the sample's hub: 103)
  'Query.weatherWatch': 20, // airports with an operational impact in at most 48 h

  // Links of the entities.
  'Flight.bookings': 600, // seats on the largest widebody in airline service, plus infants
  'Flight.crew': 40, // flight and cabin crew of a widebody, plus positioning crew
  'Flight.cargo': 200, // shipments in a widebody's holds
  'Passenger.bookings': 10, // a passenger row is one passenger on one flight
  'Passenger.baggage': 10,
  'Aircraft.availability': 50, // windows over an export (the sample: at most 5)
  'Aircraft.workOrders': 50,
  'Aircraft.flights': 100, // a month of a short-haul rotation
  'MaintenanceWorkOrder.roster': 30, // shifts on one work order
  'MaintenanceStaff.roster': 60, // a month of shifts
  'CrewMember.roster': 60, // a month of duties
  'CargoShipment.assignments': 10, // legs of one shipment
  'DisruptedPassenger.ssrCodes': 10,
  'CrewMember.qualifiedAircraftTypes': 10,
  'CargoShipment.specialHandling': 10,

  // The disruption desk: at most what the flight holds.
  'Disruption.downline': 24, // the rotation is followed at most 24 flights (disruption-data.ts)
  'Disruption.crewOnBoard': 40, // Flight.crew
  'Disruption.swapOptions': 20, // swap candidates of one disruption
  'Disruption.scenarios': 20, // InboundFlightImpact scenarios of one flight
  'Disruption.watchlist': 600, // Flight.bookings: at most every passenger
  'DisruptedPassengerCounts.byCabin': 10,
  'DisruptedPassengerCounts.byCategory': 10,
  'CargoSummary.specialHandling': 30, // IATA special-handling codes
  'SwapOptionCheck.openWorkOrdersDueBeforeDeparture': 50, // Aircraft.workOrders
  'SwapOptionCheck.flightsAbandoned': 24, // a rotation
  'SwapOptionCheck.reasons': 20,
  'ReaccommodationEntry.reasons': 10,
  'ConnectionsAtRisk.connections': 600, // Flight.bookings
  'CrewLegality.flights': 25, // the flight and its downline
  'CrewLegality.crew': 200, // crew of the rotation
  'CrewDutyCheck.roster': 25,
  'ScenarioComparison.downlineDelays': 24,
  'CareLogistics.hotelRooms': 10, // cabins
  'CareLogistics.meals': 30,
  'CareLogistics.languages': 50,
  'CargoReprotection.shipments': 200, // Flight.cargo
  'CargoReprotection.laterFlights': 30, // flights on the route later the same day
  'BagsToMove.byStatus': 20,
  'BagsToMove.bags': 1_200, // two bags per seat
  'RecoveryProgress.byStatus': 10,
  'RecoveryProgress.byStatusAndCabin': 50,
  'RecoveryProgress.unresolvedVvip': 600,
  'RecoveryProgress.unresolvedConnecting': 600,
  'AircraftReturn.openWorkOrders': 50, // Aircraft.workOrders
  'OpenWorkOrder.staff': 20,
  'DispatchRisk.reasons': 10,
  'DispatchRisk.originRisks': 5,
  'DispatchRisk.destinationRisks': 5,
  'WeatherWatchAirport.forecasts': 49, // hourly forecasts over at most 48 h
  'WeatherWatchAirport.flights': 200, // departures and arrivals of one airport in the window

  // Actions (README, "Acting on a disruption").
  'AuditEntry.changes': 100, // a rebooking: the disruption record, passenger, new booking and up to 10 bags, a few attributes each
  'RebookPassengerPayload.baggage': 10, // Passenger.baggage

  // Admin.
  'SeedReport.entities': 16,
  'SeedReport.changedRecords': 1_000, // records changed through the API since the last seed
  'SeedReport.problems': 1_000, // the report keeps the first 1,000
};

/** What a list field missing from LIST_BOUNDS counts as (a test keeps the table complete). */
export const UNDECLARED_LIST_BOUND = 100;

/** The declared bound of a list field of a type. */
export function listBound(typeName: string, fieldName: string): number {
  return LIST_BOUNDS[`${typeName}.${fieldName}`] ?? UNDECLARED_LIST_BOUND;
}
