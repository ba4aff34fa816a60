/**
 * The CLI's command table: name → runner(args) → exit code. Each runner lives in
 * commands/<name>.ts and parses its own flags with node:util parseArgs.
 */
export type Subcommand = (args: string[]) => Promise<number>;

export const subcommands: Record<string, Subcommand> = {
  analyze: async (args) => (await import('./commands/analyze.ts')).analyzeCommand(args),
  export: async (args) => (await import('./commands/export.ts')).exportCommand(args),
  'bench analyze': async (args) => (await import('./commands/bench-analyze.ts')).benchAnalyzeCommand(args),
  'bench export': async (args) => (await import('./commands/bench-export.ts')).benchExportCommand(args),
  'bench teams': async (args) => (await import('./commands/bench-teams.ts')).benchTeamsCommand(args),
  'bench import': async (args) => (await import('./commands/bench-import.ts')).benchImportCommand(args),
  'bench sync': async (args) => (await import('./commands/bench-sync.ts')).benchSyncCommand(args),
  'bench upload': async (args) => (await import('./commands/bench-upload.ts')).benchUploadCommand(args),
};
