// The SMS gateway named by SMS_GATEWAY (console, android or smpp), with its settings from the
// environment. Every variable is listed in docs/sms-gateways.md.
import type { Clock } from '../../src/lib/clock';
import { createAndroidGateway } from './android';
import { ConsoleGateway } from './console';
import { createSmppGateway } from './smpp';
import { sourceAddress, type LongMessageMode } from './smpp-codec';
import type { SmsGateway } from '../../src/lib/server/shared/gateway';

export const GATEWAY_NAMES = ['console', 'android', 'smpp'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

/** A setting is missing or wrong; the message names the variable. */
export class GatewayConfigError extends Error {}

export function gatewayNameFrom(env: NodeJS.ProcessEnv): GatewayName {
  const name = (env.SMS_GATEWAY ?? '').trim().toLowerCase() || 'console';
  if (!(GATEWAY_NAMES as readonly string[]).includes(name)) {
    throw new GatewayConfigError(
      `SMS_GATEWAY="${env.SMS_GATEWAY}": expected ${GATEWAY_NAMES.join(', ')}`,
    );
  }
  return name as GatewayName;
}

export function createGateway(
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly clock: Clock; readonly log?: (line: string) => void },
): SmsGateway {
  const log = options.log ?? ((line: string) => console.warn(line));
  const name = gatewayNameFrom(env);
  if (name === 'android') {
    if (!env.ANDROID_SMS_GATEWAY_WEBHOOK_KEY) {
      log(
        '[sms] ANDROID_SMS_GATEWAY_WEBHOOK_KEY is unset: /api/sms/android will refuse every webhook',
      );
    }
    return createAndroidGateway({
      baseUrl: optionalUrl(env, 'ANDROID_SMS_GATEWAY_URL', ['http:', 'https:']),
      login: required(env, 'ANDROID_SMS_GATEWAY_LOGIN'),
      password: required(env, 'ANDROID_SMS_GATEWAY_PASSWORD'),
      webhookUrl: optionalUrl(env, 'ANDROID_SMS_GATEWAY_WEBHOOK_URL', ['https:', 'http:']),
      timeoutMs: seconds(env, 'ANDROID_SMS_GATEWAY_TIMEOUT_SECONDS', 15) * 1000,
      log: (line) => log(`[android-sms-gateway] ${line}`),
    });
  }
  if (name === 'smpp') {
    const url = optionalUrl(env, 'SMPP_URL', ['smpp:', 'ssmpp:']);
    if (!url) throw new GatewayConfigError('SMPP_URL is required (smpp://host:port)');
    const sourceAddr = env.SMPP_SOURCE_ADDR?.trim() || 'Maillage';
    try {
      sourceAddress(sourceAddr);
    } catch (err) {
      throw new GatewayConfigError((err as Error).message);
    }
    const longMessages = (env.SMPP_LONG_MESSAGES?.trim() || 'udh') as LongMessageMode;
    if (longMessages !== 'udh' && longMessages !== 'payload') {
      throw new GatewayConfigError(`SMPP_LONG_MESSAGES="${longMessages}": expected udh or payload`);
    }
    return createSmppGateway({
      url,
      systemId: required(env, 'SMPP_SYSTEM_ID'),
      password: required(env, 'SMPP_PASSWORD'),
      systemType: env.SMPP_SYSTEM_TYPE?.trim() || undefined,
      sourceAddr,
      longMessages,
      deliveryReceipts: !/^(0|false|no|non)$/i.test(env.SMPP_DELIVERY_RECEIPTS?.trim() ?? ''),
      enquireLinkMs: seconds(env, 'SMPP_ENQUIRE_LINK_SECONDS', 30) * 1000,
      reconnectMaxMs: seconds(env, 'SMPP_RECONNECT_MAX_SECONDS', 60) * 1000,
      clock: options.clock,
      log: (line) => log(`[smpp] ${line}`),
    });
  }
  return new ConsoleGateway({
    log: (line) => log(line),
    debug: env.LOG_LEVEL?.trim().toLowerCase() === 'debug',
  });
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new GatewayConfigError(`${name} is required by SMS_GATEWAY=${env.SMS_GATEWAY}`);
  return value;
}

function optionalUrl(
  env: NodeJS.ProcessEnv,
  name: string,
  protocols: readonly string[],
): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GatewayConfigError(`${name}="${value}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new GatewayConfigError(`${name}="${value}": expected ${protocols.join(' or ')}//…`);
  }
  return value;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new GatewayConfigError(`${name}="${value}": seconds > 0`);
  return n;
}
