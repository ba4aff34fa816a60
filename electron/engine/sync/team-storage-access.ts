import { AppFailure } from '../../contract/errors.ts';
import { createGatewayClient, type StorageGateway } from './gateway-client.ts';

/**
 * How the engine reaches the team's storage: the gateway's URL and the signed-in analyst's access
 * token, both from whoever holds the team-cloud session. Null when there is no project or no
 * sign-in: uploads and downloads then say so instead of failing later.
 */
export interface TeamStorageAccess {
  gatewayUrl(): string | null;
  accessToken(): Promise<string | null>;
}

export const GATEWAY_URL_ENV = 'RINKSIDE_GATEWAY_URL';

export function gatewayFor(access: TeamStorageAccess): StorageGateway {
  const baseUrl = access.gatewayUrl();
  if (!baseUrl) {
    throw new AppFailure('not-signed-in', "No team storage is set up: the team cloud's gateway address is missing.");
  }
  return createGatewayClient({
    baseUrl,
    accessToken: async () => {
      const token = await access.accessToken();
      if (!token) throw new AppFailure('not-signed-in', 'Sign in to the team cloud to send or fetch files.');
      return token;
    },
  });
}

/** Until a session is connected: the gateway from the environment, and nobody signed in. */
export const notSignedIn: TeamStorageAccess = {
  gatewayUrl: () => process.env[GATEWAY_URL_ENV] ?? null,
  accessToken: async () => null,
};
