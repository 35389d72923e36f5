// SMS Gateway for Android (npm `android-sms-gateway`): sends through its REST API, in Cloud,
// Private or Local mode. Received messages and delivery reports come back as signed webhooks
// to the app's /api/sms/android route (src/lib/server/sms/android-webhook.ts), not to the worker.
import { createHash } from 'node:crypto';
import Client, { WebHookEventType, type HttpClient, type Message } from 'android-sms-gateway';
import type {
  GatewaySink,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';

export const ANDROID_CLOUD_URL = 'https://api.sms-gate.app/3rdparty/v1';

export interface AndroidGatewayOptions {
  /** API base: the cloud (default), a private server's /3rdparty/v1, or http://phone:8080. */
  readonly baseUrl?: string;
  readonly login: string;
  readonly password: string;
  /** Public URL of /api/sms/android: start() then registers the four webhooks there. */
  readonly webhookUrl?: string;
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** The API answered with an HTTP error. */
export class AndroidHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

/** The API could not be reached (refused, reset, DNS, timeout). */
export class AndroidNetworkError extends Error {}

/**
 * The message id given to the gateway: our idempotency key when it fits the API (at most 36
 * characters), else a hash of it. Same key, same id: a resend after a crash is refused by the
 * gateway as a duplicate (HTTP 409) instead of sent twice.
 */
export function androidMessageId(key: string): string {
  if (/^[\w:.-]{1,36}$/.test(key)) return key;
  return `h-${createHash('sha256').update(key).digest('base64url').slice(0, 34)}`;
}

/** What a failed call means for the outbox. */
export function outcomeOfError(err: unknown, id: string): SendOutcome {
  if (err instanceof AndroidHttpError) {
    // 409: a message with this id already exists — the earlier attempt got through.
    if (err.status === 409) return { ok: true, gatewayRef: id };
    const retryable = err.status >= 500 || err.status === 429 || err.status === 408;
    return { ok: false, retryable, error: `SMS Gateway for Android: ${err.message}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, retryable: true, error: `SMS Gateway for Android unreachable: ${message}` };
}

/** The HttpClient the library asks for, on fetch, with a timeout and typed errors. */
export function fetchHttpClient(timeoutMs: number): HttpClient {
  const call = async <T>(
    method: string,
    url: string,
    headers: Record<string, string> | undefined,
    body?: unknown,
  ): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new AndroidNetworkError(cause ?? (err as Error).message, { cause: err });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new AndroidHttpError(res.status, text);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AndroidHttpError(res.status, `not JSON: ${text.slice(0, 100)}`);
    }
  };
  return {
    get: (url, headers) => call('GET', url, headers),
    post: (url, body, headers) => call('POST', url, headers, body),
    put: (url, body, headers) => call('PUT', url, headers, body),
    patch: (url, body, headers) => call('PATCH', url, headers, body),
    delete: (url, headers) => call('DELETE', url, headers),
  };
}

const WEBHOOK_EVENTS = [
  WebHookEventType.SmsReceived,
  WebHookEventType.SmsSent,
  WebHookEventType.SmsDelivered,
  WebHookEventType.SmsFailed,
] as const;

export interface AndroidGateway extends SmsGateway {
  /** The webhook registration started by start(), or null; it never rejects. */
  readonly webhooksRegistered: Promise<void> | null;
}

export function createAndroidGateway(options: AndroidGatewayOptions): AndroidGateway {
  const log = options.log ?? ((line: string) => console.warn(`[android-sms-gateway] ${line}`));
  const baseUrl = (options.baseUrl || ANDROID_CLOUD_URL).replace(/\/+$/, '');
  const client = new Client(
    options.login,
    options.password,
    fetchHttpClient(options.timeoutMs ?? 15_000),
    baseUrl,
  );

  // Fixed ids: registering again replaces the same four webhooks instead of adding more.
  const register = async (url: string) => {
    for (const event of WEBHOOK_EVENTS) {
      const id = `maillage-${event.replace(':', '-')}`;
      try {
        await client.registerWebhook({ id, event, url });
      } catch (err) {
        log(`webhook ${event} not registered (the phone may be offline): ${describe(err)}`);
      }
    }
  };

  const gateway = {
    name: 'android',
    webhooksRegistered: null as Promise<void> | null,

    // Registration runs in the background: an unreachable gateway must not hold the worker up.
    async start(_sink: GatewaySink) {
      if (options.webhookUrl) gateway.webhooksRegistered = register(options.webhookUrl);
    },

    async send(sms: OutgoingSms): Promise<SendOutcome> {
      const id = androidMessageId(sms.id);
      const message: Message = {
        id,
        message: sms.text,
        phoneNumbers: [sms.to],
        withDeliveryReport: true,
      };
      try {
        const state = await client.send(message);
        return { ok: true, gatewayRef: typeof state?.id === 'string' && state.id ? state.id : id };
      } catch (err) {
        return outcomeOfError(err, id);
      }
    },

    async stop() {
      await gateway.webhooksRegistered;
    },
  };
  return gateway;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
