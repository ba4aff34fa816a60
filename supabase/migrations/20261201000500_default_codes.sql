-- The default code window every install starts with, with the same fixed ids and values as the
-- laptop's seed (electron/engine/store/migrations/0003-tagging.ts), so events that point at a
-- default code resolve on the server and a team's devices share one set instead of fifteen copies
-- each. team_id is null: every signed-in user reads them, nobody writes them (see the policies);
-- the old timestamp and 'default' device are the laptop's too.
insert into public.codes (id, name, hotkey, colour, lead_s, lag_s, mode, sort_order, updated_at, device_id)
select id::uuid, name, hotkey, colour, lead_s, lag_s, mode, sort_order, '2026-01-01T00:00:00.000Z', 'default'
from (values
  ('c0de0000-0000-4000-8000-000000000001', 'shot', 's', '#fb8c00', 5, 3, 'instant', 0),
  ('c0de0000-0000-4000-8000-000000000002', 'shot on goal', 'Shift+S', '#ffb300', 5, 3, 'instant', 10),
  ('c0de0000-0000-4000-8000-000000000003', 'goal', 'n', '#e53935', 8, 4, 'instant', 20),
  ('c0de0000-0000-4000-8000-000000000004', 'save', 'v', '#1e88e5', 5, 3, 'instant', 30),
  ('c0de0000-0000-4000-8000-000000000005', 'faceoff won', 'f', '#43a047', 3, 5, 'instant', 40),
  ('c0de0000-0000-4000-8000-000000000006', 'faceoff lost', 'Shift+F', '#8e24aa', 3, 5, 'instant', 50),
  ('c0de0000-0000-4000-8000-000000000007', 'hit', 'h', '#6d4c41', 3, 2, 'instant', 60),
  ('c0de0000-0000-4000-8000-000000000008', 'takeaway', 't', '#00897b', 4, 3, 'instant', 70),
  ('c0de0000-0000-4000-8000-000000000009', 'giveaway', 'Shift+T', '#d81b60', 4, 3, 'instant', 80),
  ('c0de0000-0000-4000-8000-000000000010', 'zone entry', 'e', '#3949ab', 5, 3, 'instant', 90),
  ('c0de0000-0000-4000-8000-000000000011', 'zone exit', 'x', '#5e35b1', 5, 3, 'instant', 100),
  ('c0de0000-0000-4000-8000-000000000012', 'dump-in', 'd', '#757575', 4, 3, 'instant', 110),
  ('c0de0000-0000-4000-8000-000000000013', 'penalty', 'p', '#fdd835', 10, 3, 'instant', 120),
  ('c0de0000-0000-4000-8000-000000000014', 'blocked shot', 'b', '#546e7a', 4, 2, 'instant', 130),
  ('c0de0000-0000-4000-8000-000000000015', 'line change', 'c', '#00acc1', 2, 2, 'span', 140)
) as defaults (id, name, hotkey, colour, lead_s, lag_s, mode, sort_order);
