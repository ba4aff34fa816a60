// One box vocabulary: a type with x1, y1, x2, y2 members is a box, and boxes are declared only in
// electron/contract/detection.ts (Rect, Detection, TrackedDetection). A second declaration drifts
// from the first (a missing field, another meaning of trackId) and each one needs its converter.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONTRACT = path.join(ROOT, 'electron', 'contract') + path.sep;
const CORNERS = ['x1', 'y1', 'x2', 'y2'];

function memberNames(members) {
  const names = new Set();
  for (const m of members) {
    if (m.type !== 'TSPropertySignature') continue;
    if (m.key.type === 'Identifier') names.add(m.key.name);
    else if (m.key.type === 'Literal') names.add(String(m.key.value));
  }
  return names;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Declare box types (x1, y1, x2, y2) only in electron/contract' },
    schema: [],
    messages: {
      box: 'Box types live in electron/contract/detection.ts: use Rect, Detection or TrackedDetection (extend one if you must add fields).',
    },
  },
  create(context) {
    if (path.resolve(context.filename).startsWith(CONTRACT)) return {};
    const check = (node, members) => {
      const names = memberNames(members);
      if (CORNERS.every((c) => names.has(c))) context.report({ node, messageId: 'box' });
    };
    return {
      TSInterfaceDeclaration: (node) => check(node, node.body.body),
      TSTypeLiteral: (node) => check(node, node.members),
    };
  },
};

export default { rules: { 'box-vocabulary': rule } };
