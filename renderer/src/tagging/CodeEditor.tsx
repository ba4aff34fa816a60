import { useState, type KeyboardEvent } from 'react';
import type { Code, CodeInput } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { hotkeyOf, hotkeyProblem } from './hotkeys.ts';
import { codeInputOf } from './undoOps.ts';

const NEW_CODE: Omit<CodeInput, 'sortOrder'> = {
  name: '',
  hotkey: null,
  colour: '#9e9e9e',
  leadS: 3,
  lagS: 3,
  mode: 'instant',
};

/**
 * Edit every code in place. "Add code" opens an empty row that is saved only once it is named
 * (and its hotkey, if any, is free): no nameless code with no key lands in the code window.
 */
export function CodeEditor({ codes }: { codes: Code[] }) {
  const [adding, setAdding] = useState(false);
  const nextOrder = codes.reduce((max, c) => Math.max(max, c.sortOrder), 0) + 10;
  return (
    <div className="code-editor">
      {codes.map((code) => (
        <CodeRow key={`${code.id}:${code.updatedAt}`} code={code} codes={codes} />
      ))}
      {adding ? (
        <CodeRow
          code={null}
          codes={codes}
          initial={{ ...NEW_CODE, sortOrder: Math.min(nextOrder, 10_000) }}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)} data-testid={TID.codeAdd}>
          Add code
        </button>
      )}
    </div>
  );
}

interface RowProps {
  /** The stored code, or null for a new one not saved yet. */
  code: Code | null;
  codes: Code[];
  initial?: CodeInput;
  /** A new row is done once saved or given up. */
  onDone?: () => void;
}

function CodeRow({ code, codes, initial, onDone }: RowProps) {
  const { saveCode, deleteCode } = useApp((s) => ({ saveCode: s.saveCode, deleteCode: s.deleteCode }));
  const stored = code ? codeInputOf(code) : (initial as CodeInput);
  const [draft, setDraft] = useState<CodeInput>(stored);
  const problem = draft.hotkey === null ? null : hotkeyProblem(draft.hotkey, codes, code?.id ?? null);
  const changed = code === null || JSON.stringify(draft) !== JSON.stringify(stored);

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
      data-code={code?.name ?? ''}
      data-new={code === null ? 'true' : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        if (problem || draft.name.trim() === '') return;
        void saveCode(code?.id ?? null, { ...draft, name: draft.name.trim() }).then((saved) => {
          if (saved) onDone?.();
        });
      }}
    >
      <input
        aria-label="Name"
        placeholder={code ? undefined : 'name the new code'}
        // A new row is for typing its name at once.
        autoFocus={code === null}
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
        {code ? 'Save' : 'Add'}
      </button>
      {code ? (
        <button type="button" className="danger" onClick={() => void deleteCode(code.id)} data-testid={TID.codeDelete}>
          Delete
        </button>
      ) : (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      )}
      {problem ? <span className="field-error">{problem}</span> : null}
    </form>
  );
}
