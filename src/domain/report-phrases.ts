/**
 * Recurring phrases (高频问题): what several customers wrote in a period's
 * descriptions and feedback. Text mining only, no dictionary: Chinese runs
 * cut into 2–6 character n-grams, Latin text into whole words (and runs of
 * two or three words), each counted once per customer. What the issue-type
 * distribution already says (配置 › 问题类型 names and keywords) and words too
 * generic to be an issue on their own (STOP_WORDS) are never shown.
 */

export interface Phrase {
  phrase: string;
  /** Distinct customers who wrote it in the period. */
  customers: number;
  /** Tickets of the period whose text holds it. */
  tickets: number;
  /** Share of the period's tickets (0–1). */
  share: number;
}

export interface PhraseDoc {
  /** The customer (one customer writing a phrase in many tickets counts once). */
  key: string;
  text: string;
}

export interface PhraseOptions {
  /** Issue-type names and keywords (配置 › 问题类型): the type distribution shows them, phrases do not. */
  exclude?: readonly string[];
  top?: number;
}

/** A phrase fewer customers wrote is not a recurring issue. */
export const PHRASE_MIN_CUSTOMERS = 3;

/** Words too generic to be a recurring issue on their own (alone, or made only of these). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '我们', '你们', '他们', '希望', '需要', '问题', '可以', '一下', '没有', '什么', '怎么', '如何', '公司', '产品',
  '客户', '谢谢', '请问', '现在', '目前', '已经', '进行', '使用', '了解', '一个', '这个', '那个', '还是', '如果',
  '因为', '所以', '但是', '情况', '时候', '能否', '是否', '感谢', '您好', '你好', '具体', '相关', '方面', '比较',
  '增加', '提供', '咨询', '处理', '合作', '功能', '一直', '最近', '非常', '不能', '无法', '确认', '系统', '出现',
  '麻烦', '尽快', '帮忙', '帮助', '解决', '反馈', '之后', '以后', '时间', '今天', '昨天', '一些', '有点', '还有',
  '就是', '这样', '那样', '所有', '每次', '总是', '经常', '其他', '其它', '东西', '方式', '方法', '内容', '信息',
  '服务', '支持', '我司', '贵司', '老师', '同事', '领导', '用户', '可能', '应该', '觉得', '知道', '不会', '不是',
  '这边', '那边', '上面', '下面', '里面', '一样', '比如', '然后', '或者', '以及', '并且', '而且', '虽然', '还要',
  // Latin
  'the', 'and', 'for', 'with', 'not', 'but', 'you', 'your', 'our', 'are', 'was', 'were', 'this', 'that', 'have', 'has',
  'can', 'cannot', 'could', 'would', 'should', 'will', 'please', 'thanks', 'thank', 'hello', 'when', 'what', 'how',
  'why', 'there', 'from', 'into', 'about', 'some', 'any', 'all', 'very', 'just', 'also', 'still', 'need', 'want',
  'problem', 'issue', 'system', 'function', 'feature', 'question', 'help', 'support', 'product', 'service', 'it', 'is',
  'to', 'of', 'in', 'on', 'at', 'by', 'an', 'a', 'be', 'we', 'i', 'my', 'me', 'us', 'do', 'does', 'did', 'so', 'or',
  'if', 'no', 'as', 'up', 'get', 'got',
]);
const CJK_STOP_WORDS = [...STOP_WORDS].filter((w) => /^[\u4e00-\u9fff]+$/.test(w));
/** Characters a Chinese phrase does not start or end with (particles, pronouns, conjunctions). */
const EDGE_STOP = new Set('的了是我你他她它们很在和与及也就都吗呢吧啊呀哦请您把被让这那些又而或'.split(''));
/**
 * Words that never belong to an issue phrase (pronouns, courtesies, connectives,
 * question and time words): Chinese runs are cut at them before n-grams are
 * taken, so no phrase straddles one (希望需要 gives no 望需). Longer ones first.
 */
const BREAK_WORDS: readonly string[] = [
  '我们', '你们', '他们', '她们', '咱们', '我司', '贵司', '希望', '需要', '请问', '请帮', '谢谢', '感谢', '您好', '你好', '麻烦',
  '尽快', '帮忙', '可以', '能否', '是否', '如果', '因为', '所以', '但是', '而且', '并且', '或者', '以及', '虽然', '然后', '还是',
  '比如', '就是', '这样', '那样', '这个', '那个', '一下', '什么', '怎么', '如何', '现在', '目前', '已经', '今天', '昨天', '最近',
  '时候', '之后', '以后', '了解', '为了', '除了', '一些', '有点', '非常', '具体', '相关', '方面',
  '的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '您', '我', '你', '他', '她', '它',
];
const BREAK_PATTERN = new RegExp(BREAK_WORDS.join('|'), 'g');
const CJK_MIN = 2;
const CJK_MAX = 6;
/** A sentence several customers wrote word for word is joined from its pieces, up to this length. */
const JOINED_MAX = 12;
const LATIN_WORDS_MAX = 3;
/** Longer than any word an issue is named by (reconciliation is 14). */
const LATIN_WORD_MAX = 20;
const TEXT_CAP = 400;
const TOP = 5;
/** Joins tried per report (each reads the period's texts once). */
const JOIN_CHECKS = 200;

/** A link or a mail address: what one customer pasted, never a phrase. */
const NOT_WORDS = /(?:https?:\/\/|www\.)\S*|\S+@\S+/g;
/** A code rather than a word: long, joined by underscores (err_connection_reset), or letters mixed with four digits or more (t20261123001). */
const codeLike = (w: string) => w.length > LATIN_WORD_MAX || w.includes('_') || (/[a-z]/.test(w) && (w.match(/\d/g) ?? []).length >= 4);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const isLatin = (g: string) => /^[a-z0-9]/.test(g);

/** The phrase candidates one text holds: Chinese n-grams and Latin word runs (folded, lower case). */
function candidatesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.replace(BREAK_PATTERN, ' ').match(/[\u4e00-\u9fff]{2,}/g) ?? []) {
    // A phrase holds a generic word whole or not at all: no 统问 out of 系统问题.
    const inside = new Array<boolean>(run.length + 1).fill(false);
    for (const w of CJK_STOP_WORDS) {
      for (let i = run.indexOf(w); i !== -1; i = run.indexOf(w, i + 1)) for (let k = i + 1; k < i + w.length; k++) inside[k] = true;
    }
    for (let n = CJK_MIN; n <= CJK_MAX; n++) {
      for (let i = 0; i + n <= run.length; i++) if (!inside[i] && !inside[i + n]) out.add(run.slice(i, i + n));
    }
  }
  // Latin words are runs of letters, digits, + and # (c++, c#); anything else but a space ends a run of words.
  // Links, addresses and codes (ticket numbers, error ids) are no words: cut out, they end a run.
  const latin = text.replace(NOT_WORDS, ' | ').replace(/[a-z0-9_+#.\-/]+/g, (w) => (codeLike(w) ? ' | ' : w));
  for (const clause of latin.match(/[a-z0-9+#]+(?: [a-z0-9+#]+)*/g) ?? []) {
    const words = clause.split(' ');
    for (let n = 1; n <= LATIN_WORDS_MAX; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const run = words.slice(i, i + n);
        if (/[a-z]/.test(run.join(''))) out.add(run.join(' '));
      }
    }
  }
  return out;
}

/** Whether `text` (folded) holds `phrase`: a substring for Chinese, whole words for Latin. */
export function holds(text: string, phrase: string): boolean {
  if (!isLatin(phrase)) return text.includes(phrase);
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) {
    const before = text[i - 1];
    const after = text[i + phrase.length];
    if ((before === undefined || !/[a-z0-9+#]/.test(before)) && (after === undefined || !/[a-z0-9+#]/.test(after))) return true;
  }
  return false;
}

/** Whether `long` holds `short` as a part (Chinese substring, Latin whole words), and is longer. */
function within(short: string, long: string): boolean {
  return long.length > short.length && isLatin(short) === isLatin(long) && holds(long, short);
}

/** A phrase worth showing by itself: more than particles and generic words, not an issue-type term. */
function meaningful(g: string, excluded: ReadonlySet<string>): boolean {
  if (excluded.has(g) || STOP_WORDS.has(g)) return false;
  if (isLatin(g)) {
    const words = g.split(' ');
    if (STOP_WORDS.has(words[0]!) || STOP_WORDS.has(words[words.length - 1]!)) return false;
    return words.some((w) => !STOP_WORDS.has(w) && !excluded.has(w) && w.length >= 2 && !/^\d+$/.test(w));
  }
  if (EDGE_STOP.has(g[0]!) || EDGE_STOP.has(g[g.length - 1]!)) return false;
  // Made only of generic words and particles (希望需要, 系统问题): nothing specific is left.
  let rest = g;
  for (const w of STOP_WORDS) if (!isLatin(w) && rest.includes(w)) rest = rest.split(w).join('');
  let kept = 0;
  for (const ch of rest) if (!EDGE_STOP.has(ch)) kept++;
  return kept >= 2;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * The most frequent phrases of a period's texts, each with its customers and
 * its share of the tickets (`docs` has one entry per ticket). A phrase is
 * shown when at least PHRASE_MIN_CUSTOMERS customers wrote it; of a phrase
 * and a longer one holding it, the shorter is shown only when at least that
 * many of its customers wrote none of the longer shown ones (登录 is not shown
 * beside 登录失败 and 无法登录 when every customer who wrote it wrote one of
 * those); pieces of one sentence that the same customers wrote are joined.
 */
export function topPhrases(docs: readonly PhraseDoc[], options: PhraseOptions = {}): Phrase[] {
  const top = options.top ?? TOP;
  const excluded = new Set((options.exclude ?? []).map(fold).filter((x) => x !== ''));
  const texts = docs.map((d) => fold(d.text.slice(0, TEXT_CAP)));
  // One customer writing a phrase in many tickets counts once: the candidates of each customer, then counted.
  const perKey = new Map<string, Set<string>>();
  docs.forEach((d, i) => {
    let grams = perKey.get(d.key);
    if (!grams) perKey.set(d.key, (grams = new Set()));
    for (const g of candidatesOf(texts[i]!)) grams.add(g);
  });
  const counts = new Map<string, number>();
  for (const grams of perKey.values()) for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  const frequent = new Set([...counts].filter(([g, n]) => n >= PHRASE_MIN_CUSTOMERS && meaningful(g, excluded)).map(([g]) => g));
  const customersOf = new Map<string, Set<string>>();
  for (const [key, grams] of perKey) {
    for (const g of grams) {
      if (!frequent.has(g)) continue;
      let set = customersOf.get(g);
      if (!set) customersOf.set(g, (set = new Set()));
      set.add(key);
    }
  }

  const ranked = distinct([...customersOf]).sort((a, b) => b[1].size - a[1].size || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));

  const keysOf = (phrase: string) => {
    const who = new Set<string>();
    docs.forEach((d, i) => {
      if (holds(texts[i]!, phrase)) who.add(d.key);
    });
    return who;
  };
  // Pieces of one longer sentence the same customers wrote (页面一直 + 一直转圈) become one phrase, joined;
  // only phrases with the very same customers are tried together.
  const groups = new Map<string, string[]>();
  const sets = new Map<string, Set<string>>();
  let checks = 0;
  for (const [g, who] of ranked) {
    const sig = [...who].sort().join('\u0001');
    sets.set(sig, who);
    const group = groups.get(sig) ?? [];
    groups.set(sig, group);
    let whole = g;
    for (;;) {
      const i = isLatin(whole) ? -1 : group.findIndex((h) => {
        const j = isLatin(h) ? null : join(h, whole);
        return j !== null && j.length <= JOINED_MAX && checks++ < JOIN_CHECKS && sameSet(keysOf(j), who);
      });
      if (i < 0) break;
      whole = join(group[i]!, whole)!;
      group.splice(i, 1);
    }
    group.push(whole);
  }
  const merged = [...groups].flatMap(([sig, list]) => list.map((g): [string, Set<string>] => [g, sets.get(sig)!]));
  // A join may have made a phrase that holds others: judged again, then the most written first.
  const chosen = distinct(merged)
    .sort((a, b) => b[1].size - a[1].size || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, top);
  return chosen.map(([phrase, who]) => {
    const tickets = texts.filter((t) => holds(t, phrase)).length;
    return { phrase, customers: who.size, tickets, share: docs.length > 0 ? tickets / docs.length : 0 };
  });
}

/**
 * The phrases that say something the longer ones do not: judged longest
 * first, a phrase held by longer kept ones is kept only when at least
 * PHRASE_MIN_CUSTOMERS of its customers wrote none of them.
 */
function distinct(list: readonly [string, Set<string>][]): [string, Set<string>][] {
  const byLength = [...list].sort((a, b) => b[0].length - a[0].length || b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1));
  const kept: [string, Set<string>][] = [];
  for (const [g, who] of byLength) {
    const covered = new Set(kept.filter(([h]) => within(g, h)).flatMap(([, w]) => [...w]));
    let own = 0;
    for (const k of who) if (!covered.has(k)) own++;
    if (own >= PHRASE_MIN_CUSTOMERS) kept.push([g, who]);
  }
  return kept;
}

/** `a` and `b` joined on their longest overlap of at least two characters (either order), or null. */
function join(a: string, b: string): string | null {
  for (let k = Math.min(a.length, b.length) - 1; k >= 2; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
    if (b.endsWith(a.slice(0, k))) return b + a.slice(k);
  }
  return null;
}
