import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString, type GraphQLScalarType } from 'graphql';
import { Field, ObjectType, UseMiddleware } from 'type-graphql';
import {
  AircraftAvailability,
  AircraftSwapOptions,
  Baggage,
  Bookings,
  CargoFlightAssignments,
  CargoShipments,
  CrewMembers,
  CrewRoster,
  DisruptedPassengers,
  ENTITIES,
  Flights,
  InboundFlightImpact,
  MaintenanceRoster,
  MaintenanceStaff,
  MaintenanceWorkOrders,
  Passengers,
  Weather,
  type AnyEntityModel,
  type ColumnKind,
} from '../../entities/index.js';
import { operationalAttributes, personalData } from './access.js';
import { camelCase } from '../../entities/naming.js';
import { DateTime, JSONObject } from './scalars.js';
import { connectionType } from './connection.js';

const SCALAR_OF: Record<Exclude<ColumnKind, 'list'>, GraphQLScalarType> = {
  string: GraphQLString,
  number: GraphQLFloat,
  integer: GraphQLInt,
  flag: GraphQLBoolean,
  datetime: DateTime,
};

/** Class of the GraphQL object type of an entity (decorated at run time from its columns). */
export type EntityTypeClass = new () => object;

/**
 * Generates the object type of an entity from its definition: one field per
 * declared column (camelCase; key columns `ID!`, Y/N flags Boolean, numbers
 * Float/Int, date-times DateTime, code lists [String!]), plus `attributes`.
 * Personal columns need the personal-data role (access.ts). Link fields are
 * generated from the entities' links (link-fields.ts).
 */
function entityType(model: AnyEntityModel): EntityTypeClass {
  const named = { [model.typeName]: class {} };
  const type = named[model.typeName]!;
  const personal = new Set<string>(model.personal ?? []);
  for (const [column, kind] of Object.entries(model.columns)) {
    const isKey = model.key.includes(column);
    const graphqlType = kind === 'list' ? [GraphQLString] : isKey && kind === 'string' ? GraphQLID : SCALAR_OF[kind];
    const copiedBy = model.links?.find((link) => link.copies?.[column] !== undefined);
    const source = copiedBy
      ? `${copiedBy.copies![column]} of the ${copiedBy.field} (${copiedBy.to().name}), copied as the row loads`
      : `CSV column ${column} of ${model.file}`;
    const description = `${source}${personal.has(column) ? ' (personal data: role agent or above)' : ''}`;
    Field(() => graphqlType, { nullable: !isKey, description })(type.prototype, camelCase(column));
    if (personal.has(column)) UseMiddleware(personalData)(type.prototype, camelCase(column));
  }
  Field(() => GraphQLInt, {
    description:
      "The record's version: 0 as loaded by a seed, one more with each change through the API. A mutation's `expectedVersion` is this value.",
  })(type.prototype, 'version');
  const operational = new Set(Object.keys(model.columns).filter((column) => !personal.has(column)));
  Field(() => JSONObject, {
    description:
      'The whole item as loaded: every column of the CSV row, including columns without a typed field. For a role without personal-data access, only the declared operational columns.',
  })(type.prototype, 'attributes');
  UseMiddleware(operationalAttributes(operational))(type.prototype, 'attributes');
  ObjectType(model.typeName, { description: `A row of ${model.name} (${model.file}).` })(type);
  return type;
}

const TYPES = new Map<AnyEntityModel, EntityTypeClass>(ENTITIES.map((model) => [model, entityType(model)]));

/** The generated object type class of an entity. */
export function typeOf(model: AnyEntityModel): EntityTypeClass {
  const type = TYPES.get(model);
  if (!type) throw new Error(`no GraphQL type for entity ${model.name}`);
  return type;
}

export const PassengerType = typeOf(Passengers);
export const FlightType = typeOf(Flights);
export const AircraftAvailabilityType = typeOf(AircraftAvailability);
export const MaintenanceWorkOrderType = typeOf(MaintenanceWorkOrders);
export const WeatherForecastType = typeOf(Weather);
export const DisruptedPassengerType = typeOf(DisruptedPassengers);
export const AircraftSwapOptionType = typeOf(AircraftSwapOptions);
export const InboundFlightImpactType = typeOf(InboundFlightImpact);
export const BookingType = typeOf(Bookings);
export const BaggageType = typeOf(Baggage);
export const CrewMemberType = typeOf(CrewMembers);
export const CrewRosterEntryType = typeOf(CrewRoster);
export const CargoShipmentType = typeOf(CargoShipments);
export const CargoFlightAssignmentType = typeOf(CargoFlightAssignments);
export const MaintenanceStaffType = typeOf(MaintenanceStaff);
export const MaintenanceRosterEntryType = typeOf(MaintenanceRoster);

const CONNECTIONS = new Map<AnyEntityModel, EntityTypeClass>();

/** `<Type>Connection`, the page type of an entity's lists (one per entity, however many lists page it). */
export function connectionOf(model: AnyEntityModel): EntityTypeClass {
  let connection = CONNECTIONS.get(model);
  if (!connection) {
    connection = connectionType(typeOf(model), `${model.typeName}Connection`);
    CONNECTIONS.set(model, connection);
  }
  return connection;
}
