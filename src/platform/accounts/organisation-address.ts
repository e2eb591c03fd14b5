/** The structured postal address and contact of an organisation, and the rules for it (pure). */
export const ADDRESS_FIELDS = ['street', 'buildingNumber', 'postalCode', 'city', 'country', 'contactName', 'contactEmail', 'contactPhone'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type AddressFields = { [K in AddressField]: K extends 'country' ? string : string | null };

export interface AddressProblem {
  code: 'POSTAL_CODE_INVALID' | 'ADDRESS_INCOMPLETE';
  field: AddressField;
  message: string;
}

/**
 * A structured address (street, number, postcode, town, country) or a hybrid one (town and country) is
 * what SEPA payments and letters accept; a German postcode has five digits. Null when the address is fine.
 */
export function addressProblem(a: AddressFields): AddressProblem | null {
  if (a.country === 'DE' && a.postalCode !== null && !/^\d{5}$/.test(a.postalCode)) {
    return { code: 'POSTAL_CODE_INVALID', field: 'postalCode', message: 'A German postcode (country DE) has exactly five digits.' };
  }
  if (a.city === null && (a.street !== null || a.buildingNumber !== null || a.postalCode !== null)) {
    return { code: 'ADDRESS_INCOMPLETE', field: 'city', message: 'An address with street or postcode needs its town (city).' };
  }
  if (a.buildingNumber !== null && a.street === null) {
    return { code: 'ADDRESS_INCOMPLETE', field: 'street', message: 'A building number needs its street.' };
  }
  return null;
}
