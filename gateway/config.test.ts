import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

const REQUIRED = {
  SUPABASE_URL: 'https://project.supabase.co/',
  SUPABASE_ANON_KEY: 'anon',
  SUPABASE_SERVICE_ROLE_KEY: 'service',
  R2_ENDPOINT: 'https://account.r2.cloudflarestorage.com',
  R2_BUCKET: 'rinkside',
  R2_ACCESS_KEY_ID: 'id',
  R2_SECRET_ACCESS_KEY: 'secret',
};

const from = (env: Record<string, string>) => configFromEnv((name) => env[name]);

describe('the gateway configuration', () => {
  it('names every missing variable at once', () => {
    expect(() => from({ SUPABASE_URL: 'https://p.supabase.co' })).toThrow(
      'The gateway needs these environment variables: SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, R2_ENDPOINT, R2_BUCKET, R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY',
    );
  });

  it('fills the defaults: the project’s JWKS, R2’s region, 15-minute URLs, 50 GiB, no HS256 secret', () => {
    const config = from(REQUIRED);
    expect(config).toMatchObject({
      supabaseUrl: 'https://project.supabase.co',
      jwksUrl: 'https://project.supabase.co/auth/v1/.well-known/jwks.json',
      storage: { region: 'auto', forcePathStyle: false, bucket: 'rinkside' },
      partUrlTtlS: 900,
      downloadUrlTtlS: 900,
      defaultQuotaBytes: 50 * 1024 ** 3,
      basePath: '',
    });
    expect(config.jwtSecret).toBeUndefined();
  });

  it('takes the optional settings, and refuses a number that is not one', () => {
    const config = from({
      ...REQUIRED,
      SUPABASE_JWT_SECRET: 's',
      GATEWAY_BASE_PATH: '/gateway/',
      GATEWAY_PART_URL_TTL_S: '60',
      R2_FORCE_PATH_STYLE: 'true',
    });
    expect(config).toMatchObject({ jwtSecret: 's', basePath: '/gateway', partUrlTtlS: 60 });
    expect(config.storage.forcePathStyle).toBe(true);
    expect(() => from({ ...REQUIRED, GATEWAY_DEFAULT_QUOTA_BYTES: 'lots' })).toThrow(/must be a positive number/);
  });
});
