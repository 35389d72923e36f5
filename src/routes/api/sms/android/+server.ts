// Webhooks of SMS Gateway for Android (received SMS, delivery reports), signed by the phone.
// See docs/sms-gateways.md.
import { systemClock } from '$lib/clock';
import { configOrResponse } from '$lib/server/app-config';
import { androidWebhookSink } from '$lib/server/sms/android-sink';
import { handleAndroidWebhook } from '$lib/server/sms/android-webhook';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => {
  const config = configOrResponse();
  if (config instanceof Response) return config;
  const now = systemClock.now().getTime();
  return handleAndroidWebhook(request, {
    signingKey: process.env.ANDROID_SMS_GATEWAY_WEBHOOK_KEY,
    now,
    sink: androidWebhookSink(config, now),
  });
};
