import { describe, expect, it } from 'vitest';
import { simulatedPhoneDenied, simulatedPhoneOn } from './simulated-phone';

const coordinator = { name: 'claire', roles: ['coordinator'] };
const relay = { name: 'sophie', roles: ['relay'] };
const dev = { SMS_GATEWAY: 'console' };

describe('the simulated phone', () => {
  it('is for coordinators and admins only, with no exception for loopback', async () => {
    expect(simulatedPhoneDenied(coordinator, dev)).toBeNull();
    expect(simulatedPhoneDenied({ name: 'root', roles: ['admin'] }, dev)).toBeNull();
    // Nobody logged in: the address does not matter, a reverse proxy is loopback too.
    expect(simulatedPhoneDenied(null, dev)?.status).toBe(401);
    expect(simulatedPhoneDenied(relay, dev)?.status).toBe(403);
    expect((await simulatedPhoneDenied(relay, dev)!.json()).error).toMatch(/coordinateurs/);
  });

  it('is off with a real gateway, whatever the settings', () => {
    for (const gateway of ['android', 'smpp']) {
      expect(simulatedPhoneOn({ SMS_GATEWAY: gateway, SIMULATED_PHONE: 'on' })).toBe(false);
      expect(simulatedPhoneDenied(coordinator, { SMS_GATEWAY: gateway })?.status).toBe(404);
    }
  });

  it('is off in production unless SIMULATED_PHONE turns it on, and SIMULATED_PHONE=off wins anywhere', () => {
    expect(simulatedPhoneOn({})).toBe(true);
    expect(simulatedPhoneOn({ NODE_ENV: 'production' })).toBe(false);
    expect(simulatedPhoneDenied(coordinator, { NODE_ENV: 'production' })?.status).toBe(404);
    expect(simulatedPhoneOn({ NODE_ENV: 'production', SIMULATED_PHONE: 'on' })).toBe(true);
    expect(simulatedPhoneOn({ SIMULATED_PHONE: 'off' })).toBe(false);
  });
});
