// Where the Android webhook route writes: inbound message documents and delivery reports in the
// territory database, with the app's own database account (the /db proxy's configuration).
import nano from 'nano';
import { recordInbound, recordReport } from '../shared/record-sms';
import type { DeliveryReport, GatewaySink, InboundSms } from '../shared/gateway';
import type { AppConfig } from '../config';

export const ANDROID_GATEWAY_NAME = 'android';

/**
 * A report this recent for a message we do not know yet is answered with an error, so the phone
 * sends it again later: it can beat the worker, which records the gateway reference only once
 * send() has returned. Older unknown references (an SMS sent by hand from the phone) are dropped.
 */
export const UNKNOWN_REPORT_RETRY_MS = 10 * 60_000;

let cached: { key: string; couch: nano.ServerScope } | null = null;

function couchFor(config: AppConfig): nano.ServerScope {
  const key = `${config.couchUrl}\u0000${config.couchAuth.name}\u0000${config.couchAuth.password}`;
  if (cached?.key === key) return cached.couch;
  const url = new URL(config.couchUrl);
  url.username = encodeURIComponent(config.couchAuth.name);
  url.password = encodeURIComponent(config.couchAuth.password);
  const couch = nano(url.toString().replace(/\/$/, ''));
  cached = { key, couch };
  return couch;
}

export function androidWebhookSink(config: AppConfig, now: number): GatewaySink {
  const couch = couchFor(config);
  return {
    async inbound(sms: InboundSms) {
      // A repeated webhook is a no-op there.
      await recordInbound(couch, config.couchDb, ANDROID_GATEWAY_NAME, sms, new Date(now));
    },
    async report(report: DeliveryReport) {
      const found = await recordReport(couch, config.couchDb, report, new Date(now));
      if (!found && now - Date.parse(report.at) < UNKNOWN_REPORT_RETRY_MS) {
        throw new Error(`no outgoing message with gateway reference ${report.gatewayRef} yet`);
      }
    },
  };
}
