import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { Video } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { addDraftPoint, closeDraft, draftPointAt, MIN_RINK_POINTS, type DraftPoint } from './rinkDraft.ts';

/**
 * The ice surface drawn once per camera view, over the picture: click the corners, Enter closes
 * and saves, Backspace takes the last corner back, Esc cancels. People whose skates stand outside
 * it are "not on the ice". The SVG's viewBox is the video's own pixels with the same contain
 * fit as the <video>, so a click maps to the picture however the element is sized.
 */
export function RinkRegionLayer({ video }: { video: Video }) {
  const s = useApp((state) => ({
    rinkRegion: state.rinkRegion,
    drawing: state.rinkDrawing,
    loadRinkRegion: state.loadRinkRegion,
    saveRinkRegion: state.saveRinkRegion,
    setRinkDrawing: state.setRinkDrawing,
  }));
  const { loadRinkRegion, saveRinkRegion, setRinkDrawing, drawing } = s;
  const [draft, setDraft] = useState<DraftPoint[]>([]);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const { width, height } = video.probe;

  useEffect(() => {
    void loadRinkRegion(video.id);
    return () => setRinkDrawing(false);
  }, [video.id, loadRinkRegion, setRinkDrawing]);

  useEffect(() => {
    if (!drawing) setDraft([]);
  }, [drawing]);

  // While drawing, these keys belong to the drawing (captured before the player's and tagging's).
  useEffect(() => {
    if (!drawing) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        const region = closeDraft(draft);
        if (region) void saveRinkRegion(video.id, region);
      } else if (event.key === 'Escape') setRinkDrawing(false);
      else if (event.key === 'Backspace') setDraft((points) => points.slice(0, -1));
      else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [drawing, draft, video.id, saveRinkRegion, setRinkDrawing]);

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const svg = svgRef.current;
    const matrix = svg?.getScreenCTM();
    if (!svg || !matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    setDraft((points) => addDraftPoint(points, draftPointAt(at.x, at.y, width, height)));
  };

  const saved = s.rinkRegion?.videoId === video.id ? s.rinkRegion.points : null;
  if (!drawing || !(width > 0 && height > 0)) return null;
  const toPixels = (points: readonly DraftPoint[]) => points.map((p) => `${p.x * width},${p.y * height}`).join(' ');
  const dot = Math.max(width, height) / 200;
  return (
    <>
      <svg
        ref={svgRef}
        className="rink-layer"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMidYMid meet"
        onClick={onClick}
        data-testid={TID.rinkLayer}
        data-points={draft.length}
        aria-label="Draw the rink: click the corners of the ice"
      >
        {saved ? <polygon className="rink-layer__saved" points={toPixels(saved)} /> : null}
        {draft.length >= MIN_RINK_POINTS ? (
          <polygon className="rink-layer__draft" points={toPixels(draft)} />
        ) : (
          <polyline className="rink-layer__draft" points={toPixels(draft)} />
        )}
        {draft.map((p, i) => (
          <circle key={i} className="rink-layer__corner" cx={p.x * width} cy={p.y * height} r={dot} />
        ))}
      </svg>
      <p className="rink-hint" data-testid={TID.rinkHint} role="status">
        Click the corners of the ice ({draft.length}) · Enter to finish
        {draft.length < MIN_RINK_POINTS ? ` (${MIN_RINK_POINTS} or more)` : ''} · Backspace takes a corner back · Esc
        cancels
      </p>
    </>
  );
}
