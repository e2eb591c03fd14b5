import { AddressFields, addressProblem } from './organisation-address';

const EMPTY: AddressFields = { street: null, buildingNumber: null, postalCode: null, city: null, country: 'DE', contactName: null, contactEmail: null, contactPhone: null };
const MITTWEIDA: AddressFields = { ...EMPTY, street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida' };

describe('organisation address', () => {
  it('accepts a structured, a hybrid and an empty address', () => {
    expect(addressProblem(MITTWEIDA)).toBeNull();
    expect(addressProblem({ ...EMPTY, city: 'Mittweida' })).toBeNull();
    expect(addressProblem(EMPTY)).toBeNull();
  });

  it.each(['9648', '096480', 'D-09648', '0964A'])('refuses the German postcode %s', (postalCode) => {
    expect(addressProblem({ ...MITTWEIDA, postalCode })).toMatchObject({ code: 'POSTAL_CODE_INVALID', field: 'postalCode' });
  });

  it('accepts other countries’ postcodes', () => {
    expect(addressProblem({ ...MITTWEIDA, country: 'AT', postalCode: '1010' })).toBeNull();
    expect(addressProblem({ ...MITTWEIDA, country: 'NL', postalCode: '1012 AB' })).toBeNull();
  });

  it('needs the town for a street or postcode, and the street for a number', () => {
    expect(addressProblem({ ...MITTWEIDA, city: null })).toMatchObject({ code: 'ADDRESS_INCOMPLETE', field: 'city' });
    expect(addressProblem({ ...MITTWEIDA, street: null })).toMatchObject({ code: 'ADDRESS_INCOMPLETE', field: 'street' });
  });
});
