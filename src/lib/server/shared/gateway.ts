/**
 * The SMS gateway interface. Every gateway (console, Android, SMPP) implements SmsGateway;
 * the worker owns the outbox (message documents) and only calls `send` for a message it has
 * claimed, so a gateway never needs to deduplicate by itself — but it receives the message
 * document id as an idempotency key and should pass it on when the transport allows.
 */

export interface OutgoingSms {
  /** Message document id, also the idempotency key. */
  readonly id: string;
  /** E.164, e.g. +33612345678. */
  readonly to: string;
  readonly text: string;
}

export type SendOutcome =
  | { readonly ok: true; readonly gatewayRef: string }
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

export interface InboundSms {
  /**
   * Unique per gateway; with the gateway name it gives the inbound message document id. Without
   * one (the simulated phone), the same sender and text within a minute are one message.
   */
  readonly gatewayMessageId?: string;
  /** E.164 when the gateway knows it; the recorder normalises it anyway. */
  readonly from: string;
  readonly text: string;
  /** ISO 8601 instant. */
  readonly receivedAt: string;
}

export interface DeliveryReport {
  readonly gatewayRef: string;
  readonly state: 'sent' | 'delivered' | 'failed';
  /** ISO 8601 instant. */
  readonly at: string;
  readonly error?: string;
}

export interface GatewaySink {
  inbound(sms: InboundSms): Promise<void>;
  report(r: DeliveryReport): Promise<void>;
}

export interface SmsGateway {
  readonly name: string;
  start(sink: GatewaySink): Promise<void>;
  send(sms: OutgoingSms): Promise<SendOutcome>;
  stop(): Promise<void>;
}
