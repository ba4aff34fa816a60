// The gateway as a Supabase Edge Function (gateway/README.md, "On Supabase Edge Functions"): the
// Edge runtime owns the listener, so the handler is served without a port. `deno.ts` is the same
// handler for running Deno yourself (the tests do).
import { configFromEnv } from './config.ts';
import { createGateway } from './handler.ts';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(handler: (request: Request) => Promise<Response>): unknown;
};

Deno.serve(createGateway(configFromEnv((name) => Deno.env.get(name))));
