/**
 * Main's export target guard, through the real command relay: export commands reach the engine
 * only with a path main's own dialog returned.
 */
import { describe, expect, it } from 'vitest';
import type { InvokeReply } from '../contract/invoke.ts';
import { createCommandRelay, type ShellHandlers } from '../engine/process/relay.ts';
import { createExportTargets, DIALOG_TARGETS, guardExportTargets } from './export-targets.ts';

const GAME = '11111111-1111-4111-8111-111111111111';
const RUN = '22222222-2222-4222-8222-222222222222';
const EVENT = '33333333-3333-4333-8333-333333333333';

function setup() {
  const reached: { command: string; args: unknown }[] = [];
  const engine = {
    invoke: async (command: string, args: unknown): Promise<InvokeReply> => {
      reached.push({ command, args });
      return { ok: true, value: null };
    },
  };
  const targets = createExportTargets();
  const dialogs = { file: null as string | null, folder: null as string | null };
  const shell = {
    'dialog.saveFile': async () => ({ path: targets.chosenFile(dialogs.file) }),
    'dialog.pickFolder': async () => ({ path: targets.chosenFolder(dialogs.folder) }),
  } as unknown as ShellHandlers;
  const relay = guardExportTargets(createCommandRelay(engine, shell), targets);
  return { relay, reached, dialogs };
}

const saveArgs = { title: 'Save as', defaultName: 'events.csv', extensions: ['csv'] };

describe('export targets under Electron', () => {
  it('refuses an export path the page made up: the engine never sees the command', async () => {
    const { relay, reached } = setup();
    const replies = [
      await relay.invoke('export.events', { gameId: GAME, format: 'csv', path: '/home/me/.bashrc' }),
      await relay.invoke('export.tracks', { runId: RUN, path: '/home/me/tracks.txt' }),
      await relay.invoke('export.clips', { eventIds: [EVENT], mode: 'clips', overlays: null, outDir: '/home/me' }),
    ];
    for (const reply of replies) {
      expect(reply).toMatchObject({
        ok: false,
        error: { kind: 'invalid-args', message: expect.stringMatching(/only where you chose/) },
      });
    }
    expect(reached).toEqual([]);
  });

  it('lets through the file the save dialog returned, and only that file', async () => {
    const { relay, reached, dialogs } = setup();
    dialogs.file = '/home/me/clips/events.csv';
    expect(await relay.invoke('dialog.saveFile', saveArgs)).toEqual({ ok: true, value: { path: dialogs.file } });
    const args = { gameId: GAME, format: 'csv', path: '/home/me/clips/events.csv' };
    expect(await relay.invoke('export.events', args)).toEqual({ ok: true, value: null });
    // The same file written the same way, spelled with a detour: the same target.
    expect(await relay.invoke('export.events', { ...args, path: '/home/me/clips/../clips/events.csv' })).toMatchObject({
      ok: true,
    });
    expect(await relay.invoke('export.events', { ...args, path: '/home/me/clips/other.csv' })).toMatchObject({
      ok: false,
    });
    // A file chosen for saving is not a folder for clips.
    expect(
      await relay.invoke('export.clips', {
        eventIds: [EVENT],
        mode: 'clips',
        overlays: null,
        outDir: '/home/me/clips/events.csv',
      }),
    ).toMatchObject({ ok: false });
    expect(reached.map((r) => r.command)).toEqual(['export.events', 'export.events']);
  });

  it('lets clips into the folder the folder dialog returned; a cancelled dialog allows nothing', async () => {
    const { relay, reached, dialogs } = setup();
    expect(await relay.invoke('dialog.pickFolder', { title: 'Export clips to' })).toEqual({
      ok: true,
      value: { path: null },
    });
    const clips = { eventIds: [EVENT], mode: 'reel', overlays: null, outDir: '/media/usb' };
    expect(await relay.invoke('export.clips', clips)).toMatchObject({ ok: false });
    dialogs.folder = '/media/usb';
    await relay.invoke('dialog.pickFolder', { title: 'Export clips to' });
    expect(await relay.invoke('export.clips', clips)).toEqual({ ok: true, value: null });
    // A folder is not a file to write.
    expect(await relay.invoke('export.tracks', { runId: RUN, path: '/media/usb' })).toMatchObject({ ok: false });
    expect(reached.map((r) => r.command)).toEqual(['export.clips']);
  });

  it('leaves malformed arguments to the relay, which answers with its own validation error', async () => {
    const { relay, reached } = setup();
    expect(await relay.invoke('export.tracks', { runId: RUN })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-args' },
    });
    expect(await relay.invoke('events.list', { gameId: GAME })).toEqual({ ok: true, value: null });
    expect(reached.map((r) => r.command)).toEqual(['events.list']);
  });

  it('names every command of the contract that writes a file the analyst chose', async () => {
    const { Commands } = await import('../contract/commands.ts');
    const writers = Object.keys(Commands).filter((name) => name.startsWith('export.'));
    expect(Object.keys(DIALOG_TARGETS).sort()).toEqual(writers.sort());
  });
});
