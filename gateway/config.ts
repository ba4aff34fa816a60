/**
 * Everything the gateway needs, read once from its environment. The R2 keys live here and
 * nowhere else: the app only ever sees presigned URLs.
 */
export interface GatewayConfig {
  /** The Supabase project URL (PostgREST at /rest/v1, the JWKS under /auth/v1). */
  supabaseUrl: string;
  /** Sent as `apikey` with the caller's token, so PostgREST runs the query as the caller. */
  anonKey: string;
  /** For the storage bookkeeping only (quota, uploads, stored objects), never for a caller's read. */
  serviceRoleKey: string;
  /** The project's JWT secret, for HS256 tokens (older projects, the local cloud); unset = refuse HS256. */
  jwtSecret?: string;
  /** Where the project publishes its asymmetric signing keys. */
  jwksUrl: string;
  /** When set, a token must carry this `iss`. */
  jwtIssuer?: string;
  storage: ObjectStoreConfig;
  /** How long a part's PUT URL works; a resume asks for fresh ones. */
  partUrlTtlS: number;
  downloadUrlTtlS: number;
  /** A team's quota when its team_storage row sets none. */
  defaultQuotaBytes: number;
  /** The path the routes sit under: Supabase Edge serves a function at /<name>/…. */
  basePath: string;
}

export interface ObjectStoreConfig {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const GiB = 1024 * 1024 * 1024;

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return parsed;
}

/**
 * The configuration from environment variables (gateway/README.md lists them); `env` is
 * `Deno.env.get` on Deno and a lookup in `process.env` on Node. A missing required one is an error
 * that names it, at start, not a failure on the first request.
 */
export function configFromEnv(env: (name: string) => string | undefined): GatewayConfig {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env(name);
    if (!value) missing.push(name);
    return value ?? '';
  };
  const supabaseUrl = required('SUPABASE_URL').replace(/\/+$/, '');
  const config: GatewayConfig = {
    supabaseUrl,
    anonKey: required('SUPABASE_ANON_KEY'),
    serviceRoleKey: required('SUPABASE_SERVICE_ROLE_KEY'),
    jwksUrl: env('GATEWAY_JWKS_URL') || `${supabaseUrl}/auth/v1/.well-known/jwks.json`,
    storage: {
      endpoint: required('R2_ENDPOINT'),
      region: env('R2_REGION') || 'auto',
      bucket: required('R2_BUCKET'),
      accessKeyId: required('R2_ACCESS_KEY_ID'),
      secretAccessKey: required('R2_SECRET_ACCESS_KEY'),
      forcePathStyle: env('R2_FORCE_PATH_STYLE') === 'true',
    },
    partUrlTtlS: positiveNumber('GATEWAY_PART_URL_TTL_S', env('GATEWAY_PART_URL_TTL_S'), 900),
    downloadUrlTtlS: positiveNumber('GATEWAY_DOWNLOAD_URL_TTL_S', env('GATEWAY_DOWNLOAD_URL_TTL_S'), 900),
    defaultQuotaBytes: positiveNumber('GATEWAY_DEFAULT_QUOTA_BYTES', env('GATEWAY_DEFAULT_QUOTA_BYTES'), 50 * GiB),
    basePath: (env('GATEWAY_BASE_PATH') ?? '').replace(/\/+$/, ''),
  };
  const jwtSecret = env('SUPABASE_JWT_SECRET');
  if (jwtSecret) config.jwtSecret = jwtSecret;
  const issuer = env('GATEWAY_JWT_ISSUER');
  if (issuer) config.jwtIssuer = issuer;
  if (missing.length > 0) throw new Error(`The gateway needs these environment variables: ${missing.join(', ')}`);
  return config;
}
