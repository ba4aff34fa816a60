import { useState, type KeyboardEvent } from 'react';
import type { Code, CodeInput } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { hotkeyOf, hotkeyProblem } from './hotkeys.ts';
import { codeInputOf } from './undoOps.ts';

const NEW_CODE: Omit<CodeInput, 'sortOrder'> = {
  name: 'new code',
  hotkey: null,
  colour: '#9e9e9e',
  leadS: 3,
  lagS: 3,
  mode: 'instant',
};

/** Edit every code in place; a new one is added at the end. */
export function CodeEditor({ codes }: { codes: Code[] }) {
  const { saveCode } = useApp((s) => ({ saveCode: s.saveCode }));
  const nextOrder = codes.reduce((max, c) => Math.max(max, c.sortOrder), 0) + 10;
  return (
    <div className="code-editor">
      {codes.map((code) => (
        <CodeRow key={`${code.id}:${code.updatedAt}`} code={code} codes={codes} />
      ))}
      <button
        type="button"
        onClick={() => void saveCode(null, { ...NEW_CODE, sortOrder: Math.min(nextOrder, 10_000) })}
        data-testid={TID.codeAdd}
      >
        Add code
      </button>
    </div>
  );
}

function CodeRow({ code, codes }: { code: Code; codes: Code[] }) {
  const { saveCode, deleteCode } = useApp((s) => ({ saveCode: s.saveCode, deleteCode: s.deleteCode }));
  const [draft, setDraft] = useState<CodeInput>(codeInputOf(code));
  const problem = draft.hotkey === null ? null : hotkeyProblem(draft.hotkey, codes, code.id);
  const changed = JSON.stringify(draft) !== JSON.stringify(codeInputOf(code));

  // The hotkey field records the next key press (with modifiers); Backspace/Delete clears it.
  const captureHotkey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Tab' || event.key === 'Escape') return;
    event.preventDefault();
    if (event.key === 'Backspace' || event.key === 'Delete') return setDraft({ ...draft, hotkey: null });
    const hotkey = hotkeyOf(event);
    if (hotkey) setDraft({ ...draft, hotkey });
  };
  const number = (value: string) => Math.min(120, Math.max(0, Number(value) || 0));

  return (
    <form
      className="code-row"
      data-testid={TID.codeEditor}
      data-code={code.name}
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) void saveCode(code.id, draft);
      }}
    >
      <input
        aria-label="Name"
        value={draft.name}
        maxLength={60}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        data-testid={TID.codeName}
      />
      <input
        aria-label="Hotkey (press a key; Backspace clears)"
        className={problem ? 'invalid' : undefined}
        value={draft.hotkey ?? ''}
        placeholder="press a key"
        readOnly
        onKeyDown={captureHotkey}
        title={problem ?? 'Press the key to use; Backspace clears'}
        data-testid={TID.codeHotkey}
      />
      <input
        aria-label="Colour"
        type="color"
        value={draft.colour}
        onChange={(e) => setDraft({ ...draft, colour: e.target.value })}
        data-testid={TID.codeColour}
      />
      <label>
        lead s
        <input
          type="number"
          min={0}
          max={120}
          step={0.5}
          value={draft.leadS}
          onChange={(e) => setDraft({ ...draft, leadS: number(e.target.value) })}
          data-testid={TID.codeLead}
        />
      </label>
      <label>
        lag s
        <input
          type="number"
          min={0}
          max={120}
          step={0.5}
          value={draft.lagS}
          onChange={(e) => setDraft({ ...draft, lagS: number(e.target.value) })}
          data-testid={TID.codeLag}
        />
      </label>
      <select
        aria-label="Mode"
        value={draft.mode}
        onChange={(e) => setDraft({ ...draft, mode: e.target.value === 'span' ? 'span' : 'instant' })}
        data-testid={TID.codeMode}
      >
        <option value="instant">instant</option>
        <option value="span">start/stop span</option>
      </select>
      <button
        type="submit"
        disabled={!changed || problem !== null || draft.name.trim() === ''}
        data-testid={TID.codeSave}
      >
        Save
      </button>
      <button type="button" className="danger" onClick={() => void deleteCode(code.id)} data-testid={TID.codeDelete}>
        Delete
      </button>
      {problem ? <span className="field-error">{problem}</span> : null}
    </form>
  );
}
