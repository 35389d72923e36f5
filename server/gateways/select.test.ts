import { systemClock } from '../../src/lib/clock';
import { describe, expect, it } from 'vitest';
import { GatewayConfigError, createGateway } from './select';

const quiet = { clock: systemClock, log: () => {} };
const android = {
  SMS_GATEWAY: 'android',
  ANDROID_SMS_GATEWAY_LOGIN: 'maillage',
  ANDROID_SMS_GATEWAY_PASSWORD: 'pw',
  ANDROID_SMS_GATEWAY_WEBHOOK_KEY: 'key',
};
const smpp = {
  SMS_GATEWAY: 'smpp',
  SMPP_URL: 'smpp://127.0.0.1:2775',
  SMPP_SYSTEM_ID: 'maillage',
  SMPP_PASSWORD: 'pw',
};

describe('choosing the SMS gateway', () => {
  it('is the console gateway when SMS_GATEWAY is unset or empty', () => {
    expect(createGateway({}, quiet).name).toBe('console');
    expect(createGateway({ SMS_GATEWAY: ' ' }, quiet).name).toBe('console');
  });

  it('builds the Android and SMPP gateways from their variables, without connecting', () => {
    expect(createGateway(android, quiet).name).toBe('android');
    expect(createGateway({ ...smpp, SMS_GATEWAY: 'SMPP' }, quiet).name).toBe('smpp');
  });

  it('refuses an unknown gateway name', () => {
    expect(() => createGateway({ SMS_GATEWAY: 'twilio' }, quiet)).toThrow(GatewayConfigError);
  });

  it('names the variable that is missing or wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...android, ANDROID_SMS_GATEWAY_LOGIN: '' }, /ANDROID_SMS_GATEWAY_LOGIN/],
      [{ ...android, ANDROID_SMS_GATEWAY_URL: 'ftp://x' }, /ANDROID_SMS_GATEWAY_URL/],
      [{ ...smpp, SMPP_URL: '' }, /SMPP_URL/],
      [{ ...smpp, SMPP_URL: 'http://smsc:2775' }, /SMPP_URL/],
      [{ ...smpp, SMPP_PASSWORD: '' }, /SMPP_PASSWORD/],
      [{ ...smpp, SMPP_SOURCE_ADDR: 'Covoiturage solidaire' }, /at most 11/],
      [{ ...smpp, SMPP_LONG_MESSAGES: 'split' }, /SMPP_LONG_MESSAGES/],
      [{ ...smpp, SMPP_ENQUIRE_LINK_SECONDS: '-1' }, /SMPP_ENQUIRE_LINK_SECONDS/],
    ];
    for (const [env, message] of cases) {
      expect(() => createGateway(env, quiet)).toThrow(message);
    }
  });

  it('warns when the Android webhooks could not be checked for lack of a signing key', () => {
    const lines: string[] = [];
    createGateway(
      { ...android, ANDROID_SMS_GATEWAY_WEBHOOK_KEY: '' },
      { clock: systemClock, log: (l) => lines.push(l) },
    );
    expect(lines.join('\n')).toMatch(/ANDROID_SMS_GATEWAY_WEBHOOK_KEY/);
  });
});
