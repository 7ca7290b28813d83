/**
 * Recurring phrases: what several customers wrote in a period's descriptions
 * and feedback, from Chinese n-grams counted once per customer (text mining
 * only: no dictionary beyond the common words and particles below).
 */

export interface Phrase {
  phrase: string;
  /** Distinct customers who wrote it in the period. */
  customers: number;
  /** Share of the period's customers (0–1). */
  share: number;
}

/** Words too common to be a recurring issue on their own. */
const STOP_PHRASES: ReadonlySet<string> = new Set([
  '我们', '你们', '他们', '希望', '需要', '问题', '可以', '一下', '没有', '什么', '怎么', '如何', '公司', '产品',
  '客户', '谢谢', '请问', '现在', '目前', '已经', '进行', '使用', '了解', '一个', '这个', '那个', '还是', '如果',
  '因为', '所以', '但是', '情况', '时候', '能否', '是否', '感谢', '您好', '你好', '具体', '相关', '方面', '比较',
  '增加', '提供', '咨询', '处理', '合作', '功能', '一直', '最近', '非常', '不能', '无法',
]);
/** Characters a phrase does not start or end with (particles, pronouns). */
const EDGE_STOP = new Set('的了是我你他她它们很在和与及也就都吗呢吧啊呀哦请您把被让这那个些有又还而或及其对于从到'.split(''));
const PHRASE_MIN = 2;
const PHRASE_MAX = 6;
const PHRASE_TEXT_CAP = 400;
const PHRASE_TOP = 5;
/** Joins of overlapping pieces tried per report (each scans the period's texts once). */
const PHRASE_MERGES = 50;
/** A shorter phrase inside a longer one is dropped when the longer one covers this share of its customers. */
const PHRASE_COVER = 0.75;

/**
 * The most frequent phrases in the period's descriptions and feedback: CJK
 * runs cut into 2–6 character n-grams, counted once per customer, kept when
 * at least two customers wrote them and they are more than common words; a
 * fragment is dropped when a longer phrase holding it, or a better-ranked
 * phrase overlapping it, covers most of its customers (登录卡 in 登录卡顿).
 */
export function topPhrases(docs: readonly { key: string; text: string }[], customers: number, top = PHRASE_TOP): Phrase[] {
  const perKey = new Map<string, Set<string>>();
  const texts = new Map<string, string>();
  for (const d of docs) {
    let grams = perKey.get(d.key);
    if (!grams) perKey.set(d.key, (grams = new Set()));
    const text = d.text.slice(0, PHRASE_TEXT_CAP).normalize('NFKC');
    texts.set(d.key, (texts.get(d.key) ?? '') + '\n' + text);
    const runs = text.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
    for (const run of runs) {
      for (let n = PHRASE_MIN; n <= PHRASE_MAX; n++) {
        for (let i = 0; i + n <= run.length; i++) grams.add(run.slice(i, i + n));
      }
    }
  }
  const counts = new Map<string, number>();
  for (const grams of perKey.values()) for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  const candidates = [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[0].length - a[0].length || b[1] - a[1]);
  const kept: [string, number][] = [];
  for (const [g, n] of candidates) {
    if (kept.some(([h, m]) => h.length > g.length && h.includes(g) && m >= PHRASE_COVER * n)) continue;
    kept.push([g, n]);
  }
  const meaningful = kept
    .filter(([g]) => !EDGE_STOP.has(g[0]) && !EDGE_STOP.has(g[g.length - 1]) && !onlyCommonWords(g))
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  const writtenBy = (phrase: string) => {
    let n = 0;
    for (const text of texts.values()) if (text.includes(phrase)) n++;
    return n;
  };
  const chosen: [string, number][] = [];
  let merges = 0;
  for (const [g, n] of meaningful) {
    if (chosen.length === top) break;
    if (chosen.some(([h, m]) => h.includes(g) && m >= PHRASE_COVER * n)) continue;
    const i = chosen.findIndex(([h, m]) => overlaps(g, h) && m >= PHRASE_COVER * n);
    if (i < 0) {
      chosen.push([g, n]);
      continue;
    }
    // Pieces of one longer sentence that several customers wrote: join them when the whole is as common.
    const [h, m] = chosen[i]!;
    if (m !== n || merges >= PHRASE_MERGES) continue;
    merges++;
    const whole = join(h, g);
    if (whole !== null && writtenBy(whole) === m) chosen[i] = [whole, m];
  }
  return chosen.map(([phrase, n]) => ({ phrase, customers: n, share: customers > 0 ? n / customers : 0 }));
}

/** Whether a phrase is made of common words and particles only (希望需要). */
function onlyCommonWords(g: string): boolean {
  let rest = g;
  for (const w of STOP_PHRASES) if (rest.includes(w)) rest = rest.split(w).join('');
  let kept = 0;
  for (const ch of rest) if (!EDGE_STOP.has(ch)) kept++;
  return kept < 2;
}

/** `a` and `b` joined on their longest overlap (either order), or null. */
function join(a: string, b: string): string | null {
  for (let k = Math.min(a.length, b.length) - 1; k >= 2; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
    if (b.endsWith(a.slice(0, k))) return b + a.slice(k);
  }
  return null;
}

/** Whether two phrases run into each other (one ends with at least two characters the other starts with). */
function overlaps(a: string, b: string): boolean {
  for (let k = 2; k < Math.min(a.length, b.length); k++) {
    if (a.endsWith(b.slice(0, k)) || b.endsWith(a.slice(0, k))) return true;
  }
  return false;
}
