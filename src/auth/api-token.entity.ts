import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

/** One issued API token. The id is part of the token, so it is no secret; the secret is stored only as its hash. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who the token was issued to; one active token per name. */
  @Column({ type: 'varchar' })
  name: string;

  @Column({ type: 'varchar' })
  role: Role;

  /** What the public sees of the changes made with the token; its role when left out. */
  @Column({ type: 'varchar', nullable: true })
  displayName: string | null;

  /** SHA-256 of the secret, in hex. */
  @Column({ type: 'varchar' })
  secretHash: string;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;
}
