/**
 * The engine process: owns the SQLite file, runs jobs, answers the command table.
 * Started as an Electron utilityProcess (messages on process.parentPort) or with
 * child_process.fork (process.send) by the browser host, the CLI and tests.
 */
import { toAppError } from '../../contract/errors.ts';
import { validateCommand, type InvokeReply } from '../../contract/invoke.ts';
import { createEngine, type Engine } from '../engine.ts';
import { createLogger } from '../log.ts';
import { createBrokeredLauncher } from './brokered-launcher.ts';
import { nodeLauncher } from './node-launcher.ts';
import { parentChannel } from './parent-channel.ts';
import type { FromEngine, ToEngine } from './protocol.ts';
import { createShellCallChannel } from './shell-calls.ts';

const channel = parentChannel();
const post = (message: FromEngine) => channel.post(message);
// Analysis jobs are processes of their own: forked under Node, started by main under Electron.
const brokered = channel.utility ? createBrokeredLauncher((message) => channel.post(message)) : null;

const log = createLogger((record) => post({ type: 'log', record }), 'engine');
const shell = createShellCallChannel(post);
let engine: Engine | null = null;

/**
 * Test-only: the tests of a hung engine (the supervisor's heartbeat, the browser host's shutdown)
 * start the engine with a command named here (or "init", for an engine that hangs while starting);
 * on it the engine spins forever and answers nothing, as an engine stuck in a runaway computation
 * would. Unset in every real run.
 */
const freezeOn = process.env['RINKSIDE_TEST_FREEZE_ON'];
function spinForever(): void {
  for (const forever = Infinity; Date.now() < forever;) {
    // nothing: a busy loop that never yields to the event loop
  }
}

async function handle(message: ToEngine): Promise<void> {
  if (freezeOn !== undefined && freezeOn === (message.type === 'invoke' ? message.command : message.type))
    spinForever();
  switch (message.type) {
    case 'init':
      engine = await createEngine({
        config: message.config,
        log,
        launcher: brokered ?? nodeLauncher,
        emit: (name, payload) => post({ type: 'event', name, payload }),
        shell,
      });
      post({ type: 'ready', pid: process.pid });
      return;
    case 'ping':
      post({ type: 'pong' });
      return;
    case 'shell-reply':
      shell.settle(message.id, message.reply);
      return;
    case 'invoke': {
      let reply: InvokeReply;
      const checked = validateCommand(message.command, message.args);
      if (!checked.ok) reply = checked;
      else if (!engine) reply = { ok: false, error: { kind: 'internal', message: 'Engine not initialised' } };
      else {
        try {
          reply = { ok: true, value: await engine.handle(checked.command, checked.args) };
        } catch (error) {
          reply = { ok: false, error: toAppError(error) };
        }
      }
      post({ type: 'reply', id: message.id, reply });
      return;
    }
    case 'internal': {
      let reply: InvokeReply;
      try {
        if (!engine) throw new Error('Engine not initialised');
        reply = { ok: true, value: await engine.internal(message.method, message.args) };
      } catch (error) {
        reply = { ok: false, error: toAppError(error) };
      }
      post({ type: 'reply', id: message.id, reply });
      return;
    }
    case 'shutdown':
      await engine?.close();
      process.exit(0);
  }
}

function onMessage(message: unknown): void {
  handle(message as ToEngine).catch((error: unknown) => {
    const appError = toAppError(error);
    post({ type: 'fatal', message: appError.message, final: appError.kind === 'library-locked' });
    // An engine that cannot initialise is useless: exit so the supervisor reports it.
    if ((message as ToEngine).type === 'init') process.exit(70);
  });
}

channel.onMessage((message) => {
  if (!brokered?.receive(message)) onMessage(message);
});
// The parent going away (crash, kill -9) must not leave an orphan engine holding the database.
channel.onParentGone(() => {
  void engine?.close().finally(() => process.exit(0));
});
