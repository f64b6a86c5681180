import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type * as desk from '../../desk/connections.js';
import type { DisruptedNode, FlightNode, PassengerNode } from '../../desk/nodes.js';
import { ConnectionMatch } from '../../desk/onward-flights.js';
import { DisruptedPassengerType, FlightType, PassengerType } from '../entity-types.js';
import { DateTime } from '../scalars.js';

registerEnumType(ConnectionMatch, {
  name: 'ConnectionMatch',
  description:
    "How a connection's onward flight was found: the export's connecting_flight_id, or its connecting_flight_number among the hub's departures.",
});

@ObjectType({ description: 'A connecting passenger against the onward flight.' })
export class ConnectionRisk implements desk.ConnectionRisk {
  @Field(() => PassengerType, { nullable: true }) passenger!: PassengerNode | null;
  @Field(() => DisruptedPassengerType) disruption!: DisruptedNode;
  @Field(() => FlightType, { nullable: true, description: 'Null when it cannot be found (see unresolvedReason).' }) onwardFlight!: FlightNode | null;
  @Field(() => ConnectionMatch, { nullable: true }) matchedBy!: ConnectionMatch | null;
  @Field(() => String, { nullable: true, description: 'Why the onward flight is unknown; null when it was found.' }) unresolvedReason!: string | null;
  @Field(() => Int, { nullable: true, description: 'Onward departure - (arrival + delay) - MCT, minutes; null when unresolved.' }) slackMinutes!:
    number | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when the onward flight is unknown: never a guessed false.' }) misconnects!:
    boolean | null;
}

@ObjectType()
export class ConnectionsAtRisk implements desk.ConnectionsAtRisk {
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
