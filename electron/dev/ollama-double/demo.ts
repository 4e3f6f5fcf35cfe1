import { fold, type ChatRequest, type ChatRule } from './model.js';

/**
 * The demo script of `opsdeck ollama-dev` (a DOUBLE, not a language model): a few keyword rules
 * that call OpsDeck's tools and then answer with a table made from the tool results it was sent.
 */

/** The rows of the last tool result in the request (the JSON between OpsDeck's data fences). */
export function lastToolRows(req: ChatRequest): Record<string, unknown>[] {
  const tool = [...req.messages].reverse().find((m) => m.role === 'tool');
  if (!tool) return [];
  const lines = tool.content.split('\n');
  try {
    const data = JSON.parse(lines.slice(1, -1).join('\n')) as { rows?: Record<string, unknown>[] };
    return data.rows ?? [];
  } catch {
    return [];
  }
}

function table(rows: Record<string, unknown>[], fr: boolean): string {
  if (!rows.length) return fr ? 'Rien à signaler dans les données.' : 'Nothing to report in the data.';
  const cols = Object.keys(rows[0]!).slice(0, 4);
  const head = `| ${cols.join(' | ')} |\n|${cols.map(() => ' --- ').join('|')}|`;
  const body = rows.slice(0, 8).map((r) => `| ${cols.map((c) => String(r[c] ?? '—')).join(' | ')} |`);
  return [head, ...body].join('\n');
}

const isFr = (req: ChatRequest) => /français/.test(req.messages[0]?.content ?? '');

function summary(intro: { fr: string; en: string }) {
  return (req: ChatRequest) => {
    const fr = isFr(req);
    const rows = lastToolRows(req);
    return `${fr ? intro.fr : intro.en}\n\n${table(rows, fr)}\n`;
  };
}

export const DEMO_RULES: ChatRule[] = [
  {
    when: (_q, req) => !req.tools?.length,
    steps: [{ content: summary({ fr: "D'après les données :", en: 'From the data:' }) }],
  },
  {
    when: (q) => /explique|explain|detail|raconte/.test(fold(q)),
    steps: [
      {
        content: (req) =>
          (isFr(req)
            ? 'Voici une explication détaillée de la façon dont OpsDeck calcule le point de commande, le stock de sécurité et la date de rupture, étape par étape. '
            : 'Here is a detailed explanation of how OpsDeck computes the reorder point, the safety stock and the stock-out date, step by step. '
          ).repeat(12),
        tokenDelayMs: 120,
      },
    ],
  },
  {
    when: (q) => /command|order|acheter|buy/.test(fold(q)),
    steps: [
      { toolCalls: [{ name: 'to_order_this_week', arguments: {} }] },
      {
        toolCalls: (req) => {
          const first = lastToolRows(req)[0];
          return first ? [{ name: 'propose_purchase_order', arguments: { product: String(first.sku) } }] : [];
        },
        content: (req) =>
          lastToolRows(req).length ? '' : summary({ fr: 'Rien à commander cette semaine.', en: 'Nothing to order this week.' })(req),
      },
      {
        content: (req) => {
          const fr = isFr(req);
          const rows = [...req.messages].filter((m) => m.role === 'tool');
          const list = rows[0] ? lastToolRows({ ...req, messages: [rows[0]] }) : [];
          return `${fr ? '**À commander cette semaine** — je vous propose la première commande ci-dessous, à confirmer.' : '**To order this week** — the first order is proposed below for you to confirm.'}\n\n${table(list, fr)}\n`;
        },
        tokenDelayMs: 15,
      },
    ],
  },
  {
    when: (q) => /borne|booth|papier|paper/.test(fold(q)),
    steps: [{ toolCalls: [{ name: 'booth_status', arguments: {} }] }, { content: summary({ fr: '**Bornes**', en: '**Booths**' }) }],
  },
  {
    when: (q) => /stock|rupture|low/.test(fold(q)),
    steps: [{ toolCalls: [{ name: 'low_stock', arguments: {} }] }, { content: summary({ fr: '**Stock bas**', en: '**Low stock**' }) }],
  },
  {
    when: (q) => /evenement|event/.test(fold(q)),
    steps: [{ toolCalls: [{ name: 'events_of_period', arguments: {} }] }, { content: summary({ fr: '**Événements**', en: '**Events**' }) }],
  },
  {
    when: (q) => /alerte|alert/.test(fold(q)),
    steps: [{ toolCalls: [{ name: 'recent_alerts', arguments: {} }] }, { content: summary({ fr: '**Alertes**', en: '**Alerts**' }) }],
  },
  {
    when: () => true,
    steps: [
      { toolCalls: (req) => [{ name: 'catalog_search', arguments: { query: req.messages.at(-1)?.content.slice(0, 100) ?? '' } }] },
      { content: summary({ fr: '**Résultats**', en: '**Results**' }) },
    ],
  },
];
