import { describe, expect, it } from 'vitest';
import { flagOf, sampleRows } from './csv-oracle.js';
import { sampleGateway } from './gateway.js';

const passengers = sampleRows('passengers.csv');
const flights = sampleRows('flights.csv');
const disrupted = sampleRows('disrupted_passengers.csv');
const weather = sampleRows('weather.csv');
const swaps = sampleRows('aircraft_swap_options.csv');
const impacts = sampleRows('inbound_flight_impact.csv');
const sorted = (xs: Array<string | undefined>) => [...xs].map(String).sort();

describe('GraphQL API over HTTP on the sample', () => {
  const { api } = sampleGateway();

  /** Every node of a connection, page by page; fails on a repeat. */
  async function walk(field: string, args: string, pageSize: number, selection = 'attributes'): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1_000; page++) {
      const r = await api.gql(
        `query($after: String) { ${field}(${args}${args ? ', ' : ''}first: ${pageSize}, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(r.errors).toBeUndefined();
      const connection = r.data![field];
      if (connection.pageInfo.hasNextPage) expect(connection.nodes, 'a page before the last is full').toHaveLength(pageSize);
      nodes.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) {
        expect(connection.pageInfo.endCursor).toBeNull();
        return nodes;
      }
      after = connection.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('reads a passenger by id, typed by the declared kinds, with every column in attributes', async () => {
    const row = passengers.find((p) => p.is_influencer === 'Y')!;
    const r = await api.gql(
      `query($id: ID!) { passenger(passengerId: $id) {
      passengerId firstName lastName passengerCategory isInfluencer customerValueScore flightId seatNumber attributes } }`,
      { id: row.passenger_id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.passenger).toMatchObject({
      passengerId: row.passenger_id,
      firstName: row.first_name,
      lastName: row.last_name,
      passengerCategory: row.passenger_category,
      isInfluencer: true,
      customerValueScore: Number(row.customer_value_score),
      flightId: row.flight_id,
    });
    expect(r.data!.passenger.attributes).toMatchObject({ nationality: row.nationality, passenger_id: row.passenger_id });
    expect(r.data!.passenger.attributes).not.toHaveProperty('pk');
  });

  it('answers null for an unknown id', async () => {
    const r = await api.gql('{ passenger(passengerId: "NOPE") { passengerId } flight(flightId: "NOPE") { flightId } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ passenger: null, flight: null });
  });

  it('lists VIP passengers (all pages, no gaps or repeats)', async () => {
    const nodes = await walk('passengers', 'filter: { category: VIP }', 37, 'passengerId passengerCategory');
    expect(sorted(nodes.map((n) => n.passengerId))).toEqual(
      sorted(passengers.filter((p) => p.passenger_category === 'VIP').map((p) => p.passenger_id)),
    );
    expect(new Set(nodes.map((n) => n.passengerId)).size).toBe(nodes.length);
  });

  it('lists every passenger of a flight with the influencer filter (a residual filter never makes short pages)', async () => {
    const flightId = disrupted[0]!.flight_id!;
    const nodes = await walk('passengers', `filter: { flightId: "${flightId}", isInfluencer: false }`, 30, 'passengerId');
    const expected = passengers.filter((p) => p.flight_id === flightId && p.is_influencer === 'N').map((p) => p.passenger_id);
    expect(sorted(nodes.map((n) => n.passengerId))).toEqual(sorted(expected));
  });

  it('walks all passengers across the listing shards', async () => {
    const nodes = await walk('passengers', '', 100, 'passengerId');
    expect(nodes).toHaveLength(passengers.length);
    expect(new Set(nodes.map((n) => n.passengerId)).size).toBe(passengers.length);
  });

  it('gives the weather of AUH in forecast-time order, within a range', async () => {
    const all = await api.gql('{ weather(airportCode: "AUH", first: 100) { nodes { forecastTimeZulu condition temperatureC visibilityKm } } }');
    const expected = weather.filter((w) => w.airport_code === 'AUH').sort((a, b) => a.forecast_time_zulu!.localeCompare(b.forecast_time_zulu!));
    expect(all.data!.weather.nodes.map((n: any) => n.forecastTimeZulu)).toEqual(expected.map((w) => w.forecast_time_zulu));
    expect(all.data!.weather.nodes[0]).toMatchObject({ condition: expected[0]!.condition, temperatureC: Number(expected[0]!.temperature_c) });
    const from = expected[5]!.forecast_time_zulu!;
    const to = expected[8]!.forecast_time_zulu!;
    const ranged = await api.gql(
      'query($from: DateTime, $to: DateTime) { weather(airportCode: "auh", from: $from, to: $to) { nodes { forecastTimeZulu } } }',
      { from, to },
    );
    expect(ranged.data!.weather.nodes.map((n: any) => n.forecastTimeZulu)).toEqual(expected.slice(5, 9).map((w) => w.forecast_time_zulu));
  });

  it('lists flights with an ACTIVE MEL', async () => {
    const nodes = await walk('flights', 'filter: { melStatus: ACTIVE }', 10, 'flightId melStatus melCategory');
    expect(sorted(nodes.map((n) => n.flightId))).toEqual(sorted(flights.filter((f) => f.mel_status === 'ACTIVE').map((f) => f.flight_id)));
  });

  it('filters flights by origin, destination and MEL together', async () => {
    const f = flights.find((x) => x.mel_status === 'ACTIVE')!;
    const nodes = await walk(
      'flights',
      `filter: { originAirport: "${f.origin_airport}", destinationAirport: "${f.destination_airport}", melStatus: ACTIVE }`,
      2,
      'flightId',
    );
    const expected = flights.filter(
      (x) => x.origin_airport === f.origin_airport && x.destination_airport === f.destination_airport && x.mel_status === 'ACTIVE',
    );
    expect(sorted(nodes.map((n) => n.flightId))).toEqual(sorted(expected.map((x) => x.flight_id)));
  });

  it('walks every flight without gaps or repeats', async () => {
    const nodes = await walk('flights', '', 7, 'flightId');
    expect(sorted(nodes.map((n) => n.flightId))).toEqual(sorted(flights.map((f) => f.flight_id)));
  });

  it('lists disrupted passengers with a connection, and those needing a hotel', async () => {
    const connecting = await walk('disruptedPassengers', 'filter: { hasConnection: true }', 25, 'passengerId hasConnection ssrCodes');
    expect(sorted(connecting.map((n) => n.passengerId))).toEqual(
      sorted(disrupted.filter((d) => d.has_connection === 'Y').map((d) => d.passenger_id)),
    );
    expect(connecting.every((n) => n.hasConnection === true && (n.ssrCodes === null || Array.isArray(n.ssrCodes)))).toBe(true);
    expect(connecting.some((n) => Array.isArray(n.ssrCodes))).toBe(true);
    const hotel = await walk('disruptedPassengers', 'filter: { requiresHotel: true }', 25, 'passengerId');
    expect(sorted(hotel.map((n) => n.passengerId))).toEqual(sorted(disrupted.filter((d) => flagOf(d.requires_hotel)).map((d) => d.passenger_id)));
    const both = await walk('disruptedPassengers', `filter: { flightId: "${disrupted[0]!.flight_id}", requiresHotel: true }`, 10, 'passengerId');
    expect(sorted(both.map((n) => n.passengerId))).toEqual(sorted(hotel.map((n) => n.passengerId)));
  });

  it('returns the swap options with their feasibility, and the inbound impact scenarios', async () => {
    const r = await api.gql(
      '{ aircraftSwapOptions { aircraftRegistration swapFeasibility seatCapacity aircraft { registration aircraftType } } inboundFlightImpacts { scenario delayMinutes flight { flightId } } }',
    );
    expect(r.errors).toBeUndefined();
    expect(sorted(r.data!.aircraftSwapOptions.map((s: any) => `${s.aircraftRegistration} ${s.swapFeasibility} ${s.seatCapacity}`))).toEqual(
      sorted(swaps.map((s) => `${s.aircraft_registration} ${s.swap_feasibility} ${s.seat_capacity}`)),
    );
    expect(r.data!.aircraftSwapOptions.every((s: any) => s.aircraft?.registration === s.aircraftRegistration)).toBe(true);
    expect(sorted(r.data!.inboundFlightImpacts.map((i: any) => `${i.scenario} ${i.delayMinutes} ${i.flight.flightId}`))).toEqual(
      sorted(impacts.map((i) => `${i.scenario} ${i.delay_minutes} ${i.flight_id}`)),
    );
  });

  it('counts all 16 entities in tableStats, under their contract names', async () => {
    const r = await api.gql('{ tableStats { entity count } }');
    expect(r.data!.tableStats).toHaveLength(16);
    expect(r.data!.tableStats).toContainEqual({ entity: 'Passengers', count: 11_406 });
    expect(r.data!.tableStats).toContainEqual({ entity: 'Weather', count: 456 });
    expect(r.data!.tableStats).toContainEqual({ entity: 'CrewRoster', count: sampleRows('crew_roster.csv').length });
  });

  it('reads every other entity by its key', async () => {
    const first = (file: string) => sampleRows(file)[0]!;
    const booking = first('bookings.csv');
    const bag = first('baggage.csv');
    const crew = first('crew_members.csv');
    const crewLine = first('crew_roster.csv');
    const shipment = first('cargo_shipments.csv');
    const assignment = first('cargo_flight_assignments.csv');
    const wo = first('maintenance_work_orders.csv');
    const staff = first('maintenance_staff.csv');
    const shift = first('maintenance_roster.csv');
    const window = first('aircraft_availability.csv');
    const forecast = first('weather.csv');
    const r = await api.gql(`{
      booking(bookingId: "${booking.booking_id}") { bookingId passengerId fareClass }
      baggage(baggageTag: "${bag.baggage_tag}") { baggageTag weightKg pieces }
      crewMember(crewId: "${crew.crew_id}") { crewId rank qualifiedAircraftTypes }
      crewRosterEntry(rosterId: "${crewLine.roster_id}") { rosterId crewId dutyStart }
      cargoShipment(shipmentId: "${shipment.shipment_id}") { shipmentId specialHandling weightKg }
      cargoFlightAssignment(assignmentId: "${assignment.assignment_id}") { assignmentId pieces }
      maintenanceWorkOrder(workorderId: "${wo.workorder_id}") { workorderId ataChapter dueAt }
      maintenanceStaff(staffId: "${staff.staff_id}") { staffId licence }
      maintenanceRosterEntry(rosterId: "${shift.roster_id}") { rosterId staffId workorderId }
      aircraftAvailability(registration: "${window.aircraft_registration}", availabilityStart: "${window.availability_start}") { availabilityStatus location }
      weatherForecast(airportCode: "${forecast.airport_code}", forecastTimeZulu: "${forecast.forecast_time_zulu}") { condition windSpeedKts }
    }`);
    expect(r.errors).toBeUndefined();
    const d = r.data!;
    expect(d.booking).toEqual({ bookingId: booking.booking_id, passengerId: booking.passenger_id, fareClass: booking.fare_class });
    expect(d.baggage).toEqual({ baggageTag: bag.baggage_tag, weightKg: Number(bag.weight_kg), pieces: Number(bag.pieces) });
    expect(d.crewMember).toEqual({ crewId: crew.crew_id, rank: crew.rank, qualifiedAircraftTypes: crew.qualified_aircraft_types!.split(/[;, ]+/) });
    expect(d.crewRosterEntry).toEqual({ rosterId: crewLine.roster_id, crewId: crewLine.crew_id, dutyStart: crewLine.duty_start });
    expect(d.cargoShipment.shipmentId).toBe(shipment.shipment_id);
    expect(d.cargoShipment.specialHandling).toEqual(shipment.special_handling ? shipment.special_handling.split(/[;, ]+/) : null);
    expect(d.cargoFlightAssignment).toEqual({ assignmentId: assignment.assignment_id, pieces: Number(assignment.pieces) });
    expect(d.maintenanceWorkOrder).toEqual({ workorderId: wo.workorder_id, ataChapter: wo.ata_chapter, dueAt: wo.due_at });
    expect(d.maintenanceStaff).toEqual({ staffId: staff.staff_id, licence: staff.licence });
    expect(d.maintenanceRosterEntry).toEqual({ rosterId: shift.roster_id, staffId: shift.staff_id, workorderId: shift.workorder_id });
    expect(d.aircraftAvailability).toEqual({ availabilityStatus: window.availability_status, location: window.location });
    expect(d.weatherForecast).toEqual({ condition: forecast.condition, windSpeedKts: Number(forecast.wind_speed_kts) });
  });

  it('keeps a crew roster line and a maintenance shift with the same roster_id apart', async () => {
    const shift = sampleRows('maintenance_roster.csv')[0]!;
    const crewLine = sampleRows('crew_roster.csv').find((c) => c.roster_id === shift.roster_id)!;
    expect(crewLine, 'the sample reuses roster ids').toBeDefined();
    const r = await api.gql(
      `{ crewRosterEntry(rosterId: "${shift.roster_id}") { crewId } maintenanceRosterEntry(rosterId: "${shift.roster_id}") { staffId } }`,
    );
    expect(r.data).toEqual({ crewRosterEntry: { crewId: crewLine.crew_id }, maintenanceRosterEntry: { staffId: shift.staff_id } });
  });

  it('follows links: passenger -> flight -> aircraft -> availability, bookings, baggage, disruption', async () => {
    const d = disrupted[0]!;
    const flight = flights.find((f) => f.flight_id === d.flight_id)!;
    const r = await api.gql(`{ passenger(passengerId: "${d.passenger_id}") {
      flight { flightId aircraft { registration availability { availabilityStart availabilityStatus } } }
      bookings { bookingId flight { flightId } }
      baggage { baggageTag booking { bookingId } }
      disruption { rebookingStatus passenger { passengerId } flight { flightId } } } }`);
    expect(r.errors).toBeUndefined();
    const p = r.data!.passenger;
    expect(p.flight.flightId).toBe(d.flight_id);
    expect(p.flight.aircraft.registration).toBe(flight.aircraft_registration);
    const windows = sampleRows('aircraft_availability.csv').filter((a) => a.aircraft_registration === flight.aircraft_registration);
    expect(p.flight.aircraft.availability.map((a: any) => a.availabilityStart)).toEqual(windows.map((w) => w.availability_start).sort());
    expect(sorted(p.bookings.map((b: any) => b.bookingId))).toEqual(
      sorted(
        sampleRows('bookings.csv')
          .filter((b) => b.passenger_id === d.passenger_id)
          .map((b) => b.booking_id),
      ),
    );
    expect(sorted(p.baggage.map((b: any) => b.baggageTag))).toEqual(
      sorted(
        sampleRows('baggage.csv')
          .filter((b) => b.passenger_id === d.passenger_id)
          .map((b) => b.baggage_tag),
      ),
    );
    expect(p.disruption).toEqual({
      rebookingStatus: d.rebooking_status,
      passenger: { passengerId: d.passenger_id },
      flight: { flightId: d.flight_id },
    });
  });

  it('follows a flight to its crew, cargo, rotation and the weather nearest departure and arrival', async () => {
    const flight = flights.find((f) => f.flight_id === disrupted[0]!.flight_id)!;
    const r = await api.gql(`{ flight(flightId: "${flight.flight_id}") {
      upline { flightId downline { flightId } } downline { flightId upline { flightId } }
      crew { rosterId crewMember { crewId } } cargo { assignmentId shipment { shipmentId } }
      originWeather { airportCode forecastTimeZulu } destinationWeather { airportCode forecastTimeZulu }
      passengers(first: 5) { nodes { flightId } pageInfo { hasNextPage } } } }`);
    expect(r.errors).toBeUndefined();
    const f = r.data!.flight;
    expect(f.upline?.flightId ?? null).toBe(flight.upline_flight_id || null);
    expect(f.downline?.flightId ?? null).toBe(flight.downline_flight_id || null);
    if (f.downline) expect(f.downline.upline.flightId).toBe(flight.flight_id);
    const roster = sampleRows('crew_roster.csv').filter((c) => c.flight_id === flight.flight_id);
    expect(sorted(f.crew.map((c: any) => `${c.rosterId} ${c.crewMember.crewId}`))).toEqual(sorted(roster.map((c) => `${c.roster_id} ${c.crew_id}`)));
    const cargo = sampleRows('cargo_flight_assignments.csv').filter((c) => c.flight_id === flight.flight_id);
    expect(sorted(f.cargo.map((c: any) => `${c.assignmentId} ${c.shipment.shipmentId}`))).toEqual(
      sorted(cargo.map((c) => `${c.assignment_id} ${c.shipment_id}`)),
    );
    // nearest forecast, computed here from the CSV
    const nearestTo = (airport: string, time: string) =>
      weather
        .filter((w) => w.airport_code === airport)
        .sort(
          (a, b) =>
            Math.abs(Date.parse(a.forecast_time_zulu!) - Date.parse(time)) - Math.abs(Date.parse(b.forecast_time_zulu!) - Date.parse(time)) ||
            a.forecast_time_zulu!.localeCompare(b.forecast_time_zulu!),
        )[0]!;
    expect(f.originWeather).toEqual({
      airportCode: flight.origin_airport,
      forecastTimeZulu: nearestTo(flight.origin_airport!, flight.departure_time!).forecast_time_zulu,
    });
    expect(f.destinationWeather).toEqual({
      airportCode: flight.destination_airport,
      forecastTimeZulu: nearestTo(flight.destination_airport!, flight.arrival_time!).forecast_time_zulu,
    });
    expect(f.passengers.nodes).toHaveLength(5);
    expect(f.passengers.pageInfo.hasNextPage).toBe(true);
  });

  it("walks a flight's passengers through the nested connection", async () => {
    const flightId = disrupted[0]!.flight_id!;
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const r: any = await api.gql(
        'query($id: ID!, $after: String) { flight(flightId: $id) { passengers(first: 50, after: $after) { nodes { passengerId } pageInfo { hasNextPage endCursor } } } }',
        { id: flightId, after },
      );
      ids.push(...r.data.flight.passengers.nodes.map((n: any) => n.passengerId));
      after = r.data.flight.passengers.pageInfo.endCursor;
    } while (after);
    expect(sorted(ids)).toEqual(sorted(passengers.filter((p) => p.flight_id === flightId).map((p) => p.passenger_id)));
  });

  describe('bad input', () => {
    const codeOf = (r: { errors?: Array<{ extensions?: Record<string, any> }> }) => r.errors?.[0]?.extensions?.code;

    it('refuses first outside 1..100 with BAD_USER_INPUT', async () => {
      for (const first of [0, -1, 101, 1000]) {
        const r = await api.gql(`{ flights(first: ${first}) { nodes { flightId } } }`);
        expect(codeOf(r), `first: ${first}`).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/first.*1 to 100/);
      }
    });

    it('refuses forged, tampered and foreign cursors with BAD_USER_INPUT', async () => {
      const page = await api.gql('{ flights(first: 3) { pageInfo { endCursor } } }');
      const cursor: string = page.data!.flights.pageInfo.endCursor;
      const [payload, signature] = cursor.split('.');
      const forged = Buffer.from(JSON.stringify({ l: 'x', p: { condition: 0, lastKey: { pk: 'PAX#1', sk: 'PAX' } } })).toString('base64url');
      const tampered = `${payload!.slice(0, -2)}${payload!.slice(-2) === 'AA' ? 'BB' : 'AA'}.${signature}`;
      for (const after of [forged, `${forged}.${signature}`, tampered, 'not-a-cursor', 'x'.repeat(5000)]) {
        const r = await api.gql('query($after: String) { flights(first: 3, after: $after) { nodes { flightId } } }', { after });
        expect(codeOf(r), after.slice(0, 20)).toBe('BAD_USER_INPUT');
      }
      // issued by this server, but for another list (another filter)
      const replay = await api.gql(
        'query($after: String) { flights(filter: { melStatus: ACTIVE }, first: 3, after: $after) { nodes { flightId } } }',
        { after: cursor },
      );
      expect(codeOf(replay)).toBe('BAD_USER_INPUT');
      expect(replay.errors![0]!.message).toMatch(/another list/);
    });

    it('refuses malformed ids, airport codes, dates and enum values without a 500', async () => {
      const cases = [
        `{ passenger(passengerId: "${'x'.repeat(5000)}") { passengerId } }`,
        '{ passenger(passengerId: "") { passengerId } }',
        '{ weather(airportCode: "A U H") { nodes { condition } } }',
        '{ weather(airportCode: "AUH", from: "yesterday") { nodes { condition } } }',
        '{ weather(airportCode: "AUH", from: "2026-03-15T10:00:00Z", to: "2026-03-15T09:00:00Z") { nodes { condition } } }',
        '{ passengers(filter: { category: PLATINUM }) { nodes { passengerId } } }',
      ];
      for (const query of cases) {
        const r = await api.gql(query);
        expect(r.status, query.slice(0, 60)).toBeLessThan(500);
        expect(codeOf(r), query.slice(0, 60)).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.(ts|js):\d+/);
      }
    });
  });
});
