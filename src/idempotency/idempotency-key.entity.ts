import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a mutation sent with an Idempotency-Key, kept for a day. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** The name of the token the key belongs to: two tokens may use the same key. */
  @PrimaryColumn({ type: 'varchar' })
  actor: string;

  @PrimaryColumn({ type: 'varchar' })
  key: string;

  /** SHA-256 of the operation (query, operation name, variables): a key is for one request only. */
  @Column({ type: 'varchar' })
  requestHash: string;

  /** The HTTP status and body first answered; null while the write is under way, or if the answer was lost. */
  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column()
  createdAt: Date;
}
