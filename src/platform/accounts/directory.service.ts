import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Role } from '../auth/roles';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** How a letter addresses an organisation; fields not on record are null. */
export interface OrganisationPostalAddress {
  name: string;
  contactName: string | null;
  street: string | null;
  buildingNumber: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
}

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

  /** Addresses read ahead for the steps of one transaction (a jury outcome mails 500 applicants): by its manager. */
  private readonly readAhead = new WeakMap<EntityManager, Map<string, string | null>>();

  /** Reads the addresses of many users at once; `emailOf` in the same transaction then answers from them. */
  async readEmailsAhead(em: EntityManager, userIds: string[]): Promise<void> {
    const rows: { id: string; email: string }[] = await em.query('SELECT id, email FROM users WHERE id = ANY($1)', [userIds]);
    const known = new Map<string, string | null>(userIds.map((id) => [id, null]));
    for (const r of rows) known.set(r.id, r.email);
    this.readAhead.set(em, known);
  }

  /** The mail address of a user; null when there is no such user. */
  async emailOf(userId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const known = this.readAhead.get(em)?.get(userId);
    if (known !== undefined) return known;
    const user = await em.findOne(User, { where: { id: userId }, select: { id: true, email: true } });
    return user?.email ?? null;
  }

  /** E-mail addresses by user id, in one query; ids without a user are left out. */
  async emailsOf(userIds: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const users = userIds.length ? await em.find(User, { where: { id: In([...new Set(userIds)]) }, select: { id: true, email: true } }) : [];
    return new Map(users.map((u) => [u.id, u.email]));
  }

  /** The name a user signs with; null when there is no such user. */
  async displayNameOf(userId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const user = await em.findOne(User, { where: { id: userId }, select: { id: true, displayName: true } });
    return user?.displayName ?? null;
  }

  /** The postal address of an organisation (letters print it), or null if there is no such organisation. */
  async postalAddress(organisationId: string, em: EntityManager = this.dataSource.manager): Promise<OrganisationPostalAddress | null> {
    const o = await em.findOneBy(Organisation, { id: organisationId });
    if (!o) return null;
    const { name, contactName, street, buildingNumber, postalCode, city, country } = o;
    return { name, contactName, street, buildingNumber, postalCode, city, country };
  }

  /** Postal addresses of organisations by id, in one query (a payment run needs thousands); ids without one are left out. */
  async postalAddresses(ids: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationPostalAddress>> {
    const unique = [...new Set(ids)];
    const rows: (OrganisationPostalAddress & { id: string })[] = unique.length
      ? await em.query(
          `SELECT id, name, contact_name AS "contactName", street, building_number AS "buildingNumber", postal_code AS "postalCode", city, country FROM organisations WHERE id = ANY($1)`,
          [unique],
        )
      : [];
    return new Map(rows.map(({ id, ...a }) => [id, a]));
  }

  async organisation(id: string, em: EntityManager = this.dataSource.manager): Promise<OrganisationEntry | null> {
    return (await this.organisations([id], em)).get(id) ?? null;
  }

  /** Organisations by id; ids without one are left out. */
  async organisations(ids: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationEntry>> {
    const unique = [...new Set(ids)];
    // plain SQL: lists ask for fifty at a time, and the ORM's query building cost more than the query
    const rows: Pick<Organisation, 'id' | 'name' | 'kind' | 'ags'>[] = unique.length ? await em.query('SELECT id, name, kind, ags FROM organisations WHERE id = ANY($1)', [unique]) : [];
    return new Map(rows.map((o) => [o.id, { id: o.id, name: o.name, kind: o.kind, ags: o.ags }]));
  }
}
