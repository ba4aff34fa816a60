import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../electron/contract/index.ts';
import { describeError } from '../lib/errorWording.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { overallSyncText, syncedAtText } from './syncWording.ts';

/** The team cloud: its project, the sign-in, the analyst's teams, the sync's status and Retry. */
export function CloudPanel() {
  const { sync, teams, syncError, syncBusy, signOut, retrySync } = useApp((s) => ({
    sync: s.sync,
    teams: s.teams,
    syncError: s.syncError,
    syncBusy: s.syncBusy,
    signOut: s.signOut,
    retrySync: s.retrySync,
  }));
  const [editingProject, setEditingProject] = useState(false);
  if (!sync) return <p className="muted">Loading the team cloud…</p>;
  const showProjectForm = !sync.project || editingProject;
  const failed = sync.state === 'offline' || sync.state === 'error';

  return (
    <div className="cloud-panel" data-testid={TID.cloudPanel}>
      <section className="pane-section" aria-label="Sync status">
        <h2 className="pane-section__title">Team cloud</h2>
        <p className={`cloud-status cloud-status--${sync.state}`} data-testid={TID.cloudStatus} data-state={sync.state}>
          {overallSyncText(sync)}
        </p>
        {failed && sync.problem ? (
          <p className="field-error" role="alert" data-testid={TID.cloudProblem}>
            {sync.problem.message}
            {sync.nextAttemptAt ? (
              <span className="cloud-next-attempt"> Trying again by itself at {syncedAtText(sync.nextAttemptAt)}.</span>
            ) : null}
          </p>
        ) : null}
        {sync.state === 'signed-out' && sync.problem ? (
          <p className="field-error" role="alert" data-testid={TID.cloudProblem}>
            {sync.problem.message}
          </p>
        ) : null}
        {sync.account ? (
          <div className="field-row">
            <button type="button" onClick={() => void retrySync()} disabled={syncBusy} data-testid={TID.cloudRetry}>
              {failed ? 'Retry now' : 'Sync now'}
            </button>
          </div>
        ) : null}
      </section>

      {syncError ? <PanelError error={syncError} /> : null}

      {sync.account ? (
        <section className="pane-section" aria-label="Signed in">
          <h2 className="pane-section__title">Signed in</h2>
          <p data-testid={TID.cloudAccount}>{sync.account.email}</p>
          <h3 className="pane-section__title">Your teams</h3>
          {teams.length === 0 ? (
            <p className="muted">You are in no team yet: ask a team owner to add {sync.account.email}.</p>
          ) : (
            <ul className="cloud-teams">
              {teams.map((team) => (
                <li key={team.id} data-testid={TID.cloudTeam}>
                  {team.name} <span className="muted">({team.role})</span>
                </li>
              ))}
            </ul>
          )}
          <AutoUploadSetting />
          <div className="field-row">
            <button type="button" onClick={() => void signOut()} disabled={syncBusy} data-testid={TID.cloudSignOut}>
              Sign out
            </button>
          </div>
        </section>
      ) : sync.project ? (
        <SignInForm />
      ) : null}

      <section className="pane-section" aria-label="Team project">
        <h2 className="pane-section__title">Project</h2>
        {sync.project ? (
          <p className="muted cloud-project" data-testid={TID.cloudProject}>
            {sync.project.url}
            {sync.project.source === 'env' ? ' (from the environment)' : ''}
          </p>
        ) : null}
        {showProjectForm ? (
          <ProjectForm onDone={() => setEditingProject(false)} />
        ) : (
          <div className="field-row">
            <button type="button" onClick={() => setEditingProject(true)}>
              Change project…
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

/** Off by default: a full game is several GB, so it goes up on its own only when the analyst says so. */
function AutoUploadSetting() {
  const { autoUpload, loadAutoUpload, setAutoUpload } = useApp((s) => ({
    autoUpload: s.autoUpload,
    loadAutoUpload: s.loadAutoUpload,
    setAutoUpload: s.setAutoUpload,
  }));
  useEffect(() => {
    void loadAutoUpload();
  }, [loadAutoUpload]);
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={autoUpload ?? false}
        disabled={autoUpload === null}
        onChange={(e) => void setAutoUpload(e.target.checked)}
        data-testid={TID.cloudAutoUpload}
      />
      Upload videos of shared games automatically
    </label>
  );
}

function PanelError({ error }: { error: AppError }) {
  const notice = describeError(error);
  return (
    <p className="field-error" role="alert" data-testid={TID.cloudError}>
      <strong>{notice.title}</strong>
      <br />
      {notice.message}
    </p>
  );
}

function SignInForm() {
  const { signIn, syncBusy } = useApp((s) => ({ signIn: s.signIn, syncBusy: s.syncBusy }));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The password is not kept in the page once it has been used, right or wrong.
    if (await signIn({ email: email.trim(), password })) setEmail('');
    setPassword('');
  };
  return (
    <form className="pane-section" onSubmit={submit} aria-label="Sign in to the team cloud">
      <h2 className="pane-section__title">Sign in</h2>
      <label>
        Email
        <input
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          data-panel-focus
          data-testid={TID.cloudEmail}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          data-testid={TID.cloudPassword}
        />
      </label>
      <button type="submit" disabled={syncBusy || !email.trim() || !password} data-testid={TID.cloudSignIn}>
        Sign in
      </button>
    </form>
  );
}

function ProjectForm({ onDone }: { onDone: () => void }) {
  const { configureCloud, syncBusy, project } = useApp((s) => ({
    configureCloud: s.configureCloud,
    syncBusy: s.syncBusy,
    project: s.sync?.project ?? null,
  }));
  const [url, setUrl] = useState(project?.url ?? '');
  const [anonKey, setAnonKey] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await configureCloud({ url: url.trim(), anonKey: anonKey.trim() })) {
      setAnonKey('');
      onDone();
    }
  };
  return (
    <form className="cloud-project-form" onSubmit={submit} aria-label="Team project">
      <label>
        Project URL
        <input
          type="url"
          placeholder="https://….supabase.co"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          data-testid={TID.cloudProjectUrl}
        />
      </label>
      <label>
        Anon (public) key
        <input
          value={anonKey}
          onChange={(e) => setAnonKey(e.target.value)}
          required
          data-testid={TID.cloudProjectKey}
        />
      </label>
      <p className="muted">Changing the project signs you out; shared games stay in the library.</p>
      <button type="submit" disabled={syncBusy || !url.trim() || !anonKey.trim()} data-testid={TID.cloudProjectSave}>
        Save project
      </button>
    </form>
  );
}
