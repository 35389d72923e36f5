// The part of the `smpp` package (0.5, plain JavaScript, no published types) that Maillage uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    [field: string]: unknown;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    send(pdu: PDU, onResponse?: (pdu: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  // The package is CommonJS and copies most of its exports in a loop that Node's named-export
  // detection cannot see: import the default export.
  const smpp: {
    PDU: new (command: string, options?: Record<string, unknown>) => PDU;
    connect(options: { url: string; [option: string]: unknown }): Session;
    createServer(listener?: (session: Session) => void): Server;
    gsmCoder: {
      encode(text: string, table: number): Buffer;
      decode(bytes: Buffer | string, table: number): string;
    };
    errors: Readonly<Record<string, number>>;
  };
  export default smpp;
}
