import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { connectionType } from '../relay/connection';
import { toGlobalId } from '../relay/global-id';

export enum RevisionAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
}
registerEnumType(RevisionAction, { name: 'RevisionAction' });

export type Snapshot = Record<string, unknown>;

const jsonColumn = {
  to: (value: Snapshot | null) => (value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as Snapshot)),
};

@ObjectType({ description: 'One recorded change of a fact: what it was before, what it became, when, and who made it.' })
@Entity('revisions')
export class Revision {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('Revision', this.id);
  }

  @Field(() => String, { description: 'The GraphQL type of the changed fact: Event, Statement, ...' })
  @Column({ type: 'varchar' })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  @Field(() => ID, { name: 'nodeId', description: 'The global ID of the changed fact (it may be deleted now).' })
  get nodeId(): string {
    return toGlobalId(this.entityType, this.entityId);
  }

  @Field(() => RevisionAction)
  @Column({ type: 'varchar' })
  action: RevisionAction;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The fact before the change; null for CREATE.' })
  @Column({ type: 'text', nullable: true, transformer: jsonColumn })
  before: Snapshot | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The fact after the change; null for DELETE.' })
  @Column({ type: 'text', nullable: true, transformer: jsonColumn })
  after: Snapshot | null;

  @Field(() => [String], { description: 'The fields whose values differ between before and after.' })
  get changedFields(): string[] {
    const keys = new Set([...Object.keys(this.before ?? {}), ...Object.keys(this.after ?? {})]);
    return [...keys].filter((key) => JSON.stringify(this.before?.[key] ?? null) !== JSON.stringify(this.after?.[key] ?? null)).sort();
  }

  /** The name of the API token that made the change ("seed" for the seed's facts); only editors and admins are shown it. */
  @Column({ type: 'varchar', nullable: true })
  actor: string | null;

  /** What everyone else is shown: the token's display name, or its role. */
  @Column({ type: 'varchar', nullable: true })
  actorDisplayName: string | null;

  @Field({ description: 'When the change was committed.' })
  @Column()
  createdAt: Date;
}

export const RevisionConnection = connectionType('Revision', Revision);
