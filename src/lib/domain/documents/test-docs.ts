// Documents of scenarios 1 and 2 (SCENARIOS.md) as stored, shared by the tests of the schemas and
// of the database's validate_doc_update, so both check the very same shapes.
export const sampleStamp = {
  schema: 1,
  createdAt: '2026-11-24T09:15:00.000Z',
  createdBy: 'sophie',
  updatedAt: '2026-11-24T09:15:00.000Z',
  updatedBy: 'sophie',
  readers: ['role:coordinator', 'user:sophie'],
};

/** Marie, Cardaillac, landline only, registered by Sophie. */
export const sampleMarie = {
  _id: 'person:m4r1e000',
  type: 'person',
  ...sampleStamp,
  firstName: 'Marie',
  phone: '+33536490001',
  phoneKind: 'landline',
  homeInsee: '46057',
  needs: 'marche avec une canne',
  roles: ['passenger'],
  consent: { by: 'sophie', method: 'oral', at: sampleStamp.createdAt },
  blocked: false,
};

/** Jean's regular trip Lacapelle-Marival → Figeac, Tuesday and Thursday. */
export const sampleJeanTrip = {
  _id: 'trip:j3an0001',
  type: 'trip',
  ...sampleStamp,
  driverId: 'person:j3an0000',
  fromInsee: '46143',
  toInsee: '46102',
  weekdays: [2, 4],
  departure: '08:15',
  returnDeparture: '17:30',
  seats: 3,
  detourMinutes: 10,
  validFrom: '2026-11-01',
  validUntil: null,
  paused: false,
};

/** Marie's request Cardaillac → Figeac, Thursday 26/11, 8:00–9:30. */
export const sampleRequest = {
  _id: 'request:r0000001',
  type: 'request',
  ...sampleStamp,
  passengerId: 'person:m4r1e000',
  fromInsee: '46057',
  toInsee: '46102',
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
  seats: 1,
  channel: 'relay',
  returnOf: null,
  cancelledAt: null,
};
