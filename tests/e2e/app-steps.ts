import type { Page } from '@playwright/test';
import { fixture } from './host-fixture.ts';
import { TID } from '../../renderer/src/testids.ts';

export interface NewGame {
  title: string;
  date?: string;
  home?: string;
  away?: string;
}

/** Fills the "New game" form, creates the game and opens it (the library starts empty). */
export async function createGame(page: Page, game: NewGame): Promise<void> {
  await page.getByTestId(TID.newGameTitle).fill(game.title);
  await page.getByTestId(TID.newGameDate).fill(game.date ?? '2026-11-24');
  await page.getByTestId(TID.newGameHome).fill(game.home ?? 'A');
  await page.getByTestId(TID.newGameAway).fill(game.away ?? 'B');
  await page.getByTestId(TID.newGameSubmit).click();
  await page.getByTestId(TID.gameItem).click();
}

/** Imports a committed fixture clip into the open game and opens it in the player. */
export async function importAndOpen(page: Page, clip: string): Promise<void> {
  await page.getByTestId(TID.importPath).fill(fixture(clip));
  await page.getByTestId(TID.importSubmit).click();
  await page.getByTestId(TID.videoItem).click();
}

/** Brings a tab of the side panel forward (library, roster, analysis, export). */
export async function openSideTab(page: Page, tab: 'library' | 'roster' | 'analysis' | 'export'): Promise<void> {
  await page.locator(`[data-testid="${TID.sideTab}"][data-tab="${tab}"]`).click();
}
