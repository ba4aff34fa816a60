import type { Page } from '@playwright/test';
import { fixture } from './host-fixture.ts';

export interface NewGame {
  title: string;
  date?: string;
  home?: string;
  away?: string;
}

/** Fills the "New game" form, creates the game and opens it (the library starts empty). */
export async function createGame(page: Page, game: NewGame): Promise<void> {
  await page.getByTestId('new-game-title').fill(game.title);
  await page.getByTestId('new-game-date').fill(game.date ?? '2026-11-24');
  await page.getByTestId('new-game-home').fill(game.home ?? 'A');
  await page.getByTestId('new-game-away').fill(game.away ?? 'B');
  await page.getByTestId('new-game-submit').click();
  await page.getByTestId('game-item').click();
}

/** Imports a committed fixture clip into the open game and opens it in the player. */
export async function importAndOpen(page: Page, clip: string): Promise<void> {
  await page.getByTestId('import-path').fill(fixture(clip));
  await page.getByTestId('import-submit').click();
  await page.getByTestId('video-item').click();
}
