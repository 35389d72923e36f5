import { describe, expect, it } from 'vitest';
import { backOffDelay, describeSyncError, isUnauthorized } from './sync-errors';

describe('sync errors', () => {
  it('waits 1 s, then twice as long each time, never more than 30 s', () => {
    const delays: number[] = [];
    let delay = 0;
    for (let i = 0; i < 8; i++) delays.push((delay = backOffDelay(delay)));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('tells an expired session from a server that cannot be reached', () => {
    expect(isUnauthorized({ status: 401 })).toBe(true);
    expect(describeSyncError({ status: 401 }).kind).toBe('unauthorized');
    expect(describeSyncError(new TypeError('Failed to fetch')).kind).toBe('network');
    expect(describeSyncError({ status: 503 }).kind).toBe('network');
    expect(describeSyncError({ status: 403 }).kind).toBe('denied');
    expect(describeSyncError({ status: 500 }).message).toContain('500');
  });

  it('tells a document the server refused, with its reason, apart from a network failure', () => {
    const entry = {
      id: 'person:abc123',
      error: 'forbidden',
      reason: 'Ce document a été enregistré par quelqu’un d’autre',
    };
    const described = describeSyncError(entry);
    expect(described.kind).toBe('denied');
    expect(described.message).toContain('Le serveur a refusé une modification');
    expect(described.message).toContain('Ce document a été enregistré par quelqu’un d’autre');
    expect(describeSyncError({ name: 'forbidden', status: 403 }).kind).toBe('denied');
  });
});
