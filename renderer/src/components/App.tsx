import { Workspace } from '../layout/Workspace.tsx';

export function App() {
  return <Workspace />;
}
