// Who is using the app. The last session the server granted is kept on the device, so a relay
// opens the app logged in with no network; it is renewed whenever the server can be reached.
import { forgetKnownSession, readKnownSession, writeKnownSession } from '$lib/db/device';
import type { KnownSession } from '$lib/db/local';

export type LoginResult = { ok: true } | { ok: false; message: string };

interface SessionBody {
  name: string;
  roles: string[];
  expiresAt: string;
}

function isSessionBody(body: unknown): body is SessionBody {
  const b = body as Partial<SessionBody> | null;
  return typeof b?.name === 'string' && Array.isArray(b.roles) && typeof b.expiresAt === 'string';
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: fall through to a generic message
  }
  return response.status === 401
    ? 'Identifiant ou mot de passe incorrect.'
    : `Connexion impossible (erreur ${response.status}).`;
}

export class SessionState {
  current = $state<KnownSession | null>(null);
  restored = $state(false);
  /** The server no longer accepts the session: documents wait until the user logs in again. */
  expired = $state(false);
  private restoring: Promise<KnownSession | null> | null = null;

  get user(): string | null {
    return this.current?.name ?? null;
  }

  /** Reads the last known session from the device (once). */
  async restore(): Promise<KnownSession | null> {
    this.restoring ??= readKnownSession().then((known) => {
      // A login may have finished while the device was being read.
      if (!this.restored) this.current = known;
      this.restored = true;
      return known;
    });
    await this.restoring;
    return this.current;
  }

  async login(name: string, password: string): Promise<LoginResult> {
    let response: Response;
    try {
      response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
    } catch {
      const known = await this.restore();
      // Offline: the same person may go on with the session this device already has.
      if (known && known.name === name) return { ok: true };
      return {
        ok: false,
        message: 'Pas de réseau : la première connexion sur cet appareil demande Internet.',
      };
    }
    if (!response.ok) return { ok: false, message: await errorMessage(response) };
    const body: unknown = await response.json();
    if (!isSessionBody(body)) return { ok: false, message: 'Réponse inattendue du serveur.' };
    await this.remember(body);
    return { ok: true };
  }

  /** Asks the server to renew the session; an unreachable server changes nothing. */
  async renew(): Promise<void> {
    if (!this.current) return;
    let response: Response;
    try {
      response = await fetch('/api/session', { credentials: 'same-origin' });
    } catch {
      return;
    }
    if (response.status === 401) {
      this.expired = true;
      return;
    }
    if (!response.ok) return;
    const body: unknown = await response.json().catch(() => null);
    if (isSessionBody(body) && body.name === this.current.name) await this.remember(body);
  }

  /** Ends the session here and on the server; the local documents stay for the next login. */
  async logout(): Promise<void> {
    try {
      await fetch('/api/session', { method: 'DELETE' });
    } catch {
      // offline: the cookie expires on its own; forgetting it here is what matters
    }
    await forgetKnownSession();
    this.current = null;
    this.expired = false;
  }

  private async remember(body: SessionBody): Promise<void> {
    const known: KnownSession = {
      key: 'current',
      name: body.name,
      roles: [...body.roles],
      expiresAt: body.expiresAt,
    };
    await writeKnownSession(known);
    this.current = known;
    this.expired = false;
    this.restored = true;
  }
}

export const session = new SessionState();
