export * from './errors.ts';
export * from './domain.ts';
export * from './commands.ts';
export * from './events.ts';
export * from './invoke.ts';
