import { useState } from 'react';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { CodeEditor } from './CodeEditor.tsx';

interface Props {
  /** The presented time of the open video, read when a button is pressed. */
  presentedTime: () => number | null;
}

/** The code window: one button per code (its hotkey tags too); span codes show when recording. */
export function CodeWindow({ presentedTime }: Props) {
  const { codes, recording, tagCode, showError } = useApp((s) => ({
    codes: s.codes,
    recording: s.recording,
    tagCode: s.tagCode,
    showError: s.showError,
  }));
  const [editing, setEditing] = useState(false);

  const tag = (codeId: string, name: string) => {
    const timeS = presentedTime();
    if (timeS === null) {
      showError(
        { kind: 'invalid-args', message: 'Open a video first: events are tagged at the frame it shows.' },
        `Tagging ${name}`,
      );
      return;
    }
    void tagCode(codeId, timeS);
  };

  return (
    <section
      className="code-window"
      aria-label="Code window"
      data-testid={TID.codeWindow}
      data-panel="codes"
      tabIndex={-1}
    >
      <div className="panel-head">
        <h3>Codes</h3>
        <button
          type="button"
          aria-pressed={editing}
          onClick={() => setEditing(!editing)}
          data-testid={TID.codeEditToggle}
        >
          {editing ? 'Done editing' : 'Edit codes'}
        </button>
      </div>
      {editing ? (
        <CodeEditor codes={codes} />
      ) : (
        <div className="code-grid">
          {codes.length === 0 ? (
            <p className="empty-state muted">No codes yet: Edit codes to add the first one.</p>
          ) : null}
          {codes.map((code, index) => {
            const open = recording[code.id];
            return (
              <button
                key={code.id}
                type="button"
                className={`code-button${open ? ' code-button--recording' : ''}`}
                style={{ borderLeftColor: code.colour }}
                onClick={() => tag(code.id, code.name)}
                title={`${code.name}: −${code.leadS} s / +${code.lagS} s${code.mode === 'span' ? ', press again to end' : ''}`}
                aria-pressed={code.mode === 'span' ? Boolean(open) : undefined}
                data-testid={TID.codeButton}
                data-code={code.name}
                data-recording={open ? 'true' : 'false'}
                data-panel-focus={index === 0 ? true : undefined}
              >
                <span className="code-button__name">{code.name}</span>
                {code.hotkey ? <kbd title={code.hotkey}>{code.hotkey.replace('Shift+', '⇧')}</kbd> : null}
                {open ? (
                  <span className="rec">● REC f{open.at.frame}</span>
                ) : code.mode === 'span' ? (
                  <span className="muted">span</span>
                ) : null}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
