import { describe, expect, it } from 'vitest';
import {
  isAskingMatch,
  isPersonChange,
  isSearchingMatch,
  isStoredMatch,
  isStoredRequest,
  isTripChange,
} from './guards';
import { sampleJeanTrip, sampleMarie, sampleRequest } from './test-docs';

const match = (status: unknown) => ({
  _id: 'match:r0000001',
  _rev: '1-a',
  type: 'match',
  state: { status, tried: [] },
});

describe('what each worker handler reacts to', () => {
  it('tells a stored match by its state, and which state it is in', () => {
    expect(isStoredMatch(match('confirmed'))).toBe(true);
    expect(isStoredMatch(match('lost'))).toBe(false);
    expect(isStoredMatch({ ...match('asking'), _rev: undefined })).toBe(false);
    expect(isStoredMatch({ _id: 'match:x', _rev: '1-a', type: 'match' })).toBe(false);
    expect([isAskingMatch(match('asking')), isAskingMatch(match('searching'))]).toEqual([
      true,
      false,
    ]);
    expect([isSearchingMatch(match('searching')), isSearchingMatch(match('asking'))]).toEqual([
      true,
      false,
    ]);
  });

  it('tells stored requests, and trips and people written or deleted', () => {
    expect(isStoredRequest({ ...sampleRequest, _rev: '1-a' })).toBe(true);
    expect(isStoredRequest(sampleRequest)).toBe(false);
    expect(isTripChange(sampleJeanTrip)).toBe(true);
    expect(isTripChange({ _id: 'trip:j3an0001', _rev: '2-b', _deleted: true })).toBe(true);
    expect(isTripChange({ _id: 'person:x', _rev: '2-b', _deleted: true })).toBe(false);
    expect(isPersonChange(sampleMarie)).toBe(true);
    expect(isPersonChange({ _id: 'person:m4r1e000', _deleted: true })).toBe(true);
    expect(isPersonChange(sampleJeanTrip)).toBe(false);
  });
});
