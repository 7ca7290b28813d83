/**
 * A Form that takes responses from anyone with the link. Since 2026-06-30 a
 * form created by script starts unpublished (Google's Forms API change), and
 * FormApp.create's name titles only the Drive file, so setup titles,
 * publishes and opens each form, then reads the state back: what it reports
 * is what respondents will meet, not what was asked for.
 */

import type { Translate } from '../i18n/messages';

type Form = GoogleAppsScript.Forms.Form;

/** What a respondent without a Google account meets, as read back from the form. */
export interface FormReadiness {
  titled: boolean;
  described: boolean;
  published: boolean;
  accepting: boolean;
  /** False when only signed-in users of the owner's Workspace domain may respond. */
  anyone: boolean;
}

/** Titles an untitled form, publishes it and opens it to anyone; a title or description staff set is kept. */
export function publishForm(form: Form, title: string, description: string): FormReadiness {
  if (form.getTitle() === '') form.setTitle(title);
  if (form.getDescription() === '') form.setDescription(description);
  const publishable = form.supportsAdvancedResponderPermissions();
  if (publishable && !form.isPublished()) form.setPublished(true);
  if (!form.isAcceptingResponses()) form.setAcceptingResponses(true);
  if (form.requiresLogin()) {
    try {
      form.setRequireLogin(false);
    } catch {
      // A Workspace policy may forbid forms outside the domain: reported below, not fatal.
    }
  }
  return readiness(form, publishable);
}

/** The form as respondents meet it, read without changing anything (the self-check). */
export function readinessOf(form: Form): FormReadiness {
  return readiness(form, form.supportsAdvancedResponderPermissions());
}

function readiness(form: Form, publishable: boolean): FormReadiness {
  return {
    titled: form.getTitle() !== '',
    described: form.getDescription() !== '',
    published: !publishable || form.isPublished(),
    accepting: form.isAcceptingResponses(),
    anyone: !form.requiresLogin(),
  };
}

/** What keeps a Form from taking responses, one line each, with what to do (`name`: which Form). */
export function readinessProblems(r: FormReadiness, name: string, t: Translate): string[] {
  return [
    ...(r.published ? [] : [t('setup.formUnpublished', { form: name })]),
    ...(r.published && !r.accepting ? [t('setup.formClosed', { form: name })] : []),
    ...(r.anyone ? [] : [t('setup.formDomainOnly', { form: name })]),
    ...(r.titled ? [] : [t('setup.formUntitled', { form: name })]),
    ...(r.described ? [] : [t('setup.formUndescribed', { form: name })]),
  ];
}
