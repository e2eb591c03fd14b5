import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations get a structured postal address (printed on every letter, later the payee address) and a contact. */
export class OrganisationAddress1732480000000 implements MigrationInterface {
  name = 'OrganisationAddress1732480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN street text NULL CHECK (length(street) BETWEEN 1 AND 70),
        ADD COLUMN building_number text NULL CHECK (length(building_number) BETWEEN 1 AND 16),
        ADD COLUMN postal_code text NULL CHECK (postal_code ~ '^[0-9A-Z -]{3,10}$'),
        ADD COLUMN city text NULL CHECK (length(city) BETWEEN 1 AND 35),
        ADD COLUMN country char(2) NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
        ADD COLUMN contact_name text NULL CHECK (length(contact_name) BETWEEN 2 AND 140),
        ADD COLUMN contact_email text NULL CHECK (length(contact_email) BETWEEN 3 AND 254),
        ADD COLUMN contact_phone text NULL CHECK (length(contact_phone) BETWEEN 3 AND 40);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        DROP COLUMN street, DROP COLUMN building_number, DROP COLUMN postal_code, DROP COLUMN city,
        DROP COLUMN country, DROP COLUMN contact_name, DROP COLUMN contact_email, DROP COLUMN contact_phone;
    `);
  }
}
