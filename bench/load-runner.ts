import autocannon from 'autocannon';

export interface LoadQuery {
  readonly name: string;
  readonly query: string;
  readonly variables: () => Record<string, unknown>;
}

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Non-2xx responses, connection errors and 2xx responses carrying GraphQL errors. */
  readonly errors: number;
  /** Resident set size (MB) at the end of each equal slice of the run. */
  readonly rssMbBySlice: number[];
  readonly heapMbBySlice: number[];
  /** The lowest heap of each slice: what survives the collections, so what a leak would raise (the peaks follow the GC's timing). */
  readonly heapFloorMbBySlice: number[];
}

/** What one closed-loop load measured; `cpuMs` is the measured server's CPU over the run, where it is known. */
export interface LoadFigures {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly cpuMs?: number;
  /** DynamoDB requests the server sent over the load, where it says (the gateway). */
  readonly dynamodbCalls?: number;
}

/** One request of a plain HTTP load: a path (and, for a POST, a JSON body) drawn anew for each request. */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST';
  readonly path: () => string;
  readonly body?: () => string;
  /** Counts a 2xx response as an error (a GraphQL response with `errors`). */
  readonly isError?: (body: string) => boolean;
}

/** A closed-loop load of one kind of request (autocannon, N connections, fixed duration): the Flask baseline and the gateway alike. */
export async function runHttpLoad(origin: string, spec: HttpRequestSpec, seconds: number, connections: number): Promise<LoadFigures> {
  let bodyErrors = 0;
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    method: spec.method,
    headers: spec.body ? { 'content-type': 'application/json' } : {},
    requests: [
      {
        setupRequest: (req) => ({ ...req, path: spec.path(), ...(spec.body ? { body: spec.body() } : {}) }),
        ...(spec.isError
          ? {
              onResponse: (_status: number, body: string) => {
                if (spec.isError!(body)) bodyErrors += 1;
              },
            }
          : {}),
      },
    ],
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + bodyErrors,
  };
}

/**
 * A closed-loop load of mixed GraphQL queries (autocannon, N connections, fixed
 * duration, bounded), sampling this process's memory as it goes: the gateway runs
 * in-process, so its memory is what is sampled.
 */
export async function runLoad(url: string, queries: readonly LoadQuery[], seconds: number, connections: number, slices = 4): Promise<LoadResult> {
  let graphqlErrors = 0;
  const rss: number[] = [];
  const heap: number[] = [];
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rss.push(m.rss / 2 ** 20);
    heap.push(m.heapUsed / 2 ** 20);
  }, 250);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: queries.map((q) => ({
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: q.query, variables: q.variables() }) }),
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors"')) graphqlErrors += 1;
      },
    })),
  });
  clearInterval(sampler);
  const slice = (xs: number[], pick: (...values: number[]) => number = Math.max) =>
    Array.from({ length: slices }, (_, i) =>
      Math.round(pick(...xs.slice(Math.floor((i * xs.length) / slices), Math.floor(((i + 1) * xs.length) / slices)))),
    );
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    rssMbBySlice: slice(rss),
    heapMbBySlice: slice(heap),
    heapFloorMbBySlice: slice(heap, Math.min),
  };
}

/** The mixed queries of a front end on the disruption day. */
export function frontEndQueries(ids: { passengers: string[]; flights: string[]; disruptedFlight: string }): LoadQuery[] {
  const pick = (xs: string[]) => xs[Math.floor(Math.random() * xs.length)]!;
  return [
    {
      name: 'passenger',
      query:
        'query P($id: ID!) { passenger(passengerId: $id) { passengerId firstName lastName cabinClass seatNumber flight { flightNumber departureTime } } }',
      variables: () => ({ id: pick(ids.passengers) }),
    },
    {
      name: 'flight',
      query:
        'query F($id: ID!) { flight(flightId: $id) { flightNumber originAirport destinationAirport aircraft { registration availability { availabilityStatus } } crew { position crewMember { rank } } originWeather { condition } } }',
      variables: () => ({ id: pick(ids.flights) }),
    },
    {
      name: 'flights',
      query: 'query L { flights(filter: { melStatus: ACTIVE }, first: 20) { nodes { flightNumber melCategory } pageInfo { hasNextPage } } }',
      variables: () => ({}),
    },
    {
      name: 'weather',
      query: 'query W { weather(airportCode: "AUH", first: 24) { nodes { forecastTimeZulu condition visibilityKm } } }',
      variables: () => ({}),
    },
    {
      name: 'desk',
      query:
        'query D($id: ID!) { disruption(flightId: $id) { passengerCounts { total byCabin { key count } } connectionsAtRisk(scenario: "SWAP_LOCAL") { misconnecting } reaccommodation(first: 10) { nodes { rank } } } }',
      variables: () => ({ id: ids.disruptedFlight }),
    },
  ];
}
