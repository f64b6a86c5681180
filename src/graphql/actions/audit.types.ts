import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { AttributeChange as DeskAttributeChange, AuditEntry as DeskAuditEntry } from '../../desk/actions/run.js';
import { connectionType } from '../connection.js';
import { DateTime } from '../scalars.js';

@ObjectType({ description: 'Who acted: the token’s subject and role.' })
export class AuditActor {
  @Field({ description: 'The token’s `sub`.' }) sub!: string;
  @Field(() => String, { nullable: true, description: 'The caller’s role when it acted.' }) role!: string | null;
}

@ObjectType({ description: 'One attribute of one record, before and after an action.' })
export class AttributeChange implements DeskAttributeChange {
  @Field({ description: 'The entity of the record, e.g. DisruptedPassengers.' }) entity!: string;
  @Field(() => ID, { description: 'The record’s id.' }) id!: string;
  @Field({ description: 'The CSV column (or `version`).' }) attribute!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value before (null: none, or a new record).' }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value after (null: removed).' }) after!: unknown;
}

@ObjectType({ description: 'One successful action, written in the same transaction as the change.' })
export class AuditEntry implements Omit<DeskAuditEntry, 'sub' | 'role' | 'idempotencyKey'> {
  @Field(() => ID) entryId!: string;
  @Field(() => DateTime, { description: 'When it was written.' }) at!: string;
  @Field({ description: 'The mutation, e.g. rebookPassenger.' }) mutation!: string;
  @Field(() => AuditActor) who!: AuditActor;
  @Field(() => String, { nullable: true }) idempotencyKey!: string | null;
  @Field({ description: 'The entity of the record the action named (its expectedVersion).' }) entity!: string;
  @Field(() => ID, { description: 'That record’s id.' }) id!: string;
  @Field(() => [AttributeChange], { description: 'Every attribute it changed, of every record.' }) changes!: AttributeChange[];
}

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntryConnection');

/** The GraphQL audit entry of a stored one (an audit item, or an action's answer). */
export function auditEntryOf(entry: DeskAuditEntry): AuditEntry {
  return {
    entryId: entry.entryId,
    at: entry.at,
    mutation: entry.mutation,
    who: { sub: entry.sub, role: entry.role ?? null },
    idempotencyKey: entry.idempotencyKey ?? null,
    entity: entry.entity,
    id: entry.id,
    changes: entry.changes,
  };
}
