/**
 * Form publishing, which @types/google-apps-script 2.0.13 does not declare yet.
 * Since 2026-06-30 a form created by script starts unpublished and takes no
 * responses until it is published (Google's "API changes to Google Forms" and
 * "Publish and manage responders" pages; Apps Script: Form.setPublished).
 */
declare namespace GoogleAppsScript {
  namespace Forms {
    interface Form {
      /** Whether the form is published to respondents. */
      isPublished(): boolean;
      /** Publishes (and opens to responses) or unpublishes the form. */
      setPublished(published: boolean): Form;
      /** Whether the form supports publishing and responder permissions (every form made since the change). */
      supportsAdvancedResponderPermissions(): boolean;
    }
  }
}
