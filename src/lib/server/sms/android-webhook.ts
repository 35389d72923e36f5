// Webhooks of SMS Gateway for Android: received messages (sms:received) and delivery reports
// (sms:sent, sms:delivered, sms:failed). The phone signs each request: X-Signature is the hex
// HMAC-SHA256, under the signing key set in the app, of the raw body followed by X-Timestamp
// (Unix seconds). See docs/sms-gateways.md.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryReport, GatewaySink, InboundSms } from '../shared/gateway';

/** How far X-Timestamp may be from our clock, either way (the app's docs advise ±5 minutes). */
export const SIGNATURE_WINDOW_SECONDS = 300;
export const MAX_WEBHOOK_BYTES = 64 * 1024;

export function signAndroidWebhook(key: string, rawBody: Uint8Array | string, timestamp: string) {
  return createHmac('sha256', key).update(rawBody).update(timestamp).digest('hex');
}

export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function verifyAndroidSignature(
  key: string,
  rawBody: Uint8Array,
  timestamp: string | null,
  signature: string | null,
  nowMs: number,
): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: 'X-Signature or X-Timestamp missing' };
  if (!/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'X-Timestamp is not Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, reason: 'X-Timestamp outside the accepted window' };
  }
  if (!/^[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'X-Signature is not hex' };
  const expected = Uint8Array.from(Buffer.from(signAndroidWebhook(key, rawBody, timestamp), 'hex'));
  const given = Uint8Array.from(Buffer.from(signature, 'hex'));
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad signature' };
}

export type AndroidEvent =
  | { readonly kind: 'inbound'; readonly sms: InboundSms }
  | { readonly kind: 'report'; readonly report: DeliveryReport }
  | { readonly kind: 'ignored'; readonly event: string };

export type ParsedWebhook =
  | { readonly ok: true; readonly event: AndroidEvent }
  | { readonly ok: false; readonly error: string };

const REPORT_EVENTS: Readonly<Record<string, { state: DeliveryReport['state']; at: string }>> = {
  'sms:sent': { state: 'sent', at: 'sentAt' },
  'sms:delivered': { state: 'delivered', at: 'deliveredAt' },
  'sms:failed': { state: 'failed', at: 'failedAt' },
};

/**
 * The event a webhook body carries. An inbound message's id is derived from its sender,
 * reception time and text: the app's own messageId is a content hash it calls not unique, and
 * the same SMS comes again with another event id on a retry through a second webhook or an
 * inbox export.
 */
export function parseAndroidWebhook(body: unknown, nowMs: number): ParsedWebhook {
  if (!isRecord(body) || typeof body.event !== 'string') {
    return { ok: false, error: 'Corps attendu : un objet JSON avec "event" et "payload".' };
  }
  const payload = body.payload;
  if (body.event === 'sms:received') {
    if (!isRecord(payload)) return { ok: false, error: 'sms:received sans "payload".' };
    const { phoneNumber, message, receivedAt } = payload;
    if (typeof phoneNumber !== 'string' || !phoneNumber.trim()) {
      return { ok: false, error: 'sms:received : "phoneNumber" manquant.' };
    }
    if (typeof message !== 'string')
      return { ok: false, error: 'sms:received : "message" manquant.' };
    const at = typeof receivedAt === 'string' ? Date.parse(receivedAt) : NaN;
    if (Number.isNaN(at)) {
      return { ok: false, error: 'sms:received : "receivedAt" manquant ou illisible.' };
    }
    const key = createHash('sha256').update(`${phoneNumber.trim()}\u0000${at}\u0000${message}`);
    return {
      ok: true,
      event: {
        kind: 'inbound',
        sms: {
          gatewayMessageId: `android-${key.digest('hex').slice(0, 32)}`,
          from: phoneNumber.trim(),
          text: message,
          receivedAt: new Date(at).toISOString(),
        },
      },
    };
  }
  const report = Object.hasOwn(REPORT_EVENTS, body.event) ? REPORT_EVENTS[body.event] : undefined;
  if (report) {
    if (!isRecord(payload) || typeof payload.messageId !== 'string' || !payload.messageId) {
      return { ok: false, error: `${body.event} : "messageId" manquant.` };
    }
    const atValue = payload[report.at];
    const at = typeof atValue === 'string' ? Date.parse(atValue) : NaN;
    const reason = [payload.reason, payload.error].find((r) => typeof r === 'string' && r);
    return {
      ok: true,
      event: {
        kind: 'report',
        report: {
          gatewayRef: payload.messageId,
          state: report.state,
          at: new Date(Number.isNaN(at) ? nowMs : at).toISOString(),
          ...(report.state === 'failed' && typeof reason === 'string' ? { error: reason } : {}),
        },
      },
    };
  }
  // system:ping, MMS and data SMS events: acknowledged so the phone does not retry them.
  return { ok: true, event: { kind: 'ignored', event: body.event } };
}

export interface AndroidWebhookDeps {
  /** ANDROID_SMS_GATEWAY_WEBHOOK_KEY; without it every webhook is refused. */
  readonly signingKey: string | undefined;
  readonly now: number;
  readonly sink: GatewaySink;
  readonly log?: (line: string) => void;
}

/** POST /api/sms/android. Never throws: every outcome is an HTTP answer. */
export async function handleAndroidWebhook(
  request: Request,
  deps: AndroidWebhookDeps,
): Promise<Response> {
  const log = deps.log ?? ((line: string) => console.warn(`[sms/android] ${line}`));
  if (!deps.signingKey) {
    log('ANDROID_SMS_GATEWAY_WEBHOOK_KEY is unset: webhook refused');
    return answer(503, { error: 'Webhook non configuré (clé de signature absente).' });
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return answer(413, { error: 'Corps trop volumineux.' });
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await request.arrayBuffer());
  } catch {
    return answer(400, { error: 'Corps illisible.' });
  }
  if (raw.byteLength > MAX_WEBHOOK_BYTES) return answer(413, { error: 'Corps trop volumineux.' });

  const check = verifyAndroidSignature(
    deps.signingKey,
    raw,
    request.headers.get('x-timestamp'),
    request.headers.get('x-signature'),
    deps.now,
  );
  if (!check.ok) {
    log(`webhook refused: ${check.reason}`);
    return answer(401, { error: 'Signature absente ou invalide.' });
  }

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return answer(400, { error: 'Corps attendu : du JSON.' });
  }
  const parsed = parseAndroidWebhook(body, deps.now);
  if (!parsed.ok) return answer(400, { error: parsed.error });

  const { event } = parsed;
  try {
    if (event.kind === 'inbound') await deps.sink.inbound(event.sms);
    else if (event.kind === 'report') await deps.sink.report(event.report);
    else return answer(200, { ok: true, ignored: event.event });
  } catch (err) {
    // The phone retries with backoff (10 s, 20 s, 40 s… for about two days).
    log(`webhook not recorded: ${err instanceof Error ? err.message : String(err)}`);
    return answer(503, { error: 'Enregistrement impossible pour le moment, réessayez.' });
  }
  return answer(200, { ok: true });
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
