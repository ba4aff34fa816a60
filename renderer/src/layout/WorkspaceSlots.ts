import { createContext, useContext } from 'react';

/**
 * Where the workspace wants parts that are owned deeper down: the timeline belongs to the open
 * video (its element, its analysis) but lies across the bottom of the window.
 */
export interface WorkspaceSlots {
  timeline: HTMLElement | null;
}

export const WorkspaceSlotsContext = createContext<WorkspaceSlots>({ timeline: null });

export function useWorkspaceSlots(): WorkspaceSlots {
  return useContext(WorkspaceSlotsContext);
}
