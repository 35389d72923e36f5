// The configuration for a route, or the answer to give when the server is not configured.
import { ConfigError, getAppConfig, type AppConfig } from './config';

let reported = false;

export function configOrResponse(): AppConfig | Response {
  try {
    return getAppConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (!reported) console.error(`[config] ${err.message}`);
    reported = true;
    return new Response(
      JSON.stringify({
        error: 'Le serveur n’est pas encore configuré (base de données, secret de session).',
      }),
      {
        status: 503,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      },
    );
  }
}
