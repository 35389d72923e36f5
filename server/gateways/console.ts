// The console gateway: no radio, a simulated phone. Outgoing SMS are "sent" at once (the
// outbox is the message documents themselves, which GET /api/sms/dev/outbox and the "téléphone
// simulé" page list); inbound ones come from POST /api/sms/dev/inbound or from `receive` here.
// It keeps nothing in memory: tests that count what was handed over pass an `onSend` listener.
// Its log shows a masked number and the text's length; LOG_LEVEL=debug shows both in full.
import type {
  GatewaySink,
  InboundSms,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';

export class ConsoleGateway implements SmsGateway {
  readonly name = 'console';
  /** While true, send() answers as a gateway that is down (retryable). */
  down = false;
  private sink: GatewaySink | null = null;

  constructor(
    private readonly options: {
      readonly log?: (line: string) => void;
      /** Called with every SMS handed over and "sent", duplicates included. */
      readonly onSend?: (sms: OutgoingSms) => void;
      /** Log the whole number and the text (LOG_LEVEL=debug); else a masked number and a length. */
      readonly debug?: boolean;
    } = {},
  ) {}

  async start(sink: GatewaySink): Promise<void> {
    this.sink = sink;
  }

  async send(sms: OutgoingSms): Promise<SendOutcome> {
    if (this.down) return { ok: false, retryable: true, error: 'console gateway marked down' };
    this.options.onSend?.(sms);
    this.options.log?.(
      this.options.debug
        ? `[sms → ${sms.to}] ${sms.text}`
        : `[sms → ${maskPhone(sms.to)}] ${sms.text.length} caractères`,
    );
    return { ok: true, gatewayRef: `console:${sms.id}` };
  }

  /** Simulates an SMS received from `from`. */
  async receive(from: string, text: string, at: Date): Promise<InboundSms> {
    if (!this.sink) throw new Error('console gateway not started');
    const sms: InboundSms = {
      from,
      text,
      receivedAt: at.toISOString(),
    };
    await this.sink.inbound(sms);
    return sms;
  }

  async stop(): Promise<void> {
    this.sink = null;
  }
}

/** "+336••••••01": enough to tell two phones apart in a log, not to call one. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length <= 6) return '•'.repeat(digits.length);
  return digits.slice(0, 4) + '•'.repeat(digits.length - 6) + digits.slice(-2);
}
