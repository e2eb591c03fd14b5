import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Role } from '../auth/roles';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export interface OrganisationEntry {
  id: string;
  name: string;
  kind: string;
  ags: string | null;
}

/**
 * Read-only lookups of people and organisations for the feature modules, so that none of them reads the
 * accounts' tables itself. Every method takes the caller's transaction manager where it has one.
 */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ids of the active users holding a role, in id order. */
  async activeUserIdsWithRole(role: Role, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM users WHERE $1 = ANY(roles) AND status = 'active' ORDER BY id`, [role]);
    return rows.map((r) => r.id);
  }

  /** Whether the user exists, is active and holds the role. */
  async isActiveWithRole(userId: string, role: Role, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM users WHERE id = $1 AND $2 = ANY(roles) AND status = 'active'`, [userId, role]);
    return !!row;
  }

  /** The mail address of a user; null when there is no such user. */
  async emailOf(userId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const user = await em.findOne(User, { where: { id: userId }, select: { id: true, email: true } });
    return user?.email ?? null;
  }

  async organisation(id: string, em: EntityManager = this.dataSource.manager): Promise<OrganisationEntry | null> {
    return (await this.organisations([id], em)).get(id) ?? null;
  }

  /** Organisations by id; ids without one are left out. */
  async organisations(ids: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationEntry>> {
    const unique = [...new Set(ids)];
    const rows = unique.length ? await em.find(Organisation, { where: { id: In(unique) }, select: { id: true, name: true, kind: true, ags: true } }) : [];
    return new Map(rows.map((o) => [o.id, { id: o.id, name: o.name, kind: o.kind, ags: o.ags }]));
  }
}
