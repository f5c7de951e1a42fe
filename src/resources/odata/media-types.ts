interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The media ranges of an Accept header (RFC 9110 §12.5.1) with their weights. */
function ranges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [range, ...params] = part.trim().split(';');
      const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
      return { type, subtype, q: q ? Number(q[1]) : 1 };
    })
    .filter((r) => r.type !== '');
}

function weight(offered: string, accepted: readonly MediaRange[]): number {
  const [type, subtype] = offered.split('/');
  let best = -1;
  let specificity = -1;
  for (const range of accepted) {
    const level =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
    if (level > specificity) {
      specificity = level;
      best = range.q;
    }
  }
  return best;
}

/** The offered type the client weights highest (the first offered on a tie), or null when it accepts none. */
export function preferred(accept: string | undefined, offered: readonly string[]): string | null {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const accepted = ranges(accept);
  let choice: string | null = null;
  let top = 0;
  for (const type of offered) {
    const q = weight(type, accepted);
    if (q > top) {
      top = q;
      choice = type;
    }
  }
  return choice;
}
