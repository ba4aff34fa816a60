export * from './errors.ts';
export * from './domain.ts';
export * from './commands.ts';
export * from './events.ts';
export * from './invoke.ts';
export * from './analysis.ts';
export * from './tagging.ts';
export * from './export.ts';
