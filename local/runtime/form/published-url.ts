/** A form's respondent link (Form.getPublishedUrl()), which FormResponse's edit and pre-filled links extend. */
export function publishedUrl(formId: string): string {
  return `https://docs.google.com/forms/d/e/${formId}/viewform`;
}
