import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Organisation } from './organisation.entity';

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

/** Read access to organisations for other modules (letters print their postal address). */
@Injectable()
export class OrganisationLookup {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  /** The postal address of an organisation, or null if there is no such organisation. */
  async postalAddress(organisationId: string): Promise<OrganisationPostalAddress | null> {
    const o = await this.organisations.findOneBy({ id: organisationId });
    if (!o) return null;
    return {
      name: o.name,
      contactName: o.contactName,
      street: o.street,
      buildingNumber: o.buildingNumber,
      postalCode: o.postalCode,
      city: o.city,
      country: o.country,
    };
  }
}
