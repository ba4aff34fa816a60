// The gateway on Deno, as Supabase Edge Functions run it:
//   deno run --config gateway/deno.json --node-modules-dir=manual --cached-only \
//     --allow-net --allow-env gateway/deno.ts
// (gateway/README.md). It listens on PORT (default 8000) and prints one line when it does.
import { configFromEnv } from './config.ts';
import { createGateway } from './handler.ts';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const handler = createGateway(configFromEnv((name) => Deno.env.get(name)));
Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8000),
    hostname: Deno.env.get('HOST') ?? '127.0.0.1',
    onListen: ({ port }) => console.log(JSON.stringify({ listening: port, runtime: 'deno' })),
  },
  handler,
);
