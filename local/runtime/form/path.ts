/**
 * The pages a respondent's answers take them through. After a page, the form
 * goes where the chosen answer of a multiple-choice question with navigation
 * on that page leads ("if the responder selects this choice and completes the
 * current page", Apps Script reference, Choice.getPageNavigationType,
 * https://developers.google.com/apps-script/reference/forms/choice); else where
 * the next page break says ("after completing the page before this page
 * break", https://developers.google.com/apps-script/reference/forms/page-break-item);
 * else on to the next page. Navigation "has no effect on the last page" (the
 * Choice reference's sample). Questions on pages off the path are never
 * shown, so their answers are not submitted (Google Forms Help, "Send
 * respondents to a section based on answers",
 * https://support.google.com/docs/answer/141062; that an answer typed on a
 * page the respondent then left by going back is dropped is not confirmed offline).
 */
import type { FormResponseState, FormState, PageNavigation } from '../state';

type Answer = FormResponseState['answers'][number];

/** The ids of the question items on the respondent's path. */
export function pagesOnPath(form: FormState, answers: ReadonlyMap<number, Answer>): Set<number> {
  // pages[0] is before the first page break; each later page starts with its page break.
  const pages: { breakId: number | null; goTo: PageNavigation; items: FormState['items'] }[] = [{ breakId: null, goTo: 'CONTINUE', items: [] }];
  for (const item of form.items) {
    if (item.type === 'PAGE_BREAK') pages.push({ breakId: item.id, goTo: item.goTo ?? 'CONTINUE', items: [] });
    else pages[pages.length - 1]!.items.push(item);
  }
  const onPath = new Set<number>();
  const seen = new Set<number>();
  for (let p = 0; p >= 0 && p < pages.length && !seen.has(p); ) {
    seen.add(p);
    const page = pages[p]!;
    for (const item of page.items) onPath.add(item.id);
    if (p === pages.length - 1) break;
    let next: PageNavigation = pages[p + 1]!.goTo;
    for (const item of page.items) {
      if (item.type !== 'MULTIPLE_CHOICE' || !item.navigation) continue;
      const answer = answers.get(item.id)?.response;
      const chosen = typeof answer === 'string' ? (item.choices ?? []).indexOf(answer) : -1;
      const nav = chosen >= 0 ? item.navigation[chosen] : null;
      if (nav !== null && nav !== undefined) next = nav;
    }
    if (next === 'SUBMIT' || next === 'RESTART') break;
    p = next === 'CONTINUE' ? p + 1 : pages.findIndex((x) => x.breakId === next);
  }
  return onPath;
}
