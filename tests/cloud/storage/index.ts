import type { LocalApi } from '../api/server.ts';
import { localGatewayEnv, startGatewayProcess, type GatewayProcess, type GatewayRuntime } from './gateway-process.ts';
import { startLoggingProxy, type LoggingProxy } from './logging-proxy.ts';
import { startS3Server, type S3Server, type S3ServerKind } from './s3-servers.ts';

export { startGatewayProcess, localGatewayEnv, type GatewayProcess, type GatewayRuntime } from './gateway-process.ts';
export type { LoggingProxy, ProxiedRequest, Fault } from './logging-proxy.ts';
export type { S3Server, S3ServerKind } from './s3-servers.ts';

/** A local S3 server process behind the logging proxy: give the gateway (and only it) `proxy.url`. */
export interface LocalStorage {
  server: S3Server;
  proxy: LoggingProxy;
  stop(): Promise<void>;
}

export async function startLocalStorage(kind: S3ServerKind): Promise<LocalStorage> {
  const server = await startS3Server(kind);
  const proxy = await startLoggingProxy(server.endpoint);
  return {
    server,
    proxy,
    async stop() {
      await proxy.stop();
      await server.stop();
    },
  };
}

/** The storage side of the local cloud in one call: an S3 server, its proxy, and the gateway in front. */
export interface StorageCloud {
  storage: LocalStorage;
  gateway: GatewayProcess;
  stop(): Promise<void>;
}

export async function startStorageCloud(
  api: LocalApi,
  options: { kind?: S3ServerKind; runtime?: GatewayRuntime; env?: Record<string, string> } = {},
): Promise<StorageCloud> {
  const storage = await startLocalStorage(options.kind ?? 'fauxqs');
  try {
    const gateway = await startGatewayProcess(
      options.runtime ?? 'deno',
      localGatewayEnv(api, storage, options.env ?? {}),
    );
    return {
      storage,
      gateway,
      async stop() {
        await gateway.stop();
        await storage.stop();
      },
    };
  } catch (error) {
    await storage.stop();
    throw error;
  }
}
