// The console gateway: no radio, a simulated phone. Outgoing SMS are "sent" at once (the
// outbox is the message documents themselves, which GET /api/sms/dev/outbox and the "téléphone
// simulé" page list); inbound ones come from POST /api/sms/dev/inbound or from `receive` here.
// It keeps what it was handed in memory so tests can check that no SMS was handed over twice.
import { randomUUID } from 'node:crypto';
import type {
  GatewaySink,
  InboundSms,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';

export class ConsoleGateway implements SmsGateway {
  readonly name = 'console';
  /** Every SMS handed to this gateway, in order (duplicates included, so tests can see them). */
  readonly handed: OutgoingSms[] = [];
  /** While true, send() answers as a gateway that is down (retryable). */
  down = false;
  private sink: GatewaySink | null = null;

  constructor(private readonly options: { readonly log?: (line: string) => void } = {}) {}

  async start(sink: GatewaySink): Promise<void> {
    this.sink = sink;
  }

  async send(sms: OutgoingSms): Promise<SendOutcome> {
    if (this.down) return { ok: false, retryable: true, error: 'console gateway marked down' };
    this.handed.push(sms);
    this.options.log?.(`[sms → ${sms.to}] ${sms.text}`);
    return { ok: true, gatewayRef: `console:${sms.id}` };
  }

  /** Simulates an SMS received from `from`. */
  async receive(from: string, text: string, at: Date): Promise<InboundSms> {
    if (!this.sink) throw new Error('console gateway not started');
    const sms: InboundSms = {
      gatewayMessageId: randomUUID(),
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
