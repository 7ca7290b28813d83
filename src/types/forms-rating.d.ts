/**
 * The rating question, which @types/google-apps-script 2.0.13 does not declare
 * yet (Apps Script reference, https://developers.google.com/apps-script/reference/forms/rating-item:
 * Form.addRatingItem, Item.asRatingItem, ItemType.RATING, RatingIconType).
 */
declare namespace GoogleAppsScript {
  namespace Forms {
    enum ItemType {
      RATING = 17,
    }
    enum RatingIconType {
      STAR,
      HEART,
      THUMB_UP,
    }
    interface FormApp {
      RatingIconType: typeof RatingIconType;
    }
    interface Form {
      addRatingItem(): RatingItem;
    }
    interface Item {
      asRatingItem(): RatingItem;
    }
    interface RatingItem {
      createResponse(response: Integer): ItemResponse;
      getHelpText(): string;
      getId(): Integer;
      getIndex(): Integer;
      getRatingIcon(): RatingIconType;
      getRatingScaleLevel(): Integer;
      getTitle(): string;
      getType(): ItemType;
      isRequired(): boolean;
      setHelpText(text: string): RatingItem;
      setRatingIcon(ratingIcon: RatingIconType): RatingItem;
      setRatingScaleLevel(ratingScaleLevel: Integer): RatingItem;
      setRequired(enabled: boolean): RatingItem;
      setTitle(title: string): RatingItem;
    }
  }
}
