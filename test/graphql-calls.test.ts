import { describe, expect, it } from 'vitest';
import { sampleRows } from './csv-oracle.js';
import { callsOf, sampleGateway } from './gateway.js';

/**
 * DynamoDB calls per GraphQL request, counted by the server (X-DynamoDB-Stats):
 * they must not grow with the number of items in a list. Each level of the
 * query is one BatchGetItem (plus one more per extra 100 keys, DynamoDB's limit).
 */
const disruptedFlightId = sampleRows('disrupted_passengers.csv')[0]!.flight_id!;

const PASSENGERS_OF_FLIGHT = `query($id: ID!, $n: Int) { passengers(filter: { flightId: $id }, first: $n) { nodes {
  passengerId
  flight { flightId flightNumber }
  aircraft { registration aircraftType }
  bookings { bookingId bookingStatus }
  baggage { baggageTag status } } } }`;

const DEEP_FLIGHT = `query($id: ID!, $n: Int) { flight(flightId: $id) {
  flightId
  aircraft { registration availability { availabilityStatus } swapOption { swapFeasibility } }
  crew { position crewMember { crewId rank } }
  cargo { pieces shipment { shipmentId specialHandling } }
  originWeather { condition } destinationWeather { condition }
  upline { flightId } downline { flightId }
  passengers(first: $n) { nodes { passengerId bookings { bookingId } baggage { baggageTag } } } } }`;

describe('DynamoDB calls per query', () => {
  const { api } = sampleGateway();

  it('50 passengers of a flight with flight, aircraft, bookings and baggage: 1 Query + one BatchGetItem per level', async () => {
    const small = await callsOf(api, PASSENGERS_OF_FLIGHT, { id: disruptedFlightId, n: 5 });
    const large = await callsOf(api, PASSENGERS_OF_FLIGHT, { id: disruptedFlightId, n: 50 });
    expect(large.data.passengers.nodes).toHaveLength(50);
    expect(large.data.passengers.nodes.every((p: any) => p.flight.flightId === disruptedFlightId && p.aircraft)).toBe(true);
    // The page is one Query; flight, aircraft, bookings and bags of all passengers are one BatchGetItem.
    expect(small.calls).toEqual({ Query: 1, BatchGetItem: 1 });
    // 50 passengers: 1 flight + 1 aircraft + 50 bookings + their bags is over 100 keys: a second chunk.
    const keys = 2 + large.data.passengers.nodes.reduce((n: number, p: any) => n + p.bookings.length + p.baggage.length, 0);
    expect(large.calls).toEqual({ Query: 1, BatchGetItem: Math.ceil(keys / 100) });
  });

  it('a flight with crew, cargo, both weathers, rotation and its passengers: one BatchGetItem per level', async () => {
    const small = await callsOf(api, DEEP_FLIGHT, { id: disruptedFlightId, n: 5 });
    const large = await callsOf(api, DEEP_FLIGHT, { id: disruptedFlightId, n: 40 });
    expect(large.data.flight.passengers.nodes).toHaveLength(40);
    expect(large.data.flight.crew.length).toBeGreaterThan(0);
    // level 0: the flight; 1: aircraft, crew lines, assignments, forecasts, up/downline, passenger page;
    // 2: availability, swap option, crew members, shipments, bookings, bags. No Query at all.
    expect(small.calls).toEqual({ BatchGetItem: 3 });
    expect(large.calls.Query).toBeUndefined();
    expect(large.calls.BatchGetItem).toBeLessThanOrEqual(4);
  });

  it('a list of flights with their aircraft and weathers costs the same for 5 and for 50 flights', async () => {
    const query =
      'query($n: Int) { flights(first: $n) { nodes { flightId aircraft { registration flights { flightId } } originWeather { condition } destinationWeather { condition } } } }';
    const small = await callsOf(api, query, { n: 5 });
    const large = await callsOf(api, query, { n: 50 });
    expect(small.calls).toEqual({ Query: 1, BatchGetItem: 2 });
    expect(large.calls.Query).toBe(1);
    expect(large.calls.BatchGetItem).toBeLessThanOrEqual(2 + 3); // + chunks of 100 keys
  });

  it('reads an item asked for twice in one request once', async () => {
    const pax = sampleRows('passengers.csv')[0]!.passenger_id;
    const { calls } = await callsOf(api, `{ a: passenger(passengerId: "${pax}") { passengerId } b: passenger(passengerId: "${pax}") { firstName } }`);
    expect(calls).toEqual({ BatchGetItem: 1 });
  });
});
